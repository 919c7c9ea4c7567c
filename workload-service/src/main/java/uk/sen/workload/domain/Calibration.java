package uk.sen.workload.domain;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The expected effort of one piece of statutory work: the configured default until the school has logged time
 * against enough finished pieces of that kind, then the mean of what those pieces actually took.
 */
public final class Calibration {

    @Schema(name = "EffortSource", description = "DEFAULT: the configured effort; CALIBRATED: the mean of the time the "
            + "school logged against its finished pieces of that kind")
    public enum Source {
        DEFAULT, CALIBRATED
    }

    public record Effort(double minutes, Source source, int samples) {
    }

    private Calibration() {
    }

    /**
     * @param defaultMinutes the configured expectation
     * @param samples        minutes logged per finished piece of work (one total per review)
     * @param minSamples     how many finished pieces the school needs before its own mean is trusted
     */
    public static Effort effort(double defaultMinutes, List<Integer> samples, int minSamples) {
        int n = samples.size();
        if (n == 0 || n < minSamples) {
            return new Effort(defaultMinutes, Source.DEFAULT, n);
        }
        long sum = 0;
        for (int s : samples) {
            sum += s;
        }
        return new Effort((double) sum / n, Source.CALIBRATED, n);
    }
}
