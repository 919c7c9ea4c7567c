package uk.sen.register.service;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.sen.platform.problem.Violation;
import uk.sen.register.domain.RegisterSync.Outcome;

/** What an import did (or, in a dry run, would do): counts, and every row it could not apply with the reason. */
public record ImportReport(
        @Schema(description = "mis or ctf") String format,
        @Schema(description = "The school imported into (URN)") String school,
        boolean dryRun,
        @Schema(description = "Data rows (MIS, blank lines not counted) or pupils (CTF) read") long rows,
        long created,
        long updated,
        long unchanged,
        long invalid,
        @Schema(description = "Why each invalid row was not applied; a row may have several") List<RowError> errors,
        @Schema(description = "Applied, with a remark (CTF: history kept as the register had it)") List<RowWarning> warnings,
        @Schema(description = "Header columns the import does not read") List<String> ignoredColumns) {

    /**
     * @param row    CSV row number, counting the header as row 1 (MIS), or the pupil's position in the file (CTF)
     * @param column the CSV column or CTF element at fault; absent when the whole row is
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowError(long row, String upn, String column, String message) {
    }

    public record RowWarning(long row, String upn, String message) {
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
        private final List<RowError> errors = new ArrayList<>();
        private final List<RowWarning> warnings = new ArrayList<>();
        private List<String> ignoredColumns = List.of();

        public Builder(String format, String school, boolean dryRun) {
            this.format = format;
            this.school = school;
            this.dryRun = dryRun;
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
                errors.add(new RowError(row, upn, v.field(), v.reason()));
            }
        }

        public void warn(long row, String upn, List<String> messages) {
            messages.forEach(m -> warnings.add(new RowWarning(row, upn, m)));
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
                    List.copyOf(errors), List.copyOf(warnings), ignoredColumns);
        }
    }
}
