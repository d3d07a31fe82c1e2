package org.cgp.validator.bundle;

import org.cgp.protocol.task.TaskType;

/**
 * One task bundle as the CGP API's {@code /reserve} hands it out: a conversation, a web page with
 * its search results, a survey answer, a transcript with its search results, a skill document, or a
 * skill-coverage request. The validator
 * builds the ground truth from it and cuts it into tasks for miners. Parse with {@link BundleParser}.
 */
public sealed interface TaskBundle permits ConversationBundle, WebpageBundle, SurveyBundle, NamedEntitiesBundle, SkillGenerationBundle,
        SkillCoverageBundle {
    BundleHeader header();

    default String guid() { return header().guid(); }

    default TaskType type() { return header().type(); }

    default boolean isCoding() { return header().inputCategories() != null && header().inputCategories().contains("coding"); }
}
