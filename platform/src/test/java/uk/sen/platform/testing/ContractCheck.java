package uk.sen.platform.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds the service's OpenAPI document to what the service really answers, in every {@code @QuarkusTest} of every
 * service: each answer to an {@code /api} request sent through RestAssured must have a status the operation
 * documents, a JSON body of a 2xx that validates against the documented schema (types, formats, enums, nullability),
 * and only headers of the contract ({@code ETag}, {@code Location}, {@code Idempotent-Replayed}) that the answer
 * documents. A mismatch fails the test that made the request, naming the operation and what differs. Registered for
 * every test by the Quarkus test callback (META-INF/services); statuses the HTTP layer answers for any request
 * (405, 406, 414, 431) and server errors (the fuzz test fails those) are not the operation's to document.
 */
public final class ContractCheck implements Filter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> ANY_REQUEST = Set.of(405, 406, 414, 431);
    private static final List<String> CONTRACT_HEADERS = List.of("ETag", "Location", "Idempotent-Replayed");
    private static final ContractCheck INSTANCE = new ContractCheck();

    private final Map<String, Document> documents = new ConcurrentHashMap<>();

    /** Installs the check before each test (RestAssured's filters are global and survive between tests). */
    public static class Install implements QuarkusTestBeforeEachCallback {
        @Override
        public void beforeEach(QuarkusTestMethodContext context) {
            if (!RestAssured.filters().contains(INSTANCE)) {
                RestAssured.filters(INSTANCE);
            }
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        // only the service under test (not, say, the SMTP server's mailbox API), by the path really sent: the HTTP
        // client resolves dot segments (/templates/x/.. is /templates/)
        java.net.URI sent;
        try {
            sent = java.net.URI.create(request.getURI()).normalize();
        } catch (IllegalArgumentException e) {
            return response; // an address no client could send (the fuzz test's raw NUL), answered by the HTTP layer
        }
        String path = sent.getRawPath();
        if (sent.getPort() != RestAssured.port || path == null || !path.startsWith("/api/")) {
            return response;
        }
        int status = response.statusCode();
        if (status >= 500 || ANY_REQUEST.contains(status)) {
            return response;
        }
        String base = sent.getScheme() + "://" + sent.getAuthority();
        Document doc = documents.computeIfAbsent(base, Document::load);
        Operation op = doc.find(request.getMethod(), path);
        if (op == null) {
            return response;
        }
        List<String> problems = new ArrayList<>();
        JsonNode answer = op.definition().path("responses").path(String.valueOf(status));
        if (answer.isMissingNode()) {
            answer = op.definition().path("responses").path("default");
        }
        if (answer.isMissingNode()) {
            problems.add("answered " + status + ", which the document does not list (it lists "
                    + fieldNames(op.definition().path("responses")) + ")");
        } else if (status < 300) {
            for (String header : CONTRACT_HEADERS) {
                if (response.getHeader(header) != null && answer.path("headers").path(header).isMissingNode()) {
                    problems.add("sent the header " + header + ", which its " + status + " answer does not document");
                }
            }
            String type = String.valueOf(response.getContentType());
            JsonNode schema = answer.path("content").path("application/json").path("schema");
            if (type.startsWith("application/json") && !schema.isMissingNode() && !response.asString().isEmpty()) {
                problems.addAll(doc.validate(schema, response.asString()));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("The OpenAPI document of " + request.getMethod() + " " + op.template()
                    + " does not describe the answer to " + request.getURI() + ": " + String.join("; ", problems) + "\nanswer: "
                    + abbreviate(response.asString()));
        }
        return response;
    }

    record Operation(String template, Pattern pattern, int literalSegments, JsonNode definition) {
    }

    private static final class Document {
        private final JsonNode doc;
        private final List<Operation> operations = new ArrayList<>();
        private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        private final Map<JsonNode, JsonSchema> schemas = new ConcurrentHashMap<>();

        Document(JsonNode doc) {
            this.doc = doc;
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                String regex = "^" + Pattern.quote(path.getKey()).replaceAll("\\{[^}]+\\}", "\\\\E[^/]+\\\\Q") + "/?$";
                int literal = (int) java.util.Arrays.stream(path.getKey().split("/")).filter(s -> !s.startsWith("{")).count();
                path.getValue().fields().forEachRemaining(m -> operations.add(new Operation(m.getKey().toUpperCase() + " "
                        + path.getKey(), Pattern.compile(regex), literal, m.getValue())));
            }
            // a literal segment beats a template: /pupils/import before /pupils/{id}
            operations.sort(Comparator.comparingInt(Operation::literalSegments).reversed());
        }

        static Document load(String base) {
            try {
                return new Document(JSON.readTree(RestAssured.given().baseUri(base).noFilters()
                        .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asByteArray()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("no OpenAPI document at " + base, e);
            }
        }

        Operation find(String method, String path) {
            String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            for (Operation op : operations) {
                if (op.template().startsWith(method.toUpperCase() + " ") && op.pattern().matcher(bare).matches()) {
                    return new Operation(op.template().substring(method.length() + 1), op.pattern(), op.literalSegments(),
                            op.definition());
                }
            }
            return null;
        }

        List<String> validate(JsonNode schemaNode, String body) {
            JsonSchema schema = schemas.computeIfAbsent(schemaNode, this::compile);
            JsonNode value;
            try {
                value = JSON.readTree(body);
            } catch (java.io.IOException e) {
                return List.of("the body is not JSON");
            }
            Set<ValidationMessage> errors = schema.validate(value);
            return errors.stream().map(ValidationMessage::getMessage).sorted().limit(10).collect(Collectors.toList());
        }

        /** The operation's schema with the document's components as {@code $defs}, as a JSON Schema 2020-12. */
        private JsonSchema compile(JsonNode schemaNode) {
            ObjectNode root = JSON.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("$defs", doc.path("components").path("schemas"));
            root.set("allOf", JSON.createArrayNode().add(schemaNode));
            try {
                JsonNode rewritten = JSON.readTree(JSON.writeValueAsString(root).replace("#/components/schemas/", "#/$defs/"));
                return factory.getSchema(rewritten, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
