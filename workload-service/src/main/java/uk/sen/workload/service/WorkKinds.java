package uk.sen.workload.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import uk.sen.workload.config.WorkloadConfig;
import uk.sen.workload.domain.WorkKind;
import uk.sen.workload.events.ReviewEvent;

/**
 * The kinds of statutory work the forecast counts, as a table: each row says what review-service's events mean for
 * work of that kind; its expected effort and spread come from configuration
 * ({@code sen.workload.forecast.kinds.<code>.*}). A new kind is a new row here plus its effort settings. Event
 * types no row names are skipped.
 */
@ApplicationScoped
public class WorkKinds {

    /** A match: the kind an event concerns and what it records. */
    public record Match(WorkKind kind, WorkKind.Trigger trigger) {
    }

    private record Row(String code, String label, String category, String reviewKind,
            Map<String, WorkKind.Trigger> on) {
    }

    private static WorkKind.Trigger open(String idField) {
        return new WorkKind.Trigger(WorkKind.Step.OPEN, idField);
    }

    private static WorkKind.Trigger step(WorkKind.Step step, String idField) {
        return new WorkKind.Trigger(step, idField);
    }

    /** EHC plan reviews, annual or phase transfer (told apart by the data's kind). */
    private static Map<String, WorkKind.Trigger> ehcpReview() {
        return Map.of(ReviewEvent.REVIEW_SCHEDULED, open("reviewId"), ReviewEvent.MEETING_SET, open("reviewId"),
                ReviewEvent.MEETING_HELD, step(WorkKind.Step.HELD, "reviewId"),
                ReviewEvent.REVIEW_COMPLETED, step(WorkKind.Step.DONE, "reviewId"),
                ReviewEvent.REVIEW_CLOSED, step(WorkKind.Step.CLOSED, "reviewId"));
    }

    private static final List<Row> TABLE = List.of(
            new Row("ANNUAL_REVIEW", "EHCP annual review", "EHCP_ANNUAL_REVIEWS", "ANNUAL", ehcpReview()),
            new Row("PHASE_TRANSFER_REVIEW", "EHCP phase transfer review", "EHCP_ANNUAL_REVIEWS", "PHASE_TRANSFER",
                    ehcpReview()),
            // a support plan opens with its first review; each later review is announced on its own
            new Row("SUPPORT_PLAN_REVIEW", "SEN support plan review", "SEN_SUPPORT_PLANS", null, Map.of(
                    ReviewEvent.SUPPORT_PLAN_OPENED, open("reviewId"),
                    ReviewEvent.SUPPORT_REVIEW_SCHEDULED, open("reviewId"),
                    ReviewEvent.SUPPORT_REVIEW_COMPLETED, step(WorkKind.Step.DONE, "reviewId"),
                    ReviewEvent.SUPPORT_PLAN_CLOSED, step(WorkKind.Step.CLOSED, "cancelledReviewId"))),
            // the school's part of a request: its evidence and advice, by the LA's decision whether to assess
            new Row("ASSESSMENT_REQUEST", "EHC needs assessment request", "EHC_NEEDS_ASSESSMENT", null, Map.of(
                    ReviewEvent.ASSESSMENT_REQUEST_RECEIVED, open("requestId"),
                    ReviewEvent.ASSESSMENT_REQUEST_DECIDED, step(WorkKind.Step.DONE, "requestId"))));

    @Inject
    WorkloadConfig config;

    private volatile List<WorkKind> kinds;

    /** Fails the start when a kind has no effort configured, rather than forecasting with a guess. */
    void onStart(@Observes StartupEvent start) {
        all();
    }

    public List<WorkKind> all() {
        List<WorkKind> k = kinds;
        if (k == null) {
            List<WorkKind> built = new ArrayList<>();
            for (Row row : TABLE) {
                String key = key(row.code());
                WorkloadConfig.Effort effort = config.forecast().kinds().get(key);
                if (effort == null) {
                    throw new IllegalStateException("No effort configured for " + row.code()
                            + ": set sen.workload.forecast.kinds." + key + ".hours and .spread-weeks");
                }
                if (effort.hours() <= 0 || effort.spreadWeeks() < 1) {
                    throw new IllegalStateException("Effort for " + row.code() + " must be positive hours over 1+ weeks");
                }
                built.add(new WorkKind(row.code(), row.label(), row.category(), row.reviewKind(), row.on(),
                        effort.hours(), effort.spreadWeeks()));
            }
            k = List.copyOf(built);
            kinds = k;
        }
        return k;
    }

    /** The kind an event concerns and what it records; empty for events no row names (skipped). */
    public Optional<Match> match(String eventType, String kindInData) {
        for (WorkKind kind : all()) {
            WorkKind.Trigger trigger = kind.trigger(eventType, kindInData);
            if (trigger != null) {
                return Optional.of(new Match(kind, trigger));
            }
        }
        return Optional.empty();
    }

    /** Categories whose time the statutory forecast already covers (left out of the baseline). */
    public Set<String> categories() {
        Set<String> codes = new LinkedHashSet<>();
        all().forEach(k -> codes.add(k.categoryCode()));
        return codes;
    }

    static String key(String code) {
        return code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
