package uk.sen.notification.domain;

/** The agencies involved with a pupil that the school shares with. */
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
