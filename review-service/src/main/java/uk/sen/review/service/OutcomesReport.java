package uk.sen.review.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.io.Csv;
import uk.sen.platform.io.Rows;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.time.SchoolTerms;
import uk.sen.platform.time.TermCalendar;
import uk.sen.platform.time.TermCalendar.Term;
import uk.sen.review.domain.FollowedPupil;

/**
 * The progress SEN support reviews record: each outcome of a pupil's support plans scored at every review (-2 much
 * less than expected progress .. +2 much more), and, for a school, the share of outcomes met or progressing (scored 0,
 * expected progress, or above) this term and last, by broad area of need and by year group: the numbers a SENCO
 * shows governors. A score counts in the term its review was held (in a holiday, the term before it). Reads only;
 * each is audited.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OutcomesReport {

    /** Scored at or above this, an outcome is met or progressing (0 is the expected progress). */
    public static final int PROGRESSING = 0;

    @Schema(name = "OutcomeScore", description = "One outcome's score at one SEN support review")
    public record ScoreAt(@Schema(description = "The day the review was held") LocalDate heldOn,
            @Schema(description = "The school term it was held in", examples = "Autumn 2026/27") String term,
            @Schema(description = "-2 (much less than expected progress) to +2 (much more than expected)",
                    minimum = "-2", maximum = "2") int score,
            @Schema(description = "The reviewer's comment") String comment) {
    }

    @Schema(name = "OutcomeProgress", description = "One outcome of a pupil's support plan and its scores over time")
    public record OutcomeProgress(@Schema(description = "The outcome's id in its plan") UUID outcomeId,
            @Schema(description = "The outcome as last scored", examples = "Reads Book Band 5 texts independently")
            String outcome,
            @Schema(description = "The support plan it belongs to") UUID planId,
            @Schema(description = "Every score, oldest first") List<ScoreAt> scores,
            @Schema(nullable = true, description = "The latest score, or none before the first review") Integer latest) {
    }

    @Schema(name = "PupilOutcomes", description = "A pupil's SEN support outcomes and how each was scored over time")
    public record PupilOutcomes(UUID pupilId,
            @Schema(description = "The URN of the pupil's school", examples = "900101") String schoolUrn,
            @Schema(description = "Every outcome ever scored, in the order first scored") List<OutcomeProgress> outcomes) {
    }

    @Schema(name = "OutcomeShare", description = "Outcomes scored in a term and how many were met or progressing")
    public record Share(
            @Schema(description = "What the row counts: the whole school, a broad area of need "
                    + "(COMMUNICATION_AND_INTERACTION, COGNITION_AND_LEARNING, SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH, "
                    + "SENSORY_AND_OR_PHYSICAL, NONE or UNKNOWN) or a National Curriculum year group",
                    examples = "COGNITION_AND_LEARNING") String group,
            @Schema(description = "Outcome scores recorded") int scored,
            @Schema(description = "Of those, scored 0 (expected progress) or above") int metOrProgressing,
            @Schema(nullable = true, description = "metOrProgressing / scored, rounded to 3 places; none when nothing "
                    + "was scored", examples = "0.667") Double share) {

        static Share of(String group, int scored, int met) {
            return new Share(group, scored, met, scored == 0 ? null : Math.round(1000.0 * met / scored) / 1000.0);
        }
    }

    @Schema(name = "TermOutcomes", description = "A school's outcomes scored in one term")
    public record TermOutcomes(@Schema(description = "The term", examples = "Autumn 2026/27") String term,
            @Schema(description = "Its first day") LocalDate start,
            @Schema(description = "Its last day") LocalDate end,
            @Schema(description = "The whole school") Share all,
            @Schema(description = "By the broad area of the pupil's primary need") List<Share> byNeedArea,
            @Schema(description = "By the pupil's National Curriculum year group") List<Share> byYearGroup) {
    }

    @Schema(name = "SchoolOutcomes", description = "A school's SEN support outcomes: this term and the last")
    public record SchoolOutcomes(@Schema(examples = "900101") String schoolUrn,
            @Schema(description = "The day the terms were taken from (today unless asked)") LocalDate asAt,
            @Schema(description = "This term (the one started most recently) and the one before it")
            List<TermOutcomes> terms) {
    }

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    EnglandClock calendar;

    @Inject
    SchoolTerms terms;

    @Inject
    FollowedPupils pupils;

    /** A pupil's outcomes over time; 404 unless the pupil is one of the caller's schools'. */
    @Transactional
    public PupilOutcomes pupil(UUID pupilId) {
        FollowedPupil pupil = pupils.visible(pupilId);
        TermCalendar calendarOfLa = terms.of(pupil.laCode);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT s.outcome_id, s.outcome, r.plan_id, r.held_on, s.score, s.comment
                FROM support_review r JOIN support_review_score s ON s.review_id = r.id
                WHERE r.pupil_id = :pupil AND r.status = 'COMPLETED'
                ORDER BY r.held_on, r.id, s.position""").setParameter("pupil", pupilId).getResultList();
        // rows oldest first: each outcome's scores in order, its text and plan as last scored
        Map<UUID, List<ScoreAt>> scores = new LinkedHashMap<>();
        Map<UUID, Object[]> last = new LinkedHashMap<>();
        for (Object[] row : rows) {
            LocalDate heldOn = Rows.date(row[3]);
            scores.computeIfAbsent(Rows.uuid(row[0]), k -> new ArrayList<>()).add(new ScoreAt(heldOn,
                    calendarOfLa.latestStartedBy(heldOn).label(), ((Number) row[4]).intValue(), (String) row[5]));
            last.put(Rows.uuid(row[0]), row);
        }
        List<OutcomeProgress> outcomes = scores.entrySet().stream().map(e -> new OutcomeProgress(e.getKey(),
                (String) last.get(e.getKey())[1], Rows.uuid(last.get(e.getKey())[2]), e.getValue(),
                e.getValue().get(e.getValue().size() - 1).score())).toList();
        return new PupilOutcomes(pupilId, pupil.schoolUrn, outcomes);
    }

    /** A school's outcomes this term and last, as at a day (today unless given); 404 unless it is the caller's. */
    @Transactional
    public SchoolOutcomes school(String schoolUrn, LocalDate asAt) {
        if (schoolUrn == null || !schoolUrn.matches("\\d{6}")) {
            throw ProblemException.invalid("urn", "must be a school's URN (6 digits)");
        }
        String trust = caller.requireTrust();
        caller.requireSchool(trust, schoolUrn);
        LocalDate day = asAt == null ? calendar.today() : asAt;
        @SuppressWarnings("unchecked")
        List<String> las = em.createNativeQuery("""
                SELECT la_code FROM followed_pupil WHERE trust_id = :trust AND school_urn = :urn AND la_code IS NOT NULL
                GROUP BY la_code ORDER BY count(*) DESC LIMIT 1""")
                .setParameter("trust", trust).setParameter("urn", schoolUrn).getResultList();
        TermCalendar schoolTerms = terms.of(las.isEmpty() ? null : las.get(0));
        Term current = schoolTerms.latestStartedBy(day);
        Term previous = schoolTerms.latestStartedBy(current.start().minusDays(1));
        // a review held in a holiday counts in the term before it
        List<TermOutcomes> result = List.of(term(trust, schoolUrn, current, day),
                term(trust, schoolUrn, previous, current.start().minusDays(1)));
        audit.record(AuditLog.READ, "outcomes", List.of(schoolUrn), trust, schoolUrn,
                "SEN support outcomes, " + current.label() + " and " + previous.label());
        return new SchoolOutcomes(schoolUrn, day, result);
    }

    /** The school's outcomes as a CSV file (RFC 4180, formula-guarded): one row per term and group. */
    public String csv(SchoolOutcomes outcomes) {
        StringBuilder out = new StringBuilder();
        Csv.row(out, List.of("school_urn", "term", "term_start", "term_end", "grouped_by", "group", "scored",
                "met_or_progressing", "share"));
        for (TermOutcomes t : outcomes.terms()) {
            List<String> term = List.of(outcomes.schoolUrn(), t.term(), t.start().toString(), t.end().toString());
            csvRow(out, term, "school", t.all());
            t.byNeedArea().forEach(share -> csvRow(out, term, "need_area", share));
            t.byYearGroup().forEach(share -> csvRow(out, term, "year_group", share));
        }
        return out.toString();
    }

    private static void csvRow(StringBuilder out, List<String> term, String groupedBy, Share share) {
        List<String> cells = new ArrayList<>(term);
        cells.addAll(List.of(groupedBy, share.group(), Integer.toString(share.scored()),
                Integer.toString(share.metOrProgressing()), share.share() == null ? "" : share.share().toString()));
        Csv.row(out, cells);
    }

    /** The scores of reviews held from the term's first day to {@code until}. */
    private TermOutcomes term(String trust, String schoolUrn, Term term, LocalDate until) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT coalesce(p.primary_area, 'UNKNOWN'), coalesce(p.nc_year, 'UNKNOWN'), s.score
                FROM support_review r JOIN support_review_score s ON s.review_id = r.id
                LEFT JOIN followed_pupil p ON p.pupil_id = r.pupil_id
                WHERE r.trust_id = :trust AND r.school_urn = :urn AND r.status = 'COMPLETED'
                  AND r.held_on BETWEEN :from AND :until""")
                .setParameter("trust", trust).setParameter("urn", schoolUrn)
                .setParameter("from", term.start()).setParameter("until", until).getResultList();
        Tally all = new Tally();
        Map<String, Tally> byArea = new TreeMap<>();
        Map<String, Tally> byYear = new TreeMap<>(YEAR_ORDER);
        for (Object[] row : rows) {
            int score = ((Number) row[2]).intValue();
            all.add(score);
            byArea.computeIfAbsent((String) row[0], k -> new Tally()).add(score);
            byYear.computeIfAbsent((String) row[1], k -> new Tally()).add(score);
        }
        return new TermOutcomes(term.label(), term.start(), term.end(), all.share("ALL"), shares(byArea),
                shares(byYear));
    }

    private static List<Share> shares(Map<String, Tally> tallies) {
        return tallies.entrySet().stream().map(e -> e.getValue().share(e.getKey())).toList();
    }

    /** Year groups in school order: N1, N2, R, 1..14, then anything else (UNKNOWN) last. */
    static final Comparator<String> YEAR_ORDER = Comparator.comparingInt(OutcomesReport::yearRank)
            .thenComparing(Comparator.naturalOrder());

    private static int yearRank(String year) {
        return switch (year) {
            case "N1" -> -3;
            case "N2" -> -2;
            case "R" -> -1;
            default -> year.matches("\\d{1,2}") ? Integer.parseInt(year) : 100;
        };
    }

    private static final class Tally {
        int scored;
        int met;

        void add(int score) {
            scored++;
            if (score >= PROGRESSING) {
                met++;
            }
        }

        Share share(String group) {
            return Share.of(group, scored, met);
        }
    }
}
