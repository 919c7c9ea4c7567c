import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the demo trust's contacts as notification-service CSV imports, one per school, and the sharing basis of each
 * agency contact (fictional people only; emails at {@code .example} domains, mobiles in Ofcom's drama range 07700
 * 900xxx, postcodes in the made-up area NB). Every pupil on the register (K or E) gets one or two parents or carers;
 * pupils with an EHC plan get their LA SEN officer and the agency that fits their primary need, pupils on SEN support
 * with speech, language and communication needs their speech and language therapist. Deterministic (seeded by UPN),
 * so a rerun writes the same rows and the import reports them as duplicates.
 *
 * Reads, in OUTPUT_DIR: the register files DemoRegister.java wrote ({@code <urn>.csv}) for names, provision and
 * needs, and {@code pupils-<urn>.json} (the register API's pupil pages, K and E, as fetched by demo.sh) for each
 * pupil's id. Writes {@code contacts-<urn>.csv} and {@code sharing-<urn>.tsv} (pupil id, agency, JSON body of
 * {@code PUT /api/v1/pupils/{id}/sharing/{agency}}).
 *
 * Run: java deploy/demo/DemoContacts.java OUTPUT_DIR [TODAY]
 */
public class DemoContacts {

    static final String[] SCHOOLS = { "900101", "900102", "900103" };
    static final String[] MOTHERS = { "Anna", "Beth", "Carla", "Deborah", "Emma", "Fatima", "Gemma", "Hannah",
            "Joanne", "Kirsty", "Laura", "Michelle", "Nadia", "Olivia", "Rachel", "Sarah", "Tanya", "Victoria",
            "Yasmin", "Zoe", "Amina", "Claire", "Donna", "Leanne", "Shreya", "Agnieszka", "Funmi", "Helen" };
    static final String[] FATHERS = { "Adam", "Ben", "Chris", "Daniel", "Ed", "Faisal", "Gareth", "Imran", "James",
            "Kieran", "Lee", "Mark", "Nathan", "Owen", "Paul", "Rob", "Steve", "Tom", "Wayne", "Yusuf", "Dariusz",
            "Kwame", "Matt", "Sanjay" };
    static final String[] GRANDPARENTS = { "Margaret", "Pauline", "Brenda", "Susan", "Derek", "Keith", "Alan", "Jean" };
    static final String[] SURNAMES = { "Abbott", "Bellamy", "Cartwright", "Dobson", "Everett", "Frost", "Gill",
            "Hardcastle", "Irwin", "Judd", "Kemp", "Lister", "Mellor", "Nash", "Orme", "Platt", "Rowe", "Senior",
            "Tillotson", "Walsh" };
    static final String[] STREETS = { "Harbour Road", "Meadow Lane", "Quarry Street", "Mill Row", "Station Road",
            "Chapel Walk", "Beck Side", "Foundry Close", "Granary Court", "Ropewalk" };
    static final String FAMILY_DOMAIN = "family.example";
    static final String COUNCIL = "Northbridge Council SEND Service";
    static final String NHS = "Northbridge Community Health NHS Trust";

    /** The people who work with each school: an agency contact is the same person for every pupil they see. */
    record Professional(String name, String email) {
    }

    static final Map<String, Map<String, Professional>> TEAM = Map.of(
            "900101", Map.of(
                    "LA_SEN_OFFICER", new Professional("Dana Whitlock", "dana.whitlock@northbridge-council.example"),
                    "EDUCATIONAL_PSYCHOLOGIST", new Professional("Dr Owen Pryce", "owen.pryce@northbridge-council.example"),
                    "SPEECH_AND_LANGUAGE_THERAPY", new Professional("Priya Castell", "priya.castell@nhs-northbridge.example"),
                    "OCCUPATIONAL_THERAPY", new Professional("Megan Hurst", "megan.hurst@nhs-northbridge.example"),
                    "CAMHS", new Professional("Sam Okafor", "sam.okafor@nhs-northbridge.example"),
                    "HEALTH", new Professional("Ruth Benning", "ruth.benning@nhs-northbridge.example")),
            "900102", Map.of(
                    "LA_SEN_OFFICER", new Professional("Dana Whitlock", "dana.whitlock@northbridge-council.example"),
                    "EDUCATIONAL_PSYCHOLOGIST", new Professional("Dr Owen Pryce", "owen.pryce@northbridge-council.example"),
                    "SPEECH_AND_LANGUAGE_THERAPY", new Professional("Lucy Arden", "lucy.arden@nhs-northbridge.example"),
                    "OCCUPATIONAL_THERAPY", new Professional("Megan Hurst", "megan.hurst@nhs-northbridge.example"),
                    "CAMHS", new Professional("Sam Okafor", "sam.okafor@nhs-northbridge.example"),
                    "HEALTH", new Professional("Ruth Benning", "ruth.benning@nhs-northbridge.example")),
            "900103", Map.of(
                    "LA_SEN_OFFICER", new Professional("Marcus Feld", "marcus.feld@northbridge-council.example"),
                    "EDUCATIONAL_PSYCHOLOGIST", new Professional("Dr Hazel Quint", "hazel.quint@northbridge-council.example"),
                    "SPEECH_AND_LANGUAGE_THERAPY", new Professional("Tom Linacre", "tom.linacre@nhs-northbridge.example"),
                    "OCCUPATIONAL_THERAPY", new Professional("Megan Hurst", "megan.hurst@nhs-northbridge.example"),
                    "CAMHS", new Professional("Jo Ferriby", "jo.ferriby@nhs-northbridge.example"),
                    "HEALTH", new Professional("Ruth Benning", "ruth.benning@nhs-northbridge.example")));

