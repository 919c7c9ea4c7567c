package uk.sen.notification.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a parent or carer is related to the pupil. */
@Schema(description = "How a parent or carer is related to the pupil")
public enum Relationship {
    MOTHER, FATHER, PARENT, STEP_PARENT, GRANDPARENT, CARER, FOSTER_CARER, GUARDIAN, SPECIAL_GUARDIAN,
    CORPORATE_PARENT, OTHER_RELATIVE, OTHER
}
