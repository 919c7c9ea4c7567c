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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;

@Path("/api/v1/me")
@Authenticated
@Tag(name = "Caller")
public class MeResource {

    public record Me(@Schema(examples = "register-service") String service, @Schema(examples = "senco.academy") String username,
            @Schema(examples = "[\"senco\"]") List<String> roles,
            @Schema(nullable = true, description = "The caller's trust (none for an LA officer)", examples = "northbridge") String trust,
            @Schema(description = "The schools (URNs) a school role acts for") Set<String> schools,
            @Schema(nullable = true, description = "The LA code of an LA officer", examples = "801") String la) {
    }

    @Inject
    CallerScope caller;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMe", summary = "The caller's scope as this service sees it",
            description = """
                    Roles, trust, schools and LA as read from the access token: what every list and record of this \
                    service is limited to. Useful to check a client's token before its first real call.""")
    public Me me() {
        return new Me(service, caller.username(), caller.roles(), caller.trustId(), caller.schools(), caller.la());
    }
}
