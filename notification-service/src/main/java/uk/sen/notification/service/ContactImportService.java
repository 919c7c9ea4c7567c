package uk.sen.notification.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import uk.sen.notification.config.NotificationConfig;
import uk.sen.notification.domain.Contact;
import uk.sen.notification.domain.ContactInput;
import uk.sen.notification.domain.ContactRules;
import uk.sen.notification.domain.Csv;
import uk.sen.notification.domain.KnownPupil;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.io.LimitedInputStream;
import uk.sen.platform.io.Utf8Reader;
import uk.sen.platform.jobs.ImportProgress;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;

/**
 * Contacts from a CSV file (columns in {@link #COLUMNS}; the README documents them). Each row is checked by the same
 * rules as the API; valid rows are added, bad rows are reported with the column and reason, and a row that repeats a
 * contact already held (same pupil, kind, name and relationship or agency) is reported as a duplicate and left alone,
 * so importing the same file twice adds nothing.
 * <p>
 * The file is read as it arrives, one row at a time, and must be UTF-8 and at most
 * {@code sen.notification.contacts-import.max-bytes} long; a file that breaks either is refused whole, whatever rows
 * came before, and the report lists at most {@link #MAX_LISTED_REJECTIONS} rejected rows (counting them all), so
 * neither the file nor its answer grows with what a caller sends.
 */
@ApplicationScoped
public class ContactImportService {

    public static final List<String> COLUMNS = List.of("pupil_id", "upn", "kind", "name", "relationship",
            "parental_responsibility", "agency", "organisation", "email", "mobile", "address_line1", "address_line2",
            "town", "postcode", "preferred_channel");
    static final Set<String> REQUIRED = Set.of("kind", "name", "preferred_channel");
    /** A UPN's form (the register checks its check letter): a letter, the LA's and a serial's 11 digits, a check. */
    private static final java.util.regex.Pattern UPN = java.util.regex.Pattern.compile(
            "[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]");
    public static final int MAX_ROWS = 5000;
    /** Rejected rows listed in a report; {@code rejected} still counts them all. */
    public static final int MAX_LISTED_REJECTIONS = 100;
    /**
     * Fields a line may have: far more than the columns, and few enough that neither a line of commas nor the
     * header's list of unknown columns grows with the file.
     */
    static final int MAX_FIELDS = 100;

    @Schema(description = "What became of one row of the file")
    public record RowResult(
            @Schema(description = "The row's line in the file (the header is line 1)", examples = "2") int line,
            @Schema(description = "CREATED: added; DUPLICATE: a contact held already (same pupil, kind, name and "
                    + "relationship or agency), left alone; REJECTED: see violations",
                    enumeration = { "CREATED", "DUPLICATE", "REJECTED" }) String status,
            @Schema(description = """
                    The pupil_id column as written, or the id of the pupil its upn names; null when the row named \
                    neither""", nullable = true)
            String pupilId,
            @Schema(description = "The contact added; null unless CREATED", nullable = true, format = "uuid")
            String contactId,
            @Schema(description = "Each column refused and why (REJECTED rows only)") List<Violation> violations) {
    }

    /**
     * Counts of the rows, and each row's result in file order: every CREATED and DUPLICATE row, and the first
     * {@link #MAX_LISTED_REJECTIONS} REJECTED ones ({@code rejectionsTruncated} when there were more).
     */
    @Schema(description = "The counts of the file's rows, and each row's result in file order")
    public record ImportReport(
            @Schema(description = "Rows after the header") int rows,
            @Schema(description = "Contacts added") int created,
            @Schema(description = "Rows that repeat a contact held, left alone") int duplicates,
            @Schema(description = "Rows refused, all counted") int rejected,
            @Schema(description = "True when more than 100 rows were refused: only the first 100 are in results")
            boolean rejectionsTruncated,
            @Schema(description = "Every CREATED and DUPLICATE row, and the first 100 REJECTED ones")
            List<RowResult> results) {
    }

    @Inject
    CallerScope caller;

    @Inject
    ContactService contacts;

    @Inject
    AuditLog audit;

    @Inject
    NotificationConfig config;

    /** Refuses a file whose announced length is over the limit before any of it is read. */
    public void refuseIfAnnouncedLarger(String contentLength) {
        if (contentLength == null || contentLength.isBlank()) {
            return;
        }
        long announced;
        try {
            announced = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Content-Length is not a number.");
        }
        if (announced > config.contactsImport().maxBytes()) {
            throw tooLarge();
        }
    }

