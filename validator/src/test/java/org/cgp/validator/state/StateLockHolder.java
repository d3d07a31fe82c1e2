package org.cgp.validator.state;

import java.nio.file.Path;

/** A second process for StateLockTest: takes the lock on the directory in args[0], says so, and waits to be killed. */
public final class StateLockHolder {
    public static void main(String[] args) throws Exception {
        StateLock lock = StateLock.acquire(Path.of(args[0]));
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(60_000);
        lock.close();
    }
}
