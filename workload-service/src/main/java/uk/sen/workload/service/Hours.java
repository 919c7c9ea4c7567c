package uk.sen.workload.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Minutes shown as hours (two decimals) and shares as percentages (one decimal), rounded half up. */
public final class Hours {

    private Hours() {
    }

    public static BigDecimal of(double minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }

    public static BigDecimal ofNullable(Double minutes) {
        return minutes == null ? null : of(minutes);
    }

    public static BigDecimal percent(double part, double whole) {
        if (whole <= 0) {
            return null;
        }
        return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
