package org.cgp.validator.conversation;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The sample source files of the import tests (test resources). */
final class SourceFiles {
    private SourceFiles() {}

    static Path of(String name) {
        try {
            return Path.of(SourceFiles.class.getResource("/org/cgp/validator/sources/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }
}
