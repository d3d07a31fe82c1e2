package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/auto-update.sh against real git repositories: a remote that gains release tags and a
 * checkout that follows them. The "project" in them is a stand-in whose ./cgp build and test
 * pass or fail as its files say, so a tag whose tests fail can be published.
 */
class AutoUpdateTest {
    static final Path SCRIPT = Path.of("..", "deploy", "auto-update.sh").toAbsolutePath().normalize();

    @TempDir Path dir;
    Path origin;
    Path work;
    Path live;
    Path restarts;

    record Result(int code, String out) {}

    @BeforeEach
    void repositories() throws Exception {
        assumeTrue(onPath("git") && onPath("flock"), "git or flock not found: the auto-update test is skipped");
        origin = dir.resolve("origin.git");
        work = dir.resolve("work");
        live = dir.resolve("live");
        restarts = dir.resolve("restarts");
        sh(dir, "git init -q --bare origin.git && git init -q work");
        Files.writeString(work.resolve("cgp"), """
                #!/usr/bin/env bash
                case "$1" in
                  build) cat VERSION > BUILT ;;
                  test) exit "$(cat TESTS_EXIT)" ;;
                esac
                """);
        sh(work, "chmod +x cgp && printf 'BUILT\\n.update/\\n' > .gitignore");
        release("v1.0.0", 0);
        sh(dir, "git clone -q origin.git live && cd live && git checkout -q --detach v1.0.0 && ./cgp build");
    }

    void release(String tag, int testsExit) throws Exception {
        Files.writeString(work.resolve("VERSION"), tag + "\n");
        Files.writeString(work.resolve("TESTS_EXIT"), testsExit + "\n");
        sh(work, "git add -A && git -c user.name=t -c user.email=t@t commit -qm " + tag + " && git tag " + tag
                + " && git push -q --tags " + origin + " HEAD:refs/heads/main");
    }

    Result update() throws Exception {
        return run(live, List.of("bash", SCRIPT.toString(), "--repo", live.toString(), "--restart", "echo restarted >> " + restarts));
    }

    @Test
    void followsANewTagOnlyWhenItsTestsPass() throws Exception {
        Result same = update();
        assertThat(same.code()).isZero();
        assertThat(same.out()).contains("up to date at v1.0.0");
        assertThat(restarts).doesNotExist();

        release("v1.1.0", 0);
        Result up = update();
        assertThat(up.code()).as(up.out()).isZero();
        assertThat(up.out()).contains("found v1.1.0 (running v1.0.0)").contains("v1.1.0 passed its build and tests")
                .contains("updated v1.0.0 -> v1.1.0").contains("restarted:");
        assertThat(Files.readString(live.resolve("BUILT"))).isEqualTo("v1.1.0\n");
        assertThat(Files.readAllLines(restarts)).containsExactly("restarted");

        release("v1.2.0", 1);
        Result failing = update();
        assertThat(failing.code()).isEqualTo(1);
        assertThat(failing.out()).contains("v1.2.0 failed its build or tests").contains("staying on v1.1.0");
        assertThat(Files.readString(live.resolve("BUILT"))).isEqualTo("v1.1.0\n");
        assertThat(sh(live, "git describe --tags")).isEqualTo("v1.1.0");
        assertThat(Files.readAllLines(restarts)).as("no restart for a failing tag").hasSize(1);

        Path log = live.resolve(".update/auto-update.log");
        assertThat(Files.readString(log)).contains("updated v1.0.0 -> v1.1.0").contains("v1.2.0 failed");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cgp-update"))).isEmpty();
    }

    @Test
    void aCheckoutWithLocalChangesIsLeftAlone() throws Exception {
        release("v1.1.0", 0);
        Files.writeString(live.resolve("VERSION"), "edited by hand\n");
        Result r = update();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("local changes; not updating v1.0.0 to v1.1.0");
        assertThat(Files.readString(live.resolve("VERSION"))).isEqualTo("edited by hand\n");
        assertThat(restarts).doesNotExist();
    }

    static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }

    String sh(Path cwd, String script) throws Exception {
        Result r = run(cwd, List.of("bash", "-c", script));
        assertThat(r.code()).as(script + ": " + r.out()).isZero();
        return r.out().strip();
    }

    Result run(Path cwd, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("TMPDIR", dir.toString());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
