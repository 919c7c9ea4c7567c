package uk.sen.workload.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What kind of work a category is, for the question the surveys ask: how much SENCO time goes on administration
 * rather than strategic leadership and direct work with pupils, parents, staff and agencies.
 */
@Schema(description = "A kind of work: administrative, strategic, direct work with pupils, parents, staff and agencies, or not SEND")
public enum WorkType {
    ADMINISTRATIVE("Administrative"),
    STRATEGIC("Strategic"),
    DIRECT("Direct work with pupils, parents, staff and agencies"),
    NON_SEND("Not SEND");

    public final String label;

    WorkType(String label) {
        this.label = label;
    }
}
