package uk.sen.notification.domain;

/** The UK GDPR basis on which the school shares a pupil's information with an agency. */
public enum LawfulBasis {
    CONSENT, LEGAL_OBLIGATION, PUBLIC_TASK
}
