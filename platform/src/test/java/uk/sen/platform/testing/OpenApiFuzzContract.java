package uk.sen.platform.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A fuzzer driven by the service's own OpenAPI document, as a hostile or careless client would be: for every
 * {@code /api} operation, a plausible request and then the same with NUL and huge strings, wrong types, extreme
 * numbers and dates, bad enum values, nulls in arrays, malformed and deeply nested JSON, non-UTF-8 and empty files,
 * path ids that are not ids, and no or a forged token. Every answer must be below 500, every error problem+json, and
 * an operation that changes data must leave the database exactly as it was when it refused every request.
 * Each service runs it through a {@code @QuarkusTest} subclass; it prints what it sent and how it was answered.
 */
public abstract class OpenApiFuzzContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NUL = "a\u0000b";
    private static final String HUGE = "x".repeat(100_000);
    private static final String LONG_PARAM = "y".repeat(2_000);
    private static final String FORGED = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4IiwidHJ1c3QiOiJub3J0aGJyaWRnZSJ9.";

    @Inject
    DataSource database;

    /**
     * Tables that change without a request (consumers, relays, schedulers): left out, or, named with a leading
     * {@code #}, watched only for new rows.
     */
    protected Set<String> unwatchedTables() {
        return Set.of();
    }

    /** A value that passes for a path parameter of this name, so that requests reach the code behind it. */
    protected String samplePathValue(String name) {
        String n = name.toLowerCase();
        if (n.contains("urn") || n.equals("school")) {
            return "900101";
        }
        if (n.equals("agency")) {
            return "HEALTH";
        }
        if (n.equals("key") || n.endsWith("key")) {
            return "meeting-invitation";
        }
        return UUID.randomUUID().toString();
    }

    private static final Set<String> ALWAYS_UNWATCHED = Set.of("flyway_schema_history", "audit_record",
            "handled_event");
    /** The relay marks its rows sent as it goes: only a new row would be a change. */
    private static final Set<String> WATCHED_BY_COUNT = Set.of("outbox_event");

    record Case(String what, String method, String path, Map<String, String> query, String contentType,
            byte[] body, String token) {
    }

    /** One operation of the document: its path, its method (upper case), its definition and its path item. */
    record Operation(String path, String method, JsonNode definition, JsonNode pathItem) {
    }

    /** The service's OpenAPI document, as served. */
    static JsonNode document() throws java.io.IOException {
        return JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asByteArray());
    }

    /** Every operation under /api/ of the document, in its order. */
    static List<Operation> apiOperations(JsonNode doc) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    operations.add(new Operation(path.getKey(), method, op.getValue(), path.getValue()));
                }
            }
        }
        return operations;
    }

    @Test
    public void everyOperationRefusesBadInputWithProblemDetailsAndChangesNothing() throws Exception {
        JsonNode doc = document();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        int operations = 0;
        int requests = 0;
        for (Operation operation : apiOperations(doc)) {
            String method = operation.method();
            operations++;
            List<Case> cases = cases(doc, operation.path(), method, operation.definition(), operation.pathItem());
            boolean changes = !method.equals("GET");
            Map<String, String> before = changes ? fingerprint() : Map.of();
            boolean accepted = false;
            for (Case c : cases) {
                Response r = send(c);
                requests++;
                int status = r.statusCode();
                byStatus.merge(status, 1, Integer::sum);
                String label = method + " " + operation.path() + " [" + c.what() + "]";
                if (status >= 500) {
                    failures.add(label + " answered " + status + ": " + abbreviate(r.asString()));
                } else if (status >= 400 && !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                    failures.add(label + " answered " + status + " as '" + r.contentType() + "', not problem+json");
                } else if (status < 400 && changes) {
                    accepted = true;
                }
            }
            if (changes && !accepted) {
                Map<String, String> after = fingerprint();
                for (String table : before.keySet()) {
                    if (!before.get(table).equals(after.get(table))) {
                        failures.add(method + " " + operation.path() + " refused every request but changed table "
                                + table);
                    }
                }
            }
        }
        System.out.printf("[fuzz] %d operations, %d requests; answers by status: %s%n", operations, requests, byStatus);
        assertTrue(operations > 0, "the OpenAPI document lists no /api operation");
        assertTrue(failures.isEmpty(), failures.size() + " answers broke the rules:\n" + String.join("\n", failures));
    }

    // ---- the cases of one operation ----------------------------------------------------------------------------

    private List<Case> cases(JsonNode doc, String template, String method, JsonNode op, JsonNode pathItem) {
        String token = tokenFor(op);
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        op.path("parameters").forEach(parameters::add);
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, JsonNode> queryParams = new LinkedHashMap<>();
        for (JsonNode p : parameters) {
            JsonNode param = resolve(doc, p);
            if ("path".equals(param.path("in").asText())) {
                pathValues.put(param.path("name").asText(), samplePathValue(param.path("name").asText()));
            } else if ("query".equals(param.path("in").asText())) {
                queryParams.put(param.path("name").asText(), resolve(doc, param.path("schema")));
            }
        }
        String path = fill(template, pathValues);
        JsonNode content = resolve(doc, op.path("requestBody")).path("content");
        String contentType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        boolean json = contentType != null && contentType.contains("json");
        JsonNode bodySchema = contentType == null ? NODES.missingNode()
                : resolve(doc, content.path(contentType).path("schema"));
        byte[] plausible = !json ? sampleFile(contentType) : bytes(sample(doc, bodySchema, 0));

        List<Case> cases = new ArrayList<>();
        cases.add(new Case("plausible", method, path, Map.of(), contentType, plausible, token));
        cases.add(new Case("no token", method, path, Map.of(), contentType, plausible, null));
        cases.add(new Case("forged token", method, path, Map.of(), contentType, plausible, FORGED));
        for (String name : pathValues.keySet()) {
            for (String bad : List.of(NUL, "not-an-id", "x".repeat(300), "..", " ")) {
                Map<String, String> values = new LinkedHashMap<>(pathValues);
                values.put(name, bad);
                cases.add(new Case("path " + name + "=" + abbreviate(bad), method, fill(template, values), Map.of(),
                        contentType, plausible, token));
            }
        }
        for (Map.Entry<String, JsonNode> q : queryParams.entrySet()) {
            for (String bad : List.of(NUL, LONG_PARAM, "", "-1", "99999999999999999999", "+999999999-12-31",
                    "2026-02-30", "NOT_A_VALUE", "true\u00e9")) {
                cases.add(new Case("query " + q.getKey() + "=" + abbreviate(bad), method, path,
                        Map.of(q.getKey(), bad), contentType, plausible, token));
            }
        }
        if (contentType != null && json) {
            cases.add(new Case("malformed JSON", method, path, Map.of(), contentType, bytes("{\"a\":"), token));
            cases.add(new Case("JSON array", method, path, Map.of(), contentType, bytes("[]"), token));
            cases.add(new Case("JSON number", method, path, Map.of(), contentType, bytes("12"), token));
            cases.add(new Case("JSON null", method, path, Map.of(), contentType, bytes("null"), token));
            cases.add(new Case("empty body", method, path, Map.of(), contentType, new byte[0], token));
            cases.add(new Case("deep nesting", method, path, Map.of(), contentType,
                    bytes("[".repeat(5_000) + "]".repeat(5_000)), token));
            cases.add(new Case("not JSON", method, path, Map.of(), "text/plain", bytes("hello"), token));
            JsonNode properties = bodySchema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> prop = it.next();
                JsonNode schema = resolve(doc, prop.getValue());
                for (Map.Entry<String, JsonNode> bad : badValues(doc, schema).entrySet()) {
                    ObjectNode body = sample(doc, bodySchema, 0) instanceof ObjectNode o ? o : NODES.objectNode();
                    body.set(prop.getKey(), bad.getValue());
                    cases.add(new Case("body " + prop.getKey() + " " + bad.getKey(), method, path, Map.of(),
                            contentType, bytes(body), token));
                }
            }
        } else if (contentType != null) {
            cases.add(new Case("empty file", method, path, Map.of(), contentType, new byte[0], token));
            cases.add(new Case("NUL bytes", method, path, Map.of(), contentType, new byte[] { 0, 0, 0, 10 }, token));
            cases.add(new Case("Latin-1 bytes", method, path, Map.of(), contentType,
                    "UPN,Surname\nA1,Zo\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), token));
            cases.add(new Case("binary junk", method, path, Map.of(), contentType, junk(), token));
        }
        return cases;
    }

    private static Map<String, JsonNode> badValues(JsonNode doc, JsonNode schema) {
        Map<String, JsonNode> bad = new LinkedHashMap<>();
        bad.put("null", NODES.nullNode());
        bad.put("NUL string", NODES.textNode(NUL));
        bad.put("huge string", NODES.textNode(HUGE));
        bad.put("object", NODES.objectNode().put("x", 1));
        bad.put("array of null", NODES.arrayNode().addNull());
        bad.put("huge number", NODES.numberNode(new java.math.BigDecimal("1e400")));
        bad.put("negative", NODES.numberNode(-2_147_483_649L));
        bad.put("extreme date", NODES.textNode("+999999999-12-31"));
        bad.put("ancient date", NODES.textNode("-0001-01-01"));
        bad.put("bad enum", NODES.textNode("NOT_A_VALUE"));
        if ("array".equals(schema.path("type").asText())) {
            JsonNode items = resolve(doc, schema.path("items"));
            ArrayNode withNull = NODES.arrayNode();
            withNull.add(sample(doc, items, 1));
            withNull.addNull();
            bad.put("array with a null", withNull);
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i < 2_000; i++) {
                many.add(sample(doc, items, 1));
            }
            bad.put("2,000 items", many);
        }
        return bad;
    }

    // ---- plausible values from the schemas --------------------------------------------------------------------

    static JsonNode sample(JsonNode doc, JsonNode schemaRef, int depth) {
        JsonNode schema = resolve(doc, schemaRef);
        if (depth > 4) {
            return NODES.nullNode();
        }
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return schema.path("enum").get(0);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("examples") && schema.path("examples").isArray() && schema.path("examples").size() > 0) {
            return schema.path("examples").get(0);
        }
        String type = schema.path("type").asText("");
        String format = schema.path("format").asText("");
        switch (type) {
            case "object": {
                ObjectNode o = NODES.objectNode();
                schema.path("properties").fields()
                        .forEachRemaining(p -> o.set(p.getKey(), sample(doc, p.getValue(), depth + 1)));
                return o;
            }
            case "array": {
                ArrayNode a = NODES.arrayNode();
                a.add(sample(doc, schema.path("items"), depth + 1));
                return a;
            }
            case "integer":
                return NODES.numberNode(30);
            case "number":
                return NODES.numberNode(1.5);
            case "boolean":
                return NODES.booleanNode(true);
            case "string":
                return switch (format) {
                    case "date" -> NODES.textNode(TestDates.today().minusDays(3).toString());
                    case "date-time" -> NODES.textNode(TestDates.eventTime().minusHours(1).toString());
                    case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                    case "email" -> NODES.textNode("fuzz@example.org");
                    default -> NODES.textNode("fuzz");
                };
            default:
                return schema.has("properties") ? sample(doc, ((ObjectNode) schema.deepCopy()).put("type", "object"), depth)
                        : NODES.objectNode();
        }
    }

    static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.path("$ref").asText();
            JsonNode target = doc;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            current = target;
        }
        if (current.has("allOf") && current.path("allOf").size() == 1) {
            return resolve(doc, current.path("allOf").get(0));
        }
        return current;
    }

    static byte[] sampleFile(String contentType) {
        if (contentType != null && contentType.contains("xml")) {
            return bytes("<?xml version=\"1.0\"?><CTfile><Header/></CTfile>");
        }
        return bytes("UPN,Surname,Forename\nA123,Fuzz,Test\n");
    }

    private static byte[] junk() {
        byte[] b = new byte[4096];
        new java.util.Random(42).nextBytes(b);
        return b;
    }

    // ---- sending and the database's state ---------------------------------------------------------------------

    static Response send(Case c) {
        RequestSpecification request = given().redirects().follow(false).urlEncodingEnabled(true);
        if (c.token() != null) {
            request.header("Authorization", "Bearer " + c.token());
        }
        if (c.method().equals("PUT") || c.method().equals("PATCH") || c.method().equals("DELETE")) {
            request.header("If-Match", "\"0\"");
        }
        if (c.body() != null && !c.method().equals("GET") && !c.method().equals("DELETE")) {
            request.contentType(c.contentType() == null ? "application/json" : c.contentType()).body(c.body());
        }
        // the path is sent as written: RestAssured would read {name} as a template and % as an escape
        StringBuilder url = new StringBuilder(c.path().replace("%", "%25").replace("\u0000", "%00").replace(" ", "%20"));
        char separator = '?';
        for (Map.Entry<String, String> q : c.query().entrySet()) {
            url.append(separator).append(java.net.URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return request.urlEncodingEnabled(false).request(c.method(), url.toString());
    }

    Map<String, String> fingerprint() throws Exception {
        return fingerprint(database, unwatchedTables());
    }

    /** Each watched table's rows, as a count and a digest; equal fingerprints mean nothing changed. */
    static Map<String, String> fingerprint(DataSource database, Set<String> unwatched) throws Exception {
        Map<String, String> tables = new TreeMap<>();
        try (Connection connection = database.getConnection(); Statement st = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = current_schema() and table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                if (ALWAYS_UNWATCHED.contains(name) || unwatched.contains(name)) {
                    continue;
                }
                String digest = WATCHED_BY_COUNT.contains(name) || unwatched.contains("#" + name) ? "''"
                        : "coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '')";
                try (ResultSet rs = st.executeQuery("select count(*) || ':' || " + digest + " from \"" + name + "\" t")) {
                    rs.next();
                    tables.put(name, rs.getString(1));
                }
            }
        }
        return tables;
    }

    private String tokenFor(JsonNode op) {
        List<String> roles = new ArrayList<>();
        op.path("x-roles").forEach(r -> roles.add(r.asText()));
        String role = roles.isEmpty() ? "senco" : roles.contains("senco") ? "senco" : roles.get(0);
        return switch (role) {
            case "teacher" -> Tokens.of("teacher.harbour");
            case "slt" -> Tokens.of("slt.harbour");
            case "trust-admin" -> Tokens.of("trust.admin");
            case "la-officer" -> Tokens.of("la.officer");
            case "integration" -> Tokens.mis();
            default -> Tokens.of("senco.harbour");
        };
    }

    static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replaceAll("\\{" + java.util.regex.Pattern.quote(v.getKey()) + "(:[^}]*)?\\}",
                    java.util.regex.Matcher.quoteReplacement(v.getValue()));
        }
        return path;
    }

    static byte[] bytes(Object value) {
        try {
            return value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String s) {
        String printable = s == null ? "" : s.replace("\u0000", "\\0").replace("\n", " ");
        return printable.length() > 160 ? printable.substring(0, 160) + "..." : printable;
    }
}
