import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import uk.sen.platform.time.TermCalendar;

/**
 * Writes a term of the demo SENCOs' time as workload-service requests: each SENCO's time entries, every working day
 * of the term up to yesterday, spread over the activity categories as the SENCO workload surveys describe it (about
 * half of it administration, above all EHCP paperwork and annual reviews; the census and the start of the year
 * show), and the protected time their school allocated them, well below the time they spend.
 *
 * The term is one of the platform's English default terms (uk.sen.platform.time.TermCalendar, the calendar every
 * service reads): the term today falls in, or the last one when today is in a holiday or the term's first day. Each day's entries come from a random generator seeded by the SENCO and
 * the date, and each request carries an Idempotency-Key made of the same, so the same day always produces the same
 * requests and a rerun creates nothing.
 *
 * Writes, in OUTPUT_DIR: {@code term.txt} (first day, last day, label), {@code time-<senco>.tsv} (key, JSON body of
 * {@code POST /api/v1/time-entries}) and {@code allocations.tsv} (who allocates, SENCO, school, key, JSON body of
 * {@code POST /api/v1/allocations}).
 *
 * Run (after the build): java -cp platform/target/classes deploy/demo/DemoTime.java OUTPUT_DIR [TODAY]
 */
public class DemoTime {

    /** A SENCO: their school, the days they do SENCO work, the hours they spend and the hours they are given. */
    record Senco(String username, String school, Set<DayOfWeek> days, double weeklyHours, int maxEntriesPerDay,
            String allocatedBy, String allocatedHours, Map<String, Integer> weights) {
    }

    static final Set<DayOfWeek> WEEKDAYS = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    /** Shares of SENCO time by category code (GET /api/v1/categories), in percent. */
    static Map<String, Integer> weights(int admin, int annualReviews, int assessments, int supportPlans, int parents,
            int agencies, int staff, int teaching, int strategic, int provisionMapping, int transition, int data,
            int nonSend) {
        Map<String, Integer> w = new LinkedHashMap<>();
        w.put("ADMINISTRATION", admin);
        w.put("EHCP_ANNUAL_REVIEWS", annualReviews);
        w.put("EHC_NEEDS_ASSESSMENT", assessments);
        w.put("SEN_SUPPORT_PLANS", supportPlans);
        w.put("PARENT_MEETINGS", parents);
        w.put("EXTERNAL_LIAISON", agencies);
        w.put("STAFF_SUPPORT", staff);
        w.put("TEACHING_INTERVENTIONS", teaching);
        w.put("STRATEGIC_LEADERSHIP", strategic);
        w.put("PROVISION_MAPPING", provisionMapping);
        w.put("TRANSITION", transition);
        w.put("DATA_AND_CENSUS", data);
        w.put("NON_SEND_DUTIES", nonSend);
        return w;
    }

