package uk.sen.notification.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A parent, carer or agency contact as a SENCO enters it (JSON body or one CSV row). Coded values are plain text
 * here so that the API and the CSV import refuse a wrong one with the same words; {@link ContactRules} checks them.
 */
@Schema(description = "A parent/carer (kind PARENT_CARER: relationship and parentalResponsibility) or an agency "
        + "contact (kind AGENCY: agency, organisation). The preferred channel needs its address. Coded values are "
        + "read without regard to case, spaces or hyphens.", requiredProperties = { "kind", "name", "preferredChannel" })
public record ContactInput(
        @Schema(enumeration = { "PARENT_CARER", "AGENCY" }, examples = "PARENT_CARER") String kind,
        @Schema(description = "At most 200 characters", maxLength = 200, examples = "Sam Taylor") String name,
        @Schema(description = "PARENT_CARER only, and required for them",
                enumeration = { "MOTHER", "FATHER", "PARENT", "STEP_PARENT", "GRANDPARENT", "CARER", "FOSTER_CARER",
                        "GUARDIAN", "SPECIAL_GUARDIAN", "CORPORATE_PARENT", "OTHER_RELATIVE", "OTHER" },
                examples = "MOTHER") String relationship,
        @Schema(description = "PARENT_CARER only, and required for them: whether they have parental responsibility "
                + "(most messages go only to those who have)", examples = "true") Boolean parentalResponsibility,
        @Schema(description = "AGENCY only, and required for them",
                enumeration = { "EDUCATIONAL_PSYCHOLOGIST", "SPEECH_AND_LANGUAGE_THERAPY", "OCCUPATIONAL_THERAPY",
                        "CAMHS", "HEALTH", "SOCIAL_CARE", "LA_SEN_OFFICER" },
                examples = "SPEECH_AND_LANGUAGE_THERAPY") String agency,
        @Schema(description = "AGENCY only, at most 200 characters", maxLength = 200,
                examples = "Northbridge Community Health NHS Trust") String organisation,
        @Schema(description = "Needed when the preferred channel is EMAIL", examples = "sam.taylor@example.org")
        String email,
        @Schema(description = "UK mobile number, needed when the preferred channel is SMS", examples = "07700 900123")
        String mobile,
        @Schema(description = "Needed with any part of an address (at most 120 characters)", maxLength = 120,
                examples = "1 Harbour Row") String addressLine1,
        @Schema(description = "At most 120 characters", maxLength = 120) String addressLine2,
        @Schema(description = "At most 120 characters", maxLength = 120, examples = "Northbridge") String town,
        @Schema(description = "A UK postcode, needed with any part of an address", examples = "NB1 2AB")
        String postcode,
        @Schema(description = "How the contact prefers to hear; it needs its address. POST is recorded, but letters "
                + "are not sent: messages then go by email, else text message", enumeration = { "EMAIL", "SMS", "POST" },
                examples = "EMAIL") String preferredChannel) {
}
