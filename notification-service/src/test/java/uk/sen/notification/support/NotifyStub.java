package uk.sen.notification.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A stand-in for GOV.UK Notify's v2 API, only in tests, following its documented behaviour: it checks the bearer JWT
 * (HS256 with the API key's secret, iss = service id, iat within 30 seconds) with its own code, records every
 * request, answers 201 with id, reference, content and template, or Notify's documented errors
 * ({status_code, errors: [{error, message}]}), and reports the status a test sets for a notification.
 */
@Path("/notify-stub/v2/notifications")
@ApplicationScoped
public class NotifyStub {

    /** The service id and secret of the key configured for the riverside trust in %test. */
    public static final String SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506";
    public static final String SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0";

    public record Received(String type, JsonNode body, boolean tokenValid, String tokenProblem, String notificationId) {
    }

    @Inject
    ObjectMapper json;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> notifications = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();

    /** The next requests to this address or number are answered with these HTTP statuses, in order. */
    public void answerNext(String recipient, Integer... statuses) {
        scripted.computeIfAbsent(recipient, r -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    public void setStatus(String notificationId, String status) {
        statuses.put(notificationId, status);
    }

    public List<Received> receivedFor(String recipient) {
        return received.stream().filter(r -> recipient.equals(r.body().path("email_address").asText(null))
                || recipient.equals(r.body().path("phone_number").asText(null))).toList();
    }

    @POST
    @Path("/email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response email(@HeaderParam("Authorization") String authorization, String body) {
        return send("email", "email_address", authorization, body);
    }

    @POST
    @Path("/sms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response sms(@HeaderParam("Authorization") String authorization, String body) {
        return send("sms", "phone_number", authorization, body);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response notification(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        String problem = tokenProblem(authorization);
        if (problem != null) {
            return error(403, "AuthError", problem);
        }
        JsonNode sent = notifications.get(id);
        if (sent == null) {
            return error(404, "NoResultFound", "No result found");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("reference", sent.path("reference").asText(null));
        out.put("type", sent.has("phone_number") ? "sms" : "email");
        out.put("status", statuses.getOrDefault(id, "created"));
        out.put("template", Map.of("id", sent.path("template_id").asText(), "version", 1,
                "uri", "/v2/template/" + sent.path("template_id").asText() + "/1"));
        out.put("created_at", Instant.now().toString());
        return Response.ok(out).build();
    }

    private Response send(String type, String addressField, String authorization, String text) {
        JsonNode body;
        try {
            body = json.readTree(text);
        } catch (Exception e) {
            return error(400, "ValidationError", "body is not JSON");
        }
        String problem = tokenProblem(authorization);
        if (problem != null) {
            received.add(new Received(type, body, false, problem, null));
            return error(403, "AuthError", problem);
        }
        for (String required : List.of(addressField, "template_id")) {
            if (!body.hasNonNull(required)) {
                received.add(new Received(type, body, true, null, null));
                return error(400, "ValidationError", required + " is a required property");
            }
        }
        Deque<Integer> script = scripted.get(body.get(addressField).asText());
        Integer scriptedStatus = script == null ? null : script.poll();
        if (scriptedStatus != null && scriptedStatus != 201) {
            received.add(new Received(type, body, true, null, null));
            return switch (scriptedStatus) {
                case 400 -> error(400, "BadRequestError", "Can't send to this recipient using a team-only API key");
                case 429 -> error(429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds");
                default -> error(scriptedStatus, "Exception", "Internal server error");
            };
        }
        String id = UUID.randomUUID().toString();
        notifications.put(id, body);
        received.add(new Received(type, body, true, null, id));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("body", "MESSAGE TEXT");
        if ("email".equals(type)) {
            content.put("subject", "SUBJECT TEXT");
            content.put("from_email", "sen@notifications.service.gov.uk");
        } else {
            content.put("from_number", "SEN");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("reference", body.path("reference").asText(null));
        out.put("content", content);
        out.put("uri", "https://api.notifications.service.gov.uk/v2/notifications/" + id);
        out.put("template", Map.of("id", body.get("template_id").asText(), "version", 1,
                "uri", "https://api.notifications.service.gov.uk/v2/template/" + body.get("template_id").asText()));
        return Response.status(201).entity(out).type(MediaType.APPLICATION_JSON).build();
    }

    /** Why the bearer token is not one Notify would take, or null when it is. */
    String tokenProblem(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "Unauthorized: authentication token must be provided";
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return "Invalid token: signature, api token not found";
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            JsonNode header = json.readTree(b64.decode(parts[0]));
            JsonNode claims = json.readTree(b64.decode(parts[1]));
            if (!"HS256".equals(header.path("alg").asText()) || !"JWT".equals(header.path("typ").asText())) {
                return "Invalid token: algorithm used is not HS256";
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));
            if (!MessageDigest.isEqual(expected, b64.decode(parts[2]))) {
                return "Invalid token: signature, api token not found";
            }
            if (!SERVICE_ID.equals(claims.path("iss").asText())) {
                return "Invalid token: service not found";
            }
            if (!claims.path("iat").canConvertToLong()
                    || Math.abs(Instant.now().getEpochSecond() - claims.path("iat").asLong()) > 30) {
                return "Error: Your system clock must be accurate to within 30 seconds";
            }
            return null;
        } catch (Exception e) {
            return "Invalid token: signature, api token not found";
        }
    }

    private static Response error(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status_code", status, "errors", List.of(Map.of("error", error, "message", message))))
                .build();
    }
}
