package uk.sen.notification.domain;

/** School staff who receive the service's alerts. */
public enum StaffRole {
    SENCO, SLT
}
