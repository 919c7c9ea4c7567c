package uk.sen.notification.rest;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
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

    @Schema(description = """
            What triggers which message: the rules, which agencies each invitee role of a review meeting stands for, \
            and how many days before a meeting the reminders go""")
    public record Rules(
            @Schema(description = "Every trigger rule, active or not") List<RuleView> rules,
            @Schema(description = """
                    For each invitee role of a review meeting (review-service's), the agencies whose contacts are \
                    invited; a role not listed (HEAD, OTHER, PARENT_OR_YOUNG_PERSON) stands for no agency contact""",
                    examples = "{\"HEALTH\": [\"CAMHS\", \"HEALTH\", \"OCCUPATIONAL_THERAPY\", "
                            + "\"SPEECH_AND_LANGUAGE_THERAPY\"], \"LA_SEN_OFFICER\": [\"LA_SEN_OFFICER\"], "
                            + "\"SOCIAL_CARE\": [\"SOCIAL_CARE\"]}")
            Map<String, TreeSet<String>> inviteeRoleAgencies,
            @Schema(description = "Days before a review meeting that reminders are sent", examples = "[7, 1]")
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
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Operation(operationId = "getNotificationTriggerRules",
            summary = "Event type -> condition -> recipients -> channel -> template, the invitee role to agency "
                    + "mapping, and the meeting reminder days",
            description = """
                    What makes the service write to whom: for each event of the register, the reviews and the workload \
                    (and the reminder job), the condition on the event, the recipients, the channel and the template. \
                    Also which agencies each invitee role of a review meeting stands for, and how many days before a \
                    meeting the reminders go. The rules are the same for every trust; they change only with a release \
                    of the service. Read only.""")
    public Rules triggerRules() {
        return new Rules(rules.rules().stream().map(RuleView::of).toList(), rules.inviteeAgencies(),
                rules.reminderDaysBefore());
    }

    @GET
    @Path("/templates")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listNotificationTemplates",
            summary = "The templates your trust uses: its own (source TRUST) where it has one, else the default",
            description = """
                    Every message template, one per template key and channel (EMAIL, SMS), as your trust's messages \
                    use them: the trust's own version where a trust administrator saved one (source TRUST), else the \
                    platform's default (source DEFAULT). Sorted by key, then channel; not paged.""")
    @APIResponse(responseCode = "200", description = "The templates in use",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = TemplateView.class)))
    public List<TemplateView> templates() {
        return templates.effectiveAll(caller.requireTrust()).stream().map(TemplateView::of).toList();
    }

    @GET
    @Path("/templates/{key}/{channel}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getNotificationTemplate",
            summary = "One template as your trust uses it; the ETag is the trust's own version",
            description = """
                    The template of one kind of message and channel as your trust's messages use it: the trust's own \
                    version (source TRUST, with its ETag, to send as If-Match when you change or remove it) or the \
                    platform's default (source DEFAULT, no ETag).""")
    @APIResponseSchema(value = TemplateView.class, responseCode = "200", responseDescription = "The template in use")
    public Response template(@BeanParam TemplatePath path) {
        MessageTemplate t = templates.effective(caller.requireTrust(), path.key, channel(path.channel))
                .orElseThrow(() -> ProblemException.notFound("Template", path.key + "/" + path.channel));
        Response.ResponseBuilder response = Response.ok(TemplateView.of(t));
        return (t.trustId == null ? response : response.tag(Versions.etag(t.version))).build();
    }

    @PUT
    @Path("/templates/{key}/{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(operationId = "saveNotificationTemplate",
            summary = "Your trust's own version of a template; checked against the values its messages really have "
                    + "before it is stored",
            description = """
                    Saves your trust's own version of a template, which your trust's messages of that kind and channel \
                    use from now on instead of the default (messages already written keep their text). The first time \
                    no If-Match is needed; to change your trust's version, send the ETag you read. The subject and \
                    body may use only the values the template's messages have, by name, and {#if}; both are rendered \
                    with sample values before anything is stored, and refused (400, naming what is wrong) when they \
                    use anything else, do not render, or a text message would be longer than 918 characters. An email \
                    needs a one-line subject; a text message has none. A trust that sends through GOV.UK Notify also \
                    gives the Notify template id.""")
    @APIResponseSchema(value = TemplateView.class, responseCode = "200",
            responseDescription = "Your trust's version as stored")
    public Response override(@BeanParam TemplatePath path,
            @Parameter(description = """
                    The ETag of the version you read; only when your trust already has its own version""",
                    example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            TemplateService.TemplateInput body) {
        TemplateService.TemplateInput input = Http.requireBody(body);
        MessageTemplate t = templates.override(caller.requireTrust(), path.key, path.channel, input, ifMatch,
                caller.username());
        return Http.okWithETag(TemplateView.of(t), t.version);
    }

    @DELETE
    @Path("/templates/{key}/{channel}")
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(operationId = "removeNotificationTemplate", summary = "Go back to the default template",
            description = """
                    Removes your trust's own version of a template: your trust's messages of that kind and channel use \
                    the platform's default from now on. 404 when your trust has no version of its own.""")
    @APIResponse(responseCode = "204", description = "Removed: the default applies")
    public Response removeOverride(@BeanParam TemplatePath path,
            @Parameter(description = Http.IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        templates.removeOverride(caller.requireTrust(), path.key, path.channel, ifMatch);
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
