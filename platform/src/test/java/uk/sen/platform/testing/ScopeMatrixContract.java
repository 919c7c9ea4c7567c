package uk.sen.platform.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

/**
 * Every operation of the service that takes an id, tried on a real record of Harbour Primary (900101, trust
 * northbridge) by callers who must not reach it: the SENCO and the SEN administrator of another school of the
 * trust, a teacher of another school, and the SENCO of another trust. Each must answer 404 (the record does not
 * exist for them), 403 (their role may not do this at all) or 400 (the request is refused before any record is
 * looked at); never a 2xx, never a 5xx, never an answer that admits the record exists (409, 412, 422, 428), and
 * an operation that changes data leaves every table as it was. Each service runs it through a
 * {@code @QuarkusTest} subclass that makes the records.
 */
public abstract class ScopeMatrixContract {

    static final List<String> OUTSIDERS = List.of("senco.meadow", "admin.meadow", "teacher.academy", "senco.riverside");
    private static final Set<Integer> ALLOWED = Set.of(400, 403, 404);

    @Inject
    DataSource database;

    /**
     * The id of a real Harbour record for this path parameter of this operation's path (e.g. a pupil's id for
     * {@code /api/v1/pupils/{id}}), or null to leave the operation out (its records are not pupil-level data).
     */
    protected abstract String harbourId(String pathTemplate, String parameter);

    /** Tables that change without a request; see {@link OpenApiFuzzContract#unwatchedTables()}. */
    protected Set<String> unwatchedTables() {
        return Set.of();
    }

    @Test
    public void callersOutsideASchoolNeverReachItsRecords() throws Exception {
        JsonNode doc = OpenApiFuzzContract.document();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        int operations = 0;
        for (OpenApiFuzzContract.Operation operation : OpenApiFuzzContract.apiOperations(doc)) {
            Map<String, String> ids = idsFor(doc, operation.path(), operation.pathItem());
            if (ids == null) {
                continue;
            }
            String method = operation.method();
            operations++;
            JsonNode content = OpenApiFuzzContract.resolve(doc, operation.definition().path("requestBody"))
                    .path("content");
            String contentType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
            byte[] body = contentType == null ? null
                    : contentType.contains("json")
                            ? OpenApiFuzzContract.bytes(OpenApiFuzzContract.sample(doc,
                                    content.path(contentType).path("schema"), 0))
                            : OpenApiFuzzContract.sampleFile(contentType);
            String url = OpenApiFuzzContract.fill(operation.path(), ids);
            boolean changes = !method.equals("GET");
            Map<String, String> before = changes ? OpenApiFuzzContract.fingerprint(database, unwatchedTables())
                    : Map.of();
            for (String user : OUTSIDERS) {
                Response r = OpenApiFuzzContract.send(new OpenApiFuzzContract.Case(user, method, url, Map.of(),
                        contentType, body, Tokens.of(user)));
                byStatus.merge(r.statusCode(), 1, Integer::sum);
                if (!ALLOWED.contains(r.statusCode())) {
                    failures.add(user + " " + method + " " + url + " answered " + r.statusCode() + ": "
                            + OpenApiFuzzContract.abbreviate(r.asString()));
                }
            }
            if (changes) {
                Map<String, String> after = OpenApiFuzzContract.fingerprint(database, unwatchedTables());
                before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t)))
                        .forEach(t -> failures.add(method + " " + operation.path() + " by outsiders changed " + t));
            }
        }
        System.out.printf("[scope] %d operations that take an id, %d outsiders each; answers by status: %s%n",
                operations, OUTSIDERS.size(), byStatus);
        assertTrue(operations > 0, "no operation took an id this service's test gave");
        assertTrue(failures.isEmpty(), failures.size() + " answers reached beyond the caller's scope:\n"
                + String.join("\n", failures));
    }

    private Map<String, String> idsFor(JsonNode doc, String template, JsonNode pathItem) {
        Map<String, String> ids = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}:]+)(:[^}]*)?\\}").matcher(template);
        while (m.find()) {
            String id = harbourId(template, m.group(1));
            if (id == null) {
                return null;
            }
            ids.put(m.group(1), id);
        }
        return ids.isEmpty() ? null : ids;
    }
}
