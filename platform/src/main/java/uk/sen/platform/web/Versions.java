package uk.sen.platform.web;

import jakarta.ws.rs.core.EntityTag;

import uk.sen.platform.problem.ProblemException;

/**
 * Optimistic concurrency over HTTP: a resource's ETag is its version, and a change must send it back in
 * {@code If-Match}. Missing answers 428, stale answers 412, so two SENCOs editing one record never overwrite
 * each other silently.
 */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired(
                    "Send the resource's ETag in If-Match to change it (read it first to get the ETag).");
        }
        String value = ifMatch.trim();
        if (value.contains("*")) {
            // "*" matches any version, which would turn the lost-update check off for whoever sends it
            throw ProblemException.preconditionRequired("If-Match: * is not accepted here; send the resource's ETag "
                    + "(read it first to get the ETag).");
        }
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        if (!value.equals(Long.toString(currentVersion))) {
            throw ProblemException.preconditionFailed("If-Match " + ifMatch + " does not match the current version \""
                    + currentVersion + "\"; someone changed it since you read it.");
        }
    }
}
