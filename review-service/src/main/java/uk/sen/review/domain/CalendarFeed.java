package uk.sen.review.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A user's secret calendar feed. Only the SHA-256 of the token is stored; a new token replaces the row, so the old
 * one stops working at once. The scope is copied from the user's token when the feed token is issued.
 */
@Entity
@Table(name = "calendar_feed")
public class CalendarFeed extends PanacheEntityBase {

    @Id
    public String userSubject;
    public String username;
    public String tokenHash;
    public String trustId;
    public boolean trustWide;
    /** School URNs, comma separated (empty when trust-wide). */
    public String schools;
    public Instant createdAt;
    public Instant lastUsedAt;
}
