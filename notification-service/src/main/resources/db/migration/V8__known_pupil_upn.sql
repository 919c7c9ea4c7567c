-- The UPN of each pupil, from the register's events, so that a contacts import may name the pupil by it (as the
-- school's MIS does) instead of by the register's id. Filled as each pupil's next register event arrives.
ALTER TABLE known_pupil ADD COLUMN upn TEXT;
CREATE INDEX known_pupil_upn ON known_pupil (trust_id, upn) WHERE upn IS NOT NULL;
