-- The schools' names as the register's events carry them (schoolName in the pupil snapshot), so the reports and the
-- governors' charts name a school instead of showing its URN (issue 19).
CREATE TABLE register_school (
    trust_id    TEXT        NOT NULL,
    school_urn  TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (trust_id, school_urn)
);
