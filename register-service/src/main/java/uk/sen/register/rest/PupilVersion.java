package uk.sen.register.rest;

import java.util.UUID;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The parameters of every change to a pupil: which pupil, and the version of them the caller read (If-Match). */
public class PupilVersion {

    @PathParam("id")
    @Parameter(description = "The pupil's id")
    public UUID id;

    @HeaderParam("If-Match")
    @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
    public String ifMatch;
}
