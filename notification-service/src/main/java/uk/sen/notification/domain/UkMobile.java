package uk.sen.notification.domain;

import java.util.Optional;

/**
 * UK mobile numbers (Ofcom's 07 range: 071-075, 077-079 and 07624; not 070 personal numbers or 076 pagers), in
 * any common written form (07700 900123, +44 7700 900123, +44 (0)7700 900123, 0044 7700 900123), stored in
 * E.164 (+447700900123) as GOV.UK Notify takes it.
 */
public final class UkMobile {

    public static final String EXAMPLE = "07700 900123";

    private UkMobile() {
    }

    /** The number in E.164, or empty when the text is not a UK mobile number. */
    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String compact = text.trim().replaceAll("[\\s\\-.()]", "");
        String national;
        if (compact.startsWith("+44")) {
            national = compact.substring(3);
        } else if (compact.startsWith("0044")) {
            national = compact.substring(4);
        } else if (compact.startsWith("44") && compact.length() == 12) {
            national = compact.substring(2);
        } else if (compact.startsWith("0")) {
            national = compact.substring(1);
        } else {
            return Optional.empty();
        }
        // "+44 (0)7700 ..." keeps the trunk 0 after the country code
        if (national.startsWith("0") && national.length() == 11) {
            national = national.substring(1);
        }
        if (national.length() != 10 || !national.chars().allMatch(Character::isDigit) || national.charAt(0) != '7') {
            return Optional.empty();
        }
        char range = national.charAt(1);
        boolean mobile = (range >= '1' && range <= '5') || (range >= '7' && range <= '9')
                || national.startsWith("7624");
        return mobile ? Optional.of("+44" + national) : Optional.empty();
    }

    public static Optional<String> problem(String text) {
        return normalise(text).isPresent() ? Optional.empty()
                : Optional.of("is not a UK mobile number (e.g. " + EXAMPLE + " or +44 7700 900123)");
    }
}
