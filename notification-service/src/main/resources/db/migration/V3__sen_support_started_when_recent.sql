-- "SEN support has started" is news only when it has: a pupil who joins the register with SEN support that began
-- more than 30 days ago (a school's first MIS import, an LA export) does not tell the parents it started, neither
-- when the event arrives nor to a contact added later. 30 days is also how long the rule keeps its triggers for
-- contacts added later (catch_up_days).
UPDATE trigger_rule
SET condition   = 'provision=K and provisionStartDate>=today-30',
    description = 'SEN support starts: parents and carers with parental responsibility are informed (when it began '
                      || 'in the last 30 days; not for support an import brings in that began long before)'
WHERE id = 'sen-support-started.parents';
