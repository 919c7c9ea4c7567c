package uk.sen.register.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.io.LimitedInputStream;
import uk.sen.platform.jobs.ImportJobs;
import uk.sen.platform.jobs.ImportProgress;
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

    static final String DRY_RUN = "true: check and report what would change, change nothing (default false)";

    static final String PREFER = "respond-async to import the file as a job (202 with its Location); anything else, "
            + "or nothing, to wait for the report";

    static final String ACCEPTED = """
            Sent with Prefer: respond-async: the file was read and the import runs as a job; follow its Location for \
            its progress and, at the end, the report""";

    public static final String CSV = "text/csv";

    @Inject
    MisImportService mis;

    @Inject
    CtfImportService ctf;

    @Inject
    ExchangeConfig config;

    @Inject
    ImportJobs jobs;

    @POST
    @Path("mis")
    @Consumes(CSV)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.INTEGRATION })
    @Operation(operationId = "importMisRoll", summary = "Import the school's MIS export (CSV, UTF-8)",
            description = """
                    Brings the school's roll from its MIS into the register: each row's pupil, matched by UPN in the \
                    trust, is put on the roll or updated, with their SEN provision and needs, and each change is \
                    announced to the other services as the API announces it. A row with a LeavingDate on or before \
                    the file's date (asOf) records that the pupil left the school. With mode=full the file is the \
                    school's whole roll: pupils on roll who are not in it leave the school on the file's date. A \
                    pupil who leaves is recorded as when their leaving date is given to the API: their open SEN \
                    provision closes that day. The report lists every leaver by id and UPN. An import that would \
                    record more than a fifth of the school's pupils on roll as leaving (sen.exchange.max-leaving-share) \
                    is refused (422) and changes nothing, unless confirmLeavers=true. Rows that break a rule are \
                    reported, not applied (the report lists the first 100 errors and counts them all). A file with a \
                    missing required column or that is not UTF-8 (400, 415), or larger than \
                    sen.exchange.mis-max-bytes (20 MB by default; 413), changes nothing. Try it first with \
                    dryRun=true. The import is audited. A large file can be sent with Prefer: respond-async: once the \
                    school and the parameters are checked and the file is read (400, 404, 413, 415 as above), the \
                    answer is 202 at once and the import runs as a job in your name (audited as yours). GET its \
                    Location for the rows read, applied, unchanged and invalid so far and, when it has SUCCEEDED, this \
                    same report; what would be refused once the file is read (a missing column, bytes that are not \
                    UTF-8, leavers to confirm) ends the job as FAILED with the reason, having changed nothing.""")
    @RequestBody(required = true, description = """
            The MIS export: a header row naming the columns, then one row per pupil""",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = { @ExampleObject(name = "two pupils", value = """
            UPN,Surname,Forename,DOB,Sex,NCYear,SchoolURN,SENProvision,SENStartDate,PrimaryNeed,SecondaryNeed,IssuingLA,PlanIssueDate
            H801200001001,Sample,Sam,2016-03-14,F,4,900101,K,2025-09-08,SLCN,SEMH,,
            B801200005001,Example,Alex,2015-11-02,M,5,900101,E,2024-01-15,ASD,,801,2024-01-15
            """), @ExampleObject(name = "a pupil who left", value = """
            UPN,Surname,Forename,DOB,Sex,NCYear,SENProvision,SENStartDate,PrimaryNeed,LeavingDate
            G80120000101A,Sample,Jo,2014-05-20,F,6,K,2024-09-09,SPLD,2026-07-22
            """) }))
    @APIResponseSchema(value = ImportReport.class, responseCode = "200",
            responseDescription = "What the import did (or, in a dry run, would do)")
    @APIResponse(responseCode = "404", description = "The school is not one of yours")
    @APIResponse(responseCode = "409", description = """
            A pupil of the file was changed by someone else while it was being imported: import the file again""")
    @APIResponse(responseCode = "422", description = """
            Leavers to confirm, nothing was changed: more pupils would leave than an import may record without \
            confirmation, or a full file has rows that name no pupil while pupils on roll are missing from it. Check \
            who would leave with dryRun=true, then import again with confirmLeavers=true""")
    @APIResponse(responseCode = "202", description = ACCEPTED, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ImportJobs.Job.class)))
    public Response importMis(
            @Parameter(description = "The school (URN) the file is for: one of yours", required = true,
                    example = "900101") @QueryParam("school") String school,
            @Parameter(description = DRY_RUN, schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("dryRun") String dryRun,
            @Parameter(description = """
                    update (default): the file's pupils are put on the roll or updated, pupils missing from it are \
                    left as they are. full: the file is the school's whole roll, and pupils on roll on the file's \
                    date who are not in it leave the school that day""",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "update", "full" },
                            defaultValue = "update")) @QueryParam("mode") String mode,
            @Parameter(description = """
                    The file's date, the day the MIS exported it (yyyy-MM-dd, not after today); default today. \
                    Pupils missing from a full file leave on this day; a LeavingDate on or before it is a leaving""",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf,
            @Parameter(description = """
                    true: record the leavers even when they are more than an import may record unconfirmed (a fifth \
                    of the pupils on roll, by default); check them first with dryRun=true (default false)""",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("confirmLeavers") String confirmLeavers,
            @Parameter(description = PREFER, example = ImportJobs.RESPOND_ASYNC)
            @HeaderParam(ImportJobs.PREFER) String prefer,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        requireUtf8(contentType);
        refuseIfLarger(contentLength, config.misMaxBytes());
        String urn = required("school", school);
        MisImportService.Options options = new MisImportService.Options(mode(mode), date("asOf", asOf),
                flag("dryRun", dryRun), flag("confirmLeavers", confirmLeavers));
        if (!ImportJobs.asked(prefer)) {
            return Response.ok(mis.importCsv(urn, options, body, ImportProgress.NONE)).build();
        }
        mis.checkRequest(urn, options);
        byte[] file = readWhole(body, config.misMaxBytes());
        return jobs.start("mis", urn,
                progress -> mis.importCsv(urn, options, new ByteArrayInputStream(file), progress));
    }

    @POST
    @Path("ctf")
    @Consumes({ MediaType.APPLICATION_XML, MediaType.TEXT_XML })
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.INTEGRATION })
    @Operation(operationId = "importCtf", summary = "Import a Common Transfer File (CTF) from a pupil's previous school",
            description = """
                    Puts the pupils of a CTF on the roll of the school its header names (DestSchool LEA and Estab, one \
                    of yours), with their SEN history: provisions, including the legacy codes S, A and P, and needs. \
                    Pupils already on the register, matched by UPN in the trust, are updated; unknown elements are \
                    ignored. Pupils that break a rule are reported, not applied (the report lists the first 100 errors \
                    and warnings and counts them all). A file that is not XML (400), or larger than \
                    sen.exchange.ctf-max-bytes (20 MB by default; 413), changes nothing. Changes are announced to the \
                    other services as the API announces them; the import is audited. Try it first with dryRun=true, \
                    as with the MIS import. With Prefer: respond-async, as with the MIS import, the file is read and \
                    the school its header names is checked (400, 404, 413 as above), then the answer is 202 at once \
                    and the import runs as a job: GET its Location for its progress and, when it has SUCCEEDED, this \
                    same report (FAILED with the reason, having changed nothing, when the rest of the file is \
                    refused).""")
    @RequestBody(required = true, description = "The CTF as the sending school's MIS wrote it (XML, DfE CTF schema)",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_XML, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = MediaType.TEXT_XML, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponseSchema(value = ImportReport.class, responseCode = "200", responseDescription = "What the import did")
    @APIResponse(responseCode = "404", description = """
            The school the file is for (its DestSchool, or the school given) is not one of yours""")
    @APIResponse(responseCode = "409", description = """
            A pupil of the file was changed by someone else while it was being imported: import the file again""")
    @APIResponse(responseCode = "202", description = ACCEPTED, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ImportJobs.Job.class)))
    public Response importCtf(
            @Parameter(description = """
                    The school (URN), needed only when the file's destination is unknown (MMM/MMMM); when given, it \
                    must be the school the file names""", example = "900101")
            @QueryParam("school") String school,
            @Parameter(description = "The pupils' first day at the school (yyyy-MM-dd); default today",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("entryDate") String entryDate,
            @Parameter(description = DRY_RUN, schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("dryRun") String dryRun,
            @Parameter(description = PREFER, example = ImportJobs.RESPOND_ASYNC)
            @HeaderParam(ImportJobs.PREFER) String prefer,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        refuseIfLarger(contentLength, config.ctfMaxBytes());
        String urn = blankToNull(school);
        LocalDate entry = date("entryDate", entryDate);
        boolean dry = flag("dryRun", dryRun);
        if (!ImportJobs.asked(prefer)) {
            return Response.ok(ctf.importCtf(urn, entry, dry, body, ImportProgress.NONE)).build();
        }
        byte[] file = readWhole(body, config.ctfMaxBytes());
        // the job belongs to the school the file is for, so that school's staff can follow it
        String destination = ctf.destinationOf(urn, file);
        return jobs.start("ctf", destination,
                progress -> ctf.importCtf(urn, entry, dry, new ByteArrayInputStream(file), progress));
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

    static MisImportService.Mode mode(String value) {
        if (value == null || value.isBlank()) {
            return MisImportService.Mode.UPDATE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "update" -> MisImportService.Mode.UPDATE;
            case "full" -> MisImportService.Mode.FULL;
            default -> throw ProblemException.invalid("mode", "must be update (the default) or full (the file is the "
                    + "school's whole roll)");
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

    /**
     * The whole file, for an import sent as a job: read before the request is answered, within the import's limit
     * (413 beyond it, as the synchronous form answers).
     */
    private static byte[] readWhole(InputStream body, long limit) {
        LimitedInputStream limited = new LimitedInputStream(body, limit);
        try (limited) {
            return limited.readAllBytes();
        } catch (IOException e) {
            if (limited.exceeded()) {
                throw limited.refusal();
            }
            throw ProblemException.badRequest("The file could not be read to the end; nothing was imported.");
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
