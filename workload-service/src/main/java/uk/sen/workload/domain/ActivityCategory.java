package uk.sen.workload.domain;

import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An activity a SENCO logs time against, with the National Standards area and kind of work it rolls up to. */
@Entity
@Table(name = "activity_category")
public class ActivityCategory extends PanacheEntityBase {

    @Id
    public String code;
    public String name;
    @Enumerated(EnumType.STRING)
    public StandardsArea standardsArea;
    @Enumerated(EnumType.STRING)
    public WorkType workType;
    public int sortOrder;
    public boolean active;

    public static List<ActivityCategory> inOrder() {
        return list("order by sortOrder");
    }
}
