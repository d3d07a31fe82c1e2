package org.cgp.validator.bundle;

import java.util.List;

/**
 * One survey answer: the question, the respondent's comment, the choices offered and the ones they
 * picked. The picked choices are the ground truth and are never sent to miners.
 */
public record SurveyBundle(BundleHeader header, String question, String comment, List<String> possibleChoices,
                           List<String> selectedChoices) implements TaskBundle {
    public SurveyBundle {
        possibleChoices = possibleChoices == null ? List.of() : List.copyOf(possibleChoices);
        selectedChoices = selectedChoices == null ? List.of() : List.copyOf(selectedChoices);
    }
}
