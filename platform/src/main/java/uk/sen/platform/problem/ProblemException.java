package uk.sen.platform.problem;

import java.util.List;

/**
 * A refusal the caller can act on. Thrown anywhere (resource, service, rule) and answered as problem+json;
 * because it is a runtime exception, the transaction it escapes from rolls back, so a refused request changes
 * nothing.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String slug, String title, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static ProblemException invalid(List<Violation> violations) {
        return new ProblemException(400, "validation", "Request is not valid",
                violations.size() == 1 ? violations.get(0).field() + ": " + violations.get(0).reason()
                        : violations.size() + " fields are not valid",
                violations);
    }

    public static ProblemException invalid(String field, String reason) {
        return invalid(List.of(new Violation(field, reason)));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail, List.of());
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " was not found.", List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, List.of());
    }

    /** What was asked for is no longer kept (a feed cursor older than the retention window). */
    public static ProblemException gone(String detail) {
        return new ProblemException(410, "gone", "No longer available", detail, List.of());
    }

    /** A rule of the domain refuses the change (e.g. a second open provision), with the field it concerns. */
    public static ProblemException rule(String field, String reason) {
        return new ProblemException(422, "rule-violated", "The change breaks a rule", field + ": " + reason,
                List.of(new Violation(field, reason)));
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "stale-version", "Precondition failed", detail, List.of());
    }

    public static ProblemException preconditionRequired(String detail) {
        return new ProblemException(428, "precondition-required", "Precondition required", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
