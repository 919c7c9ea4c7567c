package uk.sen.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import uk.sen.client.notification.model.ContactInput;
import uk.sen.client.register.invoker.ApiResponse;
import uk.sen.client.register.model.NeedInput;
import uk.sen.client.register.model.ProvisionInput;
import uk.sen.client.register.model.PupilInput;
import uk.sen.client.register.model.PupilView;
import uk.sen.client.review.model.DoneInput;
import uk.sen.client.review.model.HeldInput;
import uk.sen.client.review.model.InviteeInput;
import uk.sen.client.review.model.InviteeRole;
import uk.sen.client.review.model.MeetingInput;
import uk.sen.client.review.model.ReviewView;
import uk.sen.client.review.model.ReviewStepView;
import uk.sen.client.workload.model.ForecastView;
import uk.sen.client.workload.model.KindView;
import uk.sen.client.workload.model.SuggestionView;
import uk.sen.client.workload.model.WeekView;

import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.WebhookReceiver;

/**
 * A SENCO's journey through the running stack: register a pupil on SEN support, move them to an EHC plan, see the
 * annual review appear with its statutory deadlines and in the school's workload forecast, invite the parent (the
 * email reaches the SMTP server), hold the meeting (a time entry is suggested and the review leaves the forecast),
 * find the pupil in the LA's export; the audit shows each access and a teacher of another school sees none of it.
 * Every call to the platform goes through the Java clients generated from the services' OpenAPI documents, as a
 * client team's would (only the SMTP server's mailbox is read directly).
 */
class SencoJourneyIT {

    static final String SENCO = "senco.academy";
    static final String SCHOOL = "900103";
    static final LocalDate TODAY = TestDates.today();
    static final Api SENCO_API = Api.as(SENCO);

    /** A valid UPN for Northbridge Academy (LA 801, establishment 4001) that is new to the running register. */
    static String newUpn() {
        String body = "8014001" + String.format("%02d%03d", 30 + ThreadLocalRandom.current().nextInt(60),
                ThreadLocalRandom.current().nextInt(1000));
        int sum = 0;
        for (int position = 2; position <= 13; position++) {
            sum += (body.charAt(position - 2) - '0') * position;
        }
        return "ABCDEFGHJKLMNPQRTUVWXYZ".charAt(sum % 23) + body;
    }

