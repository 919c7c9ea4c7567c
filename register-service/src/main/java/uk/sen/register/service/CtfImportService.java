package uk.sen.register.service;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.sen.platform.io.LimitedInputStream;
import uk.sen.platform.jobs.ImportProgress;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.register.config.ExchangeConfig;
import uk.sen.register.config.RegisterConfig;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.RegisterSync;
import uk.sen.register.domain.RegisterSync.Outcome;
import uk.sen.register.domain.RegisterSync.Plan;
import uk.sen.register.domain.RegisterSync.Source;
import uk.sen.register.domain.School;
import uk.sen.register.exchange.CtfFileName;
import uk.sen.register.exchange.CtfFormat;
import uk.sen.register.exchange.CtfReader;
import uk.sen.register.service.RegisterImporter.Candidate;
import uk.sen.register.service.RegisterImporter.Result;

/**
 * Imports the pupils of a Common Transfer File into the school its header names, with their SEN history. Read as a
 * stream and applied in batches, in one transaction: a file that turns out not to be XML, or too large, part way
 * through changes nothing. Nothing is kept per pupil beyond the batch: a repeated UPN is found through the
 * database, and the report lists only the first errors and warnings.
 */
@ApplicationScoped
public class CtfImportService {

    @Inject
    SchoolService schools;

    @Inject
    RegisterImporter importer;

    @Inject
    RegisterService register;

    @Inject
    CallerScope caller;

    @Inject
    RegisterConfig registerConfig;

    @Inject
    ExchangeConfig config;

    /**
     * @param schoolUrn needed only when the file's destination is unknown (MMM/MMMM); else it must match it
     * @param entryDate the pupils' first day at the school, when known (default: today)
     * @param dryRun    read, check and report everything, then roll it all back (nothing stored, nothing announced)
     * @param progress  told the counts after each batch and at the end; the report is the same whoever listens
     */
    public ImportReport importCtf(String schoolUrn, LocalDate entryDate, boolean dryRun, InputStream body,
            ImportProgress progress) {
        LimitedInputStream limited = new LimitedInputStream(body, config.ctfMaxBytes());
        LocalDate today = register.today();
        try {
            return RegisterImporter.inOneTransaction(config.importTimeout(), dryRun,
                    () -> read(new CtfReader(limited), schoolUrn, entryDate, today, dryRun, progress));
        } catch (RuntimeException e) {
            if (limited.exceeded()) {
                throw limited.refusal();
            }
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ProblemException problem) {
                    throw problem;
                }
            }
            throw e;
        }
    }

    /**
     * The school a file already read whole is for, as its header names it (one of the caller's: else 404), for an
     * import sent as a job: refused before it is answered, as a file that is not a CTF (400) is.
     */
    public String destinationOf(String schoolUrn, byte[] file) {
        try (CtfReader ctf = new CtfReader(new ByteArrayInputStream(file))) {
            return destination(ctf.header().dest(), schoolUrn).urn;
        }
    }

    private ImportReport read(CtfReader ctf, String schoolUrn, LocalDate entryDate, LocalDate today, boolean dryRun,
            ImportProgress progress) {
        try (ctf) {
            CtfReader.Header header = ctf.header();
            School school = destination(header.dest(), schoolUrn);
            ImportReport.Builder report = new ImportReport.Builder("ctf", school.urn, dryRun, config.reportMaxErrors(),
                    progress);
            String from = header.source() == null ? "an unnamed school"
                    : header.source().la() + "-" + header.source().estab()
                            + (header.source().name() == null ? "" : " " + header.source().name());
            LocalDate fileDate = CtfFormat.fileDate(header.createdAt());
            RegisterImporter.Batch batch = importer.startFile(config.batchSize(), report, CtfImportService::duplicate);
            // the warnings of the batch's pupils, reported once they are applied
            Map<Long, List<String>> warnings = new HashMap<>();
            CtfReader.Pupil pupil;
            while ((pupil = ctf.next()) != null) {
                report.read();
                CtfFormat.Checked checked = CtfFormat.check(pupil, fileDate, entryDate, today,
                        registerConfig::recognisedLa);
                if (!checked.valid()) {
                    report.invalid(checked.index(), checked.upn(), checked.violations());
                    continue;
                }
                if (!batch.add(checked.index(), checked.incoming())) {
                    continue;
                }
                if (!checked.warnings().isEmpty()) {
                    warnings.put((long) checked.index(), checked.warnings());
                }
                if (batch.full()) {
                    apply(school, today, batch.take(), from, warnings, report);
                    warnings.clear();
                }
            }
            apply(school, today, batch.take(), from, warnings, report);
            report.ignoredColumns(ctf.skipped());
            report.tellProgress();
            return report.build();
        }
    }

    /** Applies a batch's pupils ({@link RegisterImporter.Batch#take}) with the warnings their reading gave. */
    private void apply(School school, LocalDate today, List<Candidate> first, String from,
            Map<Long, List<String>> warnings, ImportReport.Builder report) {
        if (first.isEmpty()) {
            return;
        }
        for (Result result : importer.apply(school, Source.CTF, today, first, "CTF import from " + from)) {
            Plan plan = result.plan();
            if (plan.outcome() == Outcome.INVALID) {
                report.invalid(result.ref(), result.upn(), plan.violations().stream()
                        .map(v -> new Violation("upn".equals(v.field()) ? "UPN" : "SENhistory", v.reason())).toList());
                continue;
            }
            report.applied(plan.outcome());
            List<String> remarks = new ArrayList<>(warnings.getOrDefault(result.ref(), List.of()));
            remarks.addAll(plan.warnings());
            if (plan.openAfter() != null && plan.openAfter().code() == Provision.E
                    && plan.openAfter().issuingLa() == null) {
                remarks.add("EHC plan recorded without its issuing LA and issue date, which a CTF does not carry: "
                        + "record when the plan was issued and last reviewed on the pupil's annual review "
                        + "(PUT /api/v1/reviews/{id}/reference), so its deadlines count from the real dates");
            }
            report.warn(result.ref(), result.upn(), remarks);
        }
        report.tellProgress();
    }

    private static Violation duplicate(long earlierPupil) {
        return new Violation("UPN", RegisterSync.DUPLICATE_UPN + " (also pupil " + earlierPupil + " of this file)");
    }

    /** The school named by the header (LA + establishment number), which must be one of the caller's. */
    private School destination(CtfReader.School dest, String schoolUrn) {
        String la = dest.la();
        String estab = dest.estab();
        boolean unknown = la == null || estab == null || CtfFileName.UNKNOWN_LA.equals(la)
                || CtfFileName.UNKNOWN_ESTAB.equals(estab);
        if (unknown) {
            if (schoolUrn == null) {
                throw ProblemException.invalid("school", "the file does not name its destination school "
                        + "(MMM/MMMM): give the URN of the school it is for");
            }
            return schools.visibleSchool(schoolUrn);
        }
        School school = School.find("laCode = ?1 and estabNumber = ?2", la, estab).firstResult();
        if (school == null || !caller.coversSchool(school.trustId, school.urn)) {
            throw ProblemException.notFound("School", la + "-" + estab);
        }
        if (schoolUrn != null && !schoolUrn.equals(school.urn)) {
            throw ProblemException.invalid("school", "the file is for school " + la + "-" + estab + " (URN "
                    + school.urn + "), not " + schoolUrn);
        }
        return school;
    }
}
