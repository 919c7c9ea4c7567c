package uk.sen.notification.delivery;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The GOV.UK Notify v2 endpoints the service uses; built per trust's base URL by {@link NotifyProvider}. */
@Path("/v2/notifications")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface NotifyApi {

    @POST
    @Path("/email")
    Response sendEmail(@HeaderParam("Authorization") String authorization, Map<String, Object> body);

    @POST
    @Path("/sms")
    Response sendSms(@HeaderParam("Authorization") String authorization, Map<String, Object> body);

    @GET
    @Path("/{id}")
    Response notification(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
}
