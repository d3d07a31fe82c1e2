package org.cgp.chain.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seeded-subnet tests on runtime 218 ({@code raonet218.json}), the run's shared chopsticks node. */
@ExtendWith(ChopsticksExtension.class)
@org.junit.jupiter.api.Tag("peer")
class SeededSubnetTest extends SeededSubnetContract {
    @BeforeAll
    static void seed(Chopsticks node) {
        seedOn(node.wsUrl());
    }
}
