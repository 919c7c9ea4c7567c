package uk.sen.platform.io;

import java.util.List;

/**
 * RFC 4180 rows for spreadsheets, the one CSV writer of every export. A text cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @, a tab or a carriage return; a plain number is not one) is prefixed with an
 * apostrophe, so an export can never carry a formula into a governor's spreadsheet; a cell with a comma, quote or
 * line break is quoted.
 */
public final class Csv {

    private Csv() {
    }

    /** Appends one row, CRLF-terminated. */
    public static void row(StringBuilder out, List<String> cells) {
        out.append(line(cells));
    }

    /** One row, CRLF-terminated. */
    public static String line(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        return out.append("\r\n").toString();
    }

    /** One cell: guarded against formulas, quoted when it must be. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static boolean isNumber(String v) {
        return v.matches("[-+]?\\d+(\\.\\d+)?");
    }
}
