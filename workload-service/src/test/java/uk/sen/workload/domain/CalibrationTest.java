package uk.sen.workload.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalibrationTest {

    @ParameterizedTest(name = "default {0}, samples [{1}], min {2} -> {3} {4}")
    @CsvSource({
            "360, '',                 5, 360, DEFAULT",
            "360, '300 420',          5, 360, DEFAULT",
            "360, '300 420 240 360',  5, 360, DEFAULT",
            "360, '300 420 240 360 180', 5, 300, CALIBRATED",
            "360, '150 150 120',      3, 140, CALIBRATED",
            "360, '90',               1, 90,  CALIBRATED",
            "480, '100 101',          2, 100.5, CALIBRATED",
    })
    void usesTheSchoolsOwnMeanOnceThereIsEnough(double defaultMinutes, String samples, int min, double expected,
            Calibration.Source source) {
        List<Integer> values = samples.isBlank() ? List.of()
                : Arrays.stream(samples.trim().split(" ")).map(Integer::valueOf).toList();
        Calibration.Effort effort = Calibration.effort(defaultMinutes, values, min);
        assertEquals(expected, effort.minutes(), 1e-9);
        assertEquals(source, effort.source());
        assertEquals(values.size(), effort.samples());
    }
}
