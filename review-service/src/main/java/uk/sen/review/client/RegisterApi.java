package uk.sen.review.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The one thing review-service asks register-service directly: the names of the pupils in a list it is about to
 * answer, with the caller's own token, so the register applies the caller's scope and audits the read. Names are
 * never stored here nor carried by events (tolerant reader: only the fields read are declared).
 */
@RegisterRestClient(configKey = "register")
@Path("/api/v1/pupils")
public interface RegisterApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    PupilPage pupils(@HeaderParam("Authorization") String authorization, @QueryParam("id") List<String> ids,
            @QueryParam("size") int size);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PupilPage(List<Pupil> items) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Pupil(UUID id, String forename, String surname) {
    }
}