    // a primary SENCO who also teaches, one on three days a week's pay for four, a secondary SENCO nine hours over
    static final List<Senco> SENCOS = List.of(
            new Senco("senco.harbour", "900101", WEEKDAYS, 9.5, 2, "slt.harbour", "5.0",
                    weights(30, 18, 6, 10, 9, 6, 6, 6, 2, 3, 1, 2, 1)),
            new Senco("senco.meadow", "900102", Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY), 6.5, 2, "trust.admin", "3.0",
                    weights(31, 17, 5, 11, 9, 6, 5, 7, 2, 3, 1, 2, 1)),
            new Senco("senco.academy", "900103", WEEKDAYS, 24, 2, "slt.academy", "15.0",
                    weights(30, 22, 6, 7, 8, 7, 7, 2, 3, 3, 2, 2, 1)));

    static final Map<String, String[]> NOTES = Map.ofEntries(
            Map.entry("ADMINISTRATION", new String[] { "Emails and phone calls", "SEN register and records",
                    "Referral forms", "Paperwork for exam access arrangements" }),
            Map.entry("EHCP_ANNUAL_REVIEWS", new String[] { "Annual review paperwork", "Collating advice for an annual review",
                    "Annual review meeting", "Writing up an annual review report" }),
            Map.entry("EHC_NEEDS_ASSESSMENT", new String[] { "Evidence for an EHC needs assessment request",
                    "Completing the LA's request form" }),
            Map.entry("SEN_SUPPORT_PLANS", new String[] { "Writing SEN support plans", "Termly support plan reviews" }),
            Map.entry("PARENT_MEETINGS", new String[] { "Meeting with parents", "Phone call with a parent" }),
            Map.entry("EXTERNAL_LIAISON", new String[] { "Educational psychologist visit", "Speech and language therapy liaison",
                    "LA SEND team call" }),
            Map.entry("STAFF_SUPPORT", new String[] { "Training teaching assistants", "Advice to class teachers" }),
            Map.entry("TEACHING_INTERVENTIONS", new String[] { "Small-group literacy intervention", "Social skills group" }),
            Map.entry("STRATEGIC_LEADERSHIP", new String[] { "SLT meeting", "SEND development plan" }),
            Map.entry("PROVISION_MAPPING", new String[] { "Provision map update", "TA deployment and timetables" }),
            Map.entry("TRANSITION", new String[] { "Transition planning", "Visit from the next school's SENCO" }),
            Map.entry("DATA_AND_CENSUS", new String[] { "Census SEN data checks", "Tracking data for SEN pupils" }),
            Map.entry("NON_SEND_DUTIES", new String[] { "Cover lesson", "Playground duty" }));

    record Term(String label, LocalDate start, LocalDate end) {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        LocalDate today = args.length > 1 ? LocalDate.parse(args[1]) : LocalDate.now(ZoneId.of("Europe/London"));
        Files.createDirectories(out);
        Term term = demoTerm(today);
        LocalDate last = min(term.end(), today.minusDays(1));
        Files.writeString(out.resolve("term.txt"), term.start() + " " + last + " " + term.label() + "\n");
        StringBuilder summary = new StringBuilder();
        try (PrintWriter allocations = new PrintWriter(Files.newBufferedWriter(out.resolve("allocations.tsv"), StandardCharsets.UTF_8))) {
            for (Senco senco : SENCOS) {
                int entries = 0;
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("time-" + senco.username() + ".tsv"), StandardCharsets.UTF_8))) {
                    for (LocalDate day = term.start(); !day.isAfter(last); day = day.plusDays(1)) {
                        if (senco.days().contains(day.getDayOfWeek())) {
                            entries += day(w, senco, day, term);
                        }
                    }
                }
                allocations.printf("%s\t%s\t%s\tdemo-allocation-%s-%s-%s\t{\"schoolUrn\":\"%s\",\"senco\":\"%s\",\"hoursPerWeek\":%s,\"effectiveFrom\":\"%s\",\"reason\":\"Protected SENCO time for the %s\"}%n",
                        senco.allocatedBy(), senco.username(), senco.school(), senco.username(), senco.school(),
                        term.start(), senco.school(), senco.username(), senco.allocatedHours(), term.start(), term.label());
                summary.append(summary.isEmpty() ? "" : ", ").append(senco.username()).append(' ').append(entries);
            }
        }
        System.out.printf("[demo] time written: %s, %s to %s, entries: %s%n", term.label(), term.start(), last,
                summary);
    }

    /** One day's entries: the SENCO's time that day, split over one or more categories. */
    static int day(PrintWriter w, Senco senco, LocalDate day, Term term) {
        Random random = new Random((senco.username() + "|" + day).hashCode());
        if (random.nextDouble() < 0.08) {
            return 0; // a day without SENCO time: teaching all day, a trip, an absence
        }
        double dailyMinutes = senco.weeklyHours() * 60 / senco.days().size() / 0.92;
        int budget = (int) Math.round(dailyMinutes * (0.5 + random.nextDouble()));
        int entries = budget < 100 ? 1 : 1 + random.nextInt(senco.maxEntriesPerDay());
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < entries) {
            String category = pick(senco, day, term, random);
            if (!chosen.contains(category)) {
                chosen.add(category);
            }
        }
        int left = budget;
        for (int i = 0; i < entries; i++) {
            int minutes = i == entries - 1 ? left : (int) (budget * (0.3 + 0.4 * random.nextDouble()) / (entries - 1));
            minutes = Math.max(15, Math.min(600, 5 * Math.round(minutes / 5f)));
            left = Math.max(15, left - minutes);
            String category = chosen.get(i);
            String[] notes = NOTES.get(category);
            w.printf("demo-time-%s-%s-%d\t{\"schoolUrn\":\"%s\",\"date\":\"%s\",\"minutes\":%d,\"category\":\"%s\",\"note\":\"%s\"}%n",
                    senco.username(), day, i + 1, senco.school(), day, minutes, category,
                    notes[random.nextInt(notes.length)]);
        }
        return entries;
    }

    /** A category by the SENCO's weights, with the seasons: census returns, the start of the year, transition. */
    static String pick(Senco senco, LocalDate day, Term term, Random random) {
        Map<String, Double> w = new LinkedHashMap<>();
        senco.weights().forEach((code, weight) -> w.put(code, (double) weight));
        if (daysBeforeCensus(day) <= 10) {
            w.merge("DATA_AND_CENSUS", 6.0, (a, b) -> a * b);
        }
        if (term.label().startsWith("Autumn") && day.isBefore(term.start().plusWeeks(3))) {
            w.merge("STAFF_SUPPORT", 2.0, (a, b) -> a * b);
            w.merge("PROVISION_MAPPING", 2.0, (a, b) -> a * b);
        }
        if (term.label().startsWith("Summer")) {
            w.merge("TRANSITION", 3.0, (a, b) -> a * b);
        }
        double total = w.values().stream().mapToDouble(Double::doubleValue).sum();
        double draw = random.nextDouble() * total;
        for (Map.Entry<String, Double> e : w.entrySet()) {
            draw -= e.getValue();
            if (draw < 0) {
                return e.getKey();
            }
        }
        return "ADMINISTRATION";
    }

    /** Days until the next school census day: first Thursday of October, third Thursday of January and May. */
    static long daysBeforeCensus(LocalDate day) {
        long nearest = Long.MAX_VALUE;
        for (int year = day.getYear(); year <= day.getYear() + 1; year++) {
            for (LocalDate census : List.of(
                    LocalDate.of(year, 10, 1).with(TemporalAdjusters.dayOfWeekInMonth(1, DayOfWeek.THURSDAY)),
                    LocalDate.of(year, 1, 1).with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.THURSDAY)),
                    LocalDate.of(year, 5, 1).with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.THURSDAY)))) {
                long days = census.toEpochDay() - day.toEpochDay();
                if (days >= 0 && days < nearest) {
                    nearest = days;
                }
            }
        }
        return nearest;
    }

    /**
     * The term today is in, if it has a day before today; else the last term before it: the platform's own English
     * default terms (uk.sen.platform.time.TermCalendar, on the class path), the ones the workload report reads.
     */
    static Term demoTerm(LocalDate today) {
        TermCalendar.Term term = TermCalendar.parse(TermCalendar.ENGLISH_DEFAULT).latestStartedBy(today.minusDays(1));
        return new Term(term.label(), term.start(), term.end());
    }

    static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
