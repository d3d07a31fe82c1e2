package org.cgp.validator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cgp.localnet.LocalSubnet;
import org.cgp.validator.StepReport;
import org.cgp.validator.StepSettings;
import org.cgp.validator.Validator;
import org.cgp.validator.ValidatorConfig;
import org.cgp.validator.conversation.ConversationFiles;
import org.cgp.validator.OfflineModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validator that tags what was imported into its store, the least tagged bundle first. */
class StoreSourceTest {
    @TempDir Path dir;

    @Test
    void aValidatorTagsTheImportedConversationsLeastTaggedFirst() throws Exception {
        try (ResultStore store = ResultStore.sqlite(dir.resolve("s.sqlite"));
             LocalSubnet subnet = LocalSubnet.start(2, OfflineModels.llm(), OfflineModels.embedder())) {
            StoreSource source = new StoreSource(store);
            assertThat(source.reserve()).as("nothing imported yet").isEmpty();
            List<StoredBundle> imported = ConversationFiles.samples().subList(0, 3).stream().map(c -> StoredBundle.of(c, "import t.json")).toList();
            store.importBundles(imported, i -> {});
            StepSettings step = StepSettings.defaults(LocalSubnet.NETUID).withMaxWindows(1).withSampleSize(2).withBundles(1, 1).withMode("test");
            Set<String> tagged = new HashSet<>();
            try (Validator v = new Validator(ValidatorConfig.local(step, dir.resolve("state")), subnet.validatorKey(), subnet.chain(),
                    OfflineModels.llm(), OfflineModels.embedder(), source, store)) {
                for (int i = 0; i < 3; i++) {
                    StepReport r = v.runStep();
                    assertThat(r.succeeded()).as(String.valueOf(r.skipped())).isTrue();
                    tagged.add(r.conversation().value());
                }
                assertThat(store.counts()).containsEntry("bundles", 3L).containsEntry("ground_truth", 3L);
            }
            assertThat(tagged).as("each bundle once before any twice").hasSize(3)
                    .containsExactlyInAnyOrderElementsOf(imported.stream().map(StoredBundle::guid).toList());
        }
    }
}
