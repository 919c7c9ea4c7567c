package uk.sen.register.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import uk.sen.platform.problem.Violation;

/**
 * A pupil's SEN provision history in the Common Transfer File's terms (docs/domain.md section 4). The CTF lists
 * {@code SEN} entries, each a provision from a start date until the next entry; an N entry marks the day the pupil
 * came off the register. The register keeps periods with start and end dates instead; this class converts between
 * the two so that an export read back by an import gives the same history.
 */
public final class SenHistory {

    /** One {@code SEN} element: the provision from {@code startDate} on; {@code index} is its 1-based position. */
    public record Entry(int index, LocalDate startDate, Provision provision) {
    }

    /** What a CTF's entries say: the closed periods, then the current provision (N or the open period's code). */
    public record Transferred(List<ProvisionPeriod> closed, Provision current, LocalDate currentSince) {

        public static final Transferred NONE = new Transferred(List.of(), Provision.N, null);
    }

    public static final String OFF_REGISTER_REASON = "No longer on the SEN register";

    private SenHistory() {
    }

    /** Entries must start on different days, not in the future and not before the pupil was born. */
    public static List<Violation> check(List<Entry> entries, LocalDate dateOfBirth, LocalDate today) {
        List<Violation> v = new ArrayList<>();
        Map<LocalDate, Integer> firstOnDay = new HashMap<>();
        for (Entry entry : entries) {
            String field = "SENhistory/SEN[" + entry.index() + "]/StartDate";
            if (entry.startDate().isAfter(today)) {
                v.add(new Violation(field, "must not be in the future"));
            } else if (dateOfBirth != null && entry.startDate().isBefore(dateOfBirth)) {
                v.add(new Violation(field, "must not be before the date of birth"));
            }
            Integer earlier = firstOnDay.putIfAbsent(entry.startDate(), entry.index());
            if (earlier != null) {
                v.add(new Violation(field, "SEN[" + earlier + "] starts on the same day (" + entry.startDate() + ")"));
            }
        }
        return v;
    }

    /**
     * Periods from CTF entries (any order, already checked): each entry lasts until the next one starts; repeated
     * entries with the same provision continue the same period.
     */
    public static Transferred fromEntries(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::startDate).thenComparing(Entry::index));
        List<Entry> merged = new ArrayList<>();
        for (Entry entry : sorted) {
            if (merged.isEmpty() || merged.get(merged.size() - 1).provision() != entry.provision()) {
                merged.add(entry);
            }
        }
        if (merged.isEmpty()) {
            return Transferred.NONE;
        }
        List<ProvisionPeriod> closed = new ArrayList<>();
        for (int i = 0; i + 1 < merged.size(); i++) {
            Entry entry = merged.get(i);
            if (entry.provision() == Provision.N) {
                continue;
            }
            Entry next = merged.get(i + 1);
            String reason = next.provision() == Provision.N ? OFF_REGISTER_REASON : "Changed to " + next.provision();
            closed.add(new ProvisionPeriod(entry.provision(), entry.startDate(), next.startDate(), reason, null, null));
        }
        Entry last = merged.get(merged.size() - 1);
        return new Transferred(closed, last.provision(), last.startDate());
    }

    /**
     * CTF entries for a pupil's provisions (any order). A provision that ended before the pupil left the school,
     * with no other starting that day, is followed by an N entry; one still open, or closed on or after the day the
     * pupil left ({@code leftSchoolOn}, null while on roll), is the provision the pupil takes to the next school.
     * Periods of no days (closed the day they started) are left out: no provision was ever in force.
     */
    public static List<Entry> toEntries(List<ProvisionPeriod> provisions, LocalDate leftSchoolOn) {
        List<ProvisionPeriod> periods = new ArrayList<>();
        for (ProvisionPeriod p : provisions) {
            if (p.code() != Provision.N && (p.isOpen() || p.end().isAfter(p.start()))) {
                periods.add(p);
            }
        }
        periods.sort(Comparator.comparing(ProvisionPeriod::start));
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            ProvisionPeriod period = periods.get(i);
            entries.add(new Entry(entries.size() + 1, period.start(), period.code()));
            if (period.isOpen() || (leftSchoolOn != null && !period.end().isBefore(leftSchoolOn))) {
                continue;
            }
            ProvisionPeriod next = i + 1 < periods.size() ? periods.get(i + 1) : null;
            if (next == null || next.start().isAfter(period.end())) {
                entries.add(new Entry(entries.size() + 1, period.end(), Provision.N));
            }
        }
        return entries;
    }
}