    /** Registers a new pupil through the generated register client (201, retried on the rare UPN clash). */
    static UUID registerPupil() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            PupilInput pupil = new PupilInput().upn(newUpn()).forename("Quillonette").surname("Journey")
                    .dateOfBirth(LocalDate.of(2013, 2, 11)).sex(PupilInput.SexEnum.M).ncYear(PupilInput.NcYearEnum._8)
                    .schoolUrn(SCHOOL).onRollDate(LocalDate.of(2024, 9, 2));
            try {
                ApiResponse<PupilView> created = SENCO_API.pupils.registerPupilWithHttpInfo(pupil, "e2e-" + System.nanoTime());
                assertEquals(201, created.getStatusCode());
                assertTrue(header(created.getHeaders(), "Location").endsWith("/api/v1/pupils/" + created.getData().getId()));
                return created.getData().getId();
            } catch (uk.sen.client.register.invoker.ApiException e) {
                assertEquals(409, e.getCode(), e.getResponseBody());
            }
        }
        throw new AssertionError("no free UPN after 5 attempts");
    }

    static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(h -> h.getValue().get(0))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " header in " + headers.keySet()));
    }

    static String pupilEtag(UUID pupil) throws Exception {
        return header(SENCO_API.pupils.getPupilWithHttpInfo(pupil).getHeaders(), "ETag");
    }

    static String reviewEtag(UUID review) throws Exception {
        return header(SENCO_API.reviews.getReviewWithHttpInfo(review).getHeaders(), "ETag");
    }

    static final String ANNUAL_REVIEW = "ANNUAL_REVIEW";
    static final String SUPPORT_PLAN_REVIEW = "SUPPORT_PLAN_REVIEW";

    /** The school's forecast of statutory work, week by week from this week (workload-service). */
    static ForecastView forecast() throws Exception {
        return SENCO_API.forecast.getSchoolWorkloadForecast(SCHOOL);
    }

    /**
     * The forecast once it stops changing (the same open work in two reads a second apart), so that events still
     * on their way from an earlier load (deploy/demo.sh) do not count as this pupil's.
     */
    static ForecastView settledForecast() {
        AtomicReference<String> previous = new AtomicReference<>("");
        AtomicReference<ForecastView> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            ForecastView f = forecast();
            last.set(f);
            String state = f.getKinds().stream().map(KindView::getOpenItems).toList() + " "
                    + f.getWeeks().stream().map(WeekView::getItems).toList();
            return state.equals(previous.getAndSet(state));
        });
        return last.get();
    }

    static int openItems(ForecastView forecast, String kind) {
        return forecast.getKinds().stream().filter(k -> kind.equals(String.valueOf(k.getCode()))).findFirst()
                .orElseThrow(() -> new AssertionError("no kind " + kind)).getOpenItems();
    }

    static KindView kind(ForecastView forecast, String kind) {
        return forecast.getKinds().stream().filter(k -> kind.equals(String.valueOf(k.getCode()))).findFirst().orElseThrow();
    }

    static int annualReviewsIn(ForecastView forecast, LocalDate week) {
        return forecast.getWeeks().stream().filter(w -> week.equals(w.getWeekStart())).findFirst()
                .map(w -> w.getItems().getOrDefault(ANNUAL_REVIEW, 0)).orElse(0);
    }

    /**
     * Asserts that {@code after} is {@code before} with one more annual review in each of {@code oneMore} (the
     * weeks its effort is spread over) and {@code shareHours} more statutory hours in each of them; every other
     * week, and every other kind of work, unchanged.
     */
    static void assertOneMoreAnnualReview(ForecastView before, ForecastView after, Set<LocalDate> oneMore, double shareHours) {
        List<WeekView> was = before.getWeeks();
        List<WeekView> is = after.getWeeks();
        assertEquals(was.size(), is.size(), "forecast weeks");
        for (int i = 0; i < was.size(); i++) {
            LocalDate week = is.get(i).getWeekStart();
            assertEquals(was.get(i).getWeekStart(), week);
            Map<String, Integer> items = new LinkedHashMap<>(was.get(i).getItems());
            double hours = was.get(i).getStatutoryHours().doubleValue();
            if (oneMore.contains(week)) {
                items.merge(ANNUAL_REVIEW, 1, Integer::sum);
                hours += shareHours;
            }
            assertEquals(items, is.get(i).getItems(), "work in the week of " + week);
            // each week's hours are rounded to hundredths, the effort too
            assertEquals(hours, is.get(i).getStatutoryHours().doubleValue(), 0.015, "statutory hours in the week of " + week);
        }
    }

    static ReviewView reviewOf(UUID pupil) throws Exception {
        List<ReviewView> items = SENCO_API.reviews.listReviews(null, null, pupil, null, null, null).getItems();
        return items.isEmpty() ? null : items.get(0);
    }

    static ReviewStepView step(ReviewView review, String step) {
        return review.getSteps().stream().filter(s -> step.equals(String.valueOf(s.getStep()))).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + step));
    }

    @Test
    void fromSenSupportToAnEhcPlanReviewedOnTime() throws Exception {
        ForecastView forecastBefore = settledForecast();
        // the trust's data warehouse subscribes to register changes by webhook (a receiver on this machine)
        WebhookReceiver warehouse = new WebhookReceiver();
        io.restassured.path.json.JsonPath hook = Stack.as("trust.admin").contentType("application/json")
                .body(java.util.Map.of("url", warehouse.url(), "eventTypes", List.of("uk.sen.register.pupil-registered",
                        "uk.sen.register.provision-changed"), "alertEmail", "it@northbridge.example"))
                .post(Stack.NOTIFICATION + "/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
        UUID pupil = registerPupil();

        PupilView onSupport = SENCO_API.pupils.openProvision(pupil, pupilEtag(pupil), new ProvisionInput()
                .provision(ProvisionInput.ProvisionEnum.K).startDate(TODAY.minusMonths(14))
                .addNeedsItem(new NeedInput().rank(1).code(NeedInput.CodeEnum.SPLD)));
        assertEquals("K", String.valueOf(onSupport.getProvision()));
        LocalDate issued = TODAY.minusMonths(11);
        PupilView onPlan = SENCO_API.pupils.openProvision(pupil, pupilEtag(pupil), new ProvisionInput()
                .provision(ProvisionInput.ProvisionEnum.E).startDate(issued)
                .addNeedsItem(new NeedInput().rank(1).code(NeedInput.CodeEnum.ASD))
                .addNeedsItem(new NeedInput().rank(2).code(NeedInput.CodeEnum.SLCN))
                .issuingLa("801").planIssueDate(issued));
        assertEquals("E", String.valueOf(onPlan.getProvision()));

        // the warehouse receives both changes of the pupil, in order, as CloudEvents signed with its secret
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> warehouse.received()
                .stream().filter(r -> r.body().contains(pupil.toString())).count() == 2);
        List<WebhookReceiver.Received> changes = warehouse.received().stream()
                .filter(r -> r.body().contains(pupil.toString())).toList();
        assertEquals(List.of("uk.sen.register.pupil-registered", "uk.sen.register.provision-changed"), changes.stream()
                .map(r -> new io.restassured.path.json.JsonPath(r.body()).getString("type")).toList());
        assertTrue(changes.stream().allMatch(r -> r.signedWith(hook.getString("secret"))), "a delivery is not signed");
        String hookEtag = Stack.as("trust.admin").get(Stack.NOTIFICATION + "/api/v1/webhooks/" + hook.getString("id"))
                .header("ETag");
        Stack.as("trust.admin").header("If-Match", hookEtag)
                .delete(Stack.NOTIFICATION + "/api/v1/webhooks/" + hook.getString("id")).then().statusCode(204);
        warehouse.close();

        // the annual review appears in review-service with its statutory deadline
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> reviewOf(pupil) != null);
        ReviewView scheduled = reviewOf(pupil);
        UUID review = scheduled.getId();
        LocalDate dueBy = issued.plusMonths(12).minusDays(1);
        assertEquals(dueBy, scheduled.getDueBy());

        // the SENCO's to-do list names the pupil: review-service holds no names and asks the register for them with
        // the SENCO's token when the list is asked for
        JsonPath todo = null;
        for (int page = 0; todo == null || todo.getList("items").size() == 200; page++) {
            todo = Stack.as(SENCO).queryParam("school", SCHOOL).queryParam("within", 366).queryParam("size", 200)
                    .queryParam("page", page).get(Stack.REVIEW + "/api/v1/deadlines").then().statusCode(200)
                    .extract().jsonPath();
            if (todo.getList("items.pupilId").contains(pupil.toString())) {
                break;
            }
        }
        String mine = "items.find { it.pupilId == '" + pupil + "' }";
        assertEquals("Quillonette", todo.getString(mine + ".forename"), "the deadline list does not name the pupil");
        assertEquals("Journey", todo.getString(mine + ".surname"));
        assertEquals("8", todo.getString(mine + ".ncYear"));

        // the school's workload forecast counts one more annual review, its effort spread over the weeks up to the
        // week it is due; the support plan SEN support opened was closed by the EHC plan, so its review is gone
        int annualBefore = openItems(forecastBefore, ANNUAL_REVIEW);
        int supportBefore = openItems(forecastBefore, SUPPORT_PLAN_REVIEW);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            ForecastView f = forecast();
            return openItems(f, ANNUAL_REVIEW) == annualBefore + 1 && openItems(f, SUPPORT_PLAN_REVIEW) == supportBefore;
        });
        ForecastView forecastScheduled = forecast();
        int spreadWeeks = kind(forecastScheduled, ANNUAL_REVIEW).getSpreadWeeks();
        double shareHours = kind(forecastScheduled, ANNUAL_REVIEW).getEffortHours().doubleValue() / spreadWeeks;
        LocalDate thisWeek = forecastScheduled.getWeeks().get(0).getWeekStart();
        LocalDate dueWeek = dueBy.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Set<LocalDate> spread = new HashSet<>();
        for (int i = 0; i < spreadWeeks; i++) {
            spread.add(dueWeek.minusWeeks(i));
        }
        assertTrue(!dueWeek.minusWeeks(spreadWeeks - 1L).isBefore(thisWeek), "due " + dueBy + ": spread starts before this week");
        assertOneMoreAnnualReview(forecastBefore, forecastScheduled, spread, shareHours);

        // the SENCO records the parent as a contact once notification-service knows the pupil
        String parentEmail = "parent-" + System.nanoTime() + "@family.example";
        ContactInput parent = new ContactInput().kind(ContactInput.KindEnum.PARENT_CARER).name("Alex Journey")
                .relationship(ContactInput.RelationshipEnum.MOTHER).parentalResponsibility(true).email(parentEmail)
                .preferredChannel(ContactInput.PreferredChannelEnum.EMAIL);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> Api.refusal(() -> SENCO_API.contacts.addContact(pupil, parent, null)) == 0);

        // the SENCO sets the meeting, sends the invitations, holds it
        ReviewView meetingSet = SENCO_API.reviews.setReviewMeeting(review, reviewEtag(review), new MeetingInput()
                .meetingDate(TODAY)
                .addInviteesItem(new InviteeInput().role(InviteeRole.PARENT_OR_YOUNG_PERSON).name("Parent of the pupil"))
                .addInviteesItem(new InviteeInput().role(InviteeRole.HEAD))
                .addInviteesItem(new InviteeInput().role(InviteeRole.LA_SEN_OFFICER))
                .addInviteesItem(new InviteeInput().role(InviteeRole.HEALTH))
                .addInviteesItem(new InviteeInput().role(InviteeRole.SOCIAL_CARE)));
        assertEquals("MEETING_SET", String.valueOf(meetingSet.getStatus()));

        // the forecast plans the review around its meeting now: today's, so only this week's share is still ahead
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            ForecastView f = forecast();
            return annualReviewsIn(f, thisWeek) == annualReviewsIn(forecastBefore, thisWeek) + 1
                    && annualReviewsIn(f, dueWeek) == annualReviewsIn(forecastBefore, dueWeek);
        });
        assertOneMoreAnnualReview(forecastBefore, forecast(), Set.of(thisWeek), shareHours);

        // the invitation, with its calendar entry, is accepted by the SMTP server; and only the invitation: SEN
        // support that began 14 months ago, recorded only now, is not announced to the parent as starting
        String inbox = Stack.MAILBOX + "/api/user/" + parentEmail + "/messages";
        String invitation = "subject.contains('annual review meeting')";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = given().get(inbox);
            return response.statusCode() == 200 && response.jsonPath().getList("findAll { it." + invitation + " }").size() == 1;
        });
        JsonPath mail = given().get(inbox).jsonPath();
        assertEquals(true, mail.getString("find { it." + invitation + " }.mimeMessage").contains("text/calendar"));
        assertEquals(1, mail.getList("subject").size(), mail.getList("subject").toString());
        assertEquals(false, given().get(inbox).asString().contains("Quillonette"), "a message names the child");
        SENCO_API.reviews.recordInvitationsSent(review, reviewEtag(review), new DoneInput().on(TODAY.minusDays(20)));
        ReviewView held = SENCO_API.reviews.recordReviewHeld(review, reviewEtag(review), new HeldInput().on(TODAY)
                .attendees(List.of("Parent", "SENCO", "LA SEN officer")).durationMinutes(90));
        assertEquals("HELD", String.valueOf(held.getStatus()));
        assertEquals("DONE_ON_TIME", String.valueOf(step(held, "REVIEW_MEETING").getStatus()));
        assertEquals(TODAY.plusWeeks(2), step(held, "REPORT").getDueOn());

        // holding the meeting suggests a time entry to the SENCO
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> SENCO_API.suggestions
                .listSuggestedEntries(null, null, null, null).getItems().stream().anyMatch(x -> review.equals(x.getReviewId())));
        SuggestionView suggestion = SENCO_API.suggestions.listSuggestedEntries(null, null, null, null).getItems().stream()
                .filter(x -> review.equals(x.getReviewId())).findFirst().orElseThrow();
        assertEquals(90, suggestion.getMinutes());

        // and the held review is no longer work ahead: the forecast is as it was before the pupil's plan
        ForecastView forecastHeld = forecast();
        assertEquals(annualBefore, openItems(forecastHeld, ANNUAL_REVIEW));
        assertOneMoreAnnualReview(forecastBefore, forecastHeld, Set.of(), 0);

        // the LA sees the held review of its school, with the report due two weeks after the meeting
        String row = "items.find { it.reviewId == '" + review + "' }";
        io.restassured.path.json.JsonPath laView = null;
        for (int page = 0; laView == null || (laView.get(row) == null && page < laView.getInt("totalPages")); page++) {
            laView = Stack.asLa().queryParam("school", SCHOOL).queryParam("size", 200).queryParam("page", page)
                    .queryParam("from", dueBy.toString()).queryParam("to", dueBy.toString())
                    .get(Stack.REVIEW + "/api/v1/la/reviews").then().statusCode(200).extract().jsonPath();
        }
        assertEquals(TODAY.toString(), laView.getString(row + ".heldOn"), "the held review is not in the LA's view");
        assertEquals(TODAY.plusWeeks(2).toString(), laView.getString(row + ".reportDueBy"));
        assertEquals(pupil.toString(), laView.getString(row + ".pupilId"));
        assertEquals(false, laView.prettify().contains("Quillonette"), "the LA view names the child");

        // the LA officer's export carries the pupil's plan
        String export = java.nio.file.Files.readString(Api.asLa().exports.exportLaReturn("csv").toPath());
        String upn = SENCO_API.pupils.getPupil(pupil).getUpn();
        assertEquals(true, export.contains(upn), "LA export lacks " + upn);

        // every access is audited, in both services
        Api admin = Api.as("trust.admin");
        List<uk.sen.client.register.model.AuditEntry> registerAudit = admin.registerAudit
                .listAuditEntries(null, null, null, null, null, pupil.toString(), null).getItems();
        assertTrue(registerAudit.stream().anyMatch(a -> "CREATE".equals(String.valueOf(a.getAction()))), registerAudit.toString());
        assertTrue(registerAudit.stream().anyMatch(a -> SENCO.equals(a.getActor())), registerAudit.toString());
        List<String> reviewAudit = admin.reviewAudit.listAuditEntries(null, null, null, null, null, pupil.toString(), null)
                .getItems().stream().map(uk.sen.client.review.model.AuditEntry::getActor).toList();
        assertEquals(true, reviewAudit.contains(SENCO), reviewAudit.toString());

        // a teacher of another school sees none of it
        Api otherSchool = Api.as("teacher.harbour");
        assertEquals(404, Api.refusal(() -> otherSchool.pupils.getPupil(pupil)));
        assertEquals(404, Api.refusal(() -> otherSchool.reviews.getReview(review)));
        assertEquals(0, otherSchool.reviews.listReviews(null, null, pupil, null, null, null).getTotalItems());
    }
}
