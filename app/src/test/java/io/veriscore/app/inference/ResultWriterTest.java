package io.veriscore.app.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.veriscore.app.error.VeriscoreException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Group commit: writes that wait together commit together; a bad one fails alone; an abandoned one never runs. */
@QuarkusTest
class ResultWriterTest {

    @Inject
    ResultWriter writer;

    @Inject
    EntityManager entities;

    @Test
    void aFailedGroupRunsEachWriteAloneSoOnlyTheBadOneFails() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch release = new CountDownLatch(1);
            Future<String> first = hold(pool, release);
            // While the writer holds the first group, these wait and form the next one, in this order.
            AtomicInteger runs = new AtomicInteger();
            List<Future<Long>> good = IntStream.range(0, 4).mapToObj(i -> pool.submit(() -> writer.commit(rows -> {
                runs.incrementAndGet();
                return ((Number) entities.createNativeQuery("select txid_current()").getSingleResult()).longValue();
            }))).toList();
            waitUntil(() -> writer.waiting(), 4);
            Future<Object> bad = pool.submit(() -> writer.commit(rows -> {
                throw VeriscoreException.conflict("this write is refused");
            }));
            waitUntil(() -> writer.waiting(), 5);
            release.countDown();

            assertEquals("first", first.get(30, TimeUnit.SECONDS));
            ExecutionException refused = assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
            assertInstanceOf(VeriscoreException.class, refused.getCause());
            assertEquals("this write is refused", refused.getCause().getMessage());
            List<Long> transactions = good.stream().map(ResultWriterTest::result).toList();
            assertEquals(8, runs.get(), "each good write ran once in the failed group, then once alone");
            assertEquals(4, transactions.stream().distinct().count(), "alone means a transaction each: " + transactions);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writesThatWaitTogetherCommitInOneTransaction() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch release = new CountDownLatch(1);
            hold(pool, release);
            List<Future<Long>> together = IntStream.range(0, 5).mapToObj(i -> pool.submit(() -> writer.commit(rows ->
                    ((Number) entities.createNativeQuery("select txid_current()").getSingleResult()).longValue()))).toList();
            waitUntil(() -> writer.waiting(), 5);
            release.countDown();
            assertEquals(1, together.stream().map(ResultWriterTest::result).distinct().count());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriteAbandonedBeforeItRunsIsNeverRun() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = hold(pool, release);
        AtomicBoolean ran = new AtomicBoolean();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread abandoned = Thread.ofPlatform().start(() -> {
            try {
                writer.commit(rows -> ran.getAndSet(true));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        waitUntil(() -> writer.waiting(), 1);
        abandoned.interrupt(); // what the request deadline does to a request that waits too long
        abandoned.join(30_000);
        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        pool.shutdownNow();
        assertInstanceOf(VeriscoreException.class, outcome.get());
        assertEquals(VeriscoreException.Kind.UNAVAILABLE, ((VeriscoreException) outcome.get()).kind());
        assertEquals(1, (int) writer.commit(rows -> 1), "the writer goes on");
        assertFalse(ran.get(), "an abandoned write is skipped, so its request stored nothing");
    }

    /** A write that holds the writer until {@code release}: what is committed meanwhile waits and forms the next group. */
    private Future<String> hold(ExecutorService pool, CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Future<String> held = pool.submit(() -> writer.commit(rows -> {
            holding.countDown();
            awaitQuietly(release);
            return "first";
        }));
        assertTrue(holding.await(30, TimeUnit.SECONDS));
        return held;
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(IntSupplier value, int expected) throws InterruptedException {
        for (int i = 0; i < 3000 && value.getAsInt() != expected; i++) {
            Thread.sleep(10);
        }
        assertEquals(expected, value.getAsInt());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
