package uk.sen.register.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the imports and exports (MIS CSV, Common Transfer File, LA exchange). */
@ConfigMapping(prefix = "sen.exchange")
public interface ExchangeConfig {

    /** Rows read, looked up and written together; larger batches mean fewer round trips and more memory. */
    @WithDefault("500")
    int batchSize();

    /**
     * Largest MIS CSV file accepted, in bytes: 20 MB. A row takes about 140 bytes, so this is some 150,000 pupils,
     * many times the roll of the largest school (the benchmark's 50,000 take about 7 MB). Keep it below
     * {@code quarkus.http.limits.max-body-size} so this limit answers first, with a problem+json body.
     */
    @WithDefault("20971520")
    long misMaxBytes();

    /** Largest Common Transfer File accepted, in bytes: 20 MB, refused as the MIS file is. */
    @WithDefault("20971520")
    long ctfMaxBytes();

    /**
     * The most errors, and the most warnings, an import report lists (the first ones by row); the report still
     * counts them all. Without a cap a file of bad rows made a report larger than the file.
     */
    @WithDefault("100")
    int reportMaxErrors();

    /**
     * The share of a school's pupils on roll (0 to 1) an MIS import may record as leaving without the caller's
     * confirmation ({@code confirmLeavers=true}): more, and the import is refused and changes nothing. A full sync
     * of a file cut short, or exported with the wrong filter, would otherwise take most of the school off roll.
     */
    @WithDefault("0.2")
    double maxLeavingShare();

    /** How long one import may take before its transaction is rolled back. */
    @WithDefault("10m")
    Duration importTimeout();

    /** The CTF version written in exported files' headers (the DfE publishes one a year). */
    @WithDefault("26.0")
    String ctfVersion();
}
