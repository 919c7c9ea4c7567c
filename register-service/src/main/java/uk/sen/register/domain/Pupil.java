package uk.sen.register.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.BatchSize;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "pupil")
public class Pupil extends PanacheEntityBase {

    @Embeddable
    public static class Need {
        public int rank;
        @Column(name = "need_code")
        public String needCode;

        public Need() {
        }

        public Need(int rank, String needCode) {
            this.rank = rank;
            this.needCode = needCode;
        }
    }

    @Id
    public UUID id;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "school_urn")
    public String schoolUrn;
    public String upn;
    @Column(name = "former_upn")
    public String formerUpn;
    public String forename;
    public String surname;
    @Column(name = "date_of_birth")
    public LocalDate dateOfBirth;
    public String sex;
    @Column(name = "nc_year")
    public String ncYear;
    @Column(name = "on_roll_date")
    public LocalDate onRollDate;
    @Column(name = "leaving_date")
    public LocalDate leavingDate;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Current ranked needs (rank 1 primary, rank 2 secondary); their history is in the audit and the events. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "pupil_need", joinColumns = @JoinColumn(name = "pupil_id"))
    @OrderBy("rank")
    @BatchSize(size = 100)
    public List<Need> needs = new ArrayList<>();
}
