package uk.sen.workload.service;

import java.util.List;

/**
 * RFC 4180 rows for spreadsheets. A text cell that a spreadsheet would run as a formula (starting with =, +, - or
 * @) is prefixed with an apostrophe, so an export can never carry a formula into a governor's spreadsheet.
 */
public final class Csv {

    private Csv() {
    }

    public static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
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
