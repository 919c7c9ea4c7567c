package uk.sen.register.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;
import uk.sen.register.domain.NeedAreas;
import uk.sen.register.domain.NeedType;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.Pupil;
import uk.sen.register.domain.SenProvision;
import uk.sen.register.domain.SenRules.RankedNeed;
import uk.sen.register.domain.Upn;
import uk.sen.register.rest.RegisterDtos.CloseInput;
import uk.sen.register.rest.RegisterDtos.NeedView;
import uk.sen.register.rest.RegisterDtos.NeedsInput;
import uk.sen.register.rest.RegisterDtos.ProvisionInput;
import uk.sen.register.rest.RegisterDtos.ProvisionView;
import uk.sen.register.rest.RegisterDtos.PupilInput;
import uk.sen.register.rest.RegisterDtos.PupilView;
import uk.sen.register.service.RegisterList;
import uk.sen.register.service.RegisterService;
import uk.sen.register.service.RegisterService.PupilDetails;
import uk.sen.register.service.RegisterService.PupilRecord;

@Path("/api/v1/pupils")
@Tag(name = "Pupils")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PupilResource {

    @Inject
    RegisterService register;

    @Inject
    RegisterList list;

    @Inject
    Idempotency idempotency;

    @Inject
    NeedAreas areas;

    @GET
    @Transactional // the page, its total, its needs and its audit record: one connection, one commit
    // LA officers read pupils with plans through the LA exchange export, never the trust's register
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Operation(operationId = "listPupils", summary = "The register in name order, paged and filtered",
            description = """
                    The pupils of your schools (of the whole trust for trust administrators and trust integrations) in \
                    name order (surname, forename), with the SEN provision each had and their current needs. Filter by \
                    school, provision (N, K, E), primary or secondary need, broad area of need, year group, part of a \
                    name or a UPN (current or former), and read the register as it stood on any date (asAt, default \
                    today). Walk the list with the `next` cursor of each page (pass it as `after`), which stays right \
                    while pupils are added, or jump to a page number (`page`); not both. Every list is audited with \
                    the pupils it showed.""")
    @APIResponseSchema(value = RegisterDtos.PupilPage.class, responseCode = "200",
            responseDescription = "One page of pupils")
    @APIResponse(responseCode = "404", description = "The school filter names a school that is not one of yours")
    public Page<PupilView> list(
            @Parameter(description = "Only this school (URN); it must be one of yours", example = "900101")
            @QueryParam("school") String school,
            @Parameter(description = """
                    Only pupils with this provision on the date: N (none), K (SEN support), E (EHC plan); S, A and P \
                    match legacy provisions of imported records""",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "N", "K", "E", "S", "A", "P" }))
            @QueryParam("provision") String provision,
            @Parameter(description = "Only pupils with this need type (primary or secondary)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "SLCN", "ASD", "SPLD", "MLD", "SLD",
                            "PMLD", "SEMH", "HI", "VI", "MSI", "PD", "DS", "OTH", "NSA" }))
            @QueryParam("need") String need,
            @Parameter(description = "Only pupils with a need in this broad area of need (with need: both must hold)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "COMMUNICATION_AND_INTERACTION",
                            "COGNITION_AND_LEARNING", "SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH", "SENSORY_AND_PHYSICAL",
                            "NONE" }))
            @QueryParam("area") String area,
            @Parameter(description = "Only this national curriculum year group",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "E1", "E2", "N1", "N2", "R", "1",
                            "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "X" }))
            @QueryParam("year") String year,
            @Parameter(description = "Only pupils whose surname or forename contains this text (any case)",
                    example = "sam")
            @QueryParam("name") String name,
            @Parameter(description = "Only the pupil with this UPN, current or former", example = "H801200001001")
            @QueryParam("upn") String upn,
            @Parameter(description = """
                    Only these pupils (their ids; repeat the parameter, at most 100): how another service or an app \
                    shows the names of the pupils in its own list, within your scope and audited like any list""")
            @QueryParam("id") List<String> ids,
            @Parameter(description = "The register as it stood on this day (yyyy-MM-dd); default today (Europe/London)",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("asAt") String asAt,
            @Parameter(description = """
                    The `next` cursor of the previous page, as it was given: the page after it. Not with page""")
            @QueryParam("after") String after, @Valid @BeanParam PageRequest page) {
        return list.page(new RegisterList.Filters(school, provision, need, area, year, name, upn, ids, asAt), after, page)
                .map(this::view);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION, Roles.LA_OFFICER })
    @Operation(operationId = "getPupil", summary = "One pupil with their current provision and needs",
            description = """
                    The pupil's details, the SEN provision open today and their ranked needs. The ETag is the version \
                    to send as If-Match to change the pupil. Staff of the trust read pupils of their schools; an LA \
                    officer reads a pupil with an open EHC plan at a school of their LA. Every read is audited.""")
    @APIResponseSchema(value = PupilView.class, responseCode = "200", responseDescription = "The pupil")
    public Response get(@Parameter(description = "The pupil's id") @PathParam("id") UUID id) {
        return ok(register.pupil(id));
    }

    @GET
    @Path("{id}/provisions")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION, Roles.LA_OFFICER })
    @Operation(operationId = "listPupilProvisions", summary = "The pupil's whole SEN provision history, oldest first",
            description = """
                    Every period of SEN provision the register holds for the pupil, closed and open, by start date: \
                    what was recorded here and what came with imported records (legacy S, A and P included). The same \
                    callers as for the pupil may read it; it is audited.""")
    @APIResponse(responseCode = "200", description = "The provisions, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ProvisionView.class)))
    public List<ProvisionView> history(@Parameter(description = "The pupil's id") @PathParam("id") UUID id) {
        return register.provisionHistory(id).stream().map(PupilResource::view).toList();
    }

    @POST
    @Transactional // answered from inside the change's transaction, as every write is: see ok(Pupil)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.INTEGRATION })
    @Operation(operationId = "registerPupil", summary = "Put a pupil on the roll of one of your schools",
            description = """
                    Adds a pupil to the roll of one of your schools, without SEN provision (N): open SEN support or an \
                    EHC plan afterwards. The UPN is checked (check letter, a recognised LA) and must be new in the \
                    trust; the sex, year group and dates follow the census rules. Send an Idempotency-Key so that a \
                    retry after a lost answer does not add the pupil twice. Audited.""")
    @APIResponseSchema(value = PupilView.class, responseCode = "201", responseDescription = "The pupil as registered")
    @APIResponse(responseCode = "409", description = "A pupil with this UPN is already on the roll of a school of the trust")
    public Response create(@NotNull @Valid PupilInput input,
            @Parameter(description = """
                    A key of your choosing, 1 to 200 characters, that makes a retry of this create safe""",
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200),
                    example = "3f1c9a52-registration-1")
            @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.create(key, input, () -> {
            PupilRecord pupil = register.register(details(input));
            return new Idempotency.Created(URI.create("/api/v1/pupils/" + pupil.pupil().id), view(pupil),
                    pupil.pupil().version);
        });
    }

    @PUT
    @Transactional // answered from inside the change's transaction: see ok(Pupil)
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.INTEGRATION })
    @Operation(operationId = "updatePupil", summary = "Change a pupil's details",
            description = """
                    Replaces the pupil's details (all of them, as for registering) at the version you read. Moving the \
                    pupil to another of your schools, or changing the year group or date of birth, is announced to the \
                    other services (event pupil-details-changed). A leaving date closes any open SEN provision on that \
                    day: the pupil leaves the register (event pupil-left-register) and their history is kept. The UPN \
                    may change to one not used in the trust. Audited.""")
    @APIResponseSchema(value = PupilView.class, responseCode = "200", responseDescription = "The pupil as changed")
    @APIResponse(responseCode = "409", description = "Another pupil of the trust already has this UPN")
    public Response update(@BeanParam PupilVersion pupil, @NotNull @Valid PupilInput input) {
        return ok(register.updateDetails(pupil.id, details(input), pupil.ifMatch));
    }

    @POST
    @Transactional // answered from inside the change's transaction: see ok(Pupil)
    @Path("{id}/provisions")
    @RolesAllowed({ Roles.SENCO, Roles.INTEGRATION })
    @Operation(operationId = "openProvision", summary = "Open SEN support (K) or an EHC plan (E), or change from one to the other",
            description = """
                    Puts the pupil on the SEN register from the start date with their ranked needs, or changes their \
                    provision from K to E or E to K: the open provision ends the day the new one starts. An EHC plan \
                    needs the issuing LA and the plan's issue date; SEN support has neither. The start date is not in \
                    the future, nor before the date of birth or the start of the provision it replaces. Refused (422) \
                    for a pupil who has left, or when the same provision is already open (change the needs instead). \
                    Announced to the other services: event pupil-registered when the pupil had no provision, \
                    provision-changed otherwise. Audited.""")
    @APIResponseSchema(value = PupilView.class, responseCode = "200",
            responseDescription = "The pupil with the provision open")
    public Response open(@BeanParam PupilVersion pupil, @NotNull @Valid ProvisionInput input) {
        return ok(register.openProvision(pupil.id, input.provision(), input.startDate(), needs(input.needs()),
                input.issuingLa(), input.planIssueDate(), pupil.ifMatch));
    }

    @POST
    @Transactional // answered from inside the change's transaction: see ok(Pupil)
    @Path("{id}/provisions/close")
    @RolesAllowed({ Roles.SENCO, Roles.INTEGRATION })
    @Operation(operationId = "closeProvision", summary = "Close the open provision: the pupil leaves the register (N)",
            description = """
                    Ends the pupil's open SEN support or EHC plan on the end date, with the reason: the pupil is back \
                    to N, their needs are cleared, and the history is kept. The end date is not before the provision's \
                    start nor in the future. Refused (422) when nothing is open. Announced to the other services \
                    (event pupil-left-register). Audited.""")
    @APIResponseSchema(value = PupilView.class, responseCode = "200",
            responseDescription = "The pupil without SEN provision")
    public Response close(@BeanParam PupilVersion pupil, @NotNull @Valid CloseInput input) {
        return ok(register.close(pupil.id, input.endDate(), input.reason(), pupil.ifMatch));
    }

    @PUT
    @Transactional // answered from inside the change's transaction: see ok(Pupil)
    @Path("{id}/needs")
    @RolesAllowed({ Roles.SENCO, Roles.INTEGRATION })
    @Operation(operationId = "replacePupilNeeds", summary = "Replace the ranked needs (rank 1 primary, rank 2 secondary)",
            description = """
                    Replaces the pupil's needs from today: a primary need (rank 1) and optionally a secondary one \
                    (rank 2), each a different need type code; NSA only with SEN support (K). A pupil with K or E must \
                    keep a primary need; a pupil without provision (N) has none. The earlier needs stay in the history \
                    the register is read by as at a date. Announced to the other services (event needs-changed). \
                    Audited.""")
    @APIResponseSchema(value = PupilView.class, responseCode = "200",
            responseDescription = "The pupil with the new needs")
    public Response needs(@BeanParam PupilVersion pupil, @NotNull @Valid NeedsInput input) {
        return ok(register.changeNeeds(pupil.id, needs(input.needs()), pupil.ifMatch));
    }

    // ---- mapping --------------------------------------------------------------------------------------------

    /**
     * The pupil as the change left them, with the version the change gave them. Called inside the change's
     * transaction: once it has committed the pupil's needs can no longer be loaded, and a change that had been
     * stored would have been answered with a 500 (and its retry with a 412).
     */
    private Response ok(PupilRecord pupil) {
        return Response.ok(view(pupil)).tag(Versions.etag(pupil.pupil().version)).build();
    }

    private PupilView view(PupilRecord record) {
        Pupil p = record.pupil();
        SenProvision current = record.current();
        List<NeedView> needs = record.needs().stream().map(n -> {
            NeedType type = NeedType.parse(n.needCode);
            return new NeedView(n.rank, n.needCode, type == null ? n.needCode : type.description,
                    areas.areaOf(n.needCode).label);
        }).toList();
        return new PupilView(p.id, p.trustId, p.schoolUrn, p.upn, p.formerUpn, Upn.isTemporary(p.upn), p.forename,
                p.surname, p.dateOfBirth, p.sex, p.ncYear, p.onRollDate, p.leavingDate,
                current == null ? Provision.N.name() : current.provision.name(),
                current == null ? null : view(current), needs, p.version);
    }

    static ProvisionView view(SenProvision s) {
        return new ProvisionView(s.id, s.provision.name(), s.provision.meaning, s.startDate, s.endDate, s.endReason,
                s.issuingLa, s.planIssueDate);
    }

    private static PupilDetails details(PupilInput in) {
        return new PupilDetails(in.upn().trim().toUpperCase(), in.formerUpn() == null ? null : in.formerUpn().trim().toUpperCase(),
                in.forename(), in.surname(), in.dateOfBirth(), in.sex(), in.ncYear(), in.schoolUrn(), in.onRollDate(),
                in.leavingDate());
    }

    private static List<RankedNeed> needs(List<RegisterDtos.NeedInput> in) {
        return in.stream().map(n -> new RankedNeed(n.rank(), n.code())).toList();
    }
}
