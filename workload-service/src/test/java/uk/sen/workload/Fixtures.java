package uk.sen.workload;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;
import uk.sen.workload.domain.SchoolCalendar;

/** What the workload tests share: real tokens, JSON bodies, and review-service events sent through real Kafka. */
public final class Fixtures {

    public static final String REVIEW_TOPIC = "test.sen.review.v1";
    public static final String REVIEW_DLQ = "test.sen.review.v1.dlq.workload-service";
    public static final String WORKLOAD_TOPIC = "test.sen.workload.v1";
    public static final String TRUST = "northbridge";

    private Fixtures() {
    }

    public static LocalDate today() {
        return TestDates.today();
    }

    /** A request as a demo user, sending JSON. */
    public static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON);
    }

    /** A time entry body; null values are left out. */
    public static String entry(String school, LocalDate date, Integer minutes, String start, String end,
            String category, String note) {
        StringBuilder json = new StringBuilder("{\"schoolUrn\":\"" + school + "\",\"date\":\"" + date + "\"");
        if (minutes != null) {
            json.append(",\"minutes\":").append(minutes);
        }
        if (start != null) {
            json.append(",\"startTime\":\"").append(start).append('"');
        }
        if (end != null) {
            json.append(",\"endTime\":\"").append(end).append('"');
        }
        if (category != null) {
            json.append(",\"category\":\"").append(category).append('"');
        }
        if (note != null) {
            json.append(",\"note\":\"").append(note).append('"');
        }
        return json.append('}').toString();
    }

    /** Logs time as a SENCO and returns the new entry's id. */
    public static String log(String senco, String school, LocalDate date, int minutes, String category) {
        return as(senco).body(entry(school, date, minutes, null, null, category, null)).post("/api/v1/time-entries")
                .then().statusCode(201).extract().path("id");
    }

    public static String allocate(String by, String school, String senco, String hours, LocalDate from, LocalDate to) {
        if (by.startsWith("slt.")) {
            holdsPost(school, senco); // SLT allocate only to the SENCOs of their schools
        }
        String body = "{\"schoolUrn\":\"" + school + "\",\"senco\":\"" + senco + "\",\"hoursPerWeek\":" + hours
                + ",\"effectiveFrom\":\"" + from + "\"" + (to == null ? "" : ",\"effectiveTo\":\"" + to + "\"") + "}";
        return as(by).body(body).post("/api/v1/allocations").then().statusCode(201).extract().path("id");
    }

    /**
     * Makes sure the SENCO holds a post at the school since 2000 (recorded by the trust admin, once per database), so
     * that SLT may allocate them protected time for any period a test uses; returns the post's id.
     */
    public static String holdsPost(String school, String senco) {
        List<Map<String, Object>> posts = as("trust.admin").queryParam("school", school).queryParam("all", true)
                .get("/api/v1/senco-posts").then().statusCode(200).extract().jsonPath().getList("$");
        for (Map<String, Object> p : posts) {
            if (senco.equals(p.get("senco")) && "2000-01-01".equals(p.get("appointedOn")) && p.get("endedOn") == null) {
                return (String) p.get("id");
            }
        }
        return as("trust.admin").body("{\"schoolUrn\":\"" + school + "\",\"senco\":\"" + senco
                + "\",\"appointedOn\":\"2000-01-01\",\"onSlt\":false,\"qualification\":\"NASENCO\"}")
                .post("/api/v1/senco-posts").then().statusCode(201).extract().path("id");
    }

    /** The register's topic as workload-service's tests see it (a topic of their own). */
    public static final String REGISTER_TOPIC = "test.workload.sen.register.v1";

    /**
     * A pupil the register announces at the school (pupil-registered, CloudEvents binary mode, through real Kafka):
     * workload-service then accepts time entries that name them.
     */
    public static String registeredPupil(String school) {
        return registeredPupil(school, null);
    }

    /** The same, with the school's name in the register's snapshot. */
    public static String registeredPupil(String school, String schoolName) {
        String pupil = UUID.randomUUID().toString();
        Map<String, String> h = headers(UUID.randomUUID().toString(), "uk.sen.register.pupil-registered", pupil,
                school);
        h.put("ce_source", "urn:uk-sen:register-service");
        TopicReader.send(REGISTER_TOPIC, pupil, "{\"pupilId\":\"" + pupil + "\",\"provision\":\"K\""
                + (schoolName == null ? "" : ",\"schoolName\":\"" + schoolName + "\"") + "}", h);
        return pupil;
    }

    /**
     * Posts a time entry naming a pupil the register has just announced, again while the announcement is still on
     * its way (422), and returns the created entry's id.
     */
    public static String entryNamingPupil(String senco, String body) {
        String[] id = new String[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(300)).until(() -> {
                    io.restassured.response.Response r = as(senco).body(body).post("/api/v1/time-entries");
                    if (r.statusCode() == 201) {
                        id[0] = r.path("id");
                        return true;
                    }
                    if (r.statusCode() != 422) {
                        throw new AssertionError("HTTP " + r.statusCode() + ": " + r.asString());
                    }
                    return false;
                });
        return id[0];
    }

    /** A review-service event as review-service publishes it (CloudEvents binary mode), through real Kafka. */
    public static String reviewEvent(String type, ReviewData r) {
        String id = UUID.randomUUID().toString();
        TopicReader.send(REVIEW_TOPIC, r.pupilId, r.json(), headers(id, type, r.pupilId, r.schoolUrn));
        return id;
    }

    public static Map<String, String> headers(String id, String type, String pupil, String school) {
        Map<String, String> h = new HashMap<>();
        h.put("ce_specversion", "1.0");
        h.put("ce_id", id);
        h.put("ce_type", type);
        h.put("ce_source", "urn:uk-sen:review-service");
        h.put("ce_subject", pupil);
        h.put("ce_time", "2026-11-23T10:00:00Z");
        h.put("ce_trustid", TRUST);
        h.put("ce_schoolurn", school);
        h.put("content-type", "application/json");
        return h;
    }

    /** The data of a review event (review-service's ReviewData). */
    public static final class ReviewData {
        public final String reviewId = UUID.randomUUID().toString();
        public String pupilId = UUID.randomUUID().toString();
        public String schoolUrn;
        public String kind = "ANNUAL";
        public String status = "SCHEDULED";
        public LocalDate dueBy;
        public LocalDate meetingDate;
        public LocalDate heldOn;
        public Integer durationMinutes;

        public ReviewData(String schoolUrn, LocalDate dueBy) {
            this.schoolUrn = schoolUrn;
            this.dueBy = dueBy;
        }

        /** The same pupil as another event, so both share a partition and keep their order. */
        public ReviewData pupil(String pupilId) {
            this.pupilId = pupilId;
            return this;
        }

        public ReviewData kind(String kind) {
            this.kind = kind;
            return this;
        }

        String json() {
            return "{\"reviewId\":\"" + reviewId + "\",\"pupilId\":\"" + pupilId + "\",\"trustId\":\"" + TRUST
                    + "\",\"schoolUrn\":\"" + schoolUrn + "\",\"kind\":\"" + kind + "\",\"transfer\":"
                    + ("PHASE_TRANSFER".equals(kind) ? "\"PRIMARY_TO_SECONDARY\"" : "null") + ",\"status\":\"" + status
                    + "\",\"dueBy\":" + quote(dueBy) + ",\"planBy\":null,\"meetingDate\":" + quote(meetingDate)
                    + ",\"invitees\":[],\"heldOn\":" + quote(heldOn) + ",\"durationMinutes\":" + durationMinutes
                    + ",\"decision\":null,\"nextStep\":null,\"closedReason\":null}";
        }

        private static String quote(LocalDate d) {
            return d == null ? "null" : "\"" + d + "\"";
        }
    }
}
