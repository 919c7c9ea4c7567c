-- A pupil who joins with an EHC plan whose dates the register lacks (a Common Transfer File carries none) arrives
-- with a review that looks long overdue. review-service announces that once (uk.sen.review.overdue-on-arrival) and
-- not each missed step: the SENCO gets one message asking for the real dates, not an email per step within seconds
-- of the import.
INSERT INTO trigger_rule (id, event_type, condition, recipients, channel, template_key, attach_calendar,
                          catch_up_days, description) VALUES
('overdue-on-arrival.senco', 'uk.sen.review.overdue-on-arrival', NULL, 'SCHOOL_SENCO', 'EMAIL',
 'overdue-on-arrival', FALSE, 0,
 'A pupil joined with an EHC plan whose review looks overdue by the dates known: one summary to the school''s SENCO');

INSERT INTO message_template (id, trust_id, template_key, channel, subject, body, updated_at, updated_by) VALUES
(gen_random_uuid(), NULL, 'overdue-on-arrival', 'EMAIL', 'Joined with an EHC plan: record its dates ({reference})',
$$Dear {recipientName},

{reference} has joined your school with an EHC plan. By the dates the platform has (the file from the previous school carries none for the plan), its annual review was due by {dueOn}, so it shows as overdue.

Please record when the plan was issued and when it was last reviewed: the review and every deadline will then count from the real dates. This is the only message about it; no alert is sent for each step missed before the pupil joined.
{#if link}
Open the review here: {link}
{/if}
{trustName}$$, now(), 'migration');
