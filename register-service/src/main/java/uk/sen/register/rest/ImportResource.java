package uk.sen.register.rest;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.io.LimitedInputStream;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.InputRules;
import uk.sen.register.config.ExchangeConfig;
import uk.sen.register.service.CtfImportService;
import uk.sen.register.service.ImportReport;
import uk.sen.register.service.MisImportService;

@Path("/api/v1/imports")
@Tag(name = "Imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    public static final String CSV = "text/csv";

    @Inject
    MisImportService mis;

    @Inject
    CtfImportService ctf;

    @Inject
    ExchangeConfig config;

    @POST
    @Path("mis")
    @Consumes(CSV)
    @RolesAllowed({ Roles.SENCO, Roles.INTEGRATION })
    @Operation(summary = "Import the school's MIS export (CSV, UTF-8): pupils matched by UPN in the trust are created "
            + "or updated, each change published as the API publishes it; invalid rows are reported, not applied "
            + "(the report lists the first 100 errors and counts them all). A file with a missing required column, "
            + "that is not UTF-8 (400), or larger than sen.exchange.mis-max-bytes (20 MB; 413) changes nothing")
    @RequestBody(content = @Content(mediaType = CSV, examples = @ExampleObject(name = "two pupils", value = """
            UPN,Surname,Forename,DOB,Sex,NCYear,SchoolURN,SENProvision,SENStartDate,PrimaryNeed,SecondaryNeed,IssuingLA,PlanIssueDate
            H801200001001,Khan,Amira,2016-03-14,F,4,900101,K,2025-09-08,SLCN,SEMH,,
            B801200005001,Jones,Owen,2015-11-02,M,5,900101,E,2024-01-15,ASD,,801,2024-01-15
            """)))
    public ImportReport importMis(
            @Parameter(description = "The school (URN) the file is for", required = true) @QueryParam("school") String school,
            @Parameter(description = "true: check and report what would change, change nothing (default false)") @QueryParam("dryRun") String dryRun,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        requireUtf8(contentType);
        refuseIfLarger(contentLength, config.misMaxBytes());
        return mis.importCsv(required("school", school), flag("dryRun", dryRun), body);
    }

    @POST
    @Path("ctf")
    @Consumes({ MediaType.APPLICATION_XML, MediaType.TEXT_XML })
    @RolesAllowed({ Roles.SENCO, Roles.INTEGRATION })
    @Operation(summary = "Import a Common Transfer File into the school its header names (DestSchool LEA + Estab): "
            + "pupils and their SEN history; unknown elements are ignored (the report lists the first 100 errors "
            + "and warnings and counts them all). A file that is not XML (400), or larger than "
            + "sen.exchange.ctf-max-bytes (20 MB; 413), changes nothing")
    public ImportReport importCtf(
            @Parameter(description = "The school (URN), needed only when the file's destination is unknown (MMM/MMMM)") @QueryParam("school") String school,
            @Parameter(description = "The pupils' first day at the school (yyyy-MM-dd); default today") @QueryParam("entryDate") String entryDate,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        refuseIfLarger(contentLength, config.ctfMaxBytes());
        return ctf.importCtf(blankToNull(school), date("entryDate", entryDate), body);
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(name, "is required");
        }
        return value.trim();
    }

    static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid(name, "must be true or false");
        };
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return InputRules.date(name, value.trim());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void requireUtf8(String contentType) {
        String charset = contentType == null ? null : MediaType.valueOf(contentType).getParameters().get("charset");
        if (charset != null && !charset.replace("-", "").equalsIgnoreCase("utf8")) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type", "The file must be "
                    + "UTF-8 (it was sent as " + charset + "); save it as \"CSV UTF-8\" and import it again.",
                    List.of());
        }
    }

    /** Refuses a body announced as too large before reading any of it. */
    private static void refuseIfLarger(String contentLength, long limit) {
        if (contentLength == null) {
            return;
        }
        try {
            if (Long.parseLong(contentLength.trim()) > limit) {
                throw LimitedInputStream.tooLarge(limit);
            }
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Content-Length is not a number.");
        }
    }
}
