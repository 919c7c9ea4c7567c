-- The register list: a school's pupils in name order, paged, with their count. This index serves the page
-- (the order by surname, forename, id within a trust's school) and the count (an index-only scan), found by the
-- benchmark run (deploy/bench.sh): without it the count read every pupil of the trust through a hash join.
CREATE INDEX pupil_trust_school_name ON pupil (trust_id, school_urn, surname, forename, id);
