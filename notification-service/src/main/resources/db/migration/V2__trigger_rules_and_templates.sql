-- The trigger rules, invitee mapping and default templates. Rules are data: change them with a migration.
-- Internal trigger type internal.meeting-reminder is raised by the reminder job (sen.notification.reminders).
-- Invitee roles are review-service's (PARENT_OR_YOUNG_PERSON, HEAD, LA_SEN_OFFICER, HEALTH, SOCIAL_CARE, OTHER);
-- HEAD and OTHER stand for no agency contact.

INSERT INTO trigger_rule (id, event_type, condition, recipients, channel, template_key, attach_calendar,
                          catch_up_days, description) VALUES
('sen-support-started.parents', 'uk.sen.register.pupil-registered', 'provision=K', 'PARENTS_WITH_PR', 'PREFERRED',
 'sen-support-started', FALSE, 30,
 'SEN support starts: parents and carers with parental responsibility are informed'),
('review-invitation.parents', 'uk.sen.review.meeting-set', 'meetingDate>=today', 'INVITED_PARENTS', 'PREFERRED',
 'review-invitation', TRUE, 30,
 'Review meeting set: invitation with a calendar entry to the parents with parental responsibility, when a parent is invited'),
('review-invitation.agencies', 'uk.sen.review.meeting-set', 'meetingDate>=today', 'INVITED_AGENCIES', 'PREFERRED',
 'review-invitation-agency', TRUE, 30,
 'Review meeting set: invitation with a calendar entry to the agency contacts matching the invitee roles'),
('meeting-reminder.parents', 'internal.meeting-reminder', NULL, 'INVITED_PARENTS', 'PREFERRED',
 'meeting-reminder', FALSE, 0,
 'Reminder before a review meeting (days configured in sen.notification.reminders.days-before) to the invited parents'),
('meeting-reminder.agencies', 'internal.meeting-reminder', NULL, 'INVITED_AGENCIES', 'PREFERRED',
 'meeting-reminder-agency', FALSE, 0,
 'Reminder before a review meeting to the invited agency contacts'),
('deadline-approaching.senco', 'uk.sen.review.deadline-approaching', NULL, 'SCHOOL_SENCO', 'EMAIL',
 'deadline-approaching', FALSE, 0,
 'A deadline is close (14 or 3 days): the school''s SENCO'),
('deadline-missed.senco', 'uk.sen.review.deadline-missed', NULL, 'SCHOOL_SENCO', 'EMAIL',
 'deadline-missed', FALSE, 0,
 'A deadline passed undone: the school''s SENCO'),
('deadline-missed.slt', 'uk.sen.review.deadline-missed', 'statutory=true', 'SCHOOL_SLT', 'EMAIL',
 'deadline-missed', FALSE, 0,
 'A statutory deadline passed undone: also the school''s senior leadership contact'),
('review-report-available.parents', 'uk.sen.review.review-completed', NULL, 'PARENTS_WITH_PR', 'PREFERRED',
 'review-report-available', FALSE, 30,
 'Review completed: parents with parental responsibility are told the report is available'),
('allocation-exceeded.slt', 'uk.sen.workload.allocation-exceeded', NULL, 'SCHOOL_SLT', 'EMAIL',
 'allocation-exceeded', FALSE, 0,
 'A SENCO''s recorded time went over their allocation: the school''s senior leadership contact');

INSERT INTO invitee_agency (invitee_role, agency) VALUES
('LA_SEN_OFFICER', 'LA_SEN_OFFICER'),
('HEALTH', 'HEALTH'),
('HEALTH', 'SPEECH_AND_LANGUAGE_THERAPY'),
('HEALTH', 'OCCUPATIONAL_THERAPY'),
('HEALTH', 'CAMHS'),
('SOCIAL_CARE', 'SOCIAL_CARE');

INSERT INTO message_template (id, trust_id, template_key, channel, subject, body, updated_at, updated_by) VALUES
(gen_random_uuid(), NULL, 'sen-support-started', 'EMAIL', 'SEN support for your child',
$$Dear {recipientName},

Your child's school has started SEN support for your child from {startDate}. The school will plan the extra help with you and review it with you at least three times a year.

The school's SENCO will contact you to agree the plan. You can see the details here:
{link}

Reference: {reference}

{trustName}$$, now(), 'migration'),
(gen_random_uuid(), NULL, 'sen-support-started', 'SMS', NULL,
$${trustName}: your child's school has started SEN support from {startDate}. The SENCO will contact you to agree the plan. Details: {link} Ref {reference}$$,
 now(), 'migration'),

