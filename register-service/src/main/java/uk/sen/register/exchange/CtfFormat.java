package uk.sen.register.exchange;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

import uk.sen.platform.problem.Violation;
import uk.sen.register.domain.NeedType;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.RegisterSync.Incoming;
import uk.sen.register.domain.SenHistory;
import uk.sen.register.domain.SenRules;
import uk.sen.register.domain.SenRules.RankedNeed;
import uk.sen.register.domain.Upn;
import uk.sen.register.domain.YearGroups;

/**
 * Checks a pupil read from a Common Transfer File and turns it into what the register would hold. Problems are
 * named by the element they concern (e.g. {@code SENhistory/SEN[2]/StartDate}).
 */
public final class CtfFormat {

    /** A checked pupil: what it describes when valid, else why not; warnings do not stop it. */
    public record Checked(int index, String upn, Incoming incoming, List<Violation> violations,
            List<String> warnings) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private CtfFormat() {
    }

    /**
     * @param fileDate  when the file was written (its header's DateTime), if known: a year group written in an
     *                  earlier school year is moved on to the school year the pupil joins in
     * @param entryDate the pupil's first day at the destination school, when known; else today
     */
    public static Checked check(CtfReader.Pupil p, LocalDate fileDate, LocalDate entryDate, LocalDate today,
            IntPredicate recognisedLa) {
        List<Violation> v = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String upn = upper(p.upn());
        Upn.validate(upn, recognisedLa).ifPresent(m -> v.add(new Violation("UPN", m)));
        required(p.surname(), "Surname", v);
        required(p.forename(), "Forename", v);
        LocalDate dob = date(p.dateOfBirth(), "DOB", v);
        String sex = upper(p.sex());
        LocalDate onRoll = entryDate != null ? entryDate : today;
        String ncYear = upper(p.ncYear());
        if (ncYear == null && dob != null) {
            ncYear = YearGroups.expected(dob, onRoll);
        } else if (ncYear != null && fileDate != null) {
            ncYear = YearGroups.advance(ncYear, YearGroups.schoolYear(onRoll) - YearGroups.schoolYear(fileDate));
        }
        for (Violation rule : SenRules.checkPupil(dob, sex, ncYear, onRoll, null, today)) {
            switch (rule.field()) {
                case "dateOfBirth" -> {
                    if (dob != null) {
                        v.add(new Violation("DOB", rule.reason()));
                    }
                }
                case "sex" -> v.add(new Violation("Sex", rule.reason()));
                case "ncYear" -> {
                    if (dob != null || p.ncYear() != null) {
                        v.add(new Violation("BasicDetails/NCyearActual", rule.reason()));
                    }
                }
                default -> v.add(new Violation(rule.field(), rule.reason()));
            }
        }

        List<SenHistory.Entry> entries = new ArrayList<>();
        for (CtfReader.SenEntry e : p.sen()) {
            String field = "SENhistory/SEN[" + e.index() + "]/";
            LocalDate start = date(e.startDate(), field + "StartDate", v);
            Provision provision = provision(e.provision(), field + "SENprovision", v);
            if (start != null && provision != null) {
                entries.add(new SenHistory.Entry(e.index(), start, provision));
            }
        }
        v.addAll(SenHistory.check(entries, dob, today));
        SenHistory.Transferred history = SenHistory.fromEntries(entries);

        List<RankedNeed> needs = new ArrayList<>();
        for (CtfReader.SenNeed n : p.needs()) {
            Integer rank = null;
            try {
                rank = n.rank() == null ? null : Integer.valueOf(n.rank());
            } catch (NumberFormatException e) {
                // reported as a rank that is not 1 or 2 below
            }
            needs.add(new RankedNeed(rank, upper(n.type())));
        }
        boolean historyRead = entries.size() == p.sen().size();
        if (!historyRead) {
            // The current provision is unknown, so the needs cannot be checked against it; the pupil is refused.
            needs.clear();
        } else if (history.current() == Provision.N) {
            if (!needs.isEmpty()) {
                warnings.add("SENneeds not recorded: the pupil is not on the SEN register (no SEN entry, or the "
                        + "last one is N)");
                needs.clear();
            }
        } else {
            for (Violation rule : SenRules.checkNeeds(history.current(), needs)) {
                v.add(new Violation(needField(rule.field()), rule.reason()));
            }
        }
        if (!v.isEmpty()) {
            return new Checked(p.index(), upn, null, v, warnings);
        }
        List<RankedNeed> codes = needs.stream()
                .map(n -> new RankedNeed(n.rank(), NeedType.parse(n.code()).name())).toList();
        Incoming incoming = new Incoming(upn, p.surname(), p.forename(), dob, sex, ncYear, entryDate, null,
                history.closed(), history.current(), history.currentSince(), null, null, codes);
        return new Checked(p.index(), upn, incoming, List.of(), warnings);
    }

    /** The date part of a CTF header's DateTime, or null when it has none that can be read. */
    public static LocalDate fileDate(String dateTime) {
        if (dateTime == null || dateTime.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(dateTime.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String needField(String field) {
        if (field.startsWith("needs[")) {
            int index = Integer.parseInt(field.substring(6, field.indexOf(']')));
            String element = field.endsWith(".rank") ? "SENtypeRank" : "SENtype";
            return "SENhistory/SENneeds/SENneed[" + (index + 1) + "]/" + element;
        }
        return "SENhistory/SENneeds";
    }

    private static void required(String value, String field, List<Violation> v) {
        if (value == null) {
            v.add(new Violation(field, "is required"));
        } else if (value.length() > MisFormat.MAX_NAME_LENGTH) {
            v.add(new Violation(field, "must be at most " + MisFormat.MAX_NAME_LENGTH + " characters"));
        }
    }

    private static LocalDate date(String value, String field, List<Violation> v) {
        if (value == null) {
            v.add(new Violation(field, "is required"));
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            v.add(new Violation(field, "'" + value + "' is not a date (yyyy-MM-dd)"));
            return null;
        }
    }

    private static Provision provision(String value, String field, List<Violation> v) {
        if (value == null) {
            v.add(new Violation(field, "is required"));
            return null;
        }
        try {
            return Provision.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.add(new Violation(field, "'" + value + "' is not a provision code: N, K, E, or legacy S, A, P"));
            return null;
        }
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
