-- Before an annual review meeting the SENCO asks the pupil's parents, or one kind of agency, for their views or
-- advice by a due date (review-service: uk.sen.review.contribution-requested, and contribution-reminder a few days
-- before the due date while nothing has come). Each recipient gets a link of their own to the form review-service
-- serves ({link}: {base}/contribute/{token}, minted per request and contact, never the portal). A teacher's request
-- needs no message: teachers see theirs in review-service. Nothing of the child is in the events or the templates.
-- No catch-up: a contact added after the request is reached by its reminder, whose text stands on its own.
ALTER TABLE trigger_rule DROP CONSTRAINT trigger_rule_recipients_check;
ALTER TABLE trigger_rule ADD CONSTRAINT trigger_rule_recipients_check
    CHECK (recipients IN ('PARENTS_WITH_PR', 'INVITED_PARENTS', 'INVITED_AGENCIES', 'REQUESTED_AGENCY', 'SCHOOL_SENCO',
                          'SCHOOL_SLT'));

INSERT INTO trigger_rule (id, event_type, condition, recipients, channel, template_key, attach_calendar,
                          catch_up_days, description) VALUES
('contribution-request.parents', 'uk.sen.review.contribution-requested', 'contributor=PARENT and dueOn>=today',
 'PARENTS_WITH_PR', 'PREFERRED', 'contribution-request', FALSE, 0,
 'Views asked of the parents before a review meeting: each parent or carer with parental responsibility gets their own link to the form'),
('contribution-request.agency', 'uk.sen.review.contribution-requested', 'contributor=AGENCY and dueOn>=today',
 'REQUESTED_AGENCY', 'PREFERRED', 'contribution-request-agency', FALSE, 0,
 'Advice asked of an agency before a review meeting: each of the pupil''s contacts of that agency gets their own link to the form, when a basis allows sharing with it'),
('contribution-reminder.parents', 'uk.sen.review.contribution-reminder', 'contributor=PARENT and dueOn>=today',
 'PARENTS_WITH_PR', 'PREFERRED', 'contribution-reminder', FALSE, 0,
 'Parents'' views not yet received a few days before they are due: a reminder with each one''s own link'),
('contribution-reminder.agency', 'uk.sen.review.contribution-reminder', 'contributor=AGENCY and dueOn>=today',
 'REQUESTED_AGENCY', 'PREFERRED', 'contribution-reminder-agency', FALSE, 0,
 'An agency''s advice not yet received a few days before it is due: a reminder with each contact''s own link, when a basis allows sharing');

INSERT INTO message_template (id, trust_id, template_key, channel, subject, body, updated_at, updated_by) VALUES
(gen_random_uuid(), NULL, 'contribution-request', 'EMAIL', 'Your views for your child''s annual review',
$$Dear {recipientName},

Before your child's annual review meeting{#if meetingDate} on {meetingDate}{/if}, we would like to hear your views: what is going well for your child, what is harder, and what you would like to happen next. Everything you tell us will be read before the meeting and talked about at it.

Please share your views by {dueOn}.{#if link} You can do this using this link, which is for you alone, so please do not pass it on:
{link}{/if}

If you would rather talk to someone, or need more time, please contact the school.

Reference: {reference}

{trustName}$$, now(), 'migration'),
(gen_random_uuid(), NULL, 'contribution-request', 'SMS', NULL,
$${trustName}: before your child's annual review meeting{#if meetingDate} on {meetingDate}{/if} we would like to hear your views. Please share them by {dueOn}.{#if link} Your own link: {link}{/if} Ref {reference}$$,
 now(), 'migration'),

(gen_random_uuid(), NULL, 'contribution-request-agency', 'EMAIL', 'Advice for annual review {reference} by {dueOn}',
$$Dear {recipientName},

An annual review meeting, reference {reference}, is to be held{#if meetingDate} on {meetingDate}{/if}. The school would be grateful for your advice: please send your advice, and a report as a PDF if you have one, by {dueOn}.{#if link}

You can send them through this secure link, which is for you alone (this message carries no details of the child):
{link}{/if}

{trustName}$$, now(), 'migration'),
(gen_random_uuid(), NULL, 'contribution-request-agency', 'SMS', NULL,
$${trustName}: please send your advice for annual review {reference}, and a report as a PDF if you have one, by {dueOn}.{#if link} Secure link: {link}{/if}$$,
 now(), 'migration'),

(gen_random_uuid(), NULL, 'contribution-reminder', 'EMAIL', 'Reminder: your views for your child''s annual review',
$$Dear {recipientName},

A gentle reminder: we would still like to hear your views before your child's annual review meeting{#if meetingDate} on {meetingDate}{/if}. Please share them by {dueOn}.{#if link} You can do this using this link, which is for you alone:
{link}{/if}

If you have sent them already, thank you, and please ignore this message. If you would rather talk to someone, or need more time, please contact the school.

Reference: {reference}

{trustName}$$, now(), 'migration'),
(gen_random_uuid(), NULL, 'contribution-reminder', 'SMS', NULL,
$${trustName}: a reminder that we would like to hear your views before your child's annual review meeting, by {dueOn}.{#if link} Your own link: {link}{/if} Ref {reference}$$,
 now(), 'migration'),

(gen_random_uuid(), NULL, 'contribution-reminder-agency', 'EMAIL', 'Reminder: advice for annual review {reference} by {dueOn}',
$$Dear {recipientName},

A reminder that the school has not yet received your advice for annual review meeting {reference}{#if meetingDate} on {meetingDate}{/if}. Please send your advice, and a report as a PDF if you have one, by {dueOn}.{#if link}

You can send them through this secure link, which is for you alone:
{link}{/if}

If you have sent it already, thank you, and please ignore this message.

{trustName}$$, now(), 'migration'),
(gen_random_uuid(), NULL, 'contribution-reminder-agency', 'SMS', NULL,
$${trustName}: reminder, please send your advice for annual review {reference}, and a report as a PDF if you have one, by {dueOn}.{#if link} Secure link: {link}{/if}$$,
 now(), 'migration');
