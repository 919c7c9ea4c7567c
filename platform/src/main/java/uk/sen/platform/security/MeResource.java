package uk.sen.platform.security;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;

@Path("/api/v1/me")
@Authenticated
@Tag(name = "Caller")
public class MeResource {

    public record Me(String service, String username, List<String> roles, String trust, Set<String> schools, String la) {
    }

    @Inject
    CallerScope caller;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's scope as this service sees it: roles, trust, schools and LA from the token")
    public Me me() {
        return new Me(service, caller.username(), caller.roles(), caller.trustId(), caller.schools(), caller.la());
    }
}
