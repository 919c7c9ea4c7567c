package uk.sen.platform.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;

/**
 * Creates that a client may retry safely. With an {@code Idempotency-Key}, the first request runs and its
 * response is stored in the same transaction as the created resource; a retry with the same key and body gets
 * the stored response (with {@code Idempotent-Replayed: true}) and creates nothing; the same key with another
 * body is refused with 422. Concurrent retries wait on the first one's row lock.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    /** What a create produced: where the new resource lives, its representation and version. */
    public record Created(URI location, Object body, long version) {
    }

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    ObjectMapper json;

    @Transactional
    public Response create(String key, Object request, Supplier<Created> action) {
        if (key == null) {
            return respond(action.get());
        }
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.invalid(HEADER, "must be 1 to 200 characters");
        }
        String hash = hash(request);
        int inserted = em.createNativeQuery("""
                INSERT INTO idempotency_record (caller, idem_key, request_hash) VALUES (?1, ?2, ?3)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, caller.subject()).setParameter(2, key).setParameter(3, hash)
                .executeUpdate();
        if (inserted == 0) {
            return replay(key, hash);
        }
        Created created = action.get();
        em.createNativeQuery("""
                UPDATE idempotency_record SET status = 201, location = ?3, etag = ?4, body = ?5
                WHERE caller = ?1 AND idem_key = ?2""")
                .setParameter(1, caller.subject()).setParameter(2, key)
                .setParameter(3, created.location().toString())
                .setParameter(4, Long.toString(created.version()))
                .setParameter(5, write(created.body()))
                .executeUpdate();
        return respond(created);
    }

    private Response replay(String key, String hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT request_hash, status, location, etag, body FROM idempotency_record
                WHERE caller = ?1 AND idem_key = ?2""")
                .setParameter(1, caller.subject()).setParameter(2, key).getResultList();
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request; use a new key.", List.of());
        }
        return Response.status((Integer) row[1])
                .location(URI.create((String) row[2]))
                .tag(new EntityTag((String) row[3]))
                .header("Idempotent-Replayed", "true")
                .type(MediaType.APPLICATION_JSON)
                .entity(row[4])
                .build();
    }

    private static Response respond(Created created) {
        return Response.created(created.location()).tag(Versions.etag(created.version())).entity(created.body())
                .build();
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass(), e);
        }
    }
}
