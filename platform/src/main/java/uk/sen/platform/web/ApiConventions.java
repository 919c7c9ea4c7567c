package uk.sen.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

import uk.sen.platform.problem.Problem;
import uk.sen.platform.security.Roles;

/**
 * Writes the conventions every operation of every service shares into the OpenAPI document, once, so that the
 * resources declare only what is theirs (operation id, summary, description, success answer and schemas):
 * <ul>
 * <li>the errors it can answer, each {@code application/problem+json} with the one {@code Problem} schema: 400 when
 * it takes input, 401 and 403 when it needs a sign-in, 404 when its path names a record, 412 and 428 when it takes
 * {@code If-Match}, 413 and 415 when it takes a body, 422 when it applies rules to a body or an idempotency key;</li>
 * <li>the headers it sends: {@code ETag} with a versioned record, {@code Location} with a 201 (and with the 202
 * of an import job, with {@code Preference-Applied}),
 * {@code Idempotent-Replayed} where an {@code Idempotency-Key} is taken;</li>
 * <li>who may call it: the {@code @RolesAllowed} roles in words in the description and as {@code x-roles}, the
 * security requirement without scopes (realm roles are not OAuth scopes);</li>
 * <li>in the records the services answer with (and do not take as input), every property that is never null is
 * required, so a generated client types it as always present;</li>
 * <li>one OAuth 2 security scheme, the authorization code flow of the realm (Swagger UI signs in with PKCE);
 * {@link RuntimeUrls} points it at the provider the service really uses.</li>
 * </ul>
 * The services' tests check the document against the live answers (uk.sen.platform.testing.ContractCheck) and
 * Spectral lints it (deploy/check-api.sh).
 */
// the lowest priority: after every other filter (a service's own included), so what they add keeps the conventions
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = Integer.MIN_VALUE)
public class ApiConventions implements OASFilter {

    public static final String SCHEME = "keycloak";
    static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final String ROLES_EXTENSION = "x-roles";

    private static final Map<String, String> ROLE_WORDS = Map.of(
            Roles.SENCO, "SENCOs",
            Roles.SEN_ADMIN, "SEN administrators",
            Roles.TEACHER, "teachers",
            Roles.SLT, "senior leaders (SLT)",
            Roles.TRUST_ADMIN, "trust administrators",
            Roles.LA_OFFICER, "local authority SEN officers",
            Roles.INTEGRATION, "trust integrations (client credentials)");

