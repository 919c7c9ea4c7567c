package uk.sen.platform.audit;

import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.Roles;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.web.InputRules;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;

/**
 * The audit trail of this service: trust admins see their whole trust, SENCOs and SLT the records of their own
 * schools. Newest first.
 */
@Path("/api/v1/audit")
@Tag(name = "Audit")
public class AuditResource {


    @Inject
    AuditTrail trail;

    @GET
    @RolesAllowed({ Roles.TRUST_ADMIN, Roles.SENCO, Roles.SLT })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAuditEntries", summary = "Who read or changed which records, newest first",
            description = """
                    Every read and change of a record of this service is audited. Trust administrators see their whole \
                    trust; SENCOs and SLT the accesses to their own schools' records. Filter by the record's id, the \
                    actor, the action and a time window; paged.""")
    public Page<AuditTrail.AuditEntry> list(
            @Parameter(description = "Only accesses to this record (a pupil's, a review's... id)") @QueryParam("subjectId") String subjectId,
            @Parameter(description = "Only this user's or client's accesses") @QueryParam("actor") String actor,
            @Parameter(description = "Only this kind of access", schema = @Schema(enumeration = { AuditLog.READ,
                    AuditLog.LIST, AuditLog.CREATE, AuditLog.UPDATE, AuditLog.DELETE, AuditLog.IMPORT,
                    AuditLog.EXPORT })) @QueryParam("action") String action,
            @Parameter(description = "From this day (yyyy-MM-dd, London) or instant (ISO-8601)", example = "2026-09-01") @QueryParam("from") String from,
            @Parameter(description = "Up to this day (inclusive) or instant", example = "2026-12-31") @QueryParam("to") String to,
            @Valid @BeanParam PageRequest page) {
        return trail.search(subjectId, actor, action, from == null ? null : instant("from", from),
                to == null ? null : instant("to", to), page);
    }

    private static final Instant EARLIEST = InputRules.EARLIEST.atStartOfDay(EnglandClock.LONDON).toInstant();
    private static final Instant LATEST = InputRules.LATEST.atStartOfDay(EnglandClock.LONDON).toInstant();

    private static Instant instant(String field, String value) {
        try {
            if (value.length() == 10) {
                return InputRules.date(field, value).atStartOfDay(EnglandClock.LONDON).toInstant();
            }
            Instant instant = OffsetDateTime.parse(value).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw ProblemException.invalid(field, "must be between " + InputRules.EARLIEST + " and "
                        + InputRules.LATEST);
            }
            return instant;
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ProblemException.invalid(field, "must be a date (yyyy-MM-dd) or an ISO-8601 date-time");
        }
    }
}
