package org.cgp.validator.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a validator's state directory, so two validators never share one state
 * (the step count would go backwards and both would send the spool). The lock file holds the
 * holder's pid; the operating system releases the lock when the process dies, so a crash leaves
 * nothing to clean up.
 */
public final class StateLock implements AutoCloseable {
    public static final String FILE_NAME = "validator.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock on {@code dir}, or fails with one line naming the holder. */
    public static StateLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                ch.close();
                throw new IllegalStateException("state directory " + dir + " is in use by another validator"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it or give this one its own --wallet.hotkey / --neuron.full_path");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new StateLock(ch, lock);
        } catch (IOException e) {
            try {
                if (ch != null) ch.close();
            } catch (IOException ignored) {
                // the lock was not taken; nothing else to undo
            }
            throw new IllegalStateException("cannot lock state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }
}
