package uk.sen.platform.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error of every service leaves as RFC 9457 problem+json: bad input is a 4xx with the field and the reason,
 * and an unexpected failure is a 500 carrying only an error id that points at the log, never a stack trace.
 */
public class ProblemMappers {

    static final String TYPE_PREFIX = "urn:uk-sen:problem:";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.slug(), e.title(), e.getMessage(), e.violations(), uri, null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(new Violation(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::reason));
        ProblemException p = ProblemException.invalid(violations);
        return respond(400, p.slug(), p.title(), p.getMessage(), violations, uri, null);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String field = pathOf(e);
        String reason = "cannot read '" + e.getValue() + "' as " + describe(e.getTargetType());
        return respond(400, "validation", "Request is not valid", field + ": " + reason,
                List.of(new Violation(field, reason)), uri, null);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = pathOf(e);
        String reason = e instanceof InvalidNullException ? "must not be null"
                : e.getTargetType() == null ? "has the wrong shape"
                : "must be " + describe(e.getTargetType());
        return respond(400, "validation", "Request is not valid", field + ": " + reason,
                List.of(new Violation(field, reason)), uri, null);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        if (e.getCause() instanceof StreamConstraintsException limit) {
            return tooLarge(limit, uri);
        }
        String field = pathOf(e);
        String reason = inUsersWords(e.getOriginalMessage());
        return respond(400, "validation", "Request is not valid", field + ": " + reason,
                List.of(new Violation(field, reason)), uri, null);
    }

    @ServerExceptionMapper
    public Response tooLarge(StreamConstraintsException e, UriInfo uri) {
        return respond(400, "malformed-json", "Body is not acceptable JSON",
                "The body nests too deeply or holds a value too long to read.", List.of(), uri, null);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return respond(400, "malformed-json", "Body is not valid JSON",
                "The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ").",
                List.of(), uri, null);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return respond(400, "malformed-json", "Body is not acceptable JSON",
                    "The body nests too deeply or holds a value too long to read.", List.of(), uri, null);
        }
        return respond(400, "malformed-json", "Body is not valid JSON", inUsersWords(e.getOriginalMessage()),
                List.of(), uri, null);
    }

    /** Jackson's own wording names Java types and internals; a client should read only what was wrong. */
    private static String inUsersWords(String message) {
        if (message == null) {
            return "is not valid";
        }
        String first = message.lines().findFirst().orElse("");
        if (first.matches(".*(\\bclass\\b|`[a-z]+\\.[\\w.$]+`|java\\.|uk\\.sen|com\\.fasterxml|Constraints).*")) {
            return "is not valid here";
        }
        return first;
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return respond(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required.", List.of(), uri, "Bearer");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "Your role may not do this.", List.of(), uri, null);
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrentChange(RuntimeException e, UriInfo uri) {
        return respond(412, "stale-version", "Precondition failed",
                "The resource was changed by someone else; read it again and retry with its new ETag.",
                List.of(), uri, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // Quarkus REST wraps a body it cannot read in a plain 400; answer with what was wrong in it.
        if (e.getCause() instanceof InvalidFormatException cause) {
            return invalidFormat(cause, uri);
        }
        if (e.getCause() instanceof MismatchedInputException cause) {
            return mismatchedInput(cause, uri);
        }
        if (e.getCause() instanceof JsonParseException cause) {
            return malformedJson(cause, uri);
        }
        if (e.getCause() instanceof JsonMappingException cause) {
            return jsonMapping(cause, uri);
        }
        if (e.getCause() instanceof JsonProcessingException cause) {
            return json(cause, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 404 && e.getCause() != null && !uri.getQueryParameters().isEmpty()) {
            // JAX-RS answers a query value it cannot convert (page=abc, pupil=not-an-id) with 404, as if the list
            // did not exist; it is a bad request
            return respond(400, "invalid-request", "Invalid request",
                    "A value in the query could not be read: a number or an id of the wrong form.", List.of(), uri, null);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = status == 404 ? "No resource at " + uri.getPath() + "." : e.getMessage();
        return respond(status, slug(title), title, detail, List.of(), uri, status == 401 ? "Bearer" : null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof ProblemException p) {
                return problem(p, uri);
            }
            cause = cause.getCause();
        }
        if (cause instanceof ProblemException p) {
            return problem(p, uri);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, uri.getPath());
        Problem body = new Problem(TYPE_PREFIX + "internal", "Internal error", 500,
                "Something went wrong on our side; quote error id " + errorId + " when reporting it.",
                uri.getPath(), List.of(), errorId);
        return Response.status(500).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    static Response respond(int status, String slug, String title, String detail, List<Violation> violations,
            UriInfo uri, String challenge) {
        Problem body = new Problem(TYPE_PREFIX + slug, title, status, detail, uri == null ? null : uri.getPath(),
                violations, null);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
        if (challenge != null) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return builder.build();
    }

    private static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null && field.length() > 0) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                if (node.getName() != null && !node.getName().startsWith("<")) {
                    if (field.length() > 0) {
                        field.append('.');
                    }
                    field.append(node.getName());
                }
            }
        }
        if (field.length() == 0) {
            return parameter != null ? parameter : path.toString();
        }
        return field.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                values.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return values.toString();
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "a date (yyyy-MM-dd)";
            case "Instant", "OffsetDateTime", "ZonedDateTime" -> "a date-time (ISO-8601)";
            case "UUID" -> "a UUID";
            case "int", "Integer", "long", "Long", "short", "Short" -> "a whole number";
            case "boolean", "Boolean" -> "true or false";
            case "String" -> "a string";
            case "BigDecimal", "double", "Double", "float", "Float" -> "a number";
            default -> type.isArray() || java.util.Collection.class.isAssignableFrom(type) ? "a list"
                    : java.util.Map.class.isAssignableFrom(type) ? "an object of names and values" : "an object";
        };
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
