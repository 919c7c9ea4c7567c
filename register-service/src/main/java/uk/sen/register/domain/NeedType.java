package uk.sen.register.domain;

/** Census / SEN2 need type codes with the Code of Practice's broad area of need. */
public enum NeedType {
    SLCN("Speech, language and communication needs", BroadArea.COMMUNICATION_AND_INTERACTION),
    ASD("Autistic spectrum disorder", BroadArea.COMMUNICATION_AND_INTERACTION),
    SPLD("Specific learning difficulty", BroadArea.COGNITION_AND_LEARNING),
    MLD("Moderate learning difficulty", BroadArea.COGNITION_AND_LEARNING),
    SLD("Severe learning difficulty", BroadArea.COGNITION_AND_LEARNING),
    PMLD("Profound and multiple learning difficulty", BroadArea.COGNITION_AND_LEARNING),
    SEMH("Social, emotional and mental health", BroadArea.SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH),
    HI("Hearing impairment", BroadArea.SENSORY_AND_PHYSICAL),
    VI("Vision impairment", BroadArea.SENSORY_AND_PHYSICAL),
    MSI("Multi-sensory impairment", BroadArea.SENSORY_AND_PHYSICAL),
    PD("Physical disability", BroadArea.SENSORY_AND_PHYSICAL),
    /** No official area; the register's configuration decides ({@code sen.needs.ds-area}). */
    DS("Down syndrome", null),
    OTH("Other difficulty/disability", BroadArea.NONE),
    NSA("SEN support but no specialist assessment of type of need", BroadArea.NONE);

    public final String description;
    public final BroadArea defaultArea;

    NeedType(String description, BroadArea defaultArea) {
        this.description = description;
        this.defaultArea = defaultArea;
    }

    public static NeedType parse(String code) {
        if (code == null) {
            return null;
        }
        try {
            return valueOf(code.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
