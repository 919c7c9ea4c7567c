package uk.sen.register.exchange;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.register.domain.NeedType;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.RegisterSync.Incoming;
import uk.sen.register.domain.SenRules;
import uk.sen.register.domain.SenRules.RankedNeed;
import uk.sen.register.domain.Upn;

/**
 * The school MIS export the register imports: a CSV file with a header row, columns in any order, names matched
 * without regard to case, unknown columns ignored. Each data row is checked on its own, with every problem named by
 * its column, so a SENCO can fix the file in one pass.
 */
public final class MisFormat {

    public enum Column {
        UPN("UPN", true),
        SURNAME("Surname", true),
        FORENAME("Forename", true),
        DOB("DOB", true),
        SEX("Sex", true),
        NC_YEAR("NCYear", true),
        SCHOOL_URN("SchoolURN", false),
        SEN_PROVISION("SENProvision", true),
        SEN_START_DATE("SENStartDate", true),
        PRIMARY_NEED("PrimaryNeed", true),
        SECONDARY_NEED("SecondaryNeed", false),
        ISSUING_LA("IssuingLA", false),
        PLAN_ISSUE_DATE("PlanIssueDate", false),
        ENTRY_DATE("EntryDate", false),
        LEAVING_DATE("LeavingDate", false);

        public final String header;
        public final boolean required;

        Column(String header, boolean required) {
            this.header = header;
            this.required = required;
        }
    }

    /** Where each known column is, the header's width and the columns the import does not read. */
    public record Header(Map<Column, Integer> positions, int width, List<String> ignored) {
    }

    /**
     * A data row: what it describes when valid, else its violations (field = column name, or null for the row);
     * {@code upn} as written, to name the row in a report; remarks on a valid row in {@code warnings}.
     */
    public record Row(long number, String upn, Incoming incoming, List<Violation> violations, List<String> warnings) {

        Row(long number, String upn, List<Violation> violations) {
            this(number, upn, null, violations, List.of());
        }

        public boolean valid() {
            return violations.isEmpty();
        }

        /**
         * Whether the row names a pupil the register could hold: a UPN that passes the check, even if another column
         * is wrong. A full sync counts the pupil of such a row as in the file.
         */
        public boolean namesPupil() {
            return upn != null && violations.stream().noneMatch(v -> v.field() == null
                    || Column.UPN.header.equals(v.field()));
        }
    }

    public static final int MAX_NAME_LENGTH = 100;

    private MisFormat() {
    }

