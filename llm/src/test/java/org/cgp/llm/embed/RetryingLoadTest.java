package org.cgp.llm.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryingLoadTest {

    @Test
    void anOutOfMemoryErrorWhileLoadingIsOneClearErrorAndTheNextCallLoadsAgain() {
        AtomicInteger attempts = new AtomicInteger();
        RetryingLoad<String> model = new RetryingLoad<>("the test model", () -> {
            if (attempts.incrementAndGet() == 1) throw new OutOfMemoryError("Java heap space");
            return "loaded";
        });

        assertThatThrownBy(model::get)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot load the test model")
                .hasMessageContaining("out of memory")
                .hasMessageContaining("-Xmx");
        assertThat(model.get()).isEqualTo("loaded");
        assertThat(model.get()).isEqualTo("loaded");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aFailingLoaderIsTriedOnEveryCallUntilItWorks() {
        AtomicInteger attempts = new AtomicInteger();
        RetryingLoad<String> model = new RetryingLoad<>("the test model", () -> {
            if (attempts.incrementAndGet() < 3) throw new IllegalStateException("resource missing");
            return "loaded";
        });

        assertThatThrownBy(model::get).hasMessage("resource missing");
        assertThatThrownBy(model::get).hasMessage("resource missing");
        assertThat(model.get()).isEqualTo("loaded");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aLoaderThatReturnsNothingIsAnErrorNotACachedNull() {
        RetryingLoad<String> model = new RetryingLoad<>("the test model", () -> null);
        assertThatThrownBy(model::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("returned nothing");
    }
}
