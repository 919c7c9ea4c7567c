package uk.sen.platform.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * School terms in England: autumn (September to Christmas), spring (January to Easter) and summer (after Easter to
 * July), as rules that work for any year plus the exact dates an LA publishes for a given year.
 * <p>
 * A specification is a list of entries separated by {@code ;}, each {@code <term> <from>..<to>}:
 * <ul>
 * <li>a rule, valid every year: each bound is {@code MM-DD}, {@code easter}, {@code easter+N} or
 * {@code easter-N} (days from Easter Sunday), or {@code min(a,b)} / {@code max(a,b)} of two of these. A term made
 * from a rule starts on a weekday and ends on one: a start on a weekend moves to the Monday, an end to the Friday;</li>
 * <li>a dated term, for that school year only: both bounds {@code yyyy-MM-dd}, taken exactly as written.</li>
 * </ul>
 * An LA's specification is read over the default one: its rules replace the default's rule for the same term, and
 * its dated terms replace the rule in their school year. Every service reads the same calendars ({@link SchoolTerms},
 * settings {@code sen.terms.default} and {@code sen.terms.la."<LA code>"}), so they agree on whether a day is in term.
 */
public final class TermCalendar {

    /** The three terms of the English school year, in order. */
    public enum Season {
        AUTUMN, SPRING, SUMMER;

        /** The calendar year the term falls in, for the school year starting in September of {@code schoolYear}. */
        int calendarYear(int schoolYear) {
            return this == AUTUMN ? schoolYear : schoolYear + 1;
        }
    }

    /** One term: e.g. the spring term of school year 2026/27, 4 January to 25 March 2027. */
    public record Term(Season season, int schoolYear, LocalDate start, LocalDate end) {

        public boolean contains(LocalDate date) {
            return !date.isBefore(start) && !date.isAfter(end);
        }

        /** "Spring 2026/27". */
        public String label() {
            String name = season.name().charAt(0) + season.name().substring(1).toLowerCase(Locale.ROOT);
            return name + " " + schoolYear + "/" + String.format("%02d", (schoolYear + 1) % 100);
        }
    }

    /**
     * The English default: autumn from early September to just before Christmas; spring from early January to just
     * before Easter (the Thursday before Good Friday, or 4 April when Easter is late); summer from mid April (and
     * after Easter Monday) to late July.
     */
    public static final String ENGLISH_DEFAULT =
            "autumn 09-01..12-20; spring 01-04..min(easter-3,04-04); summer max(easter+2,04-12)..07-22";

    private static final Pattern ENTRY = Pattern.compile("(?i)\\s*(autumn|spring|summer)\\s+(.+?)\\s*\\.\\.\\s*(.+?)\\s*");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** A bound of a term as a rule, evaluated in a calendar year. */
    private sealed interface Bound permits Fixed, FromEaster, Earliest, Latest {
        LocalDate in(int year);
    }

    private record Fixed(MonthDay day) implements Bound {
        public LocalDate in(int year) {
            return day.atYear(year);
        }
    }

    private record FromEaster(int days) implements Bound {
        public LocalDate in(int year) {
            return easterSunday(year).plusDays(days);
        }
    }

    private record Earliest(Bound a, Bound b) implements Bound {
        public LocalDate in(int year) {
            LocalDate x = a.in(year);
            LocalDate y = b.in(year);
            return x.isBefore(y) ? x : y;
        }
    }

    private record Latest(Bound a, Bound b) implements Bound {
        public LocalDate in(int year) {
            LocalDate x = a.in(year);
            LocalDate y = b.in(year);
            return x.isAfter(y) ? x : y;
        }
    }

    private record Rule(Bound from, Bound to) {
    }

    private record Key(Season season, int schoolYear) {
    }

    private final Map<Season, Rule> rules;
    private final Map<Key, Term> dated;

    private TermCalendar(Map<Season, Rule> rules, Map<Key, Term> dated) {
        this.rules = rules;
        this.dated = dated;
    }

