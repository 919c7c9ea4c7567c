package uk.sen.workload.domain;

import java.time.Instant;
import java.util.UUID;

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
    public String trustId;
    public String schoolUrn;
    public String categoryCode;
    public UUID pupilId;
    public UUID reviewId;
    public String note;
    public Instant startedAt;
}
