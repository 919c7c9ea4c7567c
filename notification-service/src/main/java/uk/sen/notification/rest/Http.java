package uk.sen.notification.rest;

import jakarta.ws.rs.core.Response;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.web.Versions;

/** What the resources of this service share: the descriptions of common headers, a required body, an ETagged answer. */
final class Http {

    static final String IF_MATCH = "The ETag of the version you read";
    static final String IDEMPOTENCY_KEY = "A key of your choosing, 1 to 200 characters, that makes a retry of this "
            + "create safe";

    private Http() {
    }

    /** The request's body; a request without one is refused (400) before anything is read or changed. */
    static <T> T requireBody(T body) {
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
        return body;
    }

    /** 200 with the resource as it is now and its version as the ETag, to send back as If-Match. */
    static Response okWithETag(Object view, long version) {
        return Response.ok(view).tag(Versions.etag(version)).build();
    }
}
