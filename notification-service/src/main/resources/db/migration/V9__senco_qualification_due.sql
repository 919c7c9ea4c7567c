-- workload-service announces when a SENCO without the mandatory qualification (the NPQ for SENCOs, within three
-- years of taking up the post) nears or passes that limit (uk.sen.workload.senco-qualification-due, once per post
-- and stage). The school's senior leadership contact is told; the trust reads the SENCO view, or its webhooks.
-- As for every workload event, nothing of the event's data reaches the message: no name, no date.
INSERT INTO trigger_rule (id, event_type, condition, recipients, channel, template_key, attach_calendar,
                          catch_up_days, description) VALUES
('senco-qualification-due.slt', 'uk.sen.workload.senco-qualification-due', NULL, 'SCHOOL_SLT', 'EMAIL',
 'senco-qualification-due', FALSE, 0,
 'A SENCO''s three-year limit for the mandatory qualification is near or passed: the school''s senior leadership contact');

INSERT INTO message_template (id, trust_id, template_key, channel, subject, body, updated_at, updated_by) VALUES
(gen_random_uuid(), NULL, 'senco-qualification-due', 'EMAIL', 'SENCO qualification: the three-year limit',
$$Dear {recipientName},

A SENCO at your school does not yet hold the mandatory qualification, the NPQ for SENCOs, and the three years from taking up the post in which it must be achieved are nearly over, or over. Please check with the SENCO how they stand and plan the time they need to complete it.
{#if link}
The workload reports show the SENCO posts of your school: {link}
{/if}
{trustName}$$, now(), 'migration');
