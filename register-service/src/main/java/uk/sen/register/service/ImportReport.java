package uk.sen.register.service;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.sen.platform.problem.Violation;
import uk.sen.register.domain.RegisterSync.Outcome;

/**
 * What an import did (or, in a dry run, would do): counts, and the rows it could not apply with the reason. The
 * lists hold the first errors and warnings by row, up to a cap; the counts cover the whole file.
 */
@Schema(description = "What an import did, or in a dry run would do: counts over the whole file, and the first"
        + " errors and warnings by row")
public record ImportReport(
        @Schema(description = "The kind of file: mis (MIS export, CSV) or ctf (Common Transfer File)",
                enumeration = { "mis", "ctf" }) String format,
        @Schema(description = "The school imported into (URN)", examples = "900101") String school,
        @Schema(description = "true: nothing was changed, the counts say what would have been") boolean dryRun,
        @Schema(description = "Data rows (MIS, blank lines not counted) or pupils (CTF) read") long rows,
        @Schema(description = "Pupils put on the roll") long created,
        @Schema(description = "Pupils whose details, provision or needs changed") long updated,
        @Schema(description = "Pupils the file holds as the register already had them") long unchanged,
        @Schema(description = "Rows (pupils) not applied; errors says why") long invalid,
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
        private long rows;
        private long created;
        private long updated;
        private long unchanged;
        private long invalid;
        private final FirstByRow<RowError> errors;
        private final FirstByRow<RowWarning> warnings;
        private List<String> ignoredColumns = List.of();

        /** @param maxListed the most errors, and the most warnings, the report lists */
        public Builder(String format, String school, boolean dryRun, int maxListed) {
            this.format = format;
            this.school = school;
            this.dryRun = dryRun;
            this.errors = new FirstByRow<>(maxListed, RowError::row);
            this.warnings = new FirstByRow<>(maxListed, RowWarning::row);
        }

        public void read() {
            rows++;
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
            }
        }

        public long rows() {
            return rows;
        }

        public ImportReport build() {
            return new ImportReport(format, school, dryRun, rows, created, updated, unchanged, invalid,
                    errors.kept(), errors.offered(), warnings.kept(), warnings.offered(),
                    errors.truncated() || warnings.truncated(), ignoredColumns);
        }
    }
}
