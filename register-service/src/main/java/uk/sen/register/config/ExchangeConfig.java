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
     * Largest MIS CSV file accepted, in bytes (50,000 pupils take about 7 MB); keep it below
     * {@code quarkus.http.limits.max-body-size} so this limit answers first.
     */
    @WithDefault("52428800")
    long misMaxBytes();

    /** Largest Common Transfer File accepted, in bytes. */
    @WithDefault("20971520")
    long ctfMaxBytes();

    /** How long one import may take before its transaction is rolled back. */
    @WithDefault("10m")
    Duration importTimeout();

    /** The CTF version written in exported files' headers (the DfE publishes one a year). */
    @WithDefault("26.0")
    String ctfVersion();
}
