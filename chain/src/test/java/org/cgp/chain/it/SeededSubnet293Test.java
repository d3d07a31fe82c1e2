package org.cgp.chain.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The seeded-subnet tests again, on the spec-293 runtime ({@code local293.json}). */
@org.junit.jupiter.api.Tag("peer")
class SeededSubnet293Test extends SeededSubnetContract {
    private static Chopsticks node293;

    @BeforeAll
    static void seed() {
        Chopsticks.Layout layout = Chopsticks.Layout.detect();
        Optional<String> missing = Chopsticks.missing293(layout);
        assumeTrue(missing.isEmpty(), () -> "SKIP runtime 293: " + missing.orElse("") + ". To run it: " + Chopsticks.HOW_TO_RUN);
        try {
            node293 = Chopsticks.start293(layout, layout.root().resolve("chain/target/chopsticks293-seeded-" + ProcessHandle.current().pid() + ".log"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        seedOn(node293.wsUrl());
    }

    @AfterAll
    static void stop293() {
        if (node293 != null) node293.close();
    }
}
