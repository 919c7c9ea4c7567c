package uk.sen.notification.rest;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.notification.domain.Channel;
import uk.sen.notification.domain.MessageTemplate;
import uk.sen.notification.rest.Views.RuleView;
import uk.sen.notification.rest.Views.TemplateView;
import uk.sen.notification.service.RuleBook;
import uk.sen.notification.service.TemplateService;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Versions;

/** What triggers which message (the rules, as data) and the templates, a trust's own beating the defaults. */
@Path("/api/v1")
@Tag(name = "Trigger rules and templates")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigurationResource {

    public record Rules(List<RuleView> rules, Map<String, TreeSet<String>> inviteeRoleAgencies,
            List<Integer> meetingReminderDaysBefore) {
    }

    @Inject
    RuleBook rules;

    @Inject
    TemplateService templates;

    @Inject
    CallerScope caller;

    @GET
    @Path("/trigger-rules")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Operation(summary = "Event type -> condition -> recipients -> channel -> template, the invitee role to agency "
            + "mapping, and the meeting reminder days")
    public Rules triggerRules() {
        return new Rules(rules.rules().stream().map(RuleView::of).toList(), rules.inviteeAgencies(),
                rules.reminderDaysBefore());
    }

    @GET
    @Path("/templates")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "The templates your trust uses: its own (source TRUST) where it has one, else the default")
    public List<TemplateView> templates() {
        return templates.effectiveAll(caller.requireTrust()).stream().map(TemplateView::of).toList();
    }

    @GET
    @Path("/templates/{key}/{channel}")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "One template as your trust uses it; the ETag is the trust's own version")
    public Response template(@PathParam("key") String key, @PathParam("channel") String channel) {
        MessageTemplate t = templates.effective(caller.requireTrust(), key, channel(channel))
                .orElseThrow(() -> ProblemException.notFound("Template", key + "/" + channel));
        Response.ResponseBuilder response = Response.ok(TemplateView.of(t));
        return (t.trustId == null ? response : response.tag(Versions.etag(t.version))).build();
    }

    @PUT
    @Path("/templates/{key}/{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(summary = "Your trust's own version of a template (If-Match when it has one); checked against the "
            + "values its messages really have before it is stored")
    public Response override(@PathParam("key") String key, @PathParam("channel") String channel,
            @HeaderParam("If-Match") String ifMatch, TemplateService.TemplateInput body) {
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
        MessageTemplate t = templates.override(caller.requireTrust(), key, channel, body, ifMatch, caller.username());
        return Response.ok(TemplateView.of(t)).tag(Versions.etag(t.version)).build();
    }

    @DELETE
    @Path("/templates/{key}/{channel}")
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(summary = "Go back to the default template (If-Match)")
    public Response removeOverride(@PathParam("key") String key, @PathParam("channel") String channel,
            @HeaderParam("If-Match") String ifMatch) {
        templates.removeOverride(caller.requireTrust(), key, channel, ifMatch);
        return Response.noContent().build();
    }

    private static Channel channel(String text) {
        try {
            return Channel.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Template channel", text);
        }
    }
}
