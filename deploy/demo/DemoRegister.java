import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;

/**
 * Writes the demo trust's register as MIS import files, one per school (fictional names only), deterministic so
 * that a rerun produces the same files and the import changes nothing. About 13% of pupils on SEN support (K) and
 * 4% with an EHC plan (E), needs spread across the codes, some under 5, pupils in transfer years, and plans issued
 * long enough ago that some annual reviews are overdue.
 *
 * Run: java deploy/demo/DemoRegister.java OUTPUT_DIR [TODAY]
 */
public class DemoRegister {

    record School(String urn, String estab, String[] years, int pupils) {
    }

    static final String LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";
    static final String[] FORENAMES = { "Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hari", "Isla", "Jack",
            "Kai", "Layla", "Mo", "Nia", "Oscar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Vik", "Wren", "Yusuf",
            "Zara", "Alfie", "Bea", "Cal", "Daisy", "Eli", "Freya", "Gus", "Hana", "Ivo", "Jade", "Leo", "Maya", "Noah",
            "Orla", "Reuben", "Sofia", "Theo", "Ayesha", "Kofi", "Lena", "Ravi", "Sienna", "Tomasz", "Ada", "Ibrahim" };
    static final String[] SURNAMES = { "Ashby", "Brook", "Carver", "Dunmore", "Ellery", "Fairholm", "Garside", "Hale",
            "Ingleby", "Jessop", "Kettering", "Lowther", "Marsh", "Nettleton", "Oakridge", "Pennock", "Quayle",
            "Ridley", "Stanwick", "Thorne", "Underhill", "Vane", "Whitcombe", "Yardley", "Ashdown", "Birchall",
            "Copley", "Dale", "Eskdale", "Fenwick", "Greaves", "Hollins", "Kirkby", "Langdon", "Moorcroft", "Norbury",
            "Pickering", "Ramsden", "Sowerby", "Tasker", "Wetherall", "Ackroyd", "Blakey", "Crowther", "Dinsdale" };
    // census need codes weighted roughly as in national statistics
    static final String[] K_NEEDS = { "SLCN", "SLCN", "SLCN", "SLCN", "SEMH", "SEMH", "SEMH", "MLD", "MLD", "SPLD",
            "SPLD", "SPLD", "ASD", "ASD", "PD", "HI", "VI", "OTH", "NSA", "MSI", "DS" };
    static final String[] E_NEEDS = { "ASD", "ASD", "ASD", "ASD", "SLCN", "SLCN", "SEMH", "SEMH", "MLD", "SLD", "PMLD",
            "PD", "HI", "DS", "SPLD", "VI" };

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        LocalDate today = args.length > 1 ? LocalDate.parse(args[1]) : LocalDate.now(java.time.ZoneId.of("Europe/London"));
        Files.createDirectories(out);
        School[] schools = {
                new School("900101", "2001", new String[] { "R", "1", "2", "3", "4", "5", "6" }, 420),
                new School("900102", "2002", new String[] { "N2", "R", "1", "2", "3", "4", "5", "6" }, 330),
                new School("900103", "4001", new String[] { "7", "8", "9", "10", "11", "12", "13" }, 750) };
        for (School school : schools) {
            write(out.resolve(school.urn() + ".csv"), school, today);
        }
    }

    static void write(Path file, School school, LocalDate today) throws IOException {
        Random random = new Random(Long.parseLong(school.urn()));
        int schoolYearStart = today.getMonthValue() >= 9 ? today.getYear() : today.getYear() - 1;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            w.println("UPN,Surname,Forename,DOB,Sex,NCYear,SchoolURN,SENProvision,SENStartDate,PrimaryNeed,SecondaryNeed,IssuingLA,PlanIssueDate");
            for (int i = 0; i < school.pupils(); i++) {
                String year = school.years()[i % school.years().length];
                int ageAtSeptember = switch (year) {
                    case "N2" -> 3;
                    case "R" -> 4;
                    default -> Integer.parseInt(year) + 4;
                };
                // born between 1 September and 31 August of the cohort's year
                LocalDate dob = LocalDate.of(schoolYearStart - ageAtSeptember - 1, 9, 1).plusDays(random.nextInt(365));
                String upn = upn(school.estab(), 10 + i / 1000, i % 1000);
                double draw = random.nextDouble();
                String provision = draw < 0.04 ? "E" : draw < 0.17 ? "K" : "N";
                String start = "";
                String primary = "";
                String secondary = "";
                String la = "";
                String issued = "";
                if (!provision.equals("N")) {
                    String[] pool = provision.equals("E") ? E_NEEDS : K_NEEDS;
                    primary = pool[random.nextInt(pool.length)];
                    if (random.nextDouble() < 0.35) {
                        String second = pool[random.nextInt(pool.length)];
                        if (!second.equals(primary) && !second.equals("NSA") && !primary.equals("NSA")) {
                            secondary = second;
                        }
                    }
                    LocalDate earliest = dob.plusYears(3).isAfter(today.minusYears(3)) ? dob.plusYears(3) : today.minusYears(3);
                    long span = Math.max(1, today.toEpochDay() - 30 - earliest.toEpochDay());
                    LocalDate started = earliest.plusDays(random.nextLong(span));
                    start = started.toString();
                    if (provision.equals("E")) {
                        la = "801";
                        // issued up to 14 months ago: a few annual reviews are already overdue
                        LocalDate plan = today.minusDays(20 + random.nextInt(410));
                        issued = (plan.isBefore(started) ? started : plan).toString();
                        start = issued;
                    }
                }
                w.printf("%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n", upn, SURNAMES[random.nextInt(SURNAMES.length)],
                        FORENAMES[random.nextInt(FORENAMES.length)], dob, random.nextBoolean() ? "F" : "M", year,
                        school.urn(), provision, start, primary, secondary, la, issued);
            }
        }
    }

    /** A valid UPN: check letter, LA 801, establishment, year of issue, serial. */
    static String upn(String estab, int yearOfIssue, int serial) {
        String body = "801" + estab + String.format("%02d%03d", yearOfIssue, serial);
        int sum = 0;
        for (int position = 2; position <= 13; position++) {
            sum += (body.charAt(position - 2) - '0') * position;
        }
        return LETTERS.charAt(sum % 23) + body;
    }
}
