package uk.sen.notification.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** UK postcodes in the Royal Mail format, stored upper case with one space before the inward code. */
public final class UkPostcode {

    private static final Pattern FORMAT = Pattern.compile(
            "(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y])"
                    + "[0-9][ABD-HJLNP-UW-Z]{2})");

    private UkPostcode() {
    }

    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String compact = text.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(compact).matches()) {
            return Optional.empty();
        }
        return Optional.of(compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3));
    }
}