    /** Reads the header row; a missing required column or a column given twice refuses the whole file. */
    public static Header header(List<String> names) {
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        List<String> ignored = new ArrayList<>();
        List<Violation> problems = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim();
            Column column = find(name);
            if (column == null) {
                ignored.add(name);
            } else if (positions.putIfAbsent(column, i) != null) {
                problems.add(new Violation(column.header, "the column is given more than once"));
            }
        }
        for (Column column : Column.values()) {
            if (column.required && !positions.containsKey(column)) {
                problems.add(new Violation(column.header, "required column is missing from the header row"));
            }
        }
        if (!problems.isEmpty()) {
            // the detail names the columns too: it is all an import run as a job keeps of the refusal
            throw new ProblemException(400, "invalid-file", "The file cannot be imported",
                    "The header row of the CSV file is not valid (" + problems.stream()
                            .map(p -> p.field() + ": " + p.reason()).collect(Collectors.joining("; "))
                            + "): nothing was imported.", problems);
        }
        return new Header(positions, names.size(), ignored);
    }

    private static Column find(String name) {
        for (Column column : Column.values()) {
            if (column.header.equalsIgnoreCase(name)) {
                return column;
            }
        }
        return null;
    }

    /**
     * Checks one data row for the school {@code schoolUrn}.
     *
     * @param fileDate     the day the file describes the roll on: a LeavingDate on or before it means the pupil has
     *                     left; a later one is not a leaving yet
     * @param recognisedLa LA numbers accepted in characters 2-4 of a UPN
     */
    public static Row row(Header header, CsvReader.Record record, String schoolUrn, LocalDate today,
            LocalDate fileDate, IntPredicate recognisedLa) {
        if (record.problem() != null) {
            return new Row(record.number(), null, List.of(new Violation(null, record.problem())));
        }
        if (record.fields().size() != header.width()) {
            return new Row(record.number(), null, List.of(new Violation(null, "the row has "
                    + record.fields().size() + " values; the header row has " + header.width() + " columns")));
        }
        Values values = new Values(header, record.fields());
        // One problem per column at most: the first found is the one to fix.
        Map<Column, String> problems = new LinkedHashMap<>();

        String upn = upper(values.get(Column.UPN));
        Upn.validate(upn, recognisedLa).ifPresent(m -> problems.put(Column.UPN, m));
        String surname = name(values, Column.SURNAME, problems);
        String forename = name(values, Column.FORENAME, problems);
        LocalDate dob = date(values, Column.DOB, problems);
        String sex = upper(values.get(Column.SEX));
        String ncYear = upper(values.get(Column.NC_YEAR));
        String urn = values.get(Column.SCHOOL_URN);
        if (urn != null && !urn.equals(schoolUrn)) {
            problems.put(Column.SCHOOL_URN, "must be " + schoolUrn + " (the school you import for) or left empty");
        }
        Provision provision = provision(values, problems);
        LocalDate start = date(values, Column.SEN_START_DATE, problems);
        String issuingLa = values.get(Column.ISSUING_LA);
        LocalDate planIssueDate = date(values, Column.PLAN_ISSUE_DATE, problems);
        LocalDate entryDate = date(values, Column.ENTRY_DATE, problems);
        LocalDate leavingDate = date(values, Column.LEAVING_DATE, problems);
        if (leavingDate != null && entryDate != null && leavingDate.isBefore(entryDate)) {
            problems.put(Column.LEAVING_DATE, "must not be before the EntryDate (" + entryDate + ")");
        }
        List<RankedNeed> needs = new ArrayList<>();
        List<Column> needColumns = new ArrayList<>();
        String primary = upper(values.get(Column.PRIMARY_NEED));
        String secondary = upper(values.get(Column.SECONDARY_NEED));
        if (primary != null) {
            needs.add(new RankedNeed(1, primary));
            needColumns.add(Column.PRIMARY_NEED);
        }
        if (secondary != null) {
            needs.add(new RankedNeed(2, secondary));
            needColumns.add(Column.SECONDARY_NEED);
        }

        List<Violation> rules = new ArrayList<>(SenRules.checkPupil(dob, sex, ncYear,
                entryDate != null ? entryDate : today, null, today));
        if (provision == Provision.N) {
            if (start != null) {
                problems.putIfAbsent(Column.SEN_START_DATE, "only a pupil on the SEN register has an SEN start date");
            }
            if (!needs.isEmpty()) {
                problems.putIfAbsent(needColumns.get(0), "a pupil without SEN provision (N) has no recorded needs");
            }
            if (issuingLa != null) {
                problems.putIfAbsent(Column.ISSUING_LA, "only an EHC plan (E) has an issuing LA");
            }
            if (planIssueDate != null) {
                problems.putIfAbsent(Column.PLAN_ISSUE_DATE, "only an EHC plan (E) has an issue date");
            }
        } else if (provision != null) {
            rules.addAll(SenRules.checkProvision(provision, start, needs, issuingLa, planIssueDate, dob, today, true));
        }
        for (Violation v : rules) {
            problems.putIfAbsent(columnOf(v.field(), needColumns), v.reason());
        }
        if (!problems.isEmpty()) {
            List<Violation> violations = new ArrayList<>();
            problems.forEach((column, reason) -> violations.add(new Violation(column.header, reason)));
            return new Row(record.number(), upn, violations);
        }
        List<RankedNeed> codes = needs.stream()
                .map(n -> new RankedNeed(n.rank(), NeedType.parse(n.code()).name())).toList();
        boolean left = leavingDate != null && !leavingDate.isAfter(fileDate);
        List<String> warnings = leavingDate == null || left ? List.of()
                : List.of("LeavingDate " + leavingDate + " is after the file's date (" + fileDate + "): the pupil "
                        + "stays on roll until a file of that day or later says they have left");
        Incoming incoming = new Incoming(upn, surname, forename, dob, sex, ncYear, entryDate,
                left ? leavingDate : null, List.of(), provision, provision == Provision.N ? null : start,
                provision == Provision.E ? issuingLa : null, provision == Provision.E ? planIssueDate : null, codes);
        return new Row(record.number(), upn, incoming, List.of(), warnings);
    }

    /** The MIS column a rule's field (named as in the API) stands for. */
    static Column columnOf(String field, List<Column> needColumns) {
        if (field.startsWith("needs[")) {
            int index = Integer.parseInt(field.substring(6, field.indexOf(']')));
            return index < needColumns.size() ? needColumns.get(index) : Column.PRIMARY_NEED;
        }
        return switch (field) {
            case "upn" -> Column.UPN;
            case "provision" -> Column.SEN_PROVISION;
            case "startDate" -> Column.SEN_START_DATE;
            case "needs" -> Column.PRIMARY_NEED;
            case "issuingLa" -> Column.ISSUING_LA;
            case "planIssueDate" -> Column.PLAN_ISSUE_DATE;
            case "dateOfBirth" -> Column.DOB;
            case "sex" -> Column.SEX;
            case "ncYear" -> Column.NC_YEAR;
            case "onRollDate" -> Column.ENTRY_DATE;
            case "leavingDate" -> Column.LEAVING_DATE;
            default -> throw new IllegalArgumentException("No MIS column for rule field " + field);
        };
    }

    private static String name(Values values, Column column, Map<Column, String> problems) {
        String value = values.get(column);
        if (value == null) {
            problems.put(column, "is required");
        } else if (value.length() > MAX_NAME_LENGTH) {
            problems.put(column, "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return value;
    }

    private static LocalDate date(Values values, Column column, Map<Column, String> problems) {
        String value = values.get(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.put(column, "'" + value + "' is not a date (yyyy-MM-dd)");
            return null;
        }
    }

    private static Provision provision(Values values, Map<Column, String> problems) {
        String value = upper(values.get(Column.SEN_PROVISION));
        if (value == null) {
            problems.put(Column.SEN_PROVISION, "is required: N, K or E (legacy S, A or P from old records)");
            return null;
        }
        try {
            return Provision.valueOf(value);
        } catch (IllegalArgumentException e) {
            problems.put(Column.SEN_PROVISION,
                    "'" + value + "' is not a provision code: N, K or E (legacy S, A or P from old records)");
            return null;
        }
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    /** A row's trimmed values by column; empty cells and absent optional columns read as null. */
    private record Values(Header header, List<String> fields) {
        String get(Column column) {
            Integer position = header.positions().get(column);
            if (position == null) {
                return null;
            }
            String value = fields.get(position).trim();
            return value.isEmpty() ? null : value;
        }
    }
}
