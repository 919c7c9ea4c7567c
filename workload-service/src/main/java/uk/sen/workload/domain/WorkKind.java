package uk.sen.workload.domain;

import java.util.Map;

/**
 * A kind of statutory work the forecast counts: what each review-service event type means for a piece of work of
 * this kind (and which data field carries that piece's id), the category its logged time goes under (for
 * calibration, and left out of the baseline), and the expected effort and the weeks it spreads over.
 *
 * @param reviewKind the value of the data's {@code kind} field this row takes (EHCP reviews), or null for any
 * @param on         event type to the step it records
 */
public record WorkKind(String code, String label, String categoryCode, String reviewKind, Map<String, Trigger> on,
        double hours, int spreadWeeks) {

    /** What an event does to a piece of work. */
    public enum Step {
        /** Announced or re-planned: open work, due by the data's dueBy (around its meetingDate once set). */
        OPEN,
        /** Its meeting was held. */
        HELD,
        /** Completed or decided. */
        DONE,
        /** Will not happen. */
        CLOSED
    }

    /** The step an event records, and the data field holding the id of the piece of work. */
    public record Trigger(Step step, String idField) {
    }

    public double minutes() {
        return hours * 60;
    }

    /** The trigger of an event of this type whose data has this {@code kind}, or null when it is not this kind's. */
    public Trigger trigger(String eventType, String kindInData) {
        Trigger trigger = on.get(eventType);
        if (trigger == null || (reviewKind != null && !reviewKind.equals(kindInData))) {
            return null;
        }
        return trigger;
    }
}
