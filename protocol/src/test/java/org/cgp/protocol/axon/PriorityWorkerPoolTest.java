package org.cgp.protocol.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PriorityWorkerPoolTest {

    @Test
    void waitingJobsRunHighestPriorityFirstAndFifoAmongEquals() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(5);
        try (PriorityWorkerPool pool = new PriorityWorkerPool(1, 10, "test")) {
            pool.submit(0, () -> { started.countDown(); await(release); all.countDown(); }, () -> {});
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            pool.submit(1, () -> { order.add("low"); all.countDown(); }, () -> {});
            pool.submit(5, () -> { order.add("high-1"); all.countDown(); }, () -> {});
            pool.submit(5, () -> { order.add("high-2"); all.countDown(); }, () -> {});
            pool.submit(3, () -> { order.add("mid"); all.countDown(); }, () -> {});
            release.countDown();
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(order).containsExactly("high-1", "high-2", "mid", "low");
    }

    @Test
    void aFullQueueRefusesTheLowestPriority() throws Exception {
        List<String> refused = new CopyOnWriteArrayList<>();
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(3);
        try (PriorityWorkerPool pool = new PriorityWorkerPool(1, 2, "test")) {
            pool.submit(0, () -> { started.countDown(); await(release); done.countDown(); }, () -> {});
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            pool.submit(2, () -> { ran.add("two"); done.countDown(); }, () -> refused.add("two"));
            pool.submit(1, () -> ran.add("one"), () -> refused.add("one"));
            // queue full (two, one): a higher newcomer displaces "one", a lower one is turned away
            pool.submit(3, () -> { ran.add("three"); done.countDown(); }, () -> refused.add("three"));
            pool.submit(0.5, () -> ran.add("half"), () -> refused.add("half"));
            assertThat(refused).containsExactly("one", "half");
            assertThat(pool.queued()).isEqualTo(2);
            release.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ran).containsExactly("three", "two");
    }

    @Test
    void cancelDropsAWaitingJobAndInterruptsARunningOne() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        try (PriorityWorkerPool pool = new PriorityWorkerPool(1, 4, "test")) {
            PriorityWorkerPool.Job running = pool.submit(0, () -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            }, () -> {});
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            PriorityWorkerPool.Job waiting = pool.submit(0, () -> ran.add("waiting"), () -> {});
            waiting.cancel();
            running.cancel();
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch after = new CountDownLatch(1);
            pool.submit(0, () -> { ran.add("after"); after.countDown(); }, () -> {});
            assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ran).containsExactly("after");
    }

    @Test
    void closeInterruptsRunningJobsAndReturnsOnceTheyHaveAnswered() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<String> answered = new CopyOnWriteArrayList<>();
        PriorityWorkerPool pool = new PriorityWorkerPool(1, 4, "test");
        pool.submit(0, () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                try {
                    Thread.sleep(200); // writing its 408 takes a moment
                } catch (InterruptedException ignored) {
                    // closing
                }
                answered.add("timed out");
            }
        }, () -> {});
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        pool.close(); // the axon stops its event loops right after this
        assertThat(answered).containsExactly("timed out");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
