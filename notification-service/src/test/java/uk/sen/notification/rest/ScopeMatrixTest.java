package uk.sen.notification.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.notification.support.Api;
import uk.sen.notification.support.Events;
import uk.sen.platform.testing.ScopeMatrixContract;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;

/**
 * Every operation on a pupil, a contact, a message or a school's staff contacts, tried on Harbour's records by
 * callers outside Harbour ({@link ScopeMatrixContract}).
 */
@QuarkusTest
class ScopeMatrixTest extends ScopeMatrixContract {

    static final String SENCO = "senco.harbour";
    static final String TRUST = "northbridge";
    static final String HARBOUR = "900101";
    /** An agency with a recorded sharing basis, so that a change to it by an outsider would find one. */
    static final String AGENCY = "HEALTH";

    static String pupil;
    static String contact;
    /** A delivered message, so that resending it would be allowed to the school's own SENCO. */
    static String message;
    static String staffContact;
    /** A webhook subscription of the trust (trust admins and integrations only) and one of its deliveries. */
    static String webhook;
    static String webhookDelivery;
    /** A contacts import run as a job by Harbour's SENCO. */
    static String importJob;

    @BeforeEach
    void harbourRecords() {
        if (staffContact != null) {
            return;
        }
        // a trust's webhook, with a delivery (to an endpoint that refuses connections)
        webhook = given().auth().oauth2(Tokens.of("trust.admin")).contentType("application/json")
                .body(java.util.Map.of("url", "https://127.0.0.1:9/hook", "eventTypes",
                        java.util.List.of("uk.sen.review.review-completed"), "alertEmail", Api.email("it")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        String known = Api.newPupil(TRUST, HARBOUR, SENCO);
        String parent = Api.email("parent");
        contact = Api.addContact(known, Api.parent("Sam Taylor", parent, null, true, "EMAIL"), SENCO);
        Api.consent(known, AGENCY, TestDates.today().minusDays(5), null, SENCO);
        Events.reviewCompleted(known, TRUST, HARBOUR, UUID.randomUUID().toString());
        message = (String) Api.awaitMessage(known, parent, SENCO, "DELIVERED").get("id");
        pupil = known;
        staffContact = Api.staff(HARBOUR, "SLT", Api.email("head"), SENCO);
        String location = given().auth().oauth2(Tokens.of(SENCO)).header("Prefer", "respond-async")
                .contentType("text/csv").body("pupil_id,kind,name,preferred_channel\n" + known
                        + ",PARENT_CARER,Jo Rivers,EMAIL\n")
                .post("/api/v1/contacts/import").then().statusCode(202).extract().header("Location");
        importJob = location.substring(location.lastIndexOf('/') + 1);
        await().atMost(java.time.Duration.ofSeconds(90)).until(() -> given().auth().oauth2(Tokens.of("trust.admin"))
                .get("/api/v1/webhooks/" + webhook + "/deliveries").jsonPath().getList("items").size() == 1);
        webhookDelivery = given().auth().oauth2(Tokens.of("trust.admin"))
                .get("/api/v1/webhooks/" + webhook + "/deliveries").path("items[0].id");
    }

    @Override
    protected String harbourId(String pathTemplate, String parameter) {
        if (!pathTemplate.startsWith("/api/")) {
            return null;
        }
        if (pathTemplate.startsWith("/api/v1/templates/")) {
            // a template is the trust's configuration, not a school's: a SENCO of another school of the trust
            // reads it legitimately, and each trust resolves the key to its own
            return null;
        }
        if (pathTemplate.startsWith("/api/v1/pupils/")) {
            return switch (parameter) {
                case "pupilId" -> pupil;
                case "agency" -> AGENCY;
                default -> unmapped(pathTemplate, parameter);
            };
        }
        if (pathTemplate.startsWith("/api/v1/contacts/")) {
            return contact;
        }
        if (pathTemplate.startsWith("/api/v1/messages/")) {
            return message;
        }
        if (pathTemplate.startsWith("/api/v1/staff-contacts/")) {
            return staffContact;
        }
        if (pathTemplate.startsWith("/api/v1/import-jobs/")) {
            return importJob;
        }
        if (pathTemplate.startsWith("/api/v1/webhooks/")) {
            return switch (parameter) {
                case "id" -> webhook;
                case "deliveryId" -> webhookDelivery;
                default -> unmapped(pathTemplate, parameter);
            };
        }
        if (pathTemplate.startsWith("/api/v1/schools/") && parameter.equals("urn")) {
            return HARBOUR;
        }
        return unmapped(pathTemplate, parameter);
    }

    /** The senders claim, send and settle messages and webhook deliveries on their own schedule. */
    @Override
    protected Set<String> unwatchedTables() {
        return Set.of("message", "webhook_delivery", "webhook_subscription", "import_job");
    }

    // a new operation that takes an id must be given a Harbour record here, not skipped unnoticed
    private static String unmapped(String pathTemplate, String parameter) {
        throw new IllegalStateException("no Harbour record for {" + parameter + "} of " + pathTemplate);
    }
}
