package uk.sen.notification.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The agencies involved with a pupil that the school shares with. */
@Schema(description = "An agency involved with a pupil, that the school may share the pupil's information with")
public enum Agency {
    EDUCATIONAL_PSYCHOLOGIST("educational psychologist"),
    SPEECH_AND_LANGUAGE_THERAPY("speech and language therapy"),
    OCCUPATIONAL_THERAPY("occupational therapy"),
    CAMHS("CAMHS"),
    HEALTH("health"),
    SOCIAL_CARE("social care"),
    LA_SEN_OFFICER("LA SEN officer");

    public final String label;

    Agency(String label) {
        this.label = label;
    }
}
