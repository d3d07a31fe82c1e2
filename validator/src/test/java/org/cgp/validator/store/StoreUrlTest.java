package org.cgp.validator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreUrlTest {
    @Test
    void readsFilesAndBothKindsOfUrl() {
        assertThat(StoreUrl.parse("results.sqlite")).extracting(StoreUrl::dialect, StoreUrl::file)
                .containsExactly(Dialect.SQLITE, Path.of("results.sqlite"));
        assertThat(StoreUrl.parse("jdbc:sqlite:/var/lib/cgp/s.db").file()).isEqualTo(Path.of("/var/lib/cgp/s.db"));
        assertThat(StoreUrl.parse(" jdbc:postgresql://db:5432/cgp?user=v ").dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThatThrownBy(() -> StoreUrl.parse("jdbc:mysql://db/cgp?password=pw1")).hasMessageContaining("only SQLite files and jdbc:postgresql")
                .hasMessageNotContaining("pw1");
        assertThatThrownBy(() -> StoreUrl.parse("jdbc:sqlite::memory:")).hasMessageContaining("must be a file");
        assertThatThrownBy(() -> StoreUrl.parse("  ")).hasMessageContaining("--store is empty");
    }

    @Test
    void aPasswordNeverShowsAndTheRestOfAMessageStays() {
        StoreUrl url = StoreUrl.parse("jdbc:postgresql://db:5432/cgp?user=v&password=s3cret&ssl=true");
        assertThat(url.toString()).isEqualTo("jdbc:postgresql://db:5432/cgp?user=v&password=***&ssl=true");
        assertThat(url.describe()).doesNotContain("s3cret");
        assertThat(StoreUrl.redact("jdbc:postgresql://db/cgp?password=s3cret cannot be opened: Connection refused"))
                .isEqualTo("jdbc:postgresql://db/cgp?password=*** cannot be opened: Connection refused");
        assertThat(StoreUrl.redact("postgresql://v:s3cret@db/cgp failed")).isEqualTo("postgresql://v:***@db/cgp failed");
    }
}
