package uk.sen.notification.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import uk.sen.notification.domain.ContactRules;
import uk.sen.notification.domain.EmailAddress;
import uk.sen.notification.domain.StaffContact;
import uk.sen.notification.domain.StaffRole;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.web.Versions;

/** The staff of each school who receive alerts: managed by the school's SENCO and by trust admins. */
@ApplicationScoped
@Transactional
public class StaffContactService {

    @Schema(description = "A member of staff who receives alerts", requiredProperties = { "role", "name", "email" })
    public record StaffInput(
            @Schema(description = "SENCO (deadline alerts) or SLT (missed statutory deadlines, SENCO time over "
                    + "allocation)", enumeration = { "SENCO", "SLT" }, examples = "SENCO") String role,
            @Schema(description = "At most 200 characters", maxLength = 200, examples = "Jo Patel") String name,
            @Schema(examples = "senco@school.example") String email) {
    }

    @Inject
    CallerScope caller;

    public PanacheQuery<StaffContact> list(String schoolUrn) {
        requireSchool(schoolUrn);
        return StaffContact.find("trustId = ?1 and schoolUrn = ?2 order by role, createdAt", caller.trustId(),
                schoolUrn);
    }

    public StaffContact create(String schoolUrn, StaffInput in) {
        requireSchool(schoolUrn);
        StaffContact s = new StaffContact();
        s.id = UUID.randomUUID();
        s.trustId = caller.trustId();
        s.schoolUrn = schoolUrn;
        apply(s, in);
        s.createdAt = Instant.now();
        s.updatedAt = s.createdAt;
        s.persist();
        StaffContact.flush();
        return s;
    }

    public StaffContact get(UUID id) {
        StaffContact s = StaffContact.findById(id);
        if (s == null || !caller.coversSchool(s.trustId, s.schoolUrn)) {
            throw ProblemException.notFound("Staff contact", id);
        }
        return s;
    }

    public StaffContact update(UUID id, String ifMatch, StaffInput in) {
        StaffContact s = get(id);
        Versions.requireMatch(ifMatch, s.version);
        apply(s, in);
        s.updatedAt = Instant.now();
        StaffContact.flush();
        return s;
    }

    public void delete(UUID id, String ifMatch) {
        StaffContact s = get(id);
        Versions.requireMatch(ifMatch, s.version);
        s.delete();
    }

    private void requireSchool(String schoolUrn) {
        if (schoolUrn == null || !schoolUrn.matches("[0-9]{6}")) {
            throw ProblemException.invalid("urn", "must be a 6-digit school URN");
        }
        caller.requireSchool(caller.requireTrust(), schoolUrn);
    }

    private static void apply(StaffContact s, StaffInput in) {
        List<Violation> v = new ArrayList<>();
        StaffRole role = ContactRules.parse(StaffRole.class, in.role(), "role", v, true);
        String name = in.name() == null ? "" : in.name().trim();
        if (name.isEmpty() || name.length() > 200) {
            v.add(new Violation("name", "is required (at most 200 characters)"));
        }
        Optional<String> problem = EmailAddress.problem(in.email());
        problem.ifPresent(p -> v.add(new Violation("email", p)));
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        s.role = role;
        s.name = name;
        s.email = EmailAddress.normalise(in.email());
    }
}
