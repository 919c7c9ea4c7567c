package uk.sen.platform.jobs;

/**
 * What an import has done so far, told as it goes: rows read, applied (added or changed), unchanged and invalid.
 * The synchronous form of an import is given {@link #NONE}; a job's worker is given one that records the counts.
 */
@FunctionalInterface
public interface ImportProgress {

    ImportProgress NONE = (read, applied, unchanged, invalid) -> {
    };

    void update(long rowsRead, long applied, long unchanged, long invalid);
}
