package uk.sen.platform.mechanics;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;

/** A resource of the tests only: a create behind {@link Idempotency}, and each kind of refusal a service throws. */
@Path("/test/mechanics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MechanicsResource {

    public record WidgetInput(@NotBlank @Size(max = 20) String name) {
    }

    /** How many times a create really ran (a replay must not run it). */
    static final AtomicInteger CREATED = new AtomicInteger();

    @Inject
    Idempotency idempotency;

    @POST
    @Path("widgets")
    @RolesAllowed(Roles.SENCO)
    public Response create(@Valid WidgetInput in, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.create(key, in, () -> {
            int n = CREATED.incrementAndGet();
            return new Idempotency.Created(URI.create("/test/mechanics/widgets/" + n), Map.of("name", in.name(), "n", n), 1);
        });
    }

    @GET
    @Path("refusals/{kind}")
    @RolesAllowed(Roles.SENCO)
    public Response refuse(@PathParam("kind") String kind) {
        throw switch (kind) {
            case "invalid" -> ProblemException.invalid("school", "must be a URN of one of your schools");
            case "not-found" -> ProblemException.notFound("Pupil", "123");
            case "conflict" -> ProblemException.conflict("The UPN is already on the register.");
            case "unexpected" -> new IllegalStateException("secret detail: jdbc:postgresql://db/register password=x");
            default -> new jakarta.ws.rs.NotFoundException();
        };
    }
}
