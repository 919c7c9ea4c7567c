-- SENCO time: activity categories, time entries, running timers, protected time (allocations).

-- btree_gist lets one exclusion constraint say "no two timed entries of a SENCO overlap" (and the same for a
-- SENCO's allocation periods at a school), so the rule holds under concurrent requests too. It is a trusted
-- extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The activity categories a SENCO logs time against (National SENCO Workload Survey), each rolled up to one of the
-- four key areas of the 1998 National Standards for SENCOs (or outside SEN coordination) and to a kind of work.
-- A configurable list: change it with a migration; an inactive category is kept for the entries that use it.
CREATE TABLE activity_category (
    code            TEXT    PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name            TEXT    NOT NULL,
    standards_area  TEXT    NOT NULL CHECK (standards_area IN ('STRATEGIC_DIRECTION', 'TEACHING_AND_LEARNING',
                                'LEADING_AND_MANAGING_STAFF', 'DEPLOYMENT_OF_STAFF_AND_RESOURCES',
                                'OUTSIDE_SEN_COORDINATION')),
    work_type       TEXT    NOT NULL CHECK (work_type IN ('ADMINISTRATIVE', 'STRATEGIC', 'DIRECT', 'NON_SEND')),
    sort_order      INT     NOT NULL UNIQUE,
    active          BOOLEAN NOT NULL DEFAULT true
);

INSERT INTO activity_category (code, name, standards_area, work_type, sort_order) VALUES
    ('ADMINISTRATION',         'Administration and paperwork',                            'DEPLOYMENT_OF_STAFF_AND_RESOURCES', 'ADMINISTRATIVE', 10),
    ('EHC_NEEDS_ASSESSMENT',   'EHC needs assessment requests',                           'TEACHING_AND_LEARNING',             'ADMINISTRATIVE', 20),
    ('EHCP_ANNUAL_REVIEWS',    'EHCP annual reviews',                                     'TEACHING_AND_LEARNING',             'ADMINISTRATIVE', 30),
    ('SEN_SUPPORT_PLANS',      'SEN support plans and reviews',                           'TEACHING_AND_LEARNING',             'DIRECT',         40),
    ('PARENT_MEETINGS',        'Meetings with parents and carers',                        'TEACHING_AND_LEARNING',             'DIRECT',         50),
    ('EXTERNAL_LIAISON',       'Liaison with external agencies and the LA',               'TEACHING_AND_LEARNING',             'DIRECT',         60),
    ('STAFF_SUPPORT',          'Supporting and training staff',                           'LEADING_AND_MANAGING_STAFF',        'DIRECT',         70),
    ('TEACHING_INTERVENTIONS', 'Teaching and interventions',                              'TEACHING_AND_LEARNING',             'DIRECT',         80),
    ('STRATEGIC_LEADERSHIP',   'Strategic leadership',                                    'STRATEGIC_DIRECTION',               'STRATEGIC',      90),
    ('PROVISION_MAPPING',      'Provision mapping and deployment of staff and resources', 'DEPLOYMENT_OF_STAFF_AND_RESOURCES', 'STRATEGIC',      100),
    ('TRANSITION',             'Transition',                                              'TEACHING_AND_LEARNING',             'DIRECT',         110),
    ('DATA_AND_CENSUS',        'Data and census returns',                                 'STRATEGIC_DIRECTION',               'ADMINISTRATIVE', 120),
    ('NON_SEND_DUTIES',        'Non-SEND duties',                                         'OUTSIDE_SEN_COORDINATION',          'NON_SEND',       130);

-- Time a SENCO spent, on a date (Europe/London), as minutes, or from a start to an end time that day.
CREATE TABLE time_entry (
    id             UUID        PRIMARY KEY,
    trust_id       TEXT        NOT NULL,
    school_urn     TEXT        NOT NULL,
    senco          TEXT        NOT NULL,
    entry_date     DATE        NOT NULL,
    start_time     TIME,
    end_time       TIME,
    minutes        INT         NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    category_code  TEXT        NOT NULL REFERENCES activity_category (code),
    pupil_id       UUID,
    review_id      UUID,
    note           TEXT,
    source         TEXT        NOT NULL CHECK (source IN ('MANUAL', 'TIMER', 'SUGGESTION')),
    version        BIGINT      NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CHECK ((start_time IS NULL) = (end_time IS NULL)),
    CHECK (start_time IS NULL OR end_time > start_time),
    CONSTRAINT time_entry_no_overlap EXCLUDE USING gist (
        senco WITH =, tsrange(entry_date + start_time, entry_date + end_time) WITH &&) WHERE (start_time IS NOT NULL)
);
-- Reports aggregate in SQL over a date range; the INCLUDE columns let a trust's year be summed from the index alone.
CREATE INDEX time_entry_trust_date ON time_entry (trust_id, entry_date)
    INCLUDE (school_urn, senco, category_code, minutes);
CREATE INDEX time_entry_school_date ON time_entry (trust_id, school_urn, entry_date)
    INCLUDE (senco, category_code, minutes);
CREATE INDEX time_entry_senco_date ON time_entry (senco, entry_date);
CREATE INDEX time_entry_review ON time_entry (review_id) WHERE review_id IS NOT NULL;

-- The mobile app's stopwatch: at most one running per SENCO; stopping it makes a time entry.
CREATE TABLE running_timer (
    id             UUID        PRIMARY KEY,
    senco          TEXT        NOT NULL UNIQUE,
    trust_id       TEXT        NOT NULL,
    school_urn     TEXT        NOT NULL,
    category_code  TEXT        NOT NULL REFERENCES activity_category (code),
    pupil_id       UUID,
    review_id      UUID,
    note           TEXT,
    started_at     TIMESTAMPTZ NOT NULL
);

-- Protected time: hours per week allocated to a SENCO at a school from a date (to a date). A new allocation ends
-- the one it replaces the day before, so the history of what was allocated when is kept.
CREATE TABLE protected_time (
    id              UUID         PRIMARY KEY,
    trust_id        TEXT         NOT NULL,
    school_urn      TEXT         NOT NULL,
    senco           TEXT         NOT NULL,
    hours_per_week  NUMERIC(4,1) NOT NULL CHECK (hours_per_week >= 0 AND hours_per_week <= 60),
    effective_from  DATE         NOT NULL,
    effective_to    DATE         CHECK (effective_to IS NULL OR effective_to >= effective_from),
    reason          TEXT,
    set_by          TEXT         NOT NULL,
    set_at          TIMESTAMPTZ  NOT NULL,
    ended_by        TEXT,
    version         BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT protected_time_no_overlap EXCLUDE USING gist (
        trust_id WITH =, school_urn WITH =, senco WITH =, daterange(effective_from, effective_to, '[]') WITH &&)
);
CREATE INDEX protected_time_trust ON protected_time (trust_id, school_urn, senco, effective_from);