(gen_random_uuid(), NULL, 'review-invitation', 'EMAIL', 'Invitation: annual review meeting on {meetingDate}',
$$Dear {recipientName},

You are invited to your child's annual review meeting on {meetingDate}. The details, and how to share your views before the meeting, are here:
{link}

If you cannot come on this date, please contact the school as soon as you can.

Reference: {reference}

{trustName}$$, now(), 'migration'),
(gen_random_uuid(), NULL, 'review-invitation', 'SMS', NULL,
$${trustName}: you are invited to your child's annual review meeting on {meetingDate}. Details and how to share your views: {link} Ref {reference}$$,
 now(), 'migration'),

(gen_random_uuid(), NULL, 'review-invitation-agency', 'EMAIL', 'Annual review meeting {reference} on {meetingDate}',
$$Dear {recipientName},

You are invited to an annual review meeting on {meetingDate}, reference {reference}. Please send your advice at least two weeks before the meeting.

The details are behind this secure link (this message carries no details of the child):
{link}

{trustName}$$, now(), 'migration'),
(gen_random_uuid(), NULL, 'review-invitation-agency', 'SMS', NULL,
$${trustName}: annual review meeting {reference} on {meetingDate}. Details (secure link): {link}$$,
 now(), 'migration'),

(gen_random_uuid(), NULL, 'meeting-reminder', 'EMAIL', 'Reminder: annual review meeting on {meetingDate}',
$$Dear {recipientName},

A reminder that your child's annual review meeting is {#if daysBefore == 1}tomorrow{#else}in {daysBefore} days{/if}, on {meetingDate}. The details are here:
{link}

Reference: {reference}

{trustName}$$, now(), 'migration'),
(gen_random_uuid(), NULL, 'meeting-reminder', 'SMS', NULL,
$${trustName}: reminder, your child's annual review meeting is on {meetingDate}. Details: {link} Ref {reference}$$,
 now(), 'migration'),

(gen_random_uuid(), NULL, 'meeting-reminder-agency', 'EMAIL', 'Reminder: annual review meeting {reference} on {meetingDate}',
$$Dear {recipientName},

A reminder that annual review meeting {reference} is {#if daysBefore == 1}tomorrow{#else}in {daysBefore} days{/if}, on {meetingDate}. The details are behind this secure link:
{link}

{trustName}$$, now(), 'migration'),
(gen_random_uuid(), NULL, 'meeting-reminder-agency', 'SMS', NULL,
$${trustName}: reminder, annual review meeting {reference} on {meetingDate}. Details (secure link): {link}$$,
 now(), 'migration'),

(gen_random_uuid(), NULL, 'deadline-approaching', 'EMAIL', 'Due in {daysLeft} days: {step} ({reference})',
$$Dear {recipientName},

The step "{step}" for {reference} is due on {dueOn}, {daysLeft} days from today.{#if statutory} It is a statutory deadline.{/if}

Open it here: {link}

{trustName}$$, now(), 'migration'),

(gen_random_uuid(), NULL, 'deadline-missed', 'EMAIL', 'Missed deadline: {step} ({reference})',
$$Dear {recipientName},

The step "{step}" for {reference} was due on {dueOn} and is not recorded as done.{#if statutory} It is a statutory deadline.{/if}

Open it here: {link}

{trustName}$$, now(), 'migration'),

(gen_random_uuid(), NULL, 'review-report-available', 'EMAIL', 'Your child''s annual review report is available',
$$Dear {recipientName},

The report from your child's annual review is ready. You can read it here:
{link}

Reference: {reference}

{trustName}$$, now(), 'migration'),
(gen_random_uuid(), NULL, 'review-report-available', 'SMS', NULL,
$${trustName}: the report from your child's annual review is ready: {link} Ref {reference}$$,
 now(), 'migration'),

(gen_random_uuid(), NULL, 'allocation-exceeded', 'EMAIL', 'SENCO time over allocation',
$$Dear {recipientName},

The time a SENCO at your school has recorded has gone over their allocated time. The workload reports show the detail:
{link}

{trustName}$$, now(), 'migration');
