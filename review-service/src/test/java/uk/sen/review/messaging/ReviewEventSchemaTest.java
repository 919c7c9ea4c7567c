package uk.sen.review.messaging;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import uk.sen.platform.testing.EventSchemas;
import uk.sen.review.events.ReviewEvents;

/**
 * The published schemas accept what the service sends and refuse what consumers could not rely on. (The API and
 * messaging tests check every real event of each type against its schema; this checks the schemas' edges.)
 */
class ReviewEventSchemaTest {

    static final String PUPIL = "7c1e4a55-5d0e-4c9a-9a51-4a1f3e2b6c10";
    static final String ID = "0b8e2f6a-8c1d-4e7b-9a3f-2d5c6e7f8a9b";

    static final String SUPPORT_REVIEW = """
            {"reviewId":"%s","planId":"%s","pupilId":"%s","trustId":"northbridge","schoolUrn":"900101","kind":"SUPPORT",
             "status":"%s","term":"Spring 2026/27","dueBy":"2027-03-25","heldOn":%s,"outcomesScored":%s,"nextStep":%s,
             "nextReviewId":%s,"nextReviewDueBy":%s,"assessmentRequestId":%s,"registerAction":%s,"note":null}""";

    static String supportReview(String status, String heldOn, String scored, String next, String nextId,
            String nextDue, String request, String action) {
        return SUPPORT_REVIEW.formatted(ID, ID, PUPIL, status, heldOn, scored, next, nextId, nextDue, request, action);
    }

    static final String REQUEST = """
            {"requestId":"%s","pupilId":"%s","trustId":"northbridge","schoolUrn":"900101","requestedBy":"PARENT",
             "status":"%s","receivedOn":"2026-11-02","dueBy":"2026-12-14","decisionToAssessBy":"2026-12-14",
             "decisionNotToIssueBy":"2027-02-22","finalPlanBy":"2027-03-22","decision":%s,"decidedOn":%s,
             "outcomeCode":%s,"ended":%s,"exceptionApplies":false,"registerAction":null,"note":null}""";

    static String request(String status, String decision, String decidedOn, String code, boolean ended) {
        return REQUEST.formatted(ID, PUPIL, status, decision, decidedOn, code, ended);
    }

    @Test
    void acceptsWhatTheServiceSends() {
        EventSchemas.assertValid("review", "support-review-scheduled",
                supportReview("SCHEDULED", "null", "null", "null", "null", "null", "null", "null"));
        EventSchemas.assertValid("review", "support-review-completed", supportReview("COMPLETED", "\"2027-03-20\"", "2",
                "\"CONTINUE\"", "\"" + ID + "\"", "\"2027-07-22\"", "null", "null"));
        EventSchemas.assertValid("review", "support-review-completed", supportReview("COMPLETED", "\"2027-03-20\"", "2",
                "\"CLOSE_SUPPORT\"", "null", "null", "null", "\"END_SEN_SUPPORT\""));
        EventSchemas.assertValid("review", "assessment-request-received", request("RECEIVED", "null", "null", "null", false));
        EventSchemas.assertValid("review", "assessment-request-decided",
                request("ASSESSING", "\"ASSESS\"", "\"2026-12-01\"", "\"Y\"", false));
    }

    static final String CONTRIBUTION = """
            {"requestId":"%s","reviewKind":"%s","reviewId":"%s","pupilId":"%s","trustId":"northbridge",
             "schoolUrn":"900101","contributor":"%s","agency":%s,"dueOn":"2027-01-11","meetingDate":"2027-01-25",
             "receivedOn":%s}""";

    static String contribution(String kind, String contributor, String agency, String receivedOn) {
        return CONTRIBUTION.formatted(ID, kind, ID, PUPIL, contributor, agency, receivedOn);
    }

    @Test
    void contributionsNameWhomTheyAskAndForWhichReview() {
        EventSchemas.assertValid("review", "contribution-requested", contribution("ANNUAL", "PARENT", "null", "null"));
        EventSchemas.assertValid("review", "contribution-reminder",
                contribution("SUPPORT", "AGENCY", "\"CAMHS\"", "null"));
        EventSchemas.assertValid("review", "contribution-received",
                contribution("ANNUAL", "TEACHER", "null", "\"2027-01-05\""));
    }

