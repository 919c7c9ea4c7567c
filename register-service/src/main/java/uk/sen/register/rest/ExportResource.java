package uk.sen.register.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.register.exchange.CtfWriter;
import uk.sen.register.exchange.Sen2Writer;
import uk.sen.register.service.ExportService;
import uk.sen.register.service.RegisterService;

@Path("/api/v1/exports")
@Tag(name = "Exports")
public class ExportResource {

    private static final String CSV_UTF8 = "text/csv; charset=UTF-8";
    private static final String XML_UTF8 = MediaType.APPLICATION_XML + "; charset=UTF-8";
    private static final Pattern LA = Pattern.compile("[0-9]{3}");
    private static final Pattern ESTAB = Pattern.compile("[0-9]{4}");

    @Inject
    ExportService exports;

    @Inject
    RegisterService register;

    @Inject
    CallerScope caller;

    @GET
    @Path("ctf")
    @Produces(MediaType.APPLICATION_XML)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.INTEGRATION })
    @Operation(operationId = "exportCtf", summary = "A Common Transfer File (CTF) of the school's leavers, or of its whole roll",
            description = """
                    Writes the CTF to send to the pupils' next school: the school's leavers whose leaving date falls \
                    from `from` to `to` (both included), or with leavers=false every pupil on roll today, each with \
                    their SEN history (provisions and the needs of their last day). The file is named \
                    <LA><Estab>_CTF_<DestLA><DestEstab>_<nnn>.xml, nnn counting the school's CTFs; the destination is \
                    MMM/MMMM (unknown) unless destLa and destEstab are given. Every pupil in the file is audited as \
                    exported.""")
    @APIResponse(responseCode = "200", description = "The CTF, as an attachment",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"<the CTF's file name>\"",
                    schema = @Schema(type = SchemaType.STRING,
                            examples = "attachment; filename=\"8012001_CTF_MMMMMMM_001.xml\"")),
            content = @Content(mediaType = MediaType.APPLICATION_XML,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "The school is not one of yours")
    public Response ctf(
            @Parameter(description = "The school (URN): one of yours", required = true, example = "900101")
            @QueryParam("school") String school,
            @Parameter(description = "true (default): the leavers from..to; false: every pupil on roll today",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "true")) @QueryParam("leavers") String leavers,
            @Parameter(description = "First leaving date included (yyyy-MM-dd); required for leavers",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Last leaving date included (yyyy-MM-dd), not before from; required for leavers",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = "The destination school's 3-digit LA code, when known (with destEstab)",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{3}$"), example = "802")
            @QueryParam("destLa") String destLa,
            @Parameter(description = "The destination school's 4-digit establishment number, when known (with destLa)",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}$"), example = "4001")
            @QueryParam("destEstab") String destEstab) {
        String urn = ImportResource.required("school", school);
        boolean onlyLeavers = leavers == null || leavers.isBlank() || ImportResource.flag("leavers", leavers);
        LocalDate first = ImportResource.date("from", from);
        LocalDate last = ImportResource.date("to", to);
        if (onlyLeavers) {
            if (first == null || last == null) {
                throw ProblemException.invalid(List.of(new Violation(first == null ? "from" : "to",
                        "is required for a leavers' CTF (the range of leaving dates)")));
            }
            if (last.isBefore(first)) {
                throw ProblemException.invalid("to", "must not be before from");
            }
        }
        String la = ImportResource.blankToNull(destLa);
        String estab = ImportResource.blankToNull(destEstab);
        if ((la == null) != (estab == null)) {
            throw ProblemException.invalid(la == null ? "destLa" : "destEstab",
                    "give both destLa and destEstab, or neither (destination unknown)");
        }
        if (la != null && (!LA.matcher(la).matches() || !ESTAB.matcher(estab).matches())) {
            throw ProblemException.invalid(LA.matcher(la).matches() ? "destEstab" : "destLa",
                    "destLa is a 3-digit LA code and destEstab a 4-digit establishment number");
        }
        ExportService.CtfExport export = exports.ctf(urn, onlyLeavers, first, last, la, estab);
        return attachment(xml("the CTF", out -> CtfWriter.write(export.document(), out)), XML_UTF8, export.fileName());
    }

    @GET
    @Path("la")
    @Produces({ "text/csv", MediaType.APPLICATION_XML })
    @RolesAllowed(Roles.LA_OFFICER)
    @Operation(operationId = "exportLaReturn", summary = "LA exchange: the pupils with an EHC plan in your LA's schools",
            description = """
                    For a local authority SEN officer: every pupil with an EHC plan open today at a school of your LA, \
                    whichever trust runs it, with the SEN2 items the register holds (Person, NamedPlan, SENneed and \
                    the school's URN), as CSV or as SEN2-style XML. Each trust sees in its audit which of its pupils \
                    were exported to the LA.""")
    @APIResponse(responseCode = "200", description = "The LA exchange file, as an attachment",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"SEN2_exchange_<LA>_<date>.<csv|xml>\"",
                    schema = @Schema(type = SchemaType.STRING,
                            examples = "attachment; filename=\"SEN2_exchange_801_2026-01-15.csv\"")),
            content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = MediaType.APPLICATION_XML, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    public Response la(@Parameter(description = "The file's format: csv (default) or xml (any case)",
            schema = @Schema(type = SchemaType.STRING, enumeration = { "csv", "xml" }, defaultValue = "csv"))
            @QueryParam("format") String format) {
        String kind = format == null || format.isBlank() ? "csv" : format.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("xml")) {
            throw ProblemException.invalid("format", "must be csv or xml");
        }
        List<Sen2Writer.Person> persons = exports.laExchange(kind);
        String la = caller.la();
        LocalDateTime now = register.now();
        String fileName = "SEN2_exchange_" + la + "_" + now.toLocalDate() + "." + kind;
        if (kind.equals("csv")) {
            return attachment(out -> Sen2Writer.csv(persons, out), CSV_UTF8, fileName);
        }
        return attachment(xml("the LA exchange", out -> Sen2Writer.xml(la, now, persons, out)), XML_UTF8, fileName);
    }

    private static Response attachment(StreamingOutput body, String type, String fileName) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    @FunctionalInterface
    private interface XmlBody {
        void write(OutputStream out) throws XMLStreamException;
    }

    /** The XML writer's failure as the I/O failure a streamed body may throw. */
    private static StreamingOutput xml(String what, XmlBody body) {
        return out -> {
            try {
                body.write(out);
            } catch (XMLStreamException e) {
                throw new IOException("Could not write " + what, e);
            }
        };
    }
}
