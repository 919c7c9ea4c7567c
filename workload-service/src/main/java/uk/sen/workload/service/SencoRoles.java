package uk.sen.workload.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.platform.io.Csv;
import uk.sen.platform.security.CallerScope;
import uk.sen.workload.domain.ProtectedTime;
import uk.sen.workload.domain.SencoPost;
import uk.sen.workload.domain.SencoQualification;
import uk.sen.workload.repository.Where;

/**
 * The trust's view of the SENCO role in each school, beside the workload reports: what the SENCO surveys say decides
 * whether the role is doable (protected time, a seat on the senior leadership team, the qualification in time).
 */
@ApplicationScoped
public class SencoRoles {

    @Schema(description = "One SENCO post held today")
    public record PostRow(@Schema(description = "The post's id") UUID postId,
            @Schema(description = "The SENCO's username", examples = "senco.harbour") String senco,
            LocalDate appointedOn,
            @Schema(description = "Whole years in post today", examples = "2") int yearsInPost,
            @Schema(description = "Whether the SENCO sits on the senior leadership team") boolean onSlt,
            @Schema(nullable = true, description = "Protected time allocated today, hours a week; null when none is", examples = "7.5") BigDecimal allocatedHoursPerWeek,
            SencoQualification qualification,
            @Schema(nullable = true, description = "When the qualification is expected (IN_PROGRESS)") LocalDate qualificationExpectedOn,
            @Schema(nullable = true, description = "The last day to achieve the NPQ for SENCOs; null when achieved or exempt") LocalDate qualificationDeadline,
            @Schema(nullable = true, description = "Days from today to that deadline (negative once passed)", examples = "180") Long daysToDeadline,
            @Schema(nullable = true, enumeration = { "DUE_SOON", "OVERDUE" }, description = "The qualification alert the post is at; null when none") String alert) {
    }

    @Schema(description = "A school's SENCO posts held today; none when the school has protected time but no post recorded")
    public record SchoolRow(@Schema(examples = "900101") String schoolUrn,
            @Schema(nullable = true, description = "The school's name, once the register has named it", examples = "Harbour Primary School") String schoolName,
            List<PostRow> sencos) {
    }

    @Schema(description = "The trust's (or your schools') figures")
    public record Summary(@Schema(description = "Schools in the view (with a post or protected time recorded)") int schools,
            @Schema(description = "Schools with no SENCO post held today") int schoolsWithoutSenco,
            @Schema(description = "SENCO posts held today") int sencos,
            @Schema(description = "Of those, on the senior leadership team") int onSlt,
            @Schema(description = "Of those, with protected time allocated today (more than 0 hours)") int withProtectedTime,
            @Schema(description = "Of those, with the NPQ for SENCOs or NASENCO") int qualifiedOrExempt,
            @Schema(description = "Of those, with the qualification outstanding") int qualificationOutstanding,
            @Schema(description = "Of those, within the warning time of the three-year limit") int dueSoon,
            @Schema(description = "Of those, past the three-year limit") int overdue) {
    }

    @Schema(description = "The SENCO role in each school today")
    public record Overview(@Schema(examples = "northbridge") String trustId, LocalDate asOf, Summary summary, List<SchoolRow> schools) {
    }

    @Inject
    CallerScope caller;

    @Inject
    WorkloadClock clock;

    @Inject
    QualificationWatch watch;

    @Inject
    RegisterPupils register;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Overview overview(String school) {
        String trust = caller.requireTrust();
        LocalDate today = clock.today();
        Where posts = Where.inScope(caller)
                .and("appointedOn <= :today and (endedOn is null or endedOn >= :today)", "today", today);
        Where allocations = Where.inScope(caller)
                .and("effectiveFrom <= :today and (effectiveTo is null or effectiveTo >= :today)", "today", today);
        posts.andIfGiven("schoolUrn = :school", "school", school);
        allocations.andIfGiven("schoolUrn = :school", "school", school);
        Map<String, BigDecimal> hours = new HashMap<>();
        Set<String> schools = new TreeSet<>();
        for (ProtectedTime p : ProtectedTime.<ProtectedTime> list(allocations.orderBy("schoolUrn"), allocations.params())) {
            hours.put(p.schoolUrn + "|" + p.senco, p.hoursPerWeek);
            schools.add(p.schoolUrn);
        }
        Map<String, List<PostRow>> bySchool = new TreeMap<>();
        schools.forEach(s -> bySchool.put(s, new ArrayList<>()));
        int onSlt = 0, withTime = 0, done = 0, outstanding = 0, dueSoon = 0, overdue = 0, count = 0;
        for (SencoPost p : SencoPost.<SencoPost> list(posts.orderBy("schoolUrn, senco"), posts.params())) {
            BigDecimal allocated = hours.get(p.schoolUrn + "|" + p.senco);
            LocalDate deadline = p.qualificationDeadline();
            String alert = watch.stage(p, today).map(Enum::name).orElse(null);
            bySchool.computeIfAbsent(p.schoolUrn, s -> new ArrayList<>()).add(new PostRow(p.id, p.senco,
                    p.appointedOn, (int) ChronoUnit.YEARS.between(p.appointedOn, today), p.onSlt, allocated,
                    p.qualification, p.qualificationExpectedOn, deadline,
                    deadline == null ? null : ChronoUnit.DAYS.between(today, deadline), alert));
            count++;
            onSlt += p.onSlt ? 1 : 0;
            withTime += allocated != null && allocated.signum() > 0 ? 1 : 0;
            done += p.qualification.outstanding() ? 0 : 1;
            outstanding += p.qualification.outstanding() ? 1 : 0;
            dueSoon += "DUE_SOON".equals(alert) ? 1 : 0;
            overdue += "OVERDUE".equals(alert) ? 1 : 0;
        }
        Map<String, String> names = register.schoolNames(trust);
        List<SchoolRow> rows = bySchool.entrySet().stream()
                .map(e -> new SchoolRow(e.getKey(), names.get(e.getKey()), e.getValue())).toList();
        int without = (int) rows.stream().filter(r -> r.sencos().isEmpty()).count();
        return new Overview(trust, today, new Summary(rows.size(), without, count, onSlt, withTime, done, outstanding,
                dueSoon, overdue), rows);
    }

    /** The overview as CSV: one row per post held today, and one per school without one. */
    public static String csv(Overview o) {
        StringBuilder out = new StringBuilder();
        Csv.row(out, List.of("school_urn", "school_name", "senco", "appointed_on", "years_in_post", "on_slt",
                "allocated_hours_per_week", "qualification", "qualification_expected_on", "qualification_deadline",
                "days_to_deadline", "alert"));
        for (SchoolRow s : o.schools()) {
            if (s.sencos().isEmpty()) {
                Csv.row(out, List.of(s.schoolUrn(), text(s.schoolName()), "", "", "", "", "", "", "", "", "",
                        "NO_SENCO_RECORDED"));
            }
            for (PostRow p : s.sencos()) {
                Csv.row(out, List.of(s.schoolUrn(), text(s.schoolName()), p.senco(), p.appointedOn().toString(),
                        String.valueOf(p.yearsInPost()), String.valueOf(p.onSlt()), text(p.allocatedHoursPerWeek()),
                        p.qualification().name(), text(p.qualificationExpectedOn()), text(p.qualificationDeadline()),
                        text(p.daysToDeadline()), text(p.alert())));
            }
        }
        return out.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
