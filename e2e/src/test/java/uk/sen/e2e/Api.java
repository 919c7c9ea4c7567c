package uk.sen.e2e;

import java.util.function.Consumer;
import java.net.http.HttpRequest;

import uk.sen.client.notification.api.PupilsContactsConsentAndMessagesApi;
import uk.sen.client.register.api.ExportsApi;
import uk.sen.client.register.api.PupilsApi;
import uk.sen.client.review.api.EhcPlanReviewsApi;
import uk.sen.client.workload.api.ForecastApi;
import uk.sen.client.workload.api.SuggestedEntriesApi;
import uk.sen.platform.testing.Tokens;

/**
 * The four services as a client team calls them: through the Java clients generated from their OpenAPI documents
 * (the api-clients module), signed in as one demo user.
 */
final class Api {

    final PupilsApi pupils;
    final ExportsApi exports;
    final uk.sen.client.register.api.AuditApi registerAudit;
    final EhcPlanReviewsApi reviews;
    final uk.sen.client.review.api.AuditApi reviewAudit;
    final PupilsContactsConsentAndMessagesApi contacts;
    final ForecastApi forecast;
    final SuggestedEntriesApi suggestions;

    private Api(String token) {
        Consumer<HttpRequest.Builder> bearer = request -> request.header("Authorization", "Bearer " + token);
        var register = new uk.sen.client.register.invoker.ApiClient();
        register.updateBaseUri(Stack.REGISTER);
        register.setRequestInterceptor(bearer);
        var review = new uk.sen.client.review.invoker.ApiClient();
        review.updateBaseUri(Stack.REVIEW);
        review.setRequestInterceptor(bearer);
        var notification = new uk.sen.client.notification.invoker.ApiClient();
        notification.updateBaseUri(Stack.NOTIFICATION);
        notification.setRequestInterceptor(bearer);
        var workload = new uk.sen.client.workload.invoker.ApiClient();
        workload.updateBaseUri(Stack.WORKLOAD);
        workload.setRequestInterceptor(bearer);
        pupils = new PupilsApi(register);
        exports = new ExportsApi(register);
        registerAudit = new uk.sen.client.register.api.AuditApi(register);
        reviews = new EhcPlanReviewsApi(review);
        reviewAudit = new uk.sen.client.review.api.AuditApi(review);
        contacts = new PupilsContactsConsentAndMessagesApi(notification);
        forecast = new ForecastApi(workload);
        suggestions = new SuggestedEntriesApi(workload);
    }

    /** Signed in as a demo user of the realm (password demo). */
    static Api as(String user) {
        return new Api(Tokens.of(user));
    }

    /** Signed in as the LA's system (client credentials of sen-la). */
    static Api asLa() {
        return new Api(Tokens.la());
    }

    /** The status of a refused call, or 0 if it was not refused. */
    static int refusal(ThrowingCall call) {
        try {
            call.run();
            return 0;
        } catch (uk.sen.client.register.invoker.ApiException e) {
            return e.getCode();
        } catch (uk.sen.client.review.invoker.ApiException e) {
            return e.getCode();
        } catch (uk.sen.client.notification.invoker.ApiException e) {
            return e.getCode();
        } catch (uk.sen.client.workload.invoker.ApiException e) {
            return e.getCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }
}
