package uk.sen.notification.rest;

import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The path of one template: its key and channel. */
public class TemplatePath {

    @PathParam("key")
    @Parameter(description = "The template key, as listed by listNotificationTemplates (one per kind of message)",
            example = "review-invitation")
    public String key;

    @PathParam("channel")
    @Parameter(description = "The channel the template is for", schema = @Schema(enumeration = { "EMAIL", "SMS" }))
    public String channel;
}
