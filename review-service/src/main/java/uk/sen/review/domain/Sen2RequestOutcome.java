package uk.sen.review.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A SEN2 request outcome code, kept as data (seeded by migration V3) so the list can change without a release. */
@Entity
@Table(name = "sen2_request_outcome")
public class Sen2RequestOutcome extends PanacheEntityBase {

    /** The codes the service sets itself from the LA's decision whether to assess. */
    public static final String ASSESS = "Y";
    public static final String NOT_ASSESS = "N";

    @Id
    public String code;
    public String description;
    /** Whether the description was checked against the DfE's SEN2 guide. */
    public boolean meaningConfirmed;
}
