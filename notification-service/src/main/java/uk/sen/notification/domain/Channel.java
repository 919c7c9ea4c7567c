package uk.sen.notification.domain;

/** How a message reaches someone. POST is a contact's preference the service records but cannot send yet. */
public enum Channel {
    EMAIL, SMS, POST
}
