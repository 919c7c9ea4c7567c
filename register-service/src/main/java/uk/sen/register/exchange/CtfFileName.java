package uk.sen.register.exchange;

import java.util.regex.Pattern;

/**
 * The DfE's name for a CTF: {@code <LA><Estab>_CTF_<DestLA><DestEstab>_<nnn>.xml}, e.g.
 * {@code 8012001_CTF_8014001_001.xml}. When the next school is not known the destination is written as MMM (LA) and
 * MMMM (establishment), so the file goes to the DfE's "destination unknown" area of School to School.
 */
public final class CtfFileName {

    public static final String UNKNOWN_LA = "MMM";
    public static final String UNKNOWN_ESTAB = "MMMM";

    private static final Pattern LA = Pattern.compile("[0-9]{3}");
    private static final Pattern ESTAB = Pattern.compile("[0-9]{4}");

    private CtfFileName() {
    }

    /**
     * @param number the school's running number of CTFs, 1 to 999
     */
    public static String of(String la, String estab, String destLa, String destEstab, int number) {
        if (!LA.matcher(la).matches() || !ESTAB.matcher(estab).matches()) {
            throw new IllegalArgumentException("The source school needs a 3-digit LA and 4-digit establishment number");
        }
        if (number < 1 || number > 999) {
            throw new IllegalArgumentException("A CTF number runs from 001 to 999, not " + number);
        }
        boolean known = destLa != null && destEstab != null;
        if (known && (!LA.matcher(destLa).matches() || !ESTAB.matcher(destEstab).matches())) {
            throw new IllegalArgumentException("The destination needs a 3-digit LA and 4-digit establishment number");
        }
        return la + estab + "_CTF_" + (known ? destLa + destEstab : UNKNOWN_LA + UNKNOWN_ESTAB) + "_"
                + String.format("%03d", number) + ".xml";
    }
}
