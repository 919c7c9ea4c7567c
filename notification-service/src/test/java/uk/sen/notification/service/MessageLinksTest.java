package uk.sen.notification.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.sen.notification.domain.MessageTemplate;

/**
 * Links in messages: to the trust's portal page when it has a portal (Northbridge, in the tests), and no link at all
 * when none is configured (Riverside), with the default templates leaving out the words around it.
 */
@QuarkusTest
class MessageLinksTest {

    @Inject
    Personalisation personalisation;

    @Inject
    TemplateService templates;

    static Trigger meetingSet(String trust) {
        return new Trigger(UUID.randomUUID().toString(), "uk.sen.review.meeting-set", UUID.randomUUID(), trust,
                "900101", OffsetDateTime.now(), Instant.now(),
                Map.of("reviewId", "5d1c0f6e-8a8e-4f55-9d43-3f0c8f0e9a11", "meetingDate", "2026-12-09"));
    }

    @Test
    void aTrustWithAPortalGetsALinkToThePageAndOneWithoutGetsNone() {
        assertEquals("https://sen.example.test/reviews/5d1c0f6e-8a8e-4f55-9d43-3f0c8f0e9a11",
                personalisation.link(meetingSet("northbridge")));
        assertEquals("", personalisation.link(meetingSet("riverside")));
    }

    @Test
    void everyDefaultTemplateLeavesTheLinkOutWhenThereIsNone() {
        List<MessageTemplate> defaults = QuarkusTransaction.requiringNew()
                .call(() -> MessageTemplate.<MessageTemplate> list("trustId is null"));
        assertFalse(defaults.isEmpty());
        for (MessageTemplate t : defaults) {
            // every {link} sits inside {#if link}..{/if}
            String outside = t.body.replaceAll("(?s)\\{#if link\\}.*?\\{/if\\}", "");
            assertFalse(outside.contains("{link}"), t.templateKey + " " + t.channel + " links outside {#if link}");
            Map<String, Object> values = personalisation.sample(sampleType(t.templateKey));
            values.put("link", "");
            String without = templates.render(t, values).body();
            assertFalse(without.contains("http") || without.contains("here:") || without.contains("link:"),
                    t.templateKey + " " + t.channel + " without a portal: " + without);
            values.put("link", "https://portal.example/reviews/1");
            assertTrue(templates.render(t, values).body().contains("https://portal.example/reviews/1"),
                    t.templateKey + " " + t.channel + " with a portal has no link");
        }
    }

    /** A trigger type whose sample values a template of this key can render. */
    static String sampleType(String key) {
        return switch (key) {
            case "sen-support-started" -> "uk.sen.register.pupil-registered";
            case "meeting-reminder", "meeting-reminder-agency" -> Trigger.MEETING_REMINDER;
            case "deadline-approaching" -> "uk.sen.review.deadline-approaching";
            case "deadline-missed" -> "uk.sen.review.deadline-missed";
            case "allocation-exceeded" -> "uk.sen.workload.allocation-exceeded";
            case "senco-qualification-due" -> "uk.sen.workload.senco-qualification-due";
            case "overdue-on-arrival" -> Personalisation.OVERDUE_ON_ARRIVAL;
            case "contribution-request", "contribution-request-agency" -> Personalisation.CONTRIBUTION_REQUESTED;
            case "contribution-reminder", "contribution-reminder-agency" -> Personalisation.CONTRIBUTION_REMINDER;
            default -> "uk.sen.review.meeting-set";
        };
    }
}
