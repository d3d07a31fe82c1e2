package org.cgp.validator.conversation;

import java.util.Optional;
import org.cgp.validator.bundle.TaskBundle;

/** Where a validator reserves its next task bundle: the CGP API or a local file. */
public interface ConversationSource {
    /** The next bundle, or empty when none could be reserved (the reason is logged, with the bundle's guid when it has one). */
    Optional<TaskBundle> reserve();

    /** For logs: "CGP API https://..." or "file ...". */
    String describe();
}
