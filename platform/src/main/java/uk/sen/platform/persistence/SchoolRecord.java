package uk.sen.platform.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What every record a school owns carries: its id, the trust and school it belongs to (what caller scope checks
 * read), the version behind its ETag (optimistic locking), and when it was created and last changed. Columns follow
 * the platform's naming strategy (trust_id, school_urn, created_at, updated_at).
 */
@MappedSuperclass
public abstract class SchoolRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String trustId;
    public String schoolUrn;
    @Version
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
}