    /** A calendar from a complete specification: every term must have a rule. */
    public static TermCalendar parse(String spec) {
        TermCalendar calendar = new TermCalendar(new EnumMap<>(Season.class), new HashMap<>());
        calendar.read(spec);
        for (Season season : Season.values()) {
            if (!calendar.rules.containsKey(season)) {
                throw new IllegalArgumentException("Term dates: no rule for the " + season.name().toLowerCase(Locale.ROOT)
                        + " term in '" + spec + "'");
            }
        }
        return calendar;
    }

    /** This calendar with an LA's specification read over it. */
    public TermCalendar overriddenBy(String spec) {
        TermCalendar calendar = new TermCalendar(new EnumMap<>(rules), new HashMap<>(dated));
        calendar.read(spec);
        return calendar;
    }

    private void read(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("Term dates: empty specification");
        }
        for (String entry : spec.split("[;\\n]")) {
            if (entry.isBlank()) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("Term dates: cannot read '" + entry.trim()
                        + "'; write e.g. 'spring 01-04..easter-3' or 'spring 2027-01-05..2027-03-26'");
            }
            Season season = Season.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            String from = m.group(2).trim();
            String to = m.group(3).trim();
            boolean fromDated = DATE.matcher(from).matches();
            boolean toDated = DATE.matcher(to).matches();
            if (fromDated != toDated) {
                throw new IllegalArgumentException("Term dates: '" + entry.trim()
                        + "' mixes a date and a rule; give both bounds as dates or both as rules");
            }
            if (fromDated) {
                LocalDate start = date(from, entry);
                LocalDate end = date(to, entry);
                // autumn starts in the school year's first calendar year; spring and summer end in its second
                int schoolYear = season == Season.AUTUMN ? start.getYear() : end.getYear() - 1;
                if (end.isBefore(start)) {
                    throw new IllegalArgumentException("Term dates: '" + entry.trim() + "' ends before it starts");
                }
                dated.put(new Key(season, schoolYear), new Term(season, schoolYear, start, end));
            } else {
                rules.put(season, new Rule(bound(from, entry), bound(to, entry)));
            }
        }
    }

    private static LocalDate date(String text, String entry) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Term dates: '" + text + "' in '" + entry.trim() + "' is not a date");
        }
    }

    private static Bound bound(String text, String entry) {
        String t = text.replace(" ", "").toLowerCase(Locale.ROOT);
        if (t.startsWith("min(") || t.startsWith("max(")) {
            if (!t.endsWith(")")) {
                throw new IllegalArgumentException("Term dates: unbalanced brackets in '" + entry.trim() + "'");
            }
            String inner = t.substring(4, t.length() - 1);
            int depth = 0;
            int comma = -1;
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    comma = i;
                    break;
                }
            }
            if (comma < 0) {
                throw new IllegalArgumentException("Term dates: " + t.substring(0, 3) + " needs two bounds in '"
                        + entry.trim() + "'");
            }
            Bound a = bound(inner.substring(0, comma), entry);
            Bound b = bound(inner.substring(comma + 1), entry);
            return t.startsWith("min(") ? new Earliest(a, b) : new Latest(a, b);
        }
        if (t.startsWith("easter")) {
            String offset = t.substring("easter".length());
            if (offset.isEmpty()) {
                return new FromEaster(0);
            }
            if (!offset.matches("[+-]\\d{1,3}")) {
                throw new IllegalArgumentException("Term dates: '" + text + "' in '" + entry.trim()
                        + "' must be easter, easter+N or easter-N (days)");
            }
            return new FromEaster(Integer.parseInt(offset));
        }
        if (t.matches("\\d{2}-\\d{2}")) {
            try {
                return new Fixed(MonthDay.parse("--" + t));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Term dates: '" + text + "' in '" + entry.trim()
                        + "' is not a month and day");
            }
        }
        throw new IllegalArgumentException("Term dates: cannot read the bound '" + text + "' in '" + entry.trim()
                + "'; use MM-DD, easter±N, min(a,b) or max(a,b)");
    }

    // ---- queries ------------------------------------------------------------------------------------------------

    /** The term of the given season in the school year starting in September of {@code schoolYear}. */
    public Term term(Season season, int schoolYear) {
        Term exact = dated.get(new Key(season, schoolYear));
        if (exact != null) {
            return exact;
        }
        Rule rule = rules.get(season);
        int year = season.calendarYear(schoolYear);
        return new Term(season, schoolYear, weekdayOnOrAfter(rule.from().in(year)),
                weekdayOnOrBefore(rule.to().in(year)));
    }

    /** The three terms of a school year, in order. */
    public List<Term> schoolYear(int schoolYear) {
        List<Term> terms = new ArrayList<>(3);
        for (Season season : Season.values()) {
            terms.add(term(season, schoolYear));
        }
        return terms;
    }

    /** The term the date falls in, or empty in a holiday. */
    public Optional<Term> termOn(LocalDate date) {
        return around(date).stream().filter(t -> t.contains(date)).findFirst();
    }

    /** The term the date falls in; in a holiday, the term that follows it. */
    public Term currentOrNext(LocalDate date) {
        return around(date).stream().filter(t -> !t.end().isBefore(date)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No term after " + date));
    }

    /** The last term that started on or before the date (in a holiday, the term just ended). */
    public Term latestStartedBy(LocalDate date) {
        Term latest = null;
        for (Term t : around(date)) {
            if (!t.start().isAfter(date)) {
                latest = t;
            }
        }
        if (latest == null) {
            throw new IllegalStateException("No term started by " + date);
        }
        return latest;
    }

    /** The term after the given one. */
    public Term after(Term term) {
        return switch (term.season()) {
            case AUTUMN -> term(Season.SPRING, term.schoolYear());
            case SPRING -> term(Season.SUMMER, term.schoolYear());
            case SUMMER -> term(Season.AUTUMN, term.schoolYear() + 1);
        };
    }

    /** Terms of the school years before, of and after the date's, in order. */
    private List<Term> around(LocalDate date) {
        int schoolYear = schoolYearStarting(date);
        List<Term> terms = new ArrayList<>(9);
        for (int y = schoolYear - 1; y <= schoolYear + 1; y++) {
            terms.addAll(schoolYear(y));
        }
        terms.sort(Comparator.comparing(Term::start));
        return terms;
    }

    /**
     * Checks that the terms of each school year in the range are in order and do not overlap, so a wrong
     * configuration stops the service at start rather than giving a review a date in a holiday.
     */
    public void validate(int fromSchoolYear, int toSchoolYear, String name) {
        Term previous = null;
        for (int y = fromSchoolYear; y <= toSchoolYear; y++) {
            for (Term t : schoolYear(y)) {
                if (t.end().isBefore(t.start())) {
                    throw new IllegalArgumentException("Term dates (" + name + "): " + t.label() + " ends (" + t.end()
                            + ") before it starts (" + t.start() + ")");
                }
                if (previous != null && !previous.end().isBefore(t.start())) {
                    throw new IllegalArgumentException("Term dates (" + name + "): " + t.label() + " starts ("
                            + t.start() + ") before " + previous.label() + " ends (" + previous.end() + ")");
                }
                previous = t;
            }
        }
    }

    // ---- date arithmetic ----------------------------------------------------------------------------------------

    /** The calendar year in which the school year containing {@code date} starts (school years start in September). */
    public static int schoolYearStarting(LocalDate date) {
        return date.getMonthValue() >= java.time.Month.SEPTEMBER.getValue() ? date.getYear() : date.getYear() - 1;
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    private static LocalDate weekdayOnOrAfter(LocalDate date) {
        return switch (date.getDayOfWeek()) {
            case SATURDAY -> date.plusDays(2);
            case SUNDAY -> date.plusDays(1);
            default -> date;
        };
    }

    private static LocalDate weekdayOnOrBefore(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY ? date.minusDays(1) : day == DayOfWeek.SUNDAY ? date.minusDays(2) : date;
    }
}
