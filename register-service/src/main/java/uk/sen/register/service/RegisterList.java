package uk.sen.register.service;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.web.InputRules;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.register.domain.BroadArea;
import uk.sen.register.domain.NeedAreas;
import uk.sen.register.domain.NeedType;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.Pupil;
import uk.sen.register.domain.SenProvision;
import uk.sen.register.repository.PupilRepository;
import uk.sen.register.service.RegisterService.PupilRecord;

/**
 * The register list: one page of the caller's pupils (their schools, or the whole trust for trust-wide callers) in
 * name order, filtered, as it stood on a date, audited with the pupils it showed.
 */
@ApplicationScoped
public class RegisterList {

    /** The list's filters as the request gave them; null filters nothing. */
    public record Filters(String school, String provision, String need, String area, String year, String name,
            String upn, List<String> ids, String asAt) {
    }

    /** At most this many pupils named by id in one list (their ids fit well within the 8 KB address limit). */
    public static final int MAX_IDS = 100;

    @Inject
    PupilRepository pupils;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    NeedAreas areas;

    @Inject
    RegisterService register;

    /**
     * The page after the cursor {@code after} (a page's {@code next}), or page {@code page.page}: the page, its
     * total, its needs and its audit record in one transaction.
     */
    @Transactional
    public Page<PupilRecord> page(Filters filters, String after, PageRequest page) {
        // the list only reads, so its statements need no flush of the session before them (before each native one
        // Hibernate walked the page's entities: 4% of the service's CPU under the list, found by profiling)
        pupils.getEntityManager().setFlushMode(FlushModeType.COMMIT);
        PupilRepository.Filter filter = filter(filters);
        PupilRepository.Cursor cursor = cursor(after, page, filter);
        List<Object[]> rows = pupils.page(filter, cursor, page.offset(), page.size + 1);
        boolean more = rows.size() > page.size;
        if (more) {
            rows = rows.subList(0, page.size);
        }
        long total = pupils.count(filter);
        Map<UUID, List<Pupil.Need>> needs = pupils.needsOf(rows.stream().map(r -> ((Pupil) r[0]).id).toList());
        List<PupilRecord> items = rows.stream().map(r -> new PupilRecord((Pupil) r[0], (SenProvision) r[1],
                needs.getOrDefault(((Pupil) r[0]).id, List.of()))).toList();
        audit.record(AuditLog.LIST, "pupil", items.stream().map(p -> p.pupil().id.toString()).toList(),
                filter.trustId(), filters.school(),
                "register list" + (filters.asAt() == null ? "" : " as at " + filters.asAt()));
        String next = more ? PupilRepository.Cursor.token(((Pupil) rows.get(rows.size() - 1)[0]).id) : null;
        return Page.of(items, cursor == null ? page.page : null, page.size, total, next);
    }

    /**
     * Where the page after {@code after} starts. The token names only the last pupil of the previous page; their
     * place in the name order is read again here, and only within the list's trust, schools and school, so a
     * forged or stale token is refused the same way whether or not the pupil exists.
     */
    private PupilRepository.Cursor cursor(String after, PageRequest page, PupilRepository.Filter filter) {
        if (after == null) {
            return null;
        }
        if (page.page != 0) {
            throw ProblemException.invalid("after", "give either after or page, not both");
        }
        UUID last;
        try {
            last = PupilRepository.Cursor.pupilOf(after);
        } catch (IllegalArgumentException e) {
            last = null;
        }
        return (last == null ? Optional.<PupilRepository.Cursor>empty() : pupils.cursorAt(filter, last))
                .orElseThrow(() -> ProblemException.invalid("after",
                        "is not a cursor from this list: pass the next of a page as it is"));
    }

    /** The caller's scope and the filters, checked: a school outside the scope is 404, a bad code 400. */
    private PupilRepository.Filter filter(Filters f) {
        Set<String> schools = null;
        String trust = caller.requireTrust();
        if (!caller.isTrustWide()) {
            schools = caller.schools();
        }
        if (f.school() != null && schools != null && !schools.contains(f.school())) {
            throw ProblemException.notFound("School", f.school());
        }
        Provision p = null;
        if (f.provision() != null) {
            try {
                p = Provision.valueOf(f.provision().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("provision", "must be N, K or E");
            }
        }
        Set<String> needs = null;
        if (f.need() != null) {
            NeedType type = NeedType.parse(f.need());
            if (type == null) {
                throw ProblemException.invalid("need", "'" + f.need() + "' is not a need type code");
            }
            needs = Set.of(type.name());
        }
        if (f.area() != null) {
            BroadArea broad;
            try {
                broad = BroadArea.valueOf(f.area().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("area", "must be one of " + Arrays.toString(BroadArea.values()));
            }
            Set<String> inArea = new TreeSet<>();
            for (NeedType t : NeedType.values()) {
                if (areas.areaOf(t.name()) == broad && (needs == null || needs.contains(t.name()))) {
                    inArea.add(t.name());
                }
            }
            needs = inArea.isEmpty() ? Set.of("-") : inArea;
        }
        LocalDate date = f.asAt() == null ? register.today() : InputRules.date("asAt", f.asAt().trim());
        return new PupilRepository.Filter(trust, schools, null, f.school(), p, needs, f.year(), f.name(), f.upn(),
                ids(f.ids()), date);
    }

    /** The pupils named by id, checked: ids only, at most {@link #MAX_IDS}; none given filters nothing. */
    private static Set<UUID> ids(List<String> given) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.size() > MAX_IDS) {
            throw ProblemException.invalid("id", "name at most " + MAX_IDS + " pupils in one list");
        }
        Set<UUID> ids = new java.util.HashSet<>();
        for (String id : given) {
            try {
                ids.add(UUID.fromString(id.trim()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ProblemException.invalid("id", "must be a pupil's id (a UUID)");
            }
        }
        return ids;
    }
}
