-- review-service now also asks for views and advice before a SEN support review, not only an EHC plan's annual
-- review: its contribution events carry reviewKind (ANNUAL, also when absent, or SUPPORT), which messages print as
-- {reviewName} ("annual review" or "SEN support review"). The default contribution templates of V10 say
-- {reviewName} where they said "annual review", worded to read well with either name (no "a"/"an" before it).
-- Trusts' own templates are theirs to change.
UPDATE message_template SET subject = 'Your views for your child''s {reviewName}', body =
$$Dear {recipientName},

Before your child's {reviewName} meeting{#if meetingDate} on {meetingDate}{/if}, we would like to hear your views: what is going well for your child, what is harder, and what you would like to happen next. Everything you tell us will be read before the meeting and talked about at it.

Please share your views by {dueOn}.{#if link} You can do this using this link, which is for you alone, so please do not pass it on:
{link}{/if}

If you would rather talk to someone, or need more time, please contact the school.

Reference: {reference}

{trustName}$$, version = version + 1, updated_at = now(), updated_by = 'migration'
WHERE trust_id IS NULL AND template_key = 'contribution-request' AND channel = 'EMAIL';

UPDATE message_template SET body =
$${trustName}: before your child's {reviewName} meeting{#if meetingDate} on {meetingDate}{/if} we would like to hear your views. Please share them by {dueOn}.{#if link} Your own link: {link}{/if} Ref {reference}$$,
    version = version + 1, updated_at = now(), updated_by = 'migration'
WHERE trust_id IS NULL AND template_key = 'contribution-request' AND channel = 'SMS';

UPDATE message_template SET subject = 'Advice for {reviewName} {reference} by {dueOn}', body =
$$Dear {recipientName},

The {reviewName} meeting, reference {reference}, is to be held{#if meetingDate} on {meetingDate}{/if}. The school would be grateful for your advice: please send your advice, and a report as a PDF if you have one, by {dueOn}.{#if link}

You can send them through this secure link, which is for you alone (this message carries no details of the child):
{link}{/if}

{trustName}$$, version = version + 1, updated_at = now(), updated_by = 'migration'
WHERE trust_id IS NULL AND template_key = 'contribution-request-agency' AND channel = 'EMAIL';

UPDATE message_template SET body =
$${trustName}: please send your advice for {reviewName} {reference}, and a report as a PDF if you have one, by {dueOn}.{#if link} Secure link: {link}{/if}$$,
    version = version + 1, updated_at = now(), updated_by = 'migration'
WHERE trust_id IS NULL AND template_key = 'contribution-request-agency' AND channel = 'SMS';

UPDATE message_template SET subject = 'Reminder: your views for your child''s {reviewName}', body =
$$Dear {recipientName},

A gentle reminder: we would still like to hear your views before your child's {reviewName} meeting{#if meetingDate} on {meetingDate}{/if}. Please share them by {dueOn}.{#if link} You can do this using this link, which is for you alone:
{link}{/if}

If you have sent them already, thank you, and please ignore this message. If you would rather talk to someone, or need more time, please contact the school.

Reference: {reference}

{trustName}$$, version = version + 1, updated_at = now(), updated_by = 'migration'
WHERE trust_id IS NULL AND template_key = 'contribution-reminder' AND channel = 'EMAIL';

UPDATE message_template SET body =
$${trustName}: a reminder that we would like to hear your views before your child's {reviewName} meeting, by {dueOn}.{#if link} Your own link: {link}{/if} Ref {reference}$$,
    version = version + 1, updated_at = now(), updated_by = 'migration'
WHERE trust_id IS NULL AND template_key = 'contribution-reminder' AND channel = 'SMS';

UPDATE message_template SET subject = 'Reminder: advice for {reviewName} {reference} by {dueOn}', body =
$$Dear {recipientName},

A reminder that the school has not yet received your advice for {reviewName} meeting {reference}{#if meetingDate} on {meetingDate}{/if}. Please send your advice, and a report as a PDF if you have one, by {dueOn}.{#if link}

You can send them through this secure link, which is for you alone:
{link}{/if}

If you have sent it already, thank you, and please ignore this message.

{trustName}$$, version = version + 1, updated_at = now(), updated_by = 'migration'
WHERE trust_id IS NULL AND template_key = 'contribution-reminder-agency' AND channel = 'EMAIL';

UPDATE message_template SET body =
$${trustName}: reminder, please send your advice for {reviewName} {reference}, and a report as a PDF if you have one, by {dueOn}.{#if link} Secure link: {link}{/if}$$,
    version = version + 1, updated_at = now(), updated_by = 'migration'
WHERE trust_id IS NULL AND template_key = 'contribution-reminder-agency' AND channel = 'SMS';
