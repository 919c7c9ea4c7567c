package uk.sen.register.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import uk.sen.platform.testing.Tokens;

/** The demo trusts' schools, created through the API by their trust admins when a test run's database is new. */
final class TestSchools {

    static final String HARBOUR = "900101";
    static final String MEADOW = "900102";
    static final String ACADEMY = "900103";
    static final String RIVERSIDE = "900201";

    private static boolean created;

    private TestSchools() {
    }

    static synchronized void ensure() {
        if (created) {
            return;
        }
        create(Tokens.of("trust.admin"), HARBOUR, "801", "2001", "Harbour Primary School", "PRIMARY", 4, 11);
        create(Tokens.of("trust.admin"), MEADOW, "801", "2002", "Meadow Primary School", "PRIMARY", 4, 11);
        create(Tokens.of("trust.admin"), ACADEMY, "801", "4001", "Northbridge Academy", "SECONDARY", 11, 18);
        created = true;
    }

    private static void create(String token, String urn, String la, String estab, String name, String phase, int low,
            int high) {
        int status = given().auth().oauth2(token).get("/api/v1/schools/" + urn).statusCode();
        if (status == 200) {
            return;
        }
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(String.format("""
                        {"urn":"%s","laCode":"%s","estabNumber":"%s","name":"%s","phase":"%s","lowestAge":%d,"highestAge":%d}""",
                        urn, la, estab, name, phase, low, high))
                .post("/api/v1/schools").then().statusCode(201);
    }

    private static final java.util.concurrent.atomic.AtomicInteger SERIAL = new java.util.concurrent.atomic.AtomicInteger();

    /** A fresh valid UPN for LA 801, school 2001, unique within a run (the test database is new each run). */
    static String newUpn() {
        return upn("8012001", SERIAL.incrementAndGet());
    }

    /**
     * The valid UPN numbered {@code n} (0 to 89,999) of a school's DfE number ({@code laAndEstab}, 7 digits): a test
     * that needs many UPNs of its own takes them from another school's number than {@link #newUpn}'s.
     */
    static String upn(String laAndEstab, int n) {
        String body = laAndEstab + String.format("%02d%03d", 10 + n / 1000, n % 1000);
        return uk.sen.register.domain.Upn.checkLetter("X" + body) + body;
    }
}
