package uk.sen.register.domain;

/** The Code of Practice's four broad areas of need, plus none for OTH and NSA. */
public enum BroadArea {
    COMMUNICATION_AND_INTERACTION("Communication and interaction"),
    COGNITION_AND_LEARNING("Cognition and learning"),
    SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH("Social, emotional and mental health"),
    SENSORY_AND_PHYSICAL("Sensory and/or physical"),
    NONE("None");

    public final String label;

    BroadArea(String label) {
        this.label = label;
    }
}
