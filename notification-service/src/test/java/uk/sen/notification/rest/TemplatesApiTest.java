package uk.sen.notification.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.sen.notification.service.Personalisation;
import uk.sen.notification.support.Api;
import uk.sen.notification.support.Events;
import uk.sen.notification.support.Mailbox;
import uk.sen.platform.testing.Tokens;

/**
 * A trust's own templates: they may print the values their messages have and nothing else, so a trust admin cannot
 * read the server's settings or reach its beans through a template, and a subject cannot smuggle in mail headers.
 */
@QuarkusTest
class TemplatesApiTest {

    static final String ADMIN = "trust.admin";
    static final String SENCO = "senco.harbour";
    static final String PATH = "/api/v1/templates/deadline-approaching/EMAIL";
    static final String VALID_BODY = "Dear {recipientName}, {step} is due on {dueOn}.{#if statutory} Statutory.{/if} {link}";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Personalisation personalisation;

    Response save(String path, String subject, String body, String etag) throws JsonProcessingException {
        var request = given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON)
                .body(json.writeValueAsString(Map.of("subject", subject, "body", body)));
        if (etag != null) {
            request = request.header("If-Match", etag);
        }
        return request.put(path);
    }

    /** Goes back to the default, whatever the trust's own version is now. */
    static void removeOwn(String path) {
        Response now = given().auth().oauth2(Tokens.of(ADMIN)).get(path);
        if ("TRUST".equals(now.path("source"))) {
            given().auth().oauth2(Tokens.of(ADMIN)).header("If-Match", now.header("ETag")).delete(path).then()
                    .statusCode(204);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a server setting                  | body    | Dear {recipientName}, {config:['quarkus.datasource.password']} | config:quarkus.datasource.password
            a setting in the subject          | subject | {config:['quarkus.datasource.password']}                       | config:quarkus.datasource.password
            a bean                            | body    | {inject:mailer}                                                | inject:mailer
            a bean by its other namespace     | body    | {cdi:mailer}                                                   | cdi:mailer
            text evaluated as a template      | body    | {#eval 'x' /}                                                  | #eval
            another template                  | body    | {#include base /}                                              | #include
            a value the message does not have | body    | Diagnosis: {primaryNeed}                                       | {primaryNeed}
            a method call                     | body    | {recipientName.getClass()}                                     | recipientName.getClass()
            a property of a value             | body    | {recipientName.length}                                         | recipientName.length
            a setting in a condition          | body    | {#if config:['quarkus.datasource.password']}x{/if}             | config:quarkus.datasource.password
            a setting kept in a variable      | body    | {#let p=config:['quarkus.datasource.password']}{p}{/let}       | #let
            the data namespace                | body    | {data:recipientName}                                           | data:recipientName
            """)
    void refusesATemplateThatReachesBeyondTheValuesOfItsMessagesAndKeepsTheOneStored(String why, String field,
            String template, String named) throws JsonProcessingException {
        removeOwn(PATH);
        String etag = save(PATH, "Due: {step}", VALID_BODY, null).then().statusCode(200).extract().header("ETag");
        try {
            String subject = field.equals("subject") ? template : "Due: {step}";
            String body = field.equals("body") ? template : VALID_BODY;
            save(PATH, subject, body, etag).then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(field))
                    .body("violations[0].reason", containsString(named));
            given().auth().oauth2(Tokens.of(ADMIN)).get(PATH).then().statusCode(200).header("ETag", etag)
                    .body("subject", equalTo("Due: {step}")).body("body", equalTo(VALID_BODY));
        } finally {
            removeOwn(PATH);
        }
    }

    @Test
    void theValuesOfEveryTriggerAreInTheVocabularyStoredTemplatesAreCheckedAgainst() {
        List<String> triggers = given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/trigger-rules").then()
                .statusCode(200).extract().jsonPath().getList("rules.eventType");
        for (String trigger : triggers) {
            assertTrue(Personalisation.VOCABULARY.containsAll(personalisation.sample(trigger).keySet()), trigger);
            assertTrue(personalisation.sample(trigger).keySet().containsAll(Personalisation.EVERY_MESSAGE), trigger);
        }
    }

    @Test
    void everyDefaultTemplateStillSavesAsATrustsOwn() throws JsonProcessingException {
        List<Map<String, Object>> defaults = given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/templates").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.source == 'DEFAULT' }");
        assertTrue(defaults.size() >= 13, "defaults: " + defaults.size());
        for (Map<String, Object> t : defaults) {
            String path = "/api/v1/templates/" + t.get("templateKey") + "/" + t.get("channel");
            Map<String, Object> input = new HashMap<>();
            input.put("subject", t.get("subject"));
            input.put("body", t.get("body"));
            String etag = given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON)
                    .body(json.writeValueAsString(input)).put(path).then().statusCode(200)
                    .body("source", equalTo("TRUST")).extract().header("ETag");
            given().auth().oauth2(Tokens.of(ADMIN)).header("If-Match", etag).delete(path).then().statusCode(204);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a header after CR LF | Over time<CR><LF>Bcc: someone@example.org
            a line feed          | Over<LF>time
            a carriage return    | Over<CR>time
            a tab                | Over<TAB>time
            an escape            | Over<ESC>time
            """)
    void refusesASubjectWithLineBreaksOrOtherControlCharacters(String why, String marked)
            throws JsonProcessingException {
        String subject = marked.replace("<CR>", "\r").replace("<LF>", "\n").replace("<TAB>", "\t")
                .replace("<ESC>", "\u001B");
        String path = "/api/v1/templates/allocation-exceeded/EMAIL";
        removeOwn(path);
        try {
            save(path, subject, "Dear {recipientName}, see {link}", null).then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("subject"))
                    .body("violations[0].reason", containsString("control character"));
            given().auth().oauth2(Tokens.of(ADMIN)).get(path).then().statusCode(200).body("source", equalTo("DEFAULT"));
        } finally {
            removeOwn(path);
        }
    }

    /** A template stored before templates were checked this way is not rendered with the server's settings. */
    @Test
    void aStoredTemplateThatReachesBeyondItsValuesFailsItsMessagesAndLeaksNothing() {
        UUID row = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO message_template (id, trust_id, "
                + "template_key, channel, subject, body, updated_at, updated_by) VALUES (?1, 'northbridge', "
                + "'review-report-available', 'EMAIL', 'Report for {recipientName}', ?2, now(), 'before the fix')")
                .setParameter(1, row)
                .setParameter(2, "Dear {recipientName}, the password is {config:['quarkus.datasource.password']}")
                .executeUpdate());
        try {
            String pupil = Api.newPupil("northbridge", "900101", SENCO);
            String parent = Api.email("parent");
            Api.addContact(pupil, Api.parent("Sam Taylor", parent, null, true, "EMAIL"), SENCO);
            Events.reviewCompleted(pupil, "northbridge", "900101", UUID.randomUUID().toString());
            Map<String, Object> m = Api.awaitMessage(pupil, parent, SENCO, "FAILED", "PENDING", "SENDING", "DELIVERED");
            assertEquals("FAILED", m.get("status"));
            assertEquals("TEMPLATE_ERROR", m.get("reasonCode"));
            assertTrue(((String) m.get("statusReason")).contains("config:quarkus.datasource.password"),
                    (String) m.get("statusReason"));
            assertFalse(String.valueOf(m.get("body")).contains("password is"), String.valueOf(m.get("body")));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> Mailbox.of(parent).isEmpty());
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM message_template WHERE id = ?1")
                    .setParameter(1, row).executeUpdate());
        }
    }
}
