package uk.sen.workload.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The four key areas of SEN coordination in the 1998 National Standards for SENCOs, and a fifth bucket for time
 * that is not SEN coordination at all (non-SEND duties), so that it is reported rather than hidden in an area.
 */
@Schema(description = "A key area of the 1998 National Standards for SENCOs, or OUTSIDE_SEN_COORDINATION for non-SEND duties")
public enum StandardsArea {
    STRATEGIC_DIRECTION("Strategic direction and development of SEN provision"),
    TEACHING_AND_LEARNING("Teaching and learning"),
    LEADING_AND_MANAGING_STAFF("Leading and managing staff"),
    DEPLOYMENT_OF_STAFF_AND_RESOURCES("Efficient and effective deployment of staff and resources"),
    OUTSIDE_SEN_COORDINATION("Outside SEN coordination");

    public final String label;

    StandardsArea(String label) {
        this.label = label;
    }
}
