-- Needs as they stood over time. pupil_need holds the current ranked needs; this table keeps each need with the
-- dates it applied, so the register can be read as at any date (the summary, the needs a leaver takes in a CTF).
-- valid_to is exclusive, like sen_provision.end_date; a period with valid_from = valid_to never applied.
CREATE TABLE pupil_need_history (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pupil_id    UUID NOT NULL REFERENCES pupil (id),
    rank        INT  NOT NULL CHECK (rank IN (1, 2)),
    need_code   TEXT NOT NULL,
    valid_from  DATE NOT NULL,
    valid_to    DATE,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
-- One current need per rank and pupil.
CREATE UNIQUE INDEX pupil_need_history_current ON pupil_need_history (pupil_id, rank) WHERE valid_to IS NULL;
CREATE INDEX pupil_need_history_pupil ON pupil_need_history (pupil_id, valid_from);

-- Needs recorded before this migration apply from the start of the pupil's open provision.
INSERT INTO pupil_need_history (pupil_id, rank, need_code, valid_from)
SELECT n.pupil_id, n.rank, n.need_code, COALESCE(sp.start_date, p.on_roll_date)
FROM pupil_need n
JOIN pupil p ON p.id = n.pupil_id
LEFT JOIN sen_provision sp ON sp.pupil_id = n.pupil_id AND sp.end_date IS NULL;

-- The running number in each school's CTF file names (001 to 999, then 001 again).
CREATE TABLE ctf_export_sequence (
    school_urn   TEXT PRIMARY KEY REFERENCES school (urn),
    last_number  INT  NOT NULL CHECK (last_number BETWEEN 1 AND 999)
);

-- Leavers of a school in a date range (CTF export).
CREATE INDEX pupil_school_leaving ON pupil (school_urn, leaving_date) WHERE leaving_date IS NOT NULL;
-- Open provisions by kind (LA exchange: open EHC plans).
CREATE INDEX sen_provision_open ON sen_provision (provision, pupil_id) WHERE end_date IS NULL;