    /**
     * The whole file, for an import that runs as a job: read here, within the size limit (413 beyond it), before the
     * request is answered.
     */
    public byte[] readWhole(InputStream body) {
        try (InputStream limited = new LimitedInputStream(body, config.contactsImport().maxBytes())) {
            return limited.readAllBytes();
        } catch (LimitedInputStream.TooLarge e) {
            throw tooLarge();
        } catch (IOException e) {
            throw ProblemException.badRequest("The file could not be read to the end; nothing was imported.");
        }
    }

    /**
     * One transaction for the whole file, so a failure part-way (a bad byte, the size limit, a broken quote) leaves
     * nothing half imported. Up to {@link #MAX_ROWS} rows, each checked and planned for (catch-up messages), take
     * longer than the default minute when the service is busy consuming events (the benchmark run found a 5,000-row
     * file cut off by the transaction reaper at 60 s).
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public ImportReport importCsv(InputStream body, ImportProgress progress) {
        Csv csv = new Csv(new Utf8Reader(new LimitedInputStream(body, config.contactsImport().maxBytes())), MAX_FIELDS);
        try {
            return importRows(csv, progress);
        } catch (LimitedInputStream.TooLarge e) {
            throw tooLarge();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid("line " + csv.line(), "has bytes that are not UTF-8: save the file as "
                    + "\"CSV UTF-8\" and import it again (nothing was imported)");
        } catch (IOException e) {
            throw ProblemException.badRequest("The file could not be read to the end; nothing was imported.");
        } catch (Csv.CsvException e) {
            throw ProblemException.invalid("line " + e.line, e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
    }

    private ImportReport importRows(Csv csv, ImportProgress progress) throws IOException {
        Csv.Record first = csv.next();
        if (first == null) {
            throw ProblemException.invalid("body", "is empty: send the CSV file with a header row");
        }
        List<String> header = first.fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        checkHeader(header);
        List<RowResult> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> pupilIds = new LinkedHashSet<>();
        int rows = 0;
        int created = 0;
        int duplicates = 0;
        int rejected = 0;
        for (Csv.Record row = csv.next(); row != null; row = csv.next()) {
            if (++rows > MAX_ROWS) {
                throw ProblemException.invalid("body", "has more than " + MAX_ROWS + " rows; send at most "
                        + MAX_ROWS + " per file");
            }
            RowResult result = importRow(row, header, seen);
            switch (result.status()) {
                case "CREATED" -> {
                    created++;
                    pupilIds.add(result.pupilId());
                }
                case "DUPLICATE" -> duplicates++;
                default -> rejected++;
            }
            if (!"REJECTED".equals(result.status()) || rejected <= MAX_LISTED_REJECTIONS) {
                results.add(result);
            }
            progress.update(rows, created, duplicates, rejected);
        }
        if (!pupilIds.isEmpty()) {
            audit.record(AuditLog.IMPORT, "pupil", pupilIds, caller.trustId(), null,
                    "contacts CSV: " + created + " added, " + duplicates + " duplicates, " + rejected + " rejected");
        }
        return new ImportReport(rows, created, duplicates, rejected, rejected > MAX_LISTED_REJECTIONS, results);
    }

    private ProblemException tooLarge() {
        long limit = config.contactsImport().maxBytes();
        String size = limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MB" : limit + " bytes";
        return new ProblemException(413, "file-too-large", "File too large", "The file is larger than " + size
                + ", the most one contacts import takes; nothing was imported. Split it into smaller files.",
                List.of());
    }

    private RowResult importRow(Csv.Record row, List<String> header, Set<String> seen) {
        if (row.fields().size() != header.size()) {
            return rejected(row, null, List.of(new Violation("row", "has " + row.fields().size()
                    + " fields; the header has " + header.size())));
        }
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = row.fields().get(i).trim();
            v.put(header.get(i), value.isEmpty() ? null : value);
        }
        List<Violation> violations = new ArrayList<>();
        KnownPupil pupil = null;
        String pupilText = v.get("pupil_id");
        String upn = v.get("upn") == null ? null : v.get("upn").toUpperCase(Locale.ROOT);
        if (pupilText == null && upn == null) {
            violations.add(new Violation("pupil_id", "is required (or the pupil's upn)"));
        } else if (pupilText != null) {
            try {
                pupil = KnownPupil.findById(UUID.fromString(pupilText));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("pupil_id", "is not a pupil id (a UUID from the register)"));
            }
            if (violations.isEmpty() && (pupil == null || !caller.coversSchool(pupil.trustId, pupil.schoolUrn))) {
                violations.add(new Violation("pupil_id", "no pupil with this id in your schools"));
                pupil = null;
            }
            if (pupil != null && upn != null && !upn.equals(pupil.upn)) {
                violations.add(new Violation("upn", "is not the UPN of the pupil with this pupil_id"));
                pupil = null;
            }
        } else if (!UPN.matcher(upn).matches()) {
            violations.add(new Violation("upn", "is not a UPN (13 characters: a letter, 11 digits, a digit or letter)"));
        } else {
            pupil = byUpn(upn);
            if (pupil == null) {
                violations.add(new Violation("upn", "no pupil with this UPN in your schools"));
            } else {
                pupilText = pupil.pupilId.toString();
            }
        }
        String pr = v.get("parental_responsibility");
        Boolean responsibility = pr == null ? null : switch (pr.toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1" -> true;
            case "no", "n", "false", "0" -> false;
            default -> null;
        };
        boolean unreadableResponsibility = pr != null && responsibility == null;
        if (unreadableResponsibility) {
            violations.add(new Violation("parental_responsibility", "must be yes or no"));
        }
        ContactInput input = new ContactInput(v.get("kind"), v.get("name"), v.get("relationship"), responsibility,
                v.get("agency"), v.get("organisation"), v.get("email"), v.get("mobile"), v.get("address_line1"),
                v.get("address_line2"), v.get("town"), v.get("postcode"), v.get("preferred_channel"));
        ContactRules.Checked checked = ContactRules.check(input);
        for (Violation x : checked.violations()) {
            // an unreadable yes/no is already reported; the rules would only add that it is missing
            if (!(unreadableResponsibility && x.field().equals("parentalResponsibility"))) {
                violations.add(new Violation(column(x.field()), x.reason()));
            }
        }
        if (!violations.isEmpty()) {
            return rejected(row, pupilText, violations);
        }
        ContactRules.ValidContact c = checked.contact();
        String key = pupil.pupilId + "|" + c.kind() + "|" + c.name().toLowerCase(Locale.ROOT) + "|"
                + (c.relationship() != null ? c.relationship() : c.agency());
        boolean held = Contact.count("pupilId = ?1 and kind = ?2 and lower(name) = ?3 and (relationship = ?4 or agency = ?5)",
                pupil.pupilId, c.kind(), c.name().toLowerCase(Locale.ROOT), c.relationship(), c.agency()) > 0;
        if (held || !seen.add(key)) {
            return new RowResult(row.line(), "DUPLICATE", pupilText, null, List.of());
        }
        Contact added = contacts.add(pupil, c, "CSV import");
        return new RowResult(row.line(), "CREATED", pupilText, added.id.toString(), List.of());
    }

    /** The pupil of the caller's trust and schools with this UPN, as the register's events told it; null if none. */
    private KnownPupil byUpn(String upn) {
        return KnownPupil.<KnownPupil> list("trustId = ?1 and upn = ?2", caller.trustId(), upn).stream()
                .filter(p -> caller.coversSchool(p.trustId, p.schoolUrn)).findFirst().orElse(null);
    }

    private static void checkHeader(List<String> header) {
        List<Violation> v = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (String h : header) {
            if (!COLUMNS.contains(h)) {
                v.add(new Violation("header", "unknown column '" + h + "' (columns: " + String.join(", ", COLUMNS) + ")"));
            } else if (!distinct.add(h)) {
                v.add(new Violation("header", "column '" + h + "' appears twice"));
            }
        }
        for (String required : REQUIRED) {
            if (!header.contains(required)) {
                v.add(new Violation("header", "missing column '" + required + "'"));
            }
        }
        if (!header.contains("pupil_id") && !header.contains("upn")) {
            v.add(new Violation("header", "missing column 'pupil_id' (or 'upn', the pupil's UPN)"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
    }

    private static RowResult rejected(Csv.Record row, String pupilId, List<Violation> violations) {
        return new RowResult(row.line(), "REJECTED", pupilId, null, List.copyOf(violations));
    }

    /** The CSV column of a contact field: addressLine1 -> address_line1. */
    static String column(String field) {
        return field.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
