package uk.sen.platform.jobs;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;

/**
 * A test import of {@code rows} rows that waits at {@link #GATE} half-way, so a test can see its progress, and
 * reports who ran it (the worker must run as the caller).
 */
@Path("/test/imports")
public class CountingImportResource {

    static volatile CountDownLatch gate = new CountDownLatch(0);

    @Inject
    ImportJobs jobs;

    @Inject
    CallerScope caller;

    @POST
    @RolesAllowed({ "senco", "trust-admin" })
    public Response run(@HeaderParam("Prefer") String prefer, @QueryParam("rows") int rows,
            @QueryParam("fail") boolean fail) {
        if (!ImportJobs.asked(prefer)) {
            return Response.ok(count(rows, fail, ImportProgress.NONE)).build();
        }
        return jobs.start("counting", caller.schools().stream().findFirst().orElse(null),
                progress -> count(rows, fail, progress));
    }

    private Map<String, Object> count(int rows, boolean fail, ImportProgress progress) {
        for (int i = 1; i <= rows; i++) {
            progress.update(i, i / 2, i - i / 2, 0);
            if (i == rows / 2) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (fail) {
            throw ProblemException.invalid("line 7", "is not a row this import reads");
        }
        return Map.of("rows", rows, "by", caller.username());
    }
}