    /** The agency a plan's primary need brings in (besides the LA SEN officer). */
    static String agencyFor(String need) {
        return switch (need) {
            case "ASD", "SLCN" -> "SPEECH_AND_LANGUAGE_THERAPY";
            case "SEMH" -> "CAMHS";
            case "PD", "MSI" -> "OCCUPATIONAL_THERAPY";
            case "HI", "VI" -> "HEALTH";
            default -> "EDUCATIONAL_PSYCHOLOGIST";
        };
    }

    /** A pupil's id, school and UPN as the register API answers them (fields in this order in each item). */
    static final Pattern PUPIL = Pattern.compile(
            "\"id\":\"([0-9a-f-]{36})\",\"trustId\":\"[^\"]*\",\"schoolUrn\":\"(\\d{6})\",\"upn\":\"([A-Z0-9]{13})\"");

    record Pupil(String id, String upn, String surname, String provision, String start, String primaryNeed,
            String planIssued) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        LocalDate today = args.length > 1 ? LocalDate.parse(args[1]) : LocalDate.now(ZoneId.of("Europe/London"));
        for (String urn : SCHOOLS) {
            List<Pupil> pupils = pupils(dir, urn);
            int[] counts = write(dir, urn, pupils, today);
            System.out.printf("[demo] contacts of %s written: %d pupils, %d parents and carers, %d agency contacts%n", urn,
                    pupils.size(), counts[0], counts[1]);
        }
    }

    /** The school's pupils on the register (in the register file's order) that the API listed with an id. */
    static List<Pupil> pupils(Path dir, String urn) throws IOException {
        Map<String, String> ids = new HashMap<>();
        Matcher m = PUPIL.matcher(Files.readString(dir.resolve("pupils-" + urn + ".json"), StandardCharsets.UTF_8));
        while (m.find()) {
            if (m.group(2).equals(urn)) {
                ids.put(m.group(3), m.group(1));
            }
        }
        List<Pupil> pupils = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve(urn + ".csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            // UPN,Surname,Forename,DOB,Sex,NCYear,SchoolURN,SENProvision,SENStartDate,PrimaryNeed,SecondaryNeed,IssuingLA,PlanIssueDate
            String[] f = line.split(",", -1);
            String id = ids.get(f[0]);
            if (id != null && (f[7].equals("K") || f[7].equals("E"))) {
                pupils.add(new Pupil(id, f[0], f[1], f[7], f[8], f[9], f[12]));
            }
        }
        return pupils;
    }

    static int[] write(Path dir, String urn, List<Pupil> pupils, LocalDate today) throws IOException {
        int parents = 0;
        int agencies = 0;
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(dir.resolve("contacts-" + urn + ".csv"), StandardCharsets.UTF_8));
                PrintWriter sharing = new PrintWriter(Files.newBufferedWriter(dir.resolve("sharing-" + urn + ".tsv"), StandardCharsets.UTF_8))) {
            csv.println("pupil_id,kind,name,relationship,parental_responsibility,agency,organisation,email,mobile,"
                    + "address_line1,address_line2,town,postcode,preferred_channel");
            for (Pupil p : pupils) {
                Random random = new Random(p.upn().hashCode());
                parents += family(csv, p, random);
                List<String> involved = new ArrayList<>();
                if (p.provision().equals("E")) {
                    involved.add("LA_SEN_OFFICER");
                    involved.add(agencyFor(p.primaryNeed()));
                } else if (p.primaryNeed().equals("SLCN")) {
                    involved.add("SPEECH_AND_LANGUAGE_THERAPY");
                }
                for (String agency : involved) {
                    Professional who = TEAM.get(urn).get(agency);
                    String organisation = agency.equals("LA_SEN_OFFICER") || agency.equals("EDUCATIONAL_PSYCHOLOGIST")
                            ? COUNCIL : NHS;
                    csv.printf("%s,AGENCY,%s,,,%s,%s,%s,,,,,,EMAIL%n", p.id(), who.name(), agency, organisation, who.email());
                    sharing.printf("%s\t%s\t%s%n", p.id(), agency, basis(p, agency, random, today));
                    agencies++;
                }
            }
        }
        return new int[] { parents, agencies };
    }

    /** One or two parents or carers; only those with parental responsibility hear about SEN support and reviews. */
    static int family(PrintWriter csv, Pupil p, Random random) {
        double draw = random.nextDouble();
        String first = draw < 0.70 ? "MOTHER" : draw < 0.84 ? "FATHER" : draw < 0.90 ? "PARENT"
                : draw < 0.94 ? "GRANDPARENT" : draw < 0.97 ? "FOSTER_CARER" : "SPECIAL_GUARDIAN";
        String second = null;
        if (random.nextDouble() < 0.6) {
            second = switch (first) {
                case "MOTHER" -> random.nextDouble() < 0.8 ? "FATHER" : "STEP_PARENT";
                case "FATHER" -> "MOTHER";
                case "PARENT" -> "PARENT";
                case "GRANDPARENT", "SPECIAL_GUARDIAN" -> "GRANDPARENT";
                default -> null; // a foster carer: the LA holds parental responsibility
            };
        }
        contact(csv, p, first, random);
        if (second != null) {
            contact(csv, p, second, random);
            return 2;
        }
        return 1;
    }

    static void contact(PrintWriter csv, Pupil p, String relationship, Random random) {
        String forename = switch (relationship) {
            case "MOTHER" -> pick(MOTHERS, random);
            case "FATHER" -> pick(FATHERS, random);
            case "GRANDPARENT", "SPECIAL_GUARDIAN" -> pick(GRANDPARENTS, random);
            default -> random.nextBoolean() ? pick(MOTHERS, random) : pick(FATHERS, random);
        };
        boolean sameSurname = switch (relationship) {
            case "MOTHER", "FATHER", "PARENT" -> random.nextDouble() < 0.8;
            default -> random.nextDouble() < 0.3;
        };
        String surname = sameSurname ? p.surname() : pick(SURNAMES, random);
        boolean responsibility = switch (relationship) {
            case "MOTHER", "FATHER", "PARENT", "SPECIAL_GUARDIAN", "GUARDIAN" -> true;
            default -> false;
        };
        String email = forename.toLowerCase(Locale.ROOT) + "." + surname.toLowerCase(Locale.ROOT)
                + (10 + random.nextInt(90)) + "@" + FAMILY_DOMAIN;
        boolean hasEmail = random.nextDouble() < 0.95;
        String mobile = random.nextDouble() < 0.8 ? String.format("07700 900%03d", random.nextInt(1000)) : "";
        boolean hasAddress = random.nextDouble() < 0.3;
        String line1 = "";
        String town = "";
        String postcode = "";
        if (hasAddress) {
            line1 = (1 + random.nextInt(120)) + " " + pick(STREETS, random);
            town = "Northbridge";
            postcode = String.format("NB%d %d%c%c", 1 + random.nextInt(9), random.nextInt(10),
                    "ABDEFGHJLNPQRSTUWXYZ".charAt(random.nextInt(20)), "ABDEFGHJLNPQRSTUWXYZ".charAt(random.nextInt(20)));
        }
        double channel = random.nextDouble();
        String preferred = channel < 0.12 && !mobile.isEmpty() ? "SMS"
                : channel < 0.18 && hasAddress ? "POST"
                : hasEmail ? "EMAIL" : !mobile.isEmpty() ? "SMS" : hasAddress ? "POST" : "EMAIL";
        if (preferred.equals("EMAIL")) {
            hasEmail = true;
        }
        csv.printf("%s,PARENT_CARER,%s %s,%s,%s,,,%s,%s,%s,,%s,%s,%s%n", p.id(), forename, surname, relationship,
                responsibility ? "yes" : "no", hasEmail ? email : "", mobile, line1, town, postcode, preferred);
    }

    /**
     * The basis for sharing with an agency: the LA SEN officer under the LA's legal duties from the plan's issue, the
     * educational psychologist as a public task, health services with the parents' consent (a few withdrawn since).
     */
    static String basis(Pupil p, String agency, Random random, LocalDate today) {
        LocalDate start = LocalDate.parse(p.planIssued().isEmpty() ? p.start() : p.planIssued());
        if (agency.equals("LA_SEN_OFFICER")) {
            return json("LEGAL_OBLIGATION", start, null, "EHC plan maintained by LA 801");
        }
        if (agency.equals("EDUCATIONAL_PSYCHOLOGIST")) {
            return json("PUBLIC_TASK", start, null, "Statutory advice and review of the EHC plan");
        }
        LocalDate given = min(start.plusDays(random.nextInt(60)), today);
        LocalDate withdrawn = null;
        if (random.nextDouble() < 0.08) {
            withdrawn = min(given.plusDays(30 + random.nextInt(300)), today);
        }
        return json("CONSENT", given, withdrawn, withdrawn == null ? "Consent form signed by a parent"
                : "Parent withdrew consent by phone; recorded by the SENCO");
    }

    static String json(String basis, LocalDate given, LocalDate withdrawn, String note) {
        return "{\"basis\":\"" + basis + "\",\"givenOn\":\"" + given + "\",\"withdrawnOn\":"
                + (withdrawn == null ? "null" : "\"" + withdrawn + "\"") + ",\"note\":\"" + note + "\"}";
    }

    static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }
}
