package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Settings;
import dev.gotchals.suppress.UnusedSuppression;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The deployment files read as plain text ({@code rel/env.sh.eex}, {@code .tool-versions},
 * {@code elixir_buildpack.config}, CI workflows) take {@code # gotcha:} directives in their {@code #} comments,
 * like scripts and fly.toml: a directive there is read, so one that suppresses nothing is reported.
 */
class DeploymentFileDirectivesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"rel/env.sh.eex", ".tool-versions", "elixir_buildpack.config", ".github/workflows/ci.yml"})
    void aDirectiveInTheFileIsRead(String path) {
        List<Finding> findings = new ProjectFixture(dir)
                .with("config/config.exs", "import Config\nconfig :logger, level: :info\n")
                .with(path, "# gotcha:disable-next-line GT005\nelixir_version=1.17.3\n")
                .checkAll(Settings.DEFAULT);

        assertEquals(1, findings.size(), findings.toString());
        Finding unused = findings.get(0);
        assertEquals(UnusedSuppression.INFO, unused.rule());
        assertEquals(dir.resolve(path), unused.file().path());
        assertEquals("# gotcha:disable-next-line GT005", ProjectFixture.covered(unused));
    }
}
