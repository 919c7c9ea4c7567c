package uk.sen.notification.domain;

public enum RecipientKind {
    PARENT_CARER, AGENCY, STAFF
}
