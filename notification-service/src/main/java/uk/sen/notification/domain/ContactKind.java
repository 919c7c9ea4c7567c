package uk.sen.notification.domain;

public enum ContactKind {
    PARENT_CARER, AGENCY
}
