package org.cgp.protocol.task;

/** One section of a skill-coverage request's section map: its id (snake_case), title and description. */
public record SkillSection(String sectionId, String title, String description) {
    public SkillSection {
        title = title == null ? "" : title;
        description = description == null ? "" : description;
    }
}
