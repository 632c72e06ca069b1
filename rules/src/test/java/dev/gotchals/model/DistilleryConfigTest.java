package dev.gotchals.model;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.elixir.Truth;
import dev.gotchals.model.config.ConfigProject;
import dev.gotchals.rule.ProjectContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistilleryConfigTest {
    @TempDir
    Path temp;

    private static final String MIX = """
            defmodule Shop.MixProject do
              use Mix.Project
              def project, do: [app: :shop, version: "0.1.0", deps: [%DEPS%]]
            end
            """;

    @Test
    void releasesAreNamedInTheFilesOrderWithEitherCallForm() {
        ProjectContext project = ConfigProject.open(temp.resolve("a"), Map.of(
                "mix.exs", MIX.replace("%DEPS%", "{:distillery, \"~> 2.1\"}"),
                "rel/config.exs", """
                        use Distillery.Releases.Config
                        environment :prod do
                          set include_erts: true
                        end
                        release :shop_web do
                          set version: current_version(:shop_web)
                        end
                          release(:worker) do
                          set version: "0.1.0"
                        end
                        # release :commented_out is a comment, not a release
                        release :shop_web do
                        end
                        """));
        DocumentSnapshot relConfig = DistilleryConfig.of(project);
        assertEquals(List.of("shop_web", "worker"), DistilleryConfig.releaseNames(relConfig));
    }

    @Test
    void aLeftoverRelConfigOfAProjectThatNoLongerDependsOnDistilleryIsNotRead() {
        ProjectContext project = ConfigProject.open(temp.resolve("b"), Map.of(
                "mix.exs", MIX.replace("%DEPS%", ""),
                "rel/config.exs", "release :shop do\nend\n"));
        assertNull(DistilleryConfig.of(project));
    }

    @Test
    void mixReleaseIsElixirsFromElixirOneNineOnOrWithADistilleryThatRenamedItsTask() {
        ElixirVersion older = new ElixirVersion(1, 8);
        ElixirVersion newer = new ElixirVersion(1, 10);
        ProjectContext renamed = withLockedDistillery("renamed", "2.1.1");
        ProjectContext original = withLockedDistillery("original", "2.0.14");
        ProjectContext unlocked = ConfigProject.open(temp.resolve("unlocked"), Map.of(
                "mix.exs", MIX.replace("%DEPS%", "{:distillery, \"~> 2.0\"}")));

        assertEquals(Truth.TRUE, DistilleryConfig.mixReleaseIsElixirs(renamed, older));
        assertEquals(Truth.TRUE, DistilleryConfig.mixReleaseIsElixirs(renamed, null));
        assertEquals(Truth.TRUE, DistilleryConfig.mixReleaseIsElixirs(original, newer), "Elixir's task shadows 2.0's");
        assertEquals(Truth.FALSE, DistilleryConfig.mixReleaseIsElixirs(original, older));
        assertEquals(Truth.UNKNOWN, DistilleryConfig.mixReleaseIsElixirs(original, null));
        assertEquals(Truth.UNKNOWN, DistilleryConfig.mixReleaseIsElixirs(unlocked, older));

        assertTrue(DistilleryConfig.shadowedByElixir(original, newer));
        assertFalse(DistilleryConfig.shadowedByElixir(original, older));
        assertFalse(DistilleryConfig.shadowedByElixir(renamed, newer), "2.1 builds with mix distillery.release");
        assertFalse(DistilleryConfig.shadowedByElixir(unlocked, newer), "without a lock, the version is not known");
    }

    private ProjectContext withLockedDistillery(String name, String version) {
        return ConfigProject.open(temp.resolve(name), Map.of(
                "mix.exs", MIX.replace("%DEPS%", "{:distillery, \"~> 2.0\"}"),
                "mix.lock", "%{\n  \"distillery\": {:hex, :distillery, \"" + version
                        + "\", \"abc\", [:mix], [], \"hexpm\", \"def\"},\n}\n"));
    }
}
