-- Weekly totals per SENCO, school and category, kept by a trigger in the transaction of every change to an entry.
-- A trust's year of reports then reads a few thousand totals instead of every entry; only the part-weeks at the
-- edges of a period are summed from the entries themselves.

-- Monday of the ISO week of a date (weeks run Monday to Sunday).
CREATE FUNCTION iso_week_start(d date) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS 'SELECT d - (extract(isodow FROM d)::int - 1)';

CREATE TABLE time_week_total (
    trust_id       TEXT   NOT NULL,
    week_start     DATE   NOT NULL,
    school_urn     TEXT   NOT NULL,
    senco          TEXT   NOT NULL,
    category_code  TEXT   NOT NULL,
    minutes        BIGINT NOT NULL,
    entries        INT    NOT NULL,
    PRIMARY KEY (trust_id, week_start, school_urn, senco, category_code) INCLUDE (minutes)
);

CREATE FUNCTION time_week_total_apply() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE time_week_total SET minutes = minutes - OLD.minutes, entries = entries - 1
        WHERE trust_id = OLD.trust_id AND week_start = iso_week_start(OLD.entry_date)
          AND school_urn = OLD.school_urn AND senco = OLD.senco AND category_code = OLD.category_code;
        DELETE FROM time_week_total
        WHERE trust_id = OLD.trust_id AND week_start = iso_week_start(OLD.entry_date)
          AND school_urn = OLD.school_urn AND senco = OLD.senco AND category_code = OLD.category_code
          AND entries = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO time_week_total (trust_id, week_start, school_urn, senco, category_code, minutes, entries)
        VALUES (NEW.trust_id, iso_week_start(NEW.entry_date), NEW.school_urn, NEW.senco, NEW.category_code,
                NEW.minutes, 1)
        ON CONFLICT (trust_id, week_start, school_urn, senco, category_code)
        DO UPDATE SET minutes = time_week_total.minutes + EXCLUDED.minutes,
                      entries = time_week_total.entries + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER time_entry_week_total
    AFTER INSERT OR DELETE OR UPDATE OF trust_id, school_urn, senco, entry_date, category_code, minutes
    ON time_entry FOR EACH ROW EXECUTE FUNCTION time_week_total_apply();

INSERT INTO time_week_total (trust_id, week_start, school_urn, senco, category_code, minutes, entries)
SELECT trust_id, iso_week_start(entry_date), school_urn, senco, category_code, sum(minutes), count(*)
FROM time_entry GROUP BY 1, 2, 3, 4, 5;
