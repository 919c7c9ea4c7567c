package uk.sen.register.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;
import uk.sen.platform.web.InputRules;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;
import uk.sen.register.domain.BroadArea;
import uk.sen.register.domain.NeedAreas;
import uk.sen.register.domain.NeedType;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.Pupil;
import uk.sen.register.domain.SenProvision;
import uk.sen.register.domain.SenRules.RankedNeed;
import uk.sen.register.domain.Upn;
import uk.sen.register.repository.PupilRepository;
import uk.sen.register.rest.RegisterDtos.CloseInput;
import uk.sen.register.rest.RegisterDtos.NeedView;
import uk.sen.register.rest.RegisterDtos.NeedsInput;
import uk.sen.register.rest.RegisterDtos.ProvisionInput;
import uk.sen.register.rest.RegisterDtos.ProvisionView;
import uk.sen.register.rest.RegisterDtos.PupilInput;
import uk.sen.register.rest.RegisterDtos.PupilView;
import uk.sen.register.service.RegisterService;
import uk.sen.register.service.RegisterService.PupilDetails;

@Path("/api/v1/pupils")
@Tag(name = "Pupils")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PupilResource {

    @Inject
    RegisterService register;

    @Inject
    PupilRepository pupils;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    Idempotency idempotency;

    @Inject
    NeedAreas areas;

    @GET
    @Transactional // the page, its total, its needs and its audit record: one connection, one commit
    // LA officers read pupils with plans through the LA exchange export, never the trust's register
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Operation(summary = "The register in name order, paged: filter by school, provision (N, K, E), need, broad "
            + "area, year group, name or UPN, as it stood on any date (asAt, default today). Walk it with the "
            + "next cursor of each page (after), or jump to a page number (page)")
    public Page<PupilView> list(@QueryParam("school") String school, @QueryParam("provision") String provision,
            @QueryParam("need") String need, @QueryParam("area") String area, @QueryParam("year") String year,
            @QueryParam("name") String name, @QueryParam("upn") String upn, @QueryParam("asAt") String asAt,
            @Parameter(description = "The next cursor of the previous page: the page after it")
            @QueryParam("after") String after, @Valid @BeanParam PageRequest page) {
        PupilRepository.Filter filter = filter(school, provision, need, area, year, name, upn, asAt);
        PupilRepository.Cursor cursor = cursor(after, page, filter);
        List<Object[]> rows = pupils.page(filter, cursor, page.offset(), page.size + 1);
        boolean more = rows.size() > page.size;
        if (more) {
            rows = rows.subList(0, page.size);
        }
        long total = pupils.count(filter);
        Map<UUID, List<Pupil.Need>> needs = pupils.needsOf(rows.stream().map(r -> ((Pupil) r[0]).id).toList());
        List<PupilView> items = rows.stream().map(r -> view((Pupil) r[0], (SenProvision) r[1],
                needs.getOrDefault(((Pupil) r[0]).id, List.of()))).toList();
        audit.record(AuditLog.LIST, "pupil", items.stream().map(p -> p.id().toString()).toList(),
                filter.trustId(), school, "register list" + (asAt == null ? "" : " as at " + asAt));
        String next = more ? PupilRepository.Cursor.token(((Pupil) rows.get(rows.size() - 1)[0]).id) : null;
        return Page.of(items, cursor == null ? page.page : null, page.size, total, next);
    }

    /**
     * Where the page after {@code after} starts. The token names only the last pupil of the previous page; their
     * place in the name order is read again here, and only within the list's trust, schools and school, so a
     * forged or stale token is refused the same way whether or not the pupil exists.
     */
    private PupilRepository.Cursor cursor(String after, PageRequest page, PupilRepository.Filter filter) {
        if (after == null) {
            return null;
        }
        if (page.page != 0) {
            throw ProblemException.invalid("after", "give either after or page, not both");
        }
        UUID last;
        try {
            last = PupilRepository.Cursor.pupilOf(after);
        } catch (IllegalArgumentException e) {
            last = null;
        }
        return (last == null ? Optional.<PupilRepository.Cursor>empty() : pupils.cursorAt(filter, last))
                .orElseThrow(() -> ProblemException.invalid("after",
                        "is not a cursor from this list: pass the next of a page as it is"));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION, Roles.LA_OFFICER })
    @Operation(summary = "One pupil with their current provision and needs")
    public Response get(@PathParam("id") UUID id) {
        Pupil pupil = register.visiblePupil(id);
        return ok(pupil);
    }

    @GET
    @Path("{id}/provisions")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION, Roles.LA_OFFICER })
    @Operation(summary = "The pupil's whole SEN provision history, oldest first")
    public List<ProvisionView> history(@PathParam("id") UUID id) {
        register.visiblePupil(id);
        return pupils.history(id).stream().map(PupilResource::view).toList();
    }

    @POST
    @Transactional // answered from inside the change's transaction, as every write is: see ok(Pupil)
    @RolesAllowed({ Roles.SENCO, Roles.INTEGRATION })
    @Operation(summary = "Put a pupil on the roll of one of your schools (UPN validated; send an Idempotency-Key)")
    public Response create(@NotNull @Valid PupilInput input, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.create(key, input, () -> {
            Pupil pupil = register.register(details(input));
            return new Idempotency.Created(URI.create("/api/v1/pupils/" + pupil.id), view(pupil), pupil.version);
        });
    }

    @PUT
    @Transactional // answered from inside the change's transaction: see ok(Pupil)
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.INTEGRATION })
    @Operation(summary = "Change a pupil's details (If-Match); a leaving date closes any open provision")
    public Response update(@PathParam("id") UUID id, @NotNull @Valid PupilInput input,
            @HeaderParam("If-Match") String ifMatch) {
        return ok(register.updateDetails(id, details(input), ifMatch));
    }

    @POST
    @Transactional // answered from inside the change's transaction: see ok(Pupil)
    @Path("{id}/provisions")
    @RolesAllowed({ Roles.SENCO, Roles.INTEGRATION })
    @Operation(summary = "Open SEN support (K) or an EHC plan (E), or change from one to the other (If-Match)")
    public Response open(@PathParam("id") UUID id, @NotNull @Valid ProvisionInput input,
            @HeaderParam("If-Match") String ifMatch) {
        return ok(register.openProvision(id, input.provision(), input.startDate(), needs(input.needs()),
                input.issuingLa(), input.planIssueDate(), ifMatch));
    }

    @POST
    @Transactional // answered from inside the change's transaction: see ok(Pupil)
    @Path("{id}/provisions/close")
    @RolesAllowed({ Roles.SENCO, Roles.INTEGRATION })
    @Operation(summary = "Close the open provision: the pupil leaves the register (N); history is kept (If-Match)")
    public Response close(@PathParam("id") UUID id, @NotNull @Valid CloseInput input,
            @HeaderParam("If-Match") String ifMatch) {
        return ok(register.close(id, input.endDate(), input.reason(), ifMatch));
    }

    @PUT
    @Transactional // answered from inside the change's transaction: see ok(Pupil)
    @Path("{id}/needs")
    @RolesAllowed({ Roles.SENCO, Roles.INTEGRATION })
    @Operation(summary = "Replace the ranked needs (rank 1 primary, rank 2 secondary) (If-Match)")
    public Response needs(@PathParam("id") UUID id, @NotNull @Valid NeedsInput input,
            @HeaderParam("If-Match") String ifMatch) {
        return ok(register.changeNeeds(id, needs(input.needs()), ifMatch));
    }

    // ---- mapping --------------------------------------------------------------------------------------------

    /**
     * The pupil as the change left them, with the version the change gave them. Called inside the change's
     * transaction: once it has committed the pupil's needs can no longer be loaded, and a change that had been
     * stored would have been answered with a 500 (and its retry with a 412).
     */
    private Response ok(Pupil pupil) {
        return Response.ok(view(pupil)).tag(Versions.etag(pupil.version)).build();
    }

    private PupilView view(Pupil pupil) {
        return view(pupil, pupils.openProvision(pupil.id).orElse(null), pupil.needs);
    }

    private PupilView view(Pupil p, SenProvision current, List<Pupil.Need> pupilNeeds) {
        List<NeedView> needs = pupilNeeds.stream().map(n -> {
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

    private PupilRepository.Filter filter(String school, String provision, String need, String area, String year,
            String name, String upn, String asAt) {
        Set<String> schools = null;
        String trust = caller.requireTrust();
        if (!caller.isTrustWide()) {
            schools = caller.schools();
        }
        if (school != null && schools != null && !schools.contains(school)) {
            throw ProblemException.notFound("School", school);
        }
        Provision p = null;
        if (provision != null) {
            try {
                p = Provision.valueOf(provision.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("provision", "must be N, K or E");
            }
        }
        Set<String> needs = null;
        if (need != null) {
            NeedType type = NeedType.parse(need);
            if (type == null) {
                throw ProblemException.invalid("need", "'" + need + "' is not a need type code");
            }
            needs = Set.of(type.name());
        }
        if (area != null) {
            BroadArea broad;
            try {
                broad = BroadArea.valueOf(area.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("area", "must be one of " + Arrays.toString(BroadArea.values()));
            }
            Set<String> inArea = new TreeSet<>();
            for (NeedType t : NeedType.values()) {
                if (areas.areaOf(t.name()) == broad && (needs == null || needs.contains(t.name()))) {
                    inArea.add(t.name());
                }
            }
            needs = inArea.isEmpty() ? Set.of("-") : inArea;
        }
        LocalDate date = asAt == null ? register.today() : InputRules.date("asAt", asAt.trim());
        return new PupilRepository.Filter(trust, schools, null, school, p, needs, year, name, upn, date);
    }
}
