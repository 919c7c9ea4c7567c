package uk.sen.register.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.io.LimitedInputStream;
import uk.sen.platform.io.Utf8Reader;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.register.config.ExchangeConfig;
import uk.sen.register.config.RegisterConfig;
import uk.sen.register.domain.RegisterSync;
import uk.sen.register.domain.RegisterSync.Outcome;
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
 */
@ApplicationScoped
public class MisImportService {

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

    public ImportReport importCsv(String schoolUrn, boolean dryRun, InputStream body) {
        School school = schools.visibleSchool(schoolUrn);
        LocalDate today = register.today();
        LimitedInputStream limited = new LimitedInputStream(body, config.misMaxBytes());
        CsvReader csv = new CsvReader(new Utf8Reader(limited));
        ImportReport.Builder report = new ImportReport.Builder("mis", school.urn, dryRun, config.reportMaxErrors());
        try {
            RegisterImporter.inOneTransaction(config.importTimeout(), dryRun, () -> {
                read(csv, school, today, dryRun, report);
                return report;
            });
        } catch (RuntimeException e) {
            throw refusal(e, limited, csv.row());
        }
        return report.build();
    }

    private void read(CsvReader csv, School school, LocalDate today, boolean dryRun, ImportReport.Builder report) {
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
            RegisterImporter.Batch batch = importer.startFile(config.batchSize(), report, MisImportService::duplicate);
            CsvReader.Record record;
            while ((record = csv.next()) != null) {
                if (record.isBlank()) {
                    continue;
                }
                report.read();
                MisFormat.Row row = MisFormat.row(header, record, school.urn, today, registerConfig::recognisedLa);
                if (!row.valid()) {
                    report.invalid(row.number(), row.upn(), row.violations());
                    continue;
                }
                if (batch.add(row.number(), row.incoming()) && batch.full()) {
                    apply(school, today, dryRun, batch.take(), report);
                }
            }
            apply(school, today, dryRun, batch.take(), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            if (result.plan().outcome() == Outcome.INVALID) {
                report.invalid(result.ref(), result.upn(), result.plan().violations().stream()
                        .map(v -> new Violation(column(v.field()), v.reason())).toList());
                continue;
            }
            report.applied(result.plan().outcome());
            if (dryRun && result.existed()) {
                compared.add(result.pupilId().toString());
            }
        }
        if (!compared.isEmpty()) {
            // The dry run's own audit rolls back with it, but the pupils it compared were read: audited now, in a
            // transaction of their own, so no list of the whole file's pupils waits for the end.
            QuarkusTransaction.requiringNew().run(() -> audit.record(AuditLog.IMPORT, "pupil", compared,
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
