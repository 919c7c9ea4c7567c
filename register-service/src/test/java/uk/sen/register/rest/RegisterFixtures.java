package uk.sen.register.rest;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.Tokens;

/** Pupils with a given history, built through the API as a SENCO would (so every rule and event applies). */
final class RegisterFixtures {

    private RegisterFixtures() {
    }

    /** Puts a pupil on roll; returns the id. */
    static String pupil(String user, String upn, String school, String dob, String ncYear, String onRoll) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("upn", upn, "forename", "Fixture", "surname", "Pupil " + upn.substring(9), "dateOfBirth", dob,
                        "sex", "F", "ncYear", ncYear, "schoolUrn", school, "onRollDate", onRoll))
                .post("/api/v1/pupils").then().statusCode(201).extract().path("id");
    }

    /** Opens K or E from {@code start} with needs "ASD SEMH" (rank by position). */
    static void open(String user, String id, String provision, String start, String needs) {
        StringBuilder body = new StringBuilder("{\"provision\":\"" + provision + "\",\"startDate\":\"" + start
                + "\",\"needs\":" + needsJson(needs));
        if (provision.equals("E")) {
            body.append(",\"issuingLa\":\"801\",\"planIssueDate\":\"").append(start).append('"');
        }
        body.append('}');
        given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).header("If-Match", etag(user, id))
                .body(body.toString()).post("/api/v1/pupils/" + id + "/provisions").then().statusCode(200);
    }

    static void close(String user, String id, String end) {
        given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).header("If-Match", etag(user, id))
                .body("{\"endDate\":\"" + end + "\",\"reason\":\"Needs met through quality-first teaching\"}")
                .post("/api/v1/pupils/" + id + "/provisions/close").then().statusCode(200);
    }

    static void changeNeeds(String user, String id, String needs) {
        given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).header("If-Match", etag(user, id))
                .body("{\"needs\":" + needsJson(needs) + "}").put("/api/v1/pupils/" + id + "/needs")
                .then().statusCode(200);
    }

    /** Records that the pupil left the school on {@code date} (which closes any open provision that day). */
    static void leave(String user, String id, String date) {
        JsonPath p = given().auth().oauth2(Tokens.of(user)).get("/api/v1/pupils/" + id).then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("upn", p.getString("upn"), "forename",
                p.getString("forename"), "surname", p.getString("surname"), "dateOfBirth", p.getString("dateOfBirth"),
                "sex", p.getString("sex"), "ncYear", p.getString("ncYear"), "schoolUrn", p.getString("schoolUrn"),
                "onRollDate", p.getString("onRollDate")));
        body.put("leavingDate", date);
        given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).header("If-Match", etag(user, id))
                .body(body).put("/api/v1/pupils/" + id).then().statusCode(200);
    }

    static String etag(String user, String id) {
        return given().auth().oauth2(Tokens.of(user)).get("/api/v1/pupils/" + id).then().statusCode(200)
                .extract().header("ETag");
    }

    /** The pupil's provision history as "K 2022-09-05 2023-07-01" / "E 2024-01-15 -", oldest first. */
    static List<String> history(String user, String id) {
        JsonPath h = given().auth().oauth2(Tokens.of(user)).get("/api/v1/pupils/" + id + "/provisions").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = h.getList("");
        return rows.stream().map(r -> r.get("provision") + " " + r.get("startDate") + " "
                + (r.get("endDate") == null ? "-" : r.get("endDate"))).toList();
    }

    /** The id of the pupil with this UPN as the user sees the register, or null. */
    static String idOf(String user, String upn) {
        List<String> ids = given().auth().oauth2(Tokens.of(user)).queryParam("upn", upn).get("/api/v1/pupils")
                .then().statusCode(200).extract().path("items.id");
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static String needsJson(String needs) {
        StringBuilder json = new StringBuilder("[");
        String[] codes = needs.isBlank() ? new String[0] : needs.split(" ");
        for (int i = 0; i < codes.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"rank\":").append(i + 1).append(",\"code\":\"").append(codes[i])
                    .append("\"}");
        }
        return json.append(']').toString();
    }

    /** The school's pupils and their records go, so no other test finds them (their audit and events stay). */
    static void removePupils(EntityManager em, String school) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String table : List.of("pupil_need_history", "pupil_need", "sen_provision")) {
                em.createNativeQuery("DELETE FROM " + table + " WHERE pupil_id IN (SELECT id FROM pupil "
                        + "WHERE school_urn = ?1)").setParameter(1, school).executeUpdate();
            }
            em.createNativeQuery("DELETE FROM pupil WHERE school_urn = ?1").setParameter(1, school).executeUpdate();
        });
    }

    /**
     * Schools outside Northbridge, which no demo user can create: Riverside Primary (trust riverside, LA 801) and a
     * riverside school in another LA (935). Inserted as the riverside trust's admin would have created them.
     */
    static void ensureOtherTrustSchools(EntityManager em) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO school (urn, trust_id, la_code, estab_number, name, phase, lowest_age, highest_age)
                VALUES ('900201', 'riverside', '801', '2101', 'Riverside Primary', 'PRIMARY', 4, 11),
                       ('900202', 'riverside', '935', '2418', 'Riverside Coastal Primary', 'PRIMARY', 4, 11)
                ON CONFLICT (urn) DO NOTHING""").executeUpdate());
    }
}
