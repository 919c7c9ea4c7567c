package uk.sen.register.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.io.LimitedInputStream;
import uk.sen.platform.io.Utf8Reader;
import uk.sen.platform.jobs.ImportProgress;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.register.config.ExchangeConfig;
import uk.sen.register.config.RegisterConfig;
import uk.sen.register.domain.RegisterSync;
import uk.sen.register.domain.RegisterSync.Outcome;
import uk.sen.register.domain.RegisterSync.Plan;
import uk.sen.register.domain.RegisterSync.Source;
import uk.sen.register.domain.School;
import uk.sen.register.exchange.CsvReader;
import uk.sen.register.exchange.MisFormat;
import uk.sen.register.service.RegisterImporter.Candidate;
import uk.sen.register.service.RegisterImporter.Result;

/**
 * Imports a school's MIS export (CSV, see {@link MisFormat}). The file is streamed: rows are read one at a time and
 * applied in batches, so neither the file, nor anything kept per row, nor the register is ever held in memory: a
 * repeated UPN is found through the database, and the report lists only the first errors. The whole import is one
 * transaction, which is what lets a file refused half way (bytes that are not UTF-8, too large) change nothing, and
 * a dry run report exactly what the import would do before rolling it all back.
 *
 * <p>A pupil leaves the school when their row has a LeavingDate on or before the file's date, and, in a full sync
 * (the file is the school's whole roll), when they are on roll and the file does not name them. Leavers beyond a
 * share of the roll must be confirmed: a file cut short would otherwise take the school's pupils off roll.
 */
@ApplicationScoped
public class MisImportService {

    /** How the file is taken: {@code UPDATE} brings its pupils in; {@code FULL} takes it as the school's whole roll. */
    public enum Mode {
        UPDATE, FULL;

        /** The word the API and the report use. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param asOf           the file's date, the day it describes the roll on (null: today)
     * @param dryRun         read, check and report everything, then roll it all back
     * @param confirmLeavers record the leavers even beyond the safety stop ({@link ExchangeConfig#maxLeavingShare})
     */
    public record Options(Mode mode, LocalDate asOf, boolean dryRun, boolean confirmLeavers) {
    }

    /** The rows a full sync could not apply: their UPNs still put their pupils in the file, when they have one. */
    private static final class Named {
        static final int ROWS_QUOTED = 5;
        final List<String> upns = new ArrayList<>();
        final List<Long> unnamedRows = new ArrayList<>();
        long unnamed;
    }

    @Inject
    SchoolService schools;

    @Inject
    RegisterImporter importer;

    @Inject
    RegisterService register;

    @Inject
    AuditLog audit;

    @Inject
    RegisterConfig registerConfig;

    @Inject
    ExchangeConfig config;

    /**
     * What is refused before the file is read: a school that is not one of the caller's (404), a file's date after
     * today (400). An import sent as a job is checked here before it is answered.
     */
    public void checkRequest(String schoolUrn, Options options) {
        schools.visibleSchool(schoolUrn);
        fileDate(options, register.today());
    }

    /**
     * Imports the file, telling {@code progress} the counts after each batch and at the end; the report is the same
     * whoever listens.
     */
    public ImportReport importCsv(String schoolUrn, Options options, InputStream body, ImportProgress progress) {
        School school = schools.visibleSchool(schoolUrn);
        LocalDate today = register.today();
        LocalDate fileDate = fileDate(options, today);
        LimitedInputStream limited = new LimitedInputStream(body, config.misMaxBytes());
        CsvReader csv = new CsvReader(new Utf8Reader(limited));
        ImportReport.Builder report = new ImportReport.Builder("mis", school.urn, options.dryRun(),
                config.reportMaxErrors(), progress);
        try {
            RegisterImporter.inOneTransaction(config.importTimeout(), options.dryRun(), () -> {
                read(csv, school, today, fileDate, options, report);
                return report;
            });
        } catch (RuntimeException e) {
            throw refusal(e, limited, csv.row());
        }
        return report.build();
    }

    private static LocalDate fileDate(Options options, LocalDate today) {
        LocalDate fileDate = options.asOf() != null ? options.asOf() : today;
        if (fileDate.isAfter(today)) {
            throw ProblemException.invalid("asOf", "must not be after today (" + today + "): the file describes the "
                    + "roll on the day it was exported");
        }
        return fileDate;
    }

