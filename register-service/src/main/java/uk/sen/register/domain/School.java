package uk.sen.register.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "school")
public class School extends PanacheEntityBase {

    public enum Phase {
        NURSERY, PRIMARY, MIDDLE, SECONDARY, ALL_THROUGH, SPECIAL, POST_16
    }

    @Id
    public String urn;
    public String trustId;
    public String laCode;
    public String estabNumber;
    public String name;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Phase phase;
    public int lowestAge;
    public int highestAge;
    @Version
    public long version;

    /** The DfE number: LA code and establishment number, e.g. 801-2001. */
    public String dfeNumber() {
        return laCode + "-" + estabNumber;
    }
}
