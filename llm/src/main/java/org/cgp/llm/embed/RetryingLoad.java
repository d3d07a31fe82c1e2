package org.cgp.llm.embed;

import java.util.function.Supplier;

/**
 * A value loaded once on first use and kept, whose failed load is not kept: the next caller tries
 * again. A lazy holder class would cache the failure for the life of the JVM (an
 * OutOfMemoryError while loading a model left a miner answering 500 with "Could not initialize
 * class" for good). Every failure, an Error included, reaches the caller as one
 * {@link IllegalStateException} naming what was being loaded.
 */
final class RetryingLoad<T> {
    private final String what;
    private final Supplier<T> loader;
    private volatile T value;

    RetryingLoad(String what, Supplier<T> loader) {
        this.what = what;
        this.loader = loader;
    }

    T get() {
        T loaded = value;
        if (loaded != null) return loaded;
        synchronized (this) {
            if (value == null) {
                try {
                    value = loader.get();
                } catch (IllegalStateException e) {
                    throw e;
                } catch (RuntimeException | Error e) {
                    throw new IllegalStateException("cannot load " + what + " (will retry on next use): " + describe(e), e);
                }
                if (value == null) throw new IllegalStateException("cannot load " + what + ": the loader returned nothing");
            }
            return value;
        }
    }

    private static String describe(Throwable e) {
        return e instanceof OutOfMemoryError
                ? "out of memory (" + e.getMessage() + "); give the JVM a larger -Xmx"
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
