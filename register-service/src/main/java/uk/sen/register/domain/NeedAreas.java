package uk.sen.register.domain;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;


/** Broad area of each need code; Down syndrome has no official area, so it is configured. */
@ApplicationScoped
public class NeedAreas {

    @ConfigProperty(name = "sen.needs.ds-area", defaultValue = "COGNITION_AND_LEARNING")
    BroadArea downSyndromeArea;

    public BroadArea areaOf(String code) {
        NeedType type = NeedType.parse(code);
        if (type == null) {
            return BroadArea.NONE;
        }
        return type == NeedType.DS ? downSyndromeArea : type.defaultArea;
    }
}
