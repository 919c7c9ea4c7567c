package uk.sen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The results table: one row per figure, with its ceiling and the ratio between them where there is one. */
final class Report {

    record Row(String section, String figure, String value, String ceiling, String ratio, String target) {
    }

    private final List<String> header = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void header(String line) {
        header.add(line);
    }

    void row(String section, String figure, String value) {
        row(section, figure, value, "", "", "");
    }

    void row(String section, String figure, String value, String ceiling, String ratio, String target) {
        rows.add(new Row(section, figure, value, ceiling, ratio, target));
        System.out.printf("[bench] %s | %s | %s | %s | %s | %s%n", section, figure, value, ceiling, ratio, target);
    }

    void note(String text) {
        notes.add(text);
    }

    void write(Path file) throws IOException {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        header.forEach(h -> md.append(h).append('\n'));
        md.append("\n| section | figure | measured | ceiling | ratio | target |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(String.join(" | ", r.section(), r.figure(), r.value(), r.ceiling(), r.ratio(),
                    r.target())).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md);
    }

    static String ms(double value) {
        return Double.isNaN(value) ? "n/a" : value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
    }

    static String ratio(double measured, double ceiling) {
        return ceiling == 0 || Double.isNaN(measured) || Double.isNaN(ceiling) ? "n/a"
                : String.format("%.2f", measured / ceiling);
    }

    static String mb(long bytes) {
        return String.format("%,d MB", bytes / (1024 * 1024));
    }

    static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }
}
