package uk.sen.notification.messaging;

import static uk.sen.notification.messaging.EventIntake.or;
import static uk.sen.notification.messaging.EventIntake.requirePupil;
import static uk.sen.notification.messaging.EventIntake.uuid;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import uk.sen.notification.events.ReviewEvent;
import uk.sen.notification.service.Personalisation;
import uk.sen.notification.service.ReviewMeetings;
import uk.sen.notification.service.RuleBook;
import uk.sen.notification.service.Trigger;
import uk.sen.platform.inbox.EventFollower;
import uk.sen.platform.inbox.IncomingEvent;
import uk.sen.platform.inbox.MalformedEventException;

/**
 * Applies sen.review.v1: follows review meetings (for invitations and reminders) and plans the messages the rules
 * call for. A record that cannot be applied goes to sen.review.v1.dlq.notification-service ({@link EventFollower}
 * says how).
 */
@ApplicationScoped
public class ReviewEventIntake extends EventFollower {

    @Inject
    EventIntake intake;

    @Inject
    ReviewMeetings meetings;

    @Inject
    RuleBook rules;

    ReviewEventIntake() {
        super("review-events", "notification-service.review-events");
    }

    @Incoming("review-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> records) {
        return deliver(records);
    }

    @Override
    protected boolean wanted(IncomingEvent e) {
        // types without rules and without a bearing on meetings (e.g. review-scheduled, or one added later) are
        // not even read, nor recorded
        return e.type().startsWith("uk.sen.review.")
                && (rules.hasRules(e.type()) || ReviewMeetings.FOLLOWED.contains(e.type()));
    }

    @Override
    protected void follow(IncomingEvent e) {
        ReviewEvent d = withAttributes(e, intake.read(e, ReviewEvent.class));
        if (ReviewMeetings.MEETING_SET.equals(e.type()) && (d.reviewId() == null || d.meetingDate() == null)) {
            throw new MalformedEventException("Event " + e.id() + " sets a meeting without reviewId or meetingDate");
        }
        if (d.reviewId() != null) {
            uuid(e, d.reviewId(), "reviewId");
        }
        if (Personalisation.CONTRIBUTION.contains(e.type())) {
            // the request is what each recipient's link opens
            if (d.requestId() == null) {
                throw new MalformedEventException("Event " + e.id() + " asks for a contribution without requestId");
            }
            uuid(e, d.requestId(), "requestId");
            // a kind of review this service cannot name would be called an annual review in the message: held back
            // in the dead letters instead, to be replayed once it can
            if (d.reviewKind() != null && !Personalisation.REVIEW_NAMES.containsKey(d.reviewKind())) {
                throw new MalformedEventException("Event " + e.id() + " asks for a contribution to a review of kind "
                        + d.reviewKind() + ", which is neither ANNUAL nor SUPPORT");
            }
        }
        Trigger t = Trigger.fromReview(e.id(), e.type(), e.time(), d);
        meetings.follow(t, e.time());
        intake.plan(e, t, ReviewMeetings.MEETING_SET.equals(e.type()) ? ReviewMeetings.supersedeKey(t) : null);
    }

    /** The pupil, trust and school from the data, or else from the CloudEvent's subject and extensions. */
    private static ReviewEvent withAttributes(IncomingEvent e, ReviewEvent d) {
        ReviewEvent full = new ReviewEvent(d.reviewId(), or(d.pupilId(), e.subject()), or(d.trustId(), e.trustId()),
                or(d.schoolUrn(), e.schoolUrn()), d.kind(), d.status(), d.meetingDate(), d.invitees(), d.heldOn(),
                d.decision(), d.deadlineId(), d.sourceType(), d.sourceId(), d.step(), d.statutory(), d.dueOn(),
                d.threshold(), d.daysLeft(), d.dueBy(), d.requestId(), d.contributor(), d.agency(), d.reviewKind());
        requirePupil(e, full.pupilId(), full.trustId(), full.schoolUrn());
        return full;
    }
}
