package org.cgp.protocol.axon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of worker threads taking jobs highest priority first (FIFO among equals) from a
 * bounded queue. When the queue is full a newcomer displaces the lowest-priority waiting job if it
 * ranks higher, otherwise it is refused; either way the loser's {@code onRefused} runs.
 */
final class PriorityWorkerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PriorityWorkerPool.class);
    private static final Comparator<Job> ORDER =
            Comparator.comparingDouble((Job j) -> -j.priority).thenComparingLong(j -> j.seq);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final TreeSet<Job> queue = new TreeSet<>(ORDER);
    private final int capacity;
    private final List<Thread> workers = new ArrayList<>();
    private long nextSeq;
    private boolean closed;

    PriorityWorkerPool(int threads, int capacity, String threadName) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
        if (capacity < 1) throw new IllegalArgumentException("queue capacity must be >= 1");
        this.capacity = capacity;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::workLoop, threadName + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Queues {@code work}; returns the job (which may already have been refused). */
    Job submit(double priority, Runnable work, Runnable onRefused) {
        Job job = new Job(priority, work, onRefused);
        Job refused = null;
        lock.lock();
        try {
            job.seq = nextSeq++;
            if (closed) {
                refused = job;
            } else if (queue.size() >= capacity) {
                Job lowest = queue.last();
                if (lowest.priority < priority) {
                    queue.remove(lowest);
                    lowest.state = State.REFUSED;
                    refused = lowest;
                    enqueue(job);
                } else {
                    refused = job;
                }
            } else {
                enqueue(job);
            }
            if (refused == job) job.state = State.REFUSED;
        } finally {
            lock.unlock();
        }
        if (refused != null) refused.onRefused.run();
        return job;
    }

    private void enqueue(Job job) {
        queue.add(job);
        notEmpty.signal();
    }

    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void workLoop() {
        while (true) {
            Job job;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) notEmpty.awaitUninterruptibly();
                if (closed) return;
                job = queue.pollFirst();
                job.state = State.RUNNING;
                job.runner = Thread.currentThread();
            } finally {
                lock.unlock();
            }
            try {
                job.work.run();
            } catch (Throwable t) {
                log.error("Axon worker job failed outside its own error handling", t);
            } finally {
                lock.lock();
                try {
                    job.state = State.DONE;
                    job.runner = null;
                    Thread.interrupted(); // a late cancel must not leak into the next job
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    @Override
    public void close() {
        List<Job> dropped;
        lock.lock();
        try {
            closed = true;
            dropped = new ArrayList<>(queue);
            queue.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        for (Job j : dropped) j.onRefused.run();
        for (Thread t : workers) t.interrupt();
        // let interrupted forwards write their answers before the caller stops the event loops
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (Thread t : workers) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) break;
            if (t == Thread.currentThread()) continue;
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private enum State { QUEUED, RUNNING, DONE, REFUSED, CANCELLED }

    /** A submitted piece of work. */
    final class Job {
        private final double priority;
        private final Runnable work;
        private final Runnable onRefused;
        private long seq;
        private State state = State.QUEUED;
        private Thread runner;

        private Job(double priority, Runnable work, Runnable onRefused) {
            this.priority = priority;
            this.work = work;
            this.onRefused = onRefused;
        }

        /** Drops the job if it still waits, interrupts it if it runs. */
        void cancel() {
            lock.lock();
            try {
                if (state == State.QUEUED) {
                    queue.remove(this);
                    state = State.CANCELLED;
                } else if (state == State.RUNNING && runner != null) {
                    runner.interrupt();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
