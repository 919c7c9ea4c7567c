package uk.sen.workload.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The mobile app's running stopwatch; a SENCO has at most one. */
@Entity
@Table(name = "running_timer")
public class RunningTimer extends PanacheEntityBase {

    @Id
    public UUID id;
    public String senco;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "school_urn")
    public String schoolUrn;
    @Column(name = "category_code")
    public String categoryCode;
    @Column(name = "pupil_id")
    public UUID pupilId;
    @Column(name = "review_id")
    public UUID reviewId;
    public String note;
    @Column(name = "started_at")
    public Instant startedAt;
}
