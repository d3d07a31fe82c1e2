package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The boundary between each module's public packages and its {@code internal} ones, which are free
 * to change: no module's main code imports another module's internals, and no public method of a
 * public type outside {@code internal} returns an internal type (not even as a type argument), so
 * nothing a caller holds is one. The benchmarks ({@code bench/}) measure internals on purpose and
 * are the one exception to the first rule.
 */
class ModuleBoundaryTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("protocol", "llm", "scoring", "chain", "miner", "localnet", "validator", "cli");
    private static final Pattern INTERNAL_IMPORT = Pattern.compile("(?m)^import (?:static )?org\\.cgp\\.([a-z]+)\\.internal\\.");

    @Test
    void mainCodeImportsNoOtherModulesInternals() throws IOException {
        List<String> crossings = new ArrayList<>();
        for (String module : MODULES) {
            Path main = ROOT.resolve(module).resolve("src/main/java");
            assertThat(main).as("module %s", module).isDirectory();
            try (Stream<Path> files = Files.walk(main)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = INTERNAL_IMPORT.matcher(Files.readString(f));
                    while (m.find()) {
                        if (!m.group(1).equals(module)) crossings.add(ROOT.relativize(f) + " imports org.cgp." + m.group(1) + ".internal");
                    }
                }
            }
        }
        assertThat(crossings).isEmpty();
    }

    @Test
    void noPublicMethodReturnsAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String module : MODULES) {
            Path classes = ROOT.resolve(module).resolve("target/classes");
            assertThat(classes).as("module %s is built", module).isDirectory();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                    if (isInternal(name)) continue;
                    Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                    if (!isExported(c)) continue;
                    for (Method m : c.getDeclaredMethods()) {
                        if (m.isSynthetic() || m.isBridge() || !(Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()))) continue;
                        String internal = internalIn(m.getGenericReturnType());
                        if (internal != null) leaks.add(c.getName() + "." + m.getName() + "() returns " + internal);
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    /** A public type a caller outside its module can reach: public itself and every type it is nested in. */
    private static boolean isExported(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) return false;
        }
        return true;
    }

    private static boolean isInternal(String className) { return className.contains(".internal."); }

    /** The first internal type in {@code t} (itself, an array's element, a type argument or bound), or null. */
    private static String internalIn(Type t) {
        if (t instanceof Class<?> c) {
            while (c.isArray()) c = c.getComponentType();
            return isInternal(c.getName()) ? c.getName() : null;
        }
        if (t instanceof ParameterizedType p) {
            String raw = internalIn(p.getRawType());
            if (raw != null) return raw;
            for (Type a : p.getActualTypeArguments()) {
                String in = internalIn(a);
                if (in != null) return in;
            }
            return null;
        }
        if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) if (internalIn(b) != null) return internalIn(b);
            for (Type b : w.getLowerBounds()) if (internalIn(b) != null) return internalIn(b);
            return null;
        }
        if (t instanceof java.lang.reflect.GenericArrayType g) return internalIn(g.getGenericComponentType());
        return null;
    }
}
