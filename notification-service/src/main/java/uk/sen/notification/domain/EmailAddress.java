package uk.sen.notification.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a text is an email address the service can send to: the everyday form {@code local@domain} that SMTP
 * servers and GOV.UK Notify accept (no quoted local parts, no IP literals, a domain with a real top-level part).
 */
public final class EmailAddress {

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}");

    private EmailAddress() {
    }

    /** Why {@code text} is not a usable email address, or empty when it is one. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("is empty");
        }
        String value = text.trim();
        if (value.length() > 254) {
            return Optional.of("is longer than 254 characters");
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("must not contain spaces");
        }
        int at = value.indexOf('@');
        if (at < 0) {
            return Optional.of("is not an email address (no @), e.g. name@example.org");
        }
        if (value.indexOf('@', at + 1) >= 0) {
            return Optional.of("has more than one @");
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        if (local.isEmpty() || local.length() > 64) {
            return Optional.of("needs 1 to 64 characters before the @");
        }
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return Optional.of("has characters before the @ that email does not allow");
        }
        if (domain.isEmpty() || domain.length() > 253) {
            return Optional.of("needs a domain after the @, e.g. example.org");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("needs a full domain after the @, e.g. example.org");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || !LABEL.matcher(label).matches()) {
                return Optional.of("has a domain that is not valid (" + domain + ")");
            }
        }
        if (!TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
            return Optional.of("has a domain that does not end in a real top-level domain (" + domain + ")");
        }
        return Optional.empty();
    }

    /** The address as stored: trimmed, domain in lower case (the local part is the mailbox owner's business). */
    public static String normalise(String text) {
        String value = text.trim();
        int at = value.indexOf('@');
        return value.substring(0, at) + "@" + value.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
