package uk.sen.notification.domain;


import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import uk.sen.platform.persistence.SchoolRecord;

/** A member of a school's staff who receives the service's alerts (deadlines, workload). */
@Entity
@Table(name = "staff_contact")
public class StaffContact extends SchoolRecord {

    @Enumerated(EnumType.STRING)
    public StaffRole role;
    public String name;
    public String email;
}
