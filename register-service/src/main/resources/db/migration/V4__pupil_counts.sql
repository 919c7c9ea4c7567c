-- How many pupils each school has, kept by PostgreSQL itself so that the register list's total costs a few rows
-- instead of a count over the school's pupils (the benchmark run found that count at 775 a second at most on a
-- 9,000-pupil school, below the list's target on its own).
--
-- Each statement that inserts, deletes or moves pupils appends one delta row per school it touched (statement
-- triggers: an import's multi-row inserts add one row per batch, not per pupil); nothing is updated in place, so
-- concurrent imports never wait on or deadlock over a shared counter row. A school's count is the sum of its rows,
-- and the service folds them into one row per school every few seconds (PupilRepository.foldCounts), so the table
-- stays a few pages long.
CREATE TABLE pupil_count (
    trust_id   TEXT   NOT NULL,
    school_urn TEXT   NOT NULL,
    pupils     BIGINT NOT NULL
);

CREATE FUNCTION pupil_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pupil_count (trust_id, school_urn, pupils)
    SELECT trust_id, school_urn, count(*) FROM inserted GROUP BY trust_id, school_urn;
    RETURN NULL;
END
$$;

CREATE FUNCTION pupil_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pupil_count (trust_id, school_urn, pupils)
    SELECT trust_id, school_urn, -count(*) FROM deleted GROUP BY trust_id, school_urn;
    RETURN NULL;
END
$$;

CREATE FUNCTION pupil_count_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pupil_count (trust_id, school_urn, pupils)
    SELECT trust_id, school_urn, sum(delta) FROM (
        SELECT o.trust_id, o.school_urn, -1 AS delta FROM before_rows o JOIN after_rows n ON n.id = o.id
        WHERE (o.trust_id, o.school_urn) IS DISTINCT FROM (n.trust_id, n.school_urn)
        UNION ALL
        SELECT n.trust_id, n.school_urn, 1 FROM before_rows o JOIN after_rows n ON n.id = o.id
        WHERE (o.trust_id, o.school_urn) IS DISTINCT FROM (n.trust_id, n.school_urn)
    ) moves GROUP BY trust_id, school_urn;
    RETURN NULL;
END
$$;

CREATE TRIGGER pupil_count_insert AFTER INSERT ON pupil REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION pupil_count_inserted();
CREATE TRIGGER pupil_count_delete AFTER DELETE ON pupil REFERENCING OLD TABLE AS deleted
    FOR EACH STATEMENT EXECUTE FUNCTION pupil_count_deleted();
CREATE TRIGGER pupil_count_move AFTER UPDATE ON pupil REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pupil_count_moved();

INSERT INTO pupil_count (trust_id, school_urn, pupils)
SELECT trust_id, school_urn, count(*) FROM pupil GROUP BY trust_id, school_urn;
