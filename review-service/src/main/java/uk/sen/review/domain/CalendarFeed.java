package uk.sen.review.domain;

import java.time.Instant;

import jakarta.persistence.Column;
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
    @Column(name = "user_subject")
    public String userSubject;
    public String username;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "trust_wide")
    public boolean trustWide;
    /** School URNs, comma separated (empty when trust-wide). */
    public String schools;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
}
