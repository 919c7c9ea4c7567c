package uk.sen.bench;

import java.util.Collection;

/** Latency percentiles by nearest rank, over samples in milliseconds. */
record Stats(int count, double p50, double p95, double p99, double max) {

    static Stats of(Collection<Double> samplesMs) {
        double[] sorted = samplesMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Stats(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    /** The share of samples at or under the limit. */
    static double shareWithin(Collection<Double> samplesMs, double limitMs, int expected) {
        long within = samplesMs.stream().filter(ms -> ms <= limitMs).count();
        return expected == 0 ? Double.NaN : (double) within / expected;
    }

    private static double rank(double[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    String summary() {
        return count == 0 ? "no samples"
                : String.format("p50 %s, p95 %s, p99 %s ms (max %s)", Report.ms(p50), Report.ms(p95), Report.ms(p99),
                        Report.ms(max));
    }
}
