package uk.sen.register.domain;

import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The Unique Pupil Number check, worded as the DfE's validation messages. A UPN is a check letter, the LA number
 * (3 digits), the establishment number (4), the year of issue (2) and a serial (3); a temporary UPN ends in a
 * letter. The check letter is the weighted sum of positions 2..13 modulo 23, looked up in {@link #LETTERS}.
 */
public final class Upn {

    public static final String LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private Upn() {
    }

    /**
     * @param recognisedLa whether characters 2-4 name a recognised LA (configurable list)
     * @return the DfE message when invalid, empty when valid
     */
    public static Optional<String> validate(String upn, IntPredicate recognisedLa) {
        if (upn == null || upn.isBlank()) {
            return Optional.of("UPN missing");
        }
        if (upn.length() != 13) {
            return Optional.of("UPN invalid (must be 13 characters)");
        }
        for (int i = 4; i < 12; i++) {
            if (!isDigit(upn.charAt(i))) {
                return Optional.of("UPN invalid (characters 5-12 not all numeric)");
            }
        }
        char last = upn.charAt(12);
        if (!isDigit(last) && LETTERS.indexOf(last) < 0) {
            return Optional.of("UPN invalid (character 13 not a recognised value)");
        }
        String la = upn.substring(1, 4);
        if (!la.chars().allMatch(c -> isDigit((char) c)) || !recognisedLa.test(Integer.parseInt(la))) {
            return Optional.of("UPN invalid (characters 2-4 not a recognised LA code)");
        }
        if (upn.charAt(0) != checkLetter(upn)) {
            return Optional.of("UPN invalid (wrong check letter at character 1)");
        }
        return Optional.empty();
    }

    /** The check letter for positions 2..13 of a UPN whose characters 2-13 are already known to be valid. */
    public static char checkLetter(String upn) {
        int sum = 0;
        for (int position = 2; position <= 13; position++) {
            char c = upn.charAt(position - 1);
            int value = isDigit(c) ? c - '0' : LETTERS.indexOf(c);
            sum += value * position;
        }
        return LETTERS.charAt(sum % 23);
    }

    public static boolean isTemporary(String upn) {
        return upn != null && upn.length() == 13 && !isDigit(upn.charAt(12));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
