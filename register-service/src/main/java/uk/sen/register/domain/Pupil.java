package uk.sen.register.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.hibernate.annotations.BatchSize;

import uk.sen.platform.persistence.SchoolRecord;

@Entity
@Table(name = "pupil")
public class Pupil extends SchoolRecord {

    @Embeddable
    public static class Need {
        public int rank;
        public String needCode;

        public Need() {
        }

        public Need(int rank, String needCode) {
            this.rank = rank;
            this.needCode = needCode;
        }
    }

    public String upn;
    public String formerUpn;
    public String forename;
    public String surname;
    public LocalDate dateOfBirth;
    public String sex;
    public String ncYear;
    public LocalDate onRollDate;
    public LocalDate leavingDate;

    /** Current ranked needs (rank 1 primary, rank 2 secondary); their history is in the audit and the events. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "pupil_need", joinColumns = @JoinColumn(name = "pupil_id"))
    @OrderBy("rank")
    @BatchSize(size = 100)
    public List<Need> needs = new ArrayList<>();
}
