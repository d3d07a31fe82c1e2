package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "where each rule and each default lives" table names real places: every file,
 * class and folder in a row's "where" column exists, and every constant, member or literal named
 * there appears in one of that row's files ({@code DEFAULT_*} as a prefix).
 */
class ReadmeRuleTableTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyPlaceTheTableNamesExistsAndHoldsWhatItSays() throws IOException {
        List<String> rows = tableRows();
        assertThat(rows).as("the README has the table").hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (String row : rows) {
            String where = row.substring(row.lastIndexOf('|', row.length() - 2) + 1);
            List<Path> files = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Matcher m = CODE.matcher(where);
            while (m.find()) {
                String token = m.group(1);
                if (token.contains("/...")) { // module/.../some/Class or module/.../Class.MEMBER
                    String module = token.substring(0, token.indexOf("/..."));
                    String rest = token.substring(token.indexOf("/...") + 5);
                    String member = null;
                    int dot = rest.lastIndexOf('.');
                    if (dot > rest.lastIndexOf('/')) {
                        member = rest.substring(dot + 1);
                        rest = rest.substring(0, dot);
                    }
                    Optional<Path> f = source(ROOT.resolve(module), rest + ".java");
                    if (f.isEmpty()) problems.add(token + ": no " + rest + ".java in " + module);
                    else {
                        files.add(f.get());
                        if (member != null && !contains(f.get(), member)) problems.add(token + ": " + member + " not in " + f.get());
                    }
                } else if (token.startsWith("./") || token.endsWith("/")) { // a file or folder at the root
                    if (!Files.exists(ROOT.resolve(token))) problems.add(token + ": no such file or folder");
                    else if (Files.isRegularFile(ROOT.resolve(token))) files.add(ROOT.resolve(token));
                } else if (token.matches("[A-Z][A-Za-z0-9]+(\\.[A-Za-z_][A-Za-z0-9_]*)?") && !token.matches("[A-Z0-9_]+")
                        && !token.equals("Builder")) { // Class or Class.member
                    String cls = token.contains(".") ? token.substring(0, token.indexOf('.')) : token;
                    Optional<Path> f = source(ROOT, cls + ".java");
                    if (f.isEmpty()) problems.add(token + ": no class " + cls);
                    else {
                        files.add(f.get());
                        if (token.contains(".") && !contains(f.get(), token.substring(token.indexOf('.') + 1))) problems.add(token + ": member not found");
                    }
                } else {
                    names.add(token);
                }
            }
            for (String name : names) {
                String needle = name.endsWith("*") ? name.substring(0, name.length() - 1) : name;
                if (files.stream().anyMatch(f -> contains(f, "Builder".equals(name) ? "class Builder" : needle))) continue;
                problems.add("`" + name + "` is in none of " + files + " (row: " + row.strip() + ")");
            }
        }
        assertThat(problems).as("the README's rule table against the code").isEmpty();
    }

    private static List<String> tableRows() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("| rule or default | where |")) start = i + 2;
        assertThat(start).as("the table's header").isPositive();
        List<String> rows = new ArrayList<>();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) rows.add(lines.get(i));
        return rows;
    }

    /** The main source file under {@code dir} whose path ends with {@code suffix}. */
    private static Optional<Path> source(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().contains("/src/main/java/") && p.toString().endsWith("/" + suffix)).findFirst();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
