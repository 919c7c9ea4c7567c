package uk.sen.register.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.web.Versions;
import uk.sen.register.domain.School;

/** The trust's schools; trust admins manage them, everyone in the trust reads the ones in their scope. */
@ApplicationScoped
@Transactional
public class SchoolService {

    public record SchoolDetails(String urn, String laCode, String estabNumber, String name, School.Phase phase,
            int lowestAge, int highestAge) {
    }

    @Inject
    CallerScope caller;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<School> visibleSchools() {
        String trust = caller.requireTrust();
        List<School> schools = School.list("trustId = ?1 order by name", trust);
        return caller.isTrustWide() ? schools
                : schools.stream().filter(s -> caller.schools().contains(s.urn)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public School visibleSchool(String urn) {
        School school = School.findById(urn);
        if (school == null || !caller.coversSchool(school.trustId, urn)) {
            throw ProblemException.notFound("School", urn);
        }
        return school;
    }

    public School create(SchoolDetails d) {
        String trust = caller.requireTrust();
        check(d);
        if (School.findById(d.urn()) != null) {
            throw ProblemException.conflict("A school with URN " + d.urn() + " already exists.");
        }
        if (School.count("laCode = ?1 and estabNumber = ?2", d.laCode(), d.estabNumber()) > 0) {
            throw ProblemException.conflict("A school with DfE number " + d.laCode() + "-" + d.estabNumber()
                    + " already exists.");
        }
        School school = new School();
        school.urn = d.urn();
        school.trustId = trust;
        apply(school, d);
        school.persist();
        School.flush();
        return school;
    }

    public School update(String urn, SchoolDetails d, String ifMatch) {
        School school = visibleSchool(urn);
        Versions.requireMatch(ifMatch, school.version);
        if (!urn.equals(d.urn())) {
            throw ProblemException.invalid("urn", "must match the URN in the path; a school's URN does not change");
        }
        check(d);
        if (School.count("laCode = ?1 and estabNumber = ?2 and urn <> ?3", d.laCode(), d.estabNumber(), urn) > 0) {
            // answered as the create answers it, not as the database's unique key would (a 500)
            throw ProblemException.conflict("A school with DfE number " + d.laCode() + "-" + d.estabNumber()
                    + " already exists.");
        }
        apply(school, d);
        School.flush();
        return school;
    }

    private static void check(SchoolDetails d) {
        if (d.lowestAge() > d.highestAge()) {
            throw ProblemException.invalid("lowestAge", "must not be above highestAge");
        }
    }

    private static void apply(School school, SchoolDetails d) {
        school.laCode = d.laCode();
        school.estabNumber = d.estabNumber();
        school.name = d.name().trim();
        school.phase = d.phase();
        school.lowestAge = d.lowestAge();
        school.highestAge = d.highestAge();
    }
}
