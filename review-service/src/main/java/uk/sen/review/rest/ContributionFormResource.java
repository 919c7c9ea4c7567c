package uk.sen.review.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import uk.sen.platform.problem.ProblemException;
import uk.sen.review.domain.ContributionRequest;
import uk.sen.review.domain.ContributionRequest.Contributor;
import uk.sen.review.service.Contributions;

/**
 * The pages a parent or an agency reaches from the link in their message: a plain, accessible form that works on a
 * phone, with no account. The link is the credential, so the pages send no referrer to other sites (same-origin,
 * not no-referrer: with none, a browser posts the form as from origin "null", which the CORS filter refuses), are
 * never cached or indexed, and run no script. A link that is not one, or whose meeting is past, is "not found"; a browser is shown pages, any
 * other client problem+json.
 */
@Path("/contribute")
public class ContributionFormResource {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    @Inject
    Contributions contributions;

    @Inject
    @Location("contribution-form.html")
    Template page;

    @GET
    @Path("{token}")
    @PermitAll
    @Produces({ MediaType.TEXT_HTML, MediaType.APPLICATION_JSON })
    @Operation(hidden = true)
    public Response form(@PathParam("token") String token, @HeaderParam("Accept") String accept) {
        try {
            Contributions.Form form = contributions.form(token);
            return html(200, form(form, null));
        } catch (ProblemException e) {
            return refusal(e, accept, null);
        }
    }

    @POST
    @Path("{token}")
    @PermitAll
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({ MediaType.TEXT_HTML, MediaType.APPLICATION_JSON })
    @Operation(hidden = true)
    public Response submit(@PathParam("token") String token, @HeaderParam("Accept") String accept,
            @RestForm String views, @RestForm String concerns, @RestForm String hopes, @RestForm String advice,
            @RestForm("report") FileUpload report) {
        try {
            String text = advice != null ? advice : views;
            contributions.linkContributes(token, new Contributions.LinkInput(text, concerns, hopes, bytes(report)));
            // POST, redirect, GET: the page then says it was received, and a reload sends nothing twice
            return Response.seeOther(java.net.URI.create("/contribute/" + token)).header("Referrer-Policy", "same-origin")
                    .header("Cache-Control", "no-store").build();
        } catch (ProblemException e) {
            Contributions.Form form = null;
            if (e.status() != 404) {
                try {
                    form = contributions.form(token);
                } catch (ProblemException closed) {
                    form = null;
                }
            }
            return refusal(e, accept, form);
        }
    }

    private TemplateInstance form(Contributions.Form f, String error) {
        return page.data("state", f.received() ? "received" : "form")
                .data("agency", f.contributor() == Contributor.AGENCY)
                .data("reviewName", f.reviewKind() == ContributionRequest.ReviewKind.SUPPORT ? "SEN support review"
                        : "annual review")
                .data("trustName", f.trustName() == null ? "The school" : f.trustName())
                .data("meetingDate", day(f.meetingDate()))
                .data("dueOn", day(f.dueOn()))
                .data("maxMb", f.maxReportBytes() / (1024 * 1024))
                .data("error", error);
    }

    /** A browser gets the page (the form again with what went wrong, or "not found"); any other client problem+json. */
    private Response refusal(ProblemException e, String accept, Contributions.Form form) {
        if (accept == null || !accept.contains("text/html")) {
            throw e;
        }
        TemplateInstance body = form == null
                ? page.data("state", "closed").data("agency", false).data("error", null).data("trustName", "")
                        .data("reviewName", "review")
                        .data("meetingDate", "").data("dueOn", "").data("maxMb", 0)
                : form(form, e.getMessage());
        return html(e.status(), body);
    }

    private static Response html(int status, TemplateInstance body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body.render())
                .header("Referrer-Policy", "same-origin").header("Cache-Control", "no-store")
                .header("X-Robots-Tag", "noindex")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .build();
    }

    private static byte[] bytes(FileUpload upload) {
        if (upload == null || upload.size() == 0) {
            return null; // no file chosen: browsers still send the part, empty
        }
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String day(LocalDate d) {
        return d == null ? "" : d.format(DAY);
    }
}
