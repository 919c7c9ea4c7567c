package uk.sen.notification.domain;

/** Who a trigger rule writes to. */
public enum RecipientSelector {
    /** The pupil's parents and carers with parental responsibility. */
    PARENTS_WITH_PR,
    /** The same, when the review meeting invites the parent (invitee role PARENT_OR_YOUNG_PERSON). */
    INVITED_PARENTS,
    /** The pupil's agency contacts whose agency matches an invitee role of the meeting. */
    INVITED_AGENCIES,
    /** The pupil's agency contacts of the one agency a contribution request asks for advice (its field agency). */
    REQUESTED_AGENCY,
    /** The school's SENCO staff contacts. */
    SCHOOL_SENCO,
    /** The school's senior leadership staff contacts. */
    SCHOOL_SLT
}