    private void read(CsvReader csv, School school, LocalDate today, LocalDate fileDate, Options options,
            ImportReport.Builder report) {
        boolean dryRun = options.dryRun();
        boolean full = options.mode() == Mode.FULL;
        try {
            CsvReader.Record first = csv.next();
            while (first != null && first.isBlank()) {
                first = csv.next();
            }
            if (first == null || first.problem() != null) {
                throw new ProblemException(400, "invalid-file", "The file cannot be imported",
                        "The file has no readable header row: nothing was imported.",
                        List.of(new Violation("header", first == null ? "the file is empty" : first.problem())));
            }
            MisFormat.Header header = MisFormat.header(first.fields());
            report.ignoredColumns(header.ignored());
            // the roll as it was, before any row changes it: what the share of leavers is counted against
            long onRoll = importer.countOnRoll(school, fileDate);
            report.roll(options.mode().word(), fileDate, onRoll);
            RegisterImporter.Batch batch = importer.startFile(config.batchSize(), report, MisImportService::duplicate);
            Named named = new Named();
            if (full) {
                importer.startRollCheck();
            }
            CsvReader.Record record;
            while ((record = csv.next()) != null) {
                if (record.isBlank()) {
                    continue;
                }
                report.read();
                MisFormat.Row row = MisFormat.row(header, record, school.urn, today, fileDate,
                        registerConfig::recognisedLa);
                if (!row.valid()) {
                    report.invalid(row.number(), row.upn(), row.violations());
                    if (full) {
                        name(row, named);
                    }
                    continue;
                }
                if (batch.add(row.number(), row.incoming())) {
                    report.warn(row.number(), row.upn(), row.warnings());
                    if (batch.full()) {
                        apply(school, today, dryRun, batch.take(), report);
                    }
                }
            }
            apply(school, today, dryRun, batch.take(), report);
            if (full) {
                importer.named(named.upns);
            }
            if (full && report.rows() == 0 && onRoll > 0) {
                throw new ProblemException(422, "empty-roll", "The file has no pupils", "The file has no pupil rows: "
                        + "as the whole roll it would take all " + onRoll + " pupils on roll at school " + school.urn
                        + " off roll, so nothing was imported. Export the school's whole roll from the MIS and import "
                        + "it again.", List.of(new Violation("body", "no pupil rows")));
            }
            long notInFile = full ? importer.countNotInFile(school, fileDate) : 0;
            checkLeavers(school, fileDate, options, onRoll, notInFile, named, report);
            if (notInFile > 0) {
                leaveNotInFile(school, fileDate, dryRun, report);
            }
            report.tellProgress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Notes an unapplied row of a full sync: its pupil is in the file, if it names one the register could hold. */
    private void name(MisFormat.Row row, Named named) {
        if (row.namesPupil()) {
            named.upns.add(row.upn());
            if (named.upns.size() >= config.batchSize()) {
                importer.named(named.upns);
                named.upns.clear();
            }
        } else if (named.unnamed++ < Named.ROWS_QUOTED) {
            named.unnamedRows.add(row.number());
        }
    }

    /**
     * The safety stop: the leavers must be confirmed when they are more than the share of the roll an import may
     * record unconfirmed, or when a full file has rows that name no pupil while pupils on roll are missing from it
     * (the pupil of such a row would be taken off roll). A dry run says so in its report; an import is refused.
     */
    private void checkLeavers(School school, LocalDate fileDate, Options options, long onRoll, long notInFile,
            Named named, ImportReport.Builder report) {
        if (options.confirmLeavers()) {
            return;
        }
        long leaving = report.left() + notInFile;
        boolean tooMany = leaving > config.maxLeavingShare() * onRoll;
        boolean unsure = notInFile > 0 && named.unnamed > 0;
        if (!tooMany && !unsure) {
            return;
        }
        if (options.dryRun()) {
            report.leaversNeedConfirming();
            return;
        }
        String confirm = "Check who would leave with dryRun=true; if they have left, import the file again with "
                + "confirmLeavers=true.";
        String detail;
        if (tooMany) {
            detail = leaving + " of the " + onRoll + " pupils on roll at school " + school.urn + " on " + fileDate
                    + " would be recorded as leaving (" + notInFile + " missing from the file, " + report.left()
                    + " with a LeavingDate), more than the " + percent(config.maxLeavingShare()) + " an import may "
                    + "record without confirmation: nothing was imported. " + confirm;
        } else {
            boolean one = named.unnamed == 1;
            detail = named.unnamed + (one ? " row of the file (row " : " rows of the file (rows ")
                    + named.unnamedRows.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + (named.unnamed > named.unnamedRows.size() ? ", ..." : "") + (one ? ") names" : ") name")
                    + " no pupil the register can match (the UPN is missing or not valid, or the row cannot be read), "
                    + "so " + (one ? "its pupil" : "their pupils") + " may be among the " + notInFile + " on roll "
                    + "missing from the file, who would be recorded as leaving: nothing was imported. Correct "
                    + (one ? "that row" : "those rows") + ", or: " + confirm;
        }
        throw new ProblemException(422, "leavers-to-confirm", "Leavers to confirm", detail,
                List.of(new Violation("confirmLeavers", tooMany
                        ? leaving + " of " + onRoll + " pupils on roll would leave; confirm them"
                        : "rows that name no pupil while pupils on roll are missing; confirm the leavers")));
    }

    private static String percent(double share) {
        return BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** A full sync: the pupils on roll the file does not name leave on the file's date. */
    private void leaveNotInFile(School school, LocalDate fileDate, boolean dryRun, ImportReport.Builder report) {
        List<Result> left = importer.leaveNotInFile(school, fileDate, config.batchSize(),
                "MIS full sync: not in the file, left the school on " + fileDate);
        List<String> ids = new ArrayList<>(left.size());
        for (Result result : left) {
            report.left(result.pupilId(), result.upn(), fileDate, null);
            ids.add(result.pupilId().toString());
        }
        if (dryRun) {
            auditDryRun(school, ids);
        }
    }

    /** Applies a batch's pupils ({@link RegisterImporter.Batch#take}). */
    private void apply(School school, LocalDate today, boolean dryRun, List<Candidate> first,
            ImportReport.Builder report) {
        if (first.isEmpty()) {
            return;
        }
        String detail = "MIS import, rows " + first.get(0).ref() + " to " + first.get(first.size() - 1).ref();
        List<String> compared = new ArrayList<>();
        for (Result result : importer.apply(school, Source.MIS, today, first, detail)) {
            Plan plan = result.plan();
            if (plan.outcome() == Outcome.INVALID) {
                report.invalid(result.ref(), result.upn(), plan.violations().stream()
                        .map(v -> new Violation(column(v.field()), v.reason())).toList());
                continue;
            }
            if (plan.outcome() == Outcome.LEFT) {
                report.left(result.pupilId(), result.upn(), plan.pupil().leavingDate(), result.ref());
            } else {
                report.applied(plan.outcome());
            }
            report.warn(result.ref(), result.upn(), plan.warnings());
            if (dryRun && result.existed() && plan.pupil() != null) {
                compared.add(result.pupilId().toString());
            }
        }
        if (dryRun) {
            auditDryRun(school, compared);
        }
        report.tellProgress();
    }

    /**
     * The dry run's own audit rolls back with it, but the pupils it compared were read: audited now, in a transaction
     * of their own, so no list of the whole file's pupils waits for the end.
     */
    private void auditDryRun(School school, List<String> pupilIds) {
        if (!pupilIds.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> audit.record(AuditLog.IMPORT, "pupil", pupilIds,
                    school.trustId, school.urn, "MIS import dry run: nothing changed"));
        }
    }

    private static Violation duplicate(long earlierRow) {
        return new Violation(MisFormat.Column.UPN.header,
                RegisterSync.DUPLICATE_UPN + " (also on row " + earlierRow + ")");
    }

    /** The CSV column of a rule's field. */
    private static String column(String field) {
        return switch (field) {
            case "upn" -> MisFormat.Column.UPN.header;
            case "startDate" -> MisFormat.Column.SEN_START_DATE.header;
            case "leavingDate" -> MisFormat.Column.LEAVING_DATE.header;
            default -> field;
        };
    }

    /** A refused file: nothing was changed, as the transaction rolled back; say why in the users' words. */
    private static RuntimeException refusal(RuntimeException e, LimitedInputStream limited, long row) {
        if (limited.exceeded()) {
            return limited.refusal();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return new ProblemException(400, "invalid-file", "The file cannot be imported",
                        "The file is not valid UTF-8: row " + row + " (the header is row 1) has bytes that are "
                                + "not. Save it as \"CSV UTF-8\" and import it again. Nothing was imported.",
                        List.of(new Violation("body", "bytes that are not valid UTF-8")));
            }
            if (cause instanceof ProblemException problem) {
                return problem;
            }
            if (cause instanceof IOException) {
                return ProblemException.badRequest("The file could not be read to the end (" + cause.getMessage()
                        + "); nothing was imported.");
            }
        }
        return e;
    }
}
