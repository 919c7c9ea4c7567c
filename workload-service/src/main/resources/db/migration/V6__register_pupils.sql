-- The pupils of each school as the register announces them (sen.register.v1): ids only, so that a time entry's
-- pupilId can be checked to be a pupil of the entry's school (issue 15) without this service holding pupil data.
CREATE TABLE register_pupil (
    pupil_id    UUID        PRIMARY KEY,
    trust_id    TEXT        NOT NULL,
    school_urn  TEXT        NOT NULL,
    on_roll     BOOLEAN     NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
