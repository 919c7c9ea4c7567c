package uk.sen.workload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The schools' names as the register's events give them. */
@QuarkusTest
class RegisterPupilsTest {

    @Inject
    RegisterPupils register;

    @Inject
    EntityManager em;

    /** A URN of its own for each run, so the test meets no name recorded before. */
    private static String school() {
        return "9" + Integer.toString(Math.floorMod(UUID.randomUUID().hashCode(), 90_000) + 10_000);
    }

    @Test
    void aSchoolRenamedByTheRegisterIsRenamedHere() {
        String school = school();
        QuarkusTransaction.requiringNew().run(() -> register.schoolNamed("northbridge", school, "Old Name School"));
        QuarkusTransaction.requiringNew().run(() -> register.schoolNamed("northbridge", school, "New Name School"));
        assertEquals("New Name School", register.schoolNames("northbridge").get(school));
    }

    /**
     * Every event of a school names it, and the consumers of its pupils' events (one per partition) each hold a
     * transaction open over a batch: naming the school again with the name it has must not wait for the other
     * consumers' commits.
     */
    @Test
    void namingASchoolAgainWithItsNameDoesNotWaitForAnotherTransaction() throws Exception {
        String school = school();
        QuarkusTransaction.requiringNew().run(() -> register.schoolNamed("northbridge", school, "Brook School"));
        CountDownLatch named = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            register.schoolNamed("northbridge", school, "Brook School");
            named.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertTrue(named.await(10, TimeUnit.SECONDS), "the holder named the school");
            QuarkusTransaction.requiringNew().run(() -> {
                // waiting for the holder's lock would fail this transaction after 2 s
                em.createNativeQuery("SET LOCAL lock_timeout = '2s'").executeUpdate();
                register.schoolNamed("northbridge", school, "Brook School");
            });
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
        assertEquals("Brook School", register.schoolNames("northbridge").get(school));
    }
}