    static Stream<List<String>> refused() {
        return Stream.of(
                // a request to an agency names the agency, and only such a request does; received says when
                List.of("contribution-requested", contribution("ANNUAL", "AGENCY", "null", "null")),
                List.of("contribution-requested", contribution("ANNUAL", "PARENT", "\"CAMHS\"", "null")),
                List.of("contribution-requested", contribution("ANNUAL", "AGENCY", "\"PLUMBER\"", "null")),
                List.of("contribution-requested", contribution("EHCP", "PARENT", "null", "null")),
                List.of("contribution-received", contribution("ANNUAL", "PARENT", "null", "null")),
                // closing support must say what the register has to do, and schedules nothing
                List.of("support-review-completed", supportReview("COMPLETED", "\"2027-03-20\"", "2", "\"CLOSE_SUPPORT\"",
                        "null", "null", "null", "null")),
                // continuing support must name the next review
                List.of("support-review-completed", supportReview("COMPLETED", "\"2027-03-20\"", "2", "\"CONTINUE\"",
                        "null", "null", "null", "null")),
                // asking for an assessment must name the request
                List.of("support-review-completed", supportReview("COMPLETED", "\"2027-03-20\"", "2",
                        "\"REQUEST_EHC_ASSESSMENT\"", "\"" + ID + "\"", "\"2027-07-22\"", "null", "null")),
                List.of("support-review-completed", supportReview("COMPLETED", "null", "2", "\"CONTINUE\"", "\"" + ID + "\"",
                        "\"2027-07-22\"", "null", "null")),
                List.of("support-review-scheduled", supportReview("COMPLETED", "null", "null", "null", "null", "null",
                        "null", "null")),
                // a decision whether to assess carries Y or N, and a decided event its decision
                List.of("assessment-request-decided", request("ASSESSING", "\"ASSESS\"", "\"2026-12-01\"", "\"A\"", false)),
                List.of("assessment-request-decided", request("ASSESSING", "null", "null", "\"Y\"", false)),
                List.of("assessment-request-decided", request("ENDED", "\"NOT_TO_ASSESS\"", "\"01/12/2026\"", "\"N\"", true)),
                List.of("assessment-request-received", request("RECEIVED", "null", "null", "\"Z\"", false)),
                List.of("deadline-missed", """
                        {"deadlineId":"%s","pupilId":"%s","trustId":"t","schoolUrn":"900101","sourceType":"support-review",
                         "sourceId":"%s","step":"SUPPORT_REVIEW","statutory":false,"dueOn":"2027-03-25","threshold":"3",
                         "daysLeft":3}""".formatted(ID, PUPIL, ID)));
    }

    @ParameterizedTest(name = "refused: {0} #{index}")
    @MethodSource("refused")
    void refusesWhatConsumersCouldNotRelyOn(List<String> typeAndData) {
        assertThrows(AssertionError.class, () -> EventSchemas.assertValid("review", typeAndData.get(0), typeAndData.get(1)));
    }

    @Test
    void everyEventTypeHasASchemaAndIsInTheAsyncApi() throws Exception {
        String asyncapi = Files.readString(Path.of("src/main/resources/events/asyncapi.yaml"));
        List<String> types = new java.util.ArrayList<>();
        for (java.lang.reflect.Field f : ReviewEvents.class.getFields()) {
            if (f.getType() == String.class && ((String) f.get(null)).startsWith(ReviewEvents.PREFIX)
                    && !f.get(null).equals(ReviewEvents.PREFIX)) {
                types.add(((String) f.get(null)).substring(ReviewEvents.PREFIX.length()));
            }
        }
        if (types.size() != 17) {
            throw new AssertionError("Expected the 17 review event types, found " + types);
        }
        for (String type : types) {
            if (!Files.exists(Path.of("src/main/resources/events/" + type + ".schema.json"))) {
                throw new AssertionError("No schema for " + type);
            }
            if (!asyncapi.contains("name: uk.sen.review." + type + "\n")) {
                throw new AssertionError("asyncapi.yaml does not describe " + type);
            }
        }
    }
}
