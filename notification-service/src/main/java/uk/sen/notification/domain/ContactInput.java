package uk.sen.notification.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A parent, carer or agency contact as a SENCO enters it (JSON body or one CSV row). Coded values are plain text
 * here so that the API and the CSV import refuse a wrong one with the same words; {@link ContactRules} checks them.
 */
@Schema(description = "A parent/carer (kind PARENT_CARER: relationship and parentalResponsibility) or an agency "
        + "contact (kind AGENCY: agency, organisation). The preferred channel needs its address.")
public record ContactInput(
        @Schema(enumeration = { "PARENT_CARER", "AGENCY" }, examples = "PARENT_CARER") String kind,
        @Schema(examples = "Sam Taylor") String name,
        @Schema(description = "PARENT_CARER only", examples = "MOTHER") String relationship,
        @Schema(description = "PARENT_CARER only") Boolean parentalResponsibility,
        @Schema(description = "AGENCY only", examples = "SPEECH_AND_LANGUAGE_THERAPY") String agency,
        @Schema(description = "AGENCY only", examples = "Northbridge Community Health NHS Trust") String organisation,
        @Schema(examples = "sam.taylor@example.org") String email,
        @Schema(description = "UK mobile", examples = "07700 900123") String mobile,
        String addressLine1,
        String addressLine2,
        String town,
        @Schema(examples = "NB1 2AB") String postcode,
        @Schema(enumeration = { "EMAIL", "SMS", "POST" }, examples = "EMAIL") String preferredChannel) {
}