    private static final Map<String, String> ERRORS = new LinkedHashMap<>();
    static {
        ERRORS.put("400", "The request is malformed or a value is invalid; `violations` names each field and why");
        ERRORS.put("401", "No valid access token for this platform");
        ERRORS.put("403", "Signed in, but your role may not do this");
        ERRORS.put("404", "No such record in your scope (a record of another school or trust is not found either)");
        ERRORS.put("409", "The change conflicts with the record's current state");
        ERRORS.put("412", "`If-Match` names an older version: read the record again, then retry");
        ERRORS.put("413", "The body is larger than this operation accepts");
        ERRORS.put("415", "The body is not of a media type this operation accepts");
        ERRORS.put("422", "Well-formed, but it breaks a rule (or the `Idempotency-Key` was used with another body)");
        ERRORS.put("428", "`If-Match` is required: send the `ETag` of the version you read");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        problemSchemas(openAPI);
        securityScheme(openAPI, ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.auth-server-url", String.class).orElse("http://127.0.0.1:8180/realms/sen"));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().forEach((method, operation) -> operation(openAPI, path, method, operation));
            }
        });
        requireWhatIsAlwaysSent(openAPI);
        if (openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(ApiConventions::nullInNullableEnums);
            // in name order, so every build writes the same document whatever order the filters ran in
            openAPI.getComponents().setSchemas(new java.util.TreeMap<>(openAPI.getComponents().getSchemas()));
        }
    }

    /** A nullable property with an enumeration lists null among its values, or a null value would not validate. */
    private static void nullInNullableEnums(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getEnumeration() != null && schema.getType() != null && schema.getType().contains(Schema.SchemaType.NULL)
                && !schema.getEnumeration().contains(null)) {
            List<Object> values = new ArrayList<>(schema.getEnumeration());
            values.add(null);
            schema.setEnumeration(values);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(ApiConventions::nullInNullableEnums);
        }
        nullInNullableEnums(schema.getItems());
    }

    /**
     * In each record only answered (never taken as input), the properties that are not nullable are required: the
     * services always send them (Jackson writes every property, and the few left out when null are nullable). The
     * tests' ContractCheck validates every answer against this.
     */
    private static void requireWhatIsAlwaysSent(OpenAPI doc) {
        Map<String, Schema> components = doc.getComponents().getSchemas();
        if (components == null) {
            return;
        }
        Set<String> answered = new LinkedHashSet<>();
        Set<String> taken = new LinkedHashSet<>();
        doc.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getResponses() != null) {
                op.getResponses().getAPIResponses().forEach((code, response) -> {
                    if (code.startsWith("2") && response.getContent() != null) {
                        response.getContent().getMediaTypes().values()
                                .forEach(m -> reach(components, m.getSchema(), answered));
                    }
                });
            }
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                op.getRequestBody().getContent().getMediaTypes().values().forEach(m -> reach(components, m.getSchema(), taken));
            }
            if (op.getParameters() != null) {
                op.getParameters().forEach(p -> reach(components, p.getSchema(), taken));
            }
        }));
        answered.removeAll(taken);
        for (String name : answered) {
            Schema schema = components.get(name);
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            Set<String> required = new LinkedHashSet<>(schema.getRequired() == null ? List.of() : schema.getRequired());
            schema.getProperties().forEach((property, definition) -> {
                if (!nullable(definition)) {
                    required.add(property);
                }
            });
            schema.setRequired(new ArrayList<>(required));
        }
    }

    private static void reach(Map<String, Schema> components, Schema schema, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            if (names.add(name)) {
                reach(components, components.get(name), names);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> reach(components, p, names));
        }
        reach(components, schema.getItems(), names);
        if (schema.getAdditionalPropertiesSchema() != null) {
            reach(components, schema.getAdditionalPropertiesSchema(), names);
        }
        for (List<Schema> all : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (all != null) {
                all.forEach(s -> reach(components, s, names));
            }
        }
    }

    private static boolean nullable(Schema property) {
        if (property.getType() != null && property.getType().contains(Schema.SchemaType.NULL)) {
            return true;
        }
        for (List<Schema> any : java.util.Arrays.asList(property.getAnyOf(), property.getOneOf())) {
            if (any != null && any.stream().anyMatch(s -> s.getType() != null && s.getType().contains(Schema.SchemaType.NULL))) {
                return true;
            }
        }
        return false;
    }

    private void operation(OpenAPI doc, String path, PathItem.HttpMethod method, Operation op) {
        if (op.getParameters() != null) {
            op.setParameters(new ArrayList<>(op.getParameters().stream()
                    .filter(p -> !(p.getIn() == Parameter.In.HEADER && "Content-Length".equalsIgnoreCase(p.getName())))
                    .toList()));
        }
        boolean secured = roles(op);
        boolean body = op.getRequestBody() != null;
        boolean ifMatch = hasHeader(op, "If-Match");
        boolean idempotent = hasHeader(op, Idempotency.HEADER);
        boolean hasParams = op.getParameters() != null && !op.getParameters().isEmpty();
        Set<String> codes = new LinkedHashSet<>();
        if (hasParams || body) {
            codes.add("400");
        }
        if (secured) {
            codes.add("401");
            codes.add("403");
        }
        if (path.contains("{")) {
            codes.add("404");
        }
        if (ifMatch) {
            codes.addAll(List.of("412", "428"));
        }
        if (body) {
            codes.addAll(List.of("413", "415", "422"));
        } else if (idempotent) {
            codes.add("422");
        }
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        for (String code : codes) {
            if (op.getResponses().getAPIResponse(code) == null) {
                op.getResponses().addAPIResponse(code, OASFactory.createAPIResponse());
            }
        }
        op.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                problem(code, response);
            } else if (code.startsWith("2")) {
                success(doc, code, response, ifMatch, idempotent);
            }
        });
        // in status order, so the document does not depend on how a resource declares its answers
        op.getResponses().setAPIResponses(new java.util.TreeMap<>(op.getResponses().getAPIResponses()));
    }

    /** Roles in words and as {@code x-roles}; the requirement without scopes. False when no sign-in is needed. */
    private boolean roles(Operation op) {
        if (op.getSecurity() == null || op.getSecurity().isEmpty() || op.getSecurity().stream()
                .allMatch(r -> r.getSchemes() == null || r.getSchemes().isEmpty())) {
            // no sign-in (a token in the address, as the calendar feed): no requirement, no 401 or 403
            op.setSecurity(new ArrayList<>());
            return false;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (SecurityRequirement requirement : op.getSecurity()) {
            if (requirement.getSchemes() != null) {
                requirement.getSchemes().values().forEach(roles::addAll);
            }
        }
        if (op.getExtensions() != null && op.getExtensions().get(ROLES_EXTENSION) instanceof List<?> stated) {
            stated.forEach(r -> roles.add(r.toString()));
        }
        op.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME))));
        op.addExtension(ROLES_EXTENSION, new ArrayList<>(roles));
        String who = roles.isEmpty() ? "any signed-in user of the platform"
                : String.join(", ", roles.stream().map(r -> ROLE_WORDS.getOrDefault(r, r)).toList());
        String sentence = "Who may call: " + who + ".";
        String description = op.getDescription() == null ? "" : op.getDescription().strip();
        if (!description.contains("Who may call:")) {
            op.setDescription(description.isEmpty() ? sentence : description + "\n\n" + sentence);
        }
        return true;
    }

    private static boolean hasHeader(Operation op, String name) {
        return op.getParameters() != null && op.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(p.getName()));
    }

    private static void problem(String code, APIResponse response) {
        String words = ERRORS.get(code);
        if (words != null && (response.getDescription() == null || response.getDescription().isBlank()
                || Set.of("Bad Request", "Not Authorized", "Not Allowed", "Not Found").contains(response.getDescription()))) {
            response.setDescription(words);
        } else if (response.getDescription() == null) {
            response.setDescription("Refused");
        }
        response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
    }

    private static void success(OpenAPI doc, String code, APIResponse response, boolean ifMatch, boolean idempotent) {
        if (!code.equals("204") && (ifMatch || versioned(doc, response.getContent()))) {
            header(response, "ETag", "The version of the record in this answer; send it back as `If-Match` to change it",
                    "\"3\"");
        }
        if (code.equals("201")) {
            header(response, "Location", "Where the created record is read", null);
        }
        if (code.equals("202") && refersTo(response.getContent(), "ImportJob")) {
            header(response, "Location", "The import job: GET it for progress and, at the end, the report", null);
            header(response, "Preference-Applied", "`respond-async`: the import runs as a job", "respond-async");
        }
        if (idempotent) {
            header(response, "Idempotent-Replayed",
                    "`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`", "true");
        }
    }

    /** An answer whose JSON schema is the named component. */
    private static boolean refersTo(Content content, String component) {
        return content != null && content.getMediaType("application/json") != null
                && content.getMediaType("application/json").getSchema() != null
                && ("#/components/schemas/" + component).equals(content.getMediaType("application/json").getSchema()
                        .getRef());
    }

    /** An answer whose schema is a record with a {@code version}: such answers carry the version as an ETag. */
    private static boolean versioned(OpenAPI doc, Content content) {
        if (content == null || content.getMediaType("application/json") == null) {
            return false;
        }
        Schema schema = content.getMediaType("application/json").getSchema();
        for (int i = 0; schema != null && schema.getRef() != null && i < 5; i++) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            schema = doc.getComponents().getSchemas() == null ? null : doc.getComponents().getSchemas().get(name);
        }
        return schema != null && schema.getProperties() != null && schema.getProperties().containsKey("version");
    }

    private static void header(APIResponse response, String name, String description, String example) {
        if (response.getHeaders() != null && response.getHeaders().containsKey(name)) {
            return;
        }
        Header header = OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        if (example != null) {
            header.setExample(example);
        }
        response.addHeader(name, header);
    }

    private static void problemSchemas(OpenAPI doc) {
        if (doc.getComponents().getSchemas() != null && doc.getComponents().getSchemas().containsKey("Problem")) {
            return;
        }
        doc.getComponents().addSchema("Violation", OASFactory.createSchema()
                .description("One reason a request was refused").addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The JSON path, query parameter, header or CSV column").addExample("needs[0].code"))
                .addProperty("reason", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("Why, in words").addExample("must be one of ASD, HI, MLD, MSI, OTH, PD, PMLD, SEMH, SLCN, SLD, SPLD, VI, NSA"))
                .required(List.of("field", "reason")));
        doc.getComponents().addSchema("Problem", OASFactory.createSchema()
                .description("RFC 9457 problem details: every error of the platform has this shape")
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("type", text().description("A URI naming the kind of problem")
                        .addExample("urn:uk-sen:problem:validation"))
                .addProperty("title", text().description("The kind of problem, in words").addExample("Request is not valid"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .format("int32").description("The HTTP status").addExample(400))
                .addProperty("detail", text().description("What was wrong with this request, in words"))
                .addProperty("instance", text().description("The path of the request"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Each field that was refused, when there are any")
                        .items(OASFactory.createSchema().ref("#/components/schemas/Violation")))
                .addProperty("errorId", text()
                        .description("An id to quote to support for an unexpected error; the server's log has the rest"))
                .required(List.of("type", "title", "status")));
    }

    private static Schema text() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    /** The realm's authorization code flow (PKCE), the only flow Swagger UI offers. */
    public static void securityScheme(OpenAPI doc, String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        OAuthFlow code = OASFactory.createOAuthFlow()
                .authorizationUrl(base + "/protocol/openid-connect/auth")
                .tokenUrl(base + "/protocol/openid-connect/token")
                .refreshUrl(base + "/protocol/openid-connect/token")
                .scopes(new LinkedHashMap<>());
        SecurityScheme scheme = OASFactory.createSecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("An access token of the realm with the audience `sen-api`, sent as `Authorization: Bearer`."
                        + " People sign in with the authorization code flow and PKCE (Swagger UI uses the client"
                        + " `sen-swagger`); a trust's systems use the client credentials grant of their own client."
                        + " What each role may do is stated on each operation; docs/api.md says how to get a token.")
                .flows(OASFactory.createOAuthFlows().authorizationCode(code));
        Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
        schemes.put(SCHEME, scheme);
        doc.getComponents().setSecuritySchemes(schemes);
    }

    /** At start-up, the security scheme's URLs point at the provider this deployment uses (OIDC_URL). */
    @OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
    public static class RuntimeUrls implements OASFilter {
        @Override
        public void filterOpenAPI(OpenAPI openAPI) {
            ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                    .ifPresent(issuer -> securityScheme(openAPI, issuer));
        }
    }
}
