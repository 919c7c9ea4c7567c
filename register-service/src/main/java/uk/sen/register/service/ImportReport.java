package uk.sen.register.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.ToLongFunction;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.sen.platform.jobs.ImportProgress;
import uk.sen.platform.problem.Violation;
import uk.sen.register.domain.RegisterSync.Outcome;

/**
 * What an import did (or, in a dry run, would do): counts, and the rows it could not apply with the reason. The
 * lists hold the first errors and warnings by row, up to a cap; the counts cover the whole file. The leavers are
 * all listed: there are never more than the school has pupils on roll.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What an import did, or in a dry run would do: counts over the whole file, and the first"
        + " errors and warnings by row")
public record ImportReport(
        @Schema(description = "The kind of file: mis (MIS export, CSV) or ctf (Common Transfer File)",
                enumeration = { "mis", "ctf" }) String format,
        @Schema(description = "The school imported into (URN)", examples = "900101") String school,
        @Schema(description = "true: nothing was changed, the counts say what would have been") boolean dryRun,
        @Schema(nullable = true, description = "MIS only: update (the file's pupils are brought in, others left as "
                + "they are) or full (the file is the school's whole roll: pupils on roll missing from it leave)",
                enumeration = { "update", "full" }) String mode,
        @Schema(nullable = true, description = "MIS only: the file's date, the day it describes the roll on (asOf, "
                + "or the day of the import); pupils missing from a full file leave on that day", format = "date",
                examples = "2026-12-04") LocalDate asOf,
        @Schema(description = "Data rows (MIS, blank lines not counted) or pupils (CTF) read") long rows,
        @Schema(description = "Pupils put on the roll") long created,
        @Schema(description = "Pupils whose details, provision or needs changed") long updated,
        @Schema(description = "Pupils the file holds as the register already had them (MIS: with the leavers it "
                + "names who had already left, or who are not on the school's roll)") long unchanged,
        @Schema(description = "Rows (pupils) not applied; errors says why") long invalid,
        @Schema(description = "Pupils who left the school: a LeavingDate on or before the file's date, or (full "
                + "mode) missing from the file; leavers lists them") long left,
        @Schema(description = "Of left, the pupils on roll who were missing from a full file") long notInFile,
        @Schema(nullable = true, description = "MIS only: pupils on the school's roll on the file's date before the "
                + "import, the number the share of leavers is counted against") Long onRoll,
        @Schema(description = "Every pupil who left (or in a dry run would leave), by id and UPN") List<Leaver> leavers,
        @Schema(description = "true (dry run): the import as it stands would be refused, because more pupils would "
                + "leave than an import may record unconfirmed (sen.exchange.max-leaving-share of the pupils on roll, "
                + "20% by default), or a full file has rows that name no pupil while pupils on roll are missing "
                + "from it; check the leavers, then import with confirmLeavers=true") boolean leaversNeedConfirming,
        @Schema(description = "Why invalid rows were not applied, the first ones by row (at most "
                + "sen.exchange.report-max-errors, 100 by default); a row may have several") List<RowError> errors,
        @Schema(description = "How many errors the file has in all, listed or not") long errorCount,
        @Schema(description = "Applied, with a remark (CTF: history kept as the register had it); the first ones by "
                + "row, capped as errors are") List<RowWarning> warnings,
        @Schema(description = "How many warnings the file has in all, listed or not") long warningCount,
        @Schema(description = "true when errors or warnings lists only the first of them") boolean truncated,
        @Schema(description = "What the file holds that the import does not read: an MIS file's header columns, a "
                + "CTF's element names (at most 100)") List<String> ignoredColumns) {

    /**
     * @param row    CSV row number, counting the header as row 1 (MIS), or the pupil's position in the file (CTF)
     * @param column the CSV column or CTF element at fault; absent when the whole row is
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "Why a row (a pupil) was not applied")
    public record RowError(
            @Schema(description = "CSV row number, the header being row 1 (MIS), or the pupil's position in the file"
                    + " (CTF)") long row,
            @Schema(nullable = true, description = "The row's UPN as written; absent when it has none",
                    examples = "H801200001001") String upn,
            @Schema(nullable = true, description = "The CSV column or CTF element at fault; absent when the whole row is",
                    examples = "DOB") String column,
            @Schema(description = "What is wrong, in words") String message) {
    }

    /** @param row where the file says the pupil left; absent for a pupil missing from a full file */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A pupil who left the school (or in a dry run would leave)")
    public record Leaver(
            @Schema(description = "The pupil's id in the register", format = "uuid") String pupilId,
            @Schema(description = "The pupil's UPN", examples = "H801200001001") String upn,
            @Schema(description = "The day they left", format = "date") LocalDate leavingDate,
            @Schema(nullable = true, description = "The CSV row whose LeavingDate says so (the header being row 1); "
                    + "absent for a pupil missing from a full file") Long row) {
    }

    @Schema(description = "A row (a pupil) applied with a remark")
    public record RowWarning(
            @Schema(description = "CSV row number (MIS) or the pupil's position in the file (CTF)") long row,
            @Schema(nullable = true, description = "The pupil's UPN; null when it has none") String upn,
            @Schema(description = "The remark, in words") String message) {
    }

    /**
     * The first {@code cap} items by row, however many are offered and in whatever order (a batch's errors are known
     * only when it is applied, after later rows were read): the report's size does not grow with the file.
     */
    static final class FirstByRow<T> {
        private final int cap;
        private final ToLongFunction<T> row;
        private final List<T> kept = new ArrayList<>();
        private long offered;

        FirstByRow(int cap, ToLongFunction<T> row) {
            this.cap = cap;
            this.row = row;
        }

        void offer(T item) {
            offered++;
            long r = row.applyAsLong(item);
            if (kept.size() == cap && (cap == 0 || row.applyAsLong(kept.get(cap - 1)) <= r)) {
                return;
            }
            // after every item of the same row or earlier, so a row's items keep the order they were given in
            int at = kept.size();
            while (at > 0 && row.applyAsLong(kept.get(at - 1)) > r) {
                at--;
            }
            kept.add(at, item);
            if (kept.size() > cap) {
                kept.remove(kept.size() - 1);
            }
        }

        List<T> kept() {
            return List.copyOf(kept);
        }

        long offered() {
            return offered;
        }

        boolean truncated() {
            return offered > kept.size();
        }
    }

    /** Collects an import's outcome as it streams. */
    public static final class Builder {
        private final String format;
        private final String school;
        private final boolean dryRun;
        private String mode;
        private LocalDate asOf;
        private Long onRoll;
        private long rows;
        private long created;
        private long updated;
        private long unchanged;
        private long invalid;
        private long notInFile;
        private final List<Leaver> leavers = new ArrayList<>();
        private boolean leaversNeedConfirming;
        private final FirstByRow<RowError> errors;
        private final FirstByRow<RowWarning> warnings;
        private List<String> ignoredColumns = List.of();
        private final ImportProgress progress;

        /** @param maxListed the most errors, and the most warnings, the report lists */
        public Builder(String format, String school, boolean dryRun, int maxListed) {
            this(format, school, dryRun, maxListed, ImportProgress.NONE);
        }

        /** @param progress told the counts so far each time {@link #tellProgress} is called */
        public Builder(String format, String school, boolean dryRun, int maxListed, ImportProgress progress) {
            this.format = format;
            this.school = school;
            this.dryRun = dryRun;
            this.errors = new FirstByRow<>(maxListed, RowError::row);
            this.warnings = new FirstByRow<>(maxListed, RowWarning::row);
            this.progress = progress;
        }

        /**
         * Tells the progress the rows so far: read, applied (a pupil put on roll, changed, or left by their row's
         * LeavingDate), unchanged and invalid. Called between batches, when every row read has been accounted for,
         * so the last three add up to the first; pupils missing from a full file are not rows, and only the report
         * counts them.
         */
        public void tellProgress() {
            progress.update(rows, created + updated + leavers.size() - notInFile, unchanged, invalid);
        }

        public void read() {
            rows++;
        }

        /** An MIS import's mode, the file's date and the pupils on roll that day before the import. */
        public void roll(String mode, LocalDate asOf, long onRoll) {
            this.mode = mode;
            this.asOf = asOf;
            this.onRoll = onRoll;
        }

        /** A pupil left: by their row's LeavingDate ({@code row}), or missing from a full file ({@code row} null). */
        public void left(UUID pupilId, String upn, LocalDate leavingDate, Long row) {
            leavers.add(new Leaver(pupilId.toString(), upn, leavingDate, row));
            if (row == null) {
                notInFile++;
            }
        }

        public long left() {
            return leavers.size();
        }

        public void leaversNeedConfirming() {
            leaversNeedConfirming = true;
        }

        public void ignoredColumns(List<String> columns) {
            ignoredColumns = List.copyOf(columns);
        }

        public void invalid(long row, String upn, List<Violation> violations) {
            invalid++;
            for (Violation v : violations) {
                errors.offer(new RowError(row, upn, v.field(), v.reason()));
            }
        }

        public void warn(long row, String upn, List<String> messages) {
            messages.forEach(m -> warnings.offer(new RowWarning(row, upn, m)));
        }

        public void applied(Outcome outcome) {
            switch (outcome) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case INVALID -> throw new IllegalArgumentException("An invalid row is reported with its violations");
                case LEFT -> throw new IllegalArgumentException("A leaver is reported with left(...)");
            }
        }

        public long rows() {
            return rows;
        }

        public ImportReport build() {
            return new ImportReport(format, school, dryRun, mode, asOf, rows, created, updated, unchanged, invalid,
                    leavers.size(), notInFile, onRoll, List.copyOf(leavers), leaversNeedConfirming, errors.kept(), errors.offered(), warnings.kept(), warnings.offered(),
                    errors.truncated() || warnings.truncated(), ignoredColumns);
        }
    }
}
