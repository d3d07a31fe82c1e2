package org.cgp.protocol.task;

/**
 * {@code survey_tagging}: a survey question and one respondent's free-form comment. The choices the
 * respondent picked (the ground truth) are never sent to miners. Either text may be null.
 */
public record SurveyTask(TaskEnvelope envelope, String question, String comment) implements Task {
    @Override public int textLength() { return length(question) + length(comment); }

    @Override public int longestText() { return Math.max(length(question), length(comment)); }

    private static int length(String s) { return s == null ? 0 : s.length(); }

    @Override public <R> R accept(Visitor<R> visitor) { return visitor.survey(this); }
}
