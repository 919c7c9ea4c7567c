package uk.sen.register.domain;

import jakarta.persistence.Column;
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
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "la_code")
    public String laCode;
    @Column(name = "estab_number")
    public String estabNumber;
    public String name;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Phase phase;
    @Column(name = "lowest_age")
    public int lowestAge;
    @Column(name = "highest_age")
    public int highestAge;
    @Version
    public long version;

    /** The DfE number: LA code and establishment number, e.g. 801-2001. */
    public String dfeNumber() {
        return laCode + "-" + estabNumber;
    }
}
