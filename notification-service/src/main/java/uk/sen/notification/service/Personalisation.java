package uk.sen.notification.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.sen.notification.config.NotificationConfig;
import uk.sen.platform.security.TrustNames;

/**
 * The values a message template may use, per kind of trigger. This is the whole vocabulary: a template cannot
 * reach anything else, so no message can carry a child's needs or other details the trigger does not give.
 * Every message gets recipientName, trustName, reference (the pupil's random case reference) and link: the portal's
 * page, or in a request for views or advice the recipient's own form ({@link ContributionLinks}).
 */
@ApplicationScoped
public class Personalisation {

    public static final String REGISTER = "uk.sen.register.";
    public static final String MEETING_SET = "uk.sen.review.meeting-set";
    public static final String DEADLINE = "uk.sen.review.deadline-";
    /** A review overdue when it was scheduled: one summary to the SENCO; its dueOn is the review's due date. */
    public static final String OVERDUE_ON_ARRIVAL = "uk.sen.review.overdue-on-arrival";
    /** Views or advice asked of the parents or an agency before a review meeting, and the reminder before it is due. */
    public static final String CONTRIBUTION_REQUESTED = "uk.sen.review.contribution-requested";
    public static final String CONTRIBUTION_REMINDER = "uk.sen.review.contribution-reminder";
    public static final Set<String> CONTRIBUTION = Set.of(CONTRIBUTION_REQUESTED, CONTRIBUTION_REMINDER);
    /**
     * What a contribution's review is called ({reviewName}), by its reviewKind: an EHC plan's annual review, or a SEN
     * support review. An event without reviewKind was sent before review-service asked for SEN support reviews.
     */
    public static final Map<String, String> REVIEW_NAMES = Map.of("ANNUAL", "annual review",
            "SUPPORT", "SEN support review");
    static final String DEFAULT_REVIEW_KIND = "ANNUAL";

    /** The values every message has. */
    public static final List<String> EVERY_MESSAGE = List.of("recipientName", "trustName", "reference", "link");

    /** Every value {@link #build} can give, whatever the trigger: the most a stored template may use. */
    public static final List<String> VOCABULARY = List.of("recipientName", "trustName", "reference", "link",
            "startDate", "meetingDate", "daysBefore", "step", "dueOn", "daysLeft", "statutory", "reviewName");

    @Inject
    NotificationConfig config;

    @Inject
    TrustNames trustNames;

    @Inject
    ContributionLinks contributionLinks;

