package uk.sen.notification.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The condition of a trigger rule, kept as data: clauses {@code field op value} joined by {@code and}, where op
 * is one of = != >= <= > <, field names a scalar field of the event's data, and value is a literal, or
 * {@code today} (Europe/London) or a number of days from it ({@code today-30}, {@code today+14}). Numbers compare
 * as numbers, ISO dates as dates, anything else as text. A missing field satisfies only {@code !=}. Example:
 * {@code provision=K and provisionStartDate>=today-30}.
 */
public final class RuleCondition {

    private static final Pattern CLAUSE = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9]*)\\s*(!=|>=|<=|=|>|<)\\s*([^\\s=!<>]\\S*)\\s*");
    private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern TODAY = Pattern.compile("today(?:([+-])(\\d{1,4}))?", Pattern.CASE_INSENSITIVE);

    /** A clause; a value of {@code today±N} is kept as its offset in days, resolved against the day it runs. */
    record Clause(String field, String op, String value, Integer daysFromToday) {

        String valueOn(LocalDate today) {
            return daysFromToday == null ? value : today.plusDays(daysFromToday).toString();
        }
    }

    private final String text;
    private final List<Clause> clauses;

    private RuleCondition(String text, List<Clause> clauses) {
        this.text = text;
        this.clauses = clauses;
    }

    public static RuleCondition parse(String text) {
        if (text == null || text.isBlank()) {
            return new RuleCondition("", List.of());
        }
        List<Clause> clauses = new ArrayList<>();
        for (String part : AND.split(text.trim())) {
            Matcher m = CLAUSE.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("Condition clause '" + part.trim()
                        + "' is not 'field op value' (op one of = != >= <= > <)");
            }
            Matcher today = TODAY.matcher(m.group(3));
            Integer days = !today.matches() ? null
                    : today.group(1) == null ? 0 : Integer.parseInt(today.group(1) + today.group(2));
            clauses.add(new Clause(m.group(1), m.group(2), m.group(3), days));
        }
        return new RuleCondition(text.trim(), List.copyOf(clauses));
    }

    public boolean matches(Map<String, String> fields, LocalDate today) {
        for (Clause c : clauses) {
            if (!holds(c, fields.get(c.field()), c.valueOn(today))) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Clause c, String actual, String expected) {
        if (actual == null) {
            return "!=".equals(c.op());
        }
        int cmp = compare(actual, expected);
        return switch (c.op()) {
            case "=" -> cmp == 0;
            case "!=" -> cmp != 0;
            case ">=" -> cmp >= 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case "<" -> cmp < 0;
            default -> throw new IllegalStateException(c.op());
        };
    }

    private static int compare(String a, String b) {
        BigDecimal na = number(a);
        BigDecimal nb = number(b);
        if (na != null && nb != null) {
            return na.compareTo(nb);
        }
        LocalDate da = date(a);
        LocalDate db = date(b);
        if (da != null && db != null) {
            return da.compareTo(db);
        }
        return a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