    /** The values of the message to one recipient (a contact or staff contact, by id) of the trigger. */
    public Map<String, Object> build(Trigger t, UUID recipientId, String recipientName, String reference) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("recipientName", recipientName);
        p.put("trustName", trustName(t.trustId()));
        p.put("reference", reference);
        p.put("link", CONTRIBUTION.contains(t.type())
                ? contributionLinks.link(UUID.fromString(t.field("requestId")), recipientId)
                : link(t));
        if (t.type().startsWith(REGISTER)) {
            p.put("startDate", Dates.spoken(t.date("provisionStartDate")));
        } else if (MEETING_SET.equals(t.type()) || Trigger.MEETING_REMINDER.equals(t.type())) {
            p.put("meetingDate", Dates.spoken(t.date("meetingDate")));
            if (t.field("daysBefore") != null) {
                p.put("daysBefore", Integer.valueOf(t.field("daysBefore")));
            }
        } else if (CONTRIBUTION.contains(t.type())) {
            p.put("dueOn", Dates.spoken(t.date("dueOn")));
            // a request made before the meeting's day is known says "before the meeting" ({#if meetingDate})
            p.put("meetingDate", t.date("meetingDate") == null ? "" : Dates.spoken(t.date("meetingDate")));
            p.put("reviewName", reviewName(t.field("reviewKind")));
        } else if (OVERDUE_ON_ARRIVAL.equals(t.type())) {
            p.put("dueOn", Dates.spoken(t.date("dueBy")));
        } else if (t.type().startsWith(DEADLINE)) {
            p.put("step", stepLabel(t.field("step")));
            p.put("dueOn", Dates.spoken(t.date("dueOn")));
            p.put("daysLeft", t.field("daysLeft") == null ? null : Long.valueOf(t.field("daysLeft")));
            p.put("statutory", Boolean.valueOf(t.field("statutory")));
        }
        p.values().removeIf(v -> v == null);
        return p;
    }

    /** Values of the right kind for a trigger type, to check a template before it is stored. */
    public Map<String, Object> sample(String triggerType) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("provisionStartDate", "2026-09-07");
        fields.put("reviewId", "00000000-0000-0000-0000-000000000000");
        fields.put("meetingDate", "2026-12-09");
        fields.put("step", "REPORT");
        fields.put("dueOn", "2026-12-23");
        fields.put("dueBy", "2026-03-16");
        fields.put("daysLeft", "3");
        fields.put("statutory", "true");
        fields.put("sourceType", "annual-review");
        fields.put("sourceId", "00000000-0000-0000-0000-000000000000");
        fields.put("requestId", "00000000-0000-0000-0000-000000000000");
        // the longer name, so that a text message is checked for length with it
        fields.put("reviewKind", "SUPPORT");
        if (Trigger.MEETING_REMINDER.equals(triggerType)) {
            fields.put("daysBefore", "7");
        }
        Trigger t = new Trigger("sample", triggerType, UUID.randomUUID(), "sample-trust", "000000", null,
                null, fields);
        return build(t, new UUID(0, 0), "Sam Taylor", "SEN-SAMPLE01");
    }

    /**
     * The values of a message planned earlier, with those added since (a resend renders them with today's
     * template): a contribution message planned before {reviewName} existed was about an annual review.
     */
    public Map<String, Object> completed(String triggerType, Map<String, Object> stored) {
        if (triggerType != null && CONTRIBUTION.contains(triggerType)) {
            stored.putIfAbsent("reviewName", reviewName(null));
        }
        return stored;
    }

    static String reviewName(String reviewKind) {
        return REVIEW_NAMES.get(reviewKind == null ? DEFAULT_REVIEW_KIND : reviewKind);
    }

    String trustName(String trustId) {
        return trustNames.of(trustId).orElse("The school's SEN team");
    }

    /** The portal page of what the message is about; empty (and templates leave it out) with no portal. */
    String link(Trigger t) {
        NotificationConfig.Trust trust = config.trusts().get(t.trustId());
        Optional<String> portal = trust != null && trust.portalUrl().isPresent() ? trust.portalUrl()
                : config.portalUrl();
        if (portal.isEmpty() || portal.get().isBlank()) {
            return "";
        }
        String base = portal.get().strip();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (t.type().startsWith("uk.sen.workload.")) {
            return base + "/workload";
        }
        if (t.type().startsWith(DEADLINE)) {
            return "annual-review".equals(t.field("sourceType")) && t.field("sourceId") != null
                    ? base + "/reviews/" + t.field("sourceId")
                    : base + "/pupils/" + t.pupilId();
        }
        if (t.field("reviewId") != null) {
            return base + "/reviews/" + t.field("reviewId");
        }
        return base + "/pupils/" + t.pupilId();
    }

    static String stepLabel(String step) {
        if (step == null) {
            return "deadline";
        }
        return switch (step) {
            case "REVIEW_MEETING" -> "review meeting";
            case "PHASE_TRANSFER_PLAN" -> "phase transfer plan";
            case "INVITATIONS" -> "review invitations";
            case "ADVICE" -> "advice circulated";
            case "REPORT" -> "review report";
            case "LA_DECISION" -> "LA decision";
            case "FINAL_AMENDED_PLAN" -> "final amended plan";
            default -> step.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
