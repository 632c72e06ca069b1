package dev.gotchals.model.config;

import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.model.config.ReleaseBuild.VersionSource;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReleaseBuildTest {
    private static final String MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project
              def project, do: [app: :shop, version: "0.1.0", elixir: "%s", deps: []]
            end
            """;

    @TempDir
    Path temp;
    private int projects;

    /** A project from path, content, path, content, …; mix.exs requires {@code ~> 1.9} unless given. */
    private ReleaseBuild build(String... pathsAndContents) {
        Path root = temp.resolve("project" + projects++);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("mix.exs", MIX_EXS.formatted("~> 1.9"));
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = root.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Workspace workspace = new Workspace(List.of(root));
        return ReleaseBuild.of(new ProjectContext(workspace.projects().get(0), workspace));
    }

    private static String releasedOn(String image) {
        return "FROM " + image + " AS builder\nENV MIX_ENV=prod\nRUN mix release\n";
    }

    private static ElixirVersion version(int major, int minor) {
        return new ElixirVersion(major, minor);
    }

    // ---- the Elixir version ----

    @Test
    void theImageThatBuildsTheReleaseGivesTheVersionAfterArgSubstitution() {
        ReleaseBuild build = build("Dockerfile", """
                ARG ELIXIR_VERSION=1.16.2
                ARG BUILDER_IMAGE="hexpm/elixir:${ELIXIR_VERSION}-erlang-26.2.5-debian-bookworm-20240513-slim"
                FROM ${BUILDER_IMAGE} AS builder
                RUN mix release
                FROM debian:bookworm-20240513-slim
                """, ".tool-versions", "elixir 1.10.4\n");
        assertEquals(version(1, 16), build.elixirVersion());
        assertEquals(VersionSource.IMAGE, build.versionSource());
    }

    @Test
    void developmentImagesAndImagesWithoutAReleaseDoNotCount() {
        ReleaseBuild build = build(
                "Dockerfile.dev", releasedOn("elixir:1.8"),
                "Dockerfile", "FROM elixir:1.10\nCMD [\"mix\", \"phx.server\"]\n",
                ".tool-versions", "erlang 26.2\nelixir 1.15.7-otp-26\n");
        assertEquals(version(1, 15), build.elixirVersion());
        assertEquals(VersionSource.TOOL_FILE, build.versionSource());
    }

    @Test
    void imagesThatAgreeOnTheRuntimeConfigGiveTheLowestVersion() {
        assertEquals(version(1, 15), build("Dockerfile", releasedOn("elixir:1.16"),
                "Dockerfile.prod", releasedOn("elixir:1.15")).elixirVersion());
        ReleaseBuild disagreeing = build("Dockerfile", releasedOn("elixir:1.16"),
                "Dockerfile.prod", releasedOn("elixir:1.10"));
        assertNull(disagreeing.elixirVersion(), "1.10 reads releases.exs, 1.16 runtime.exs");
        assertEquals(VersionSource.IMAGE, disagreeing.versionSource());
    }

    @Test
    void withoutAnImageTheBuildpackConfigComesBeforeToolVersions() {
        ReleaseBuild build = build("elixir_buildpack.config", "erlang_version=22.3\nelixir_version=1.10.4\n",
                ".tool-versions", "elixir 1.16.2\n");
        assertEquals(version(1, 10), build.elixirVersion());
        assertEquals(VersionSource.TOOL_FILE, build.versionSource());
    }

    @Test
    void aMixRequirementCountsAsALowerBoundFrom111On() {
        ReleaseBuild required = build("mix.exs", MIX_EXS.formatted("~> 1.12"));
        assertEquals(version(1, 12), required.elixirVersion());
        assertEquals(VersionSource.MIX_REQUIREMENT, required.versionSource());
        ReleaseBuild old = build("mix.exs", MIX_EXS.formatted("~> 1.10"));
        assertNull(old.elixirVersion(), "~> 1.10 allows 1.10 and 1.16 alike");
        assertEquals(VersionSource.UNKNOWN, old.versionSource());
    }

    @Test
    void aVersionFileOrTagOlderThanMixRequiresIsLeftOverAndTheRequirementWins() {
        ReleaseBuild stale = build("mix.exs", MIX_EXS.formatted("~> 1.13"),
                "elixir_buildpack.config", "erlang_version=22.3\nelixir_version=1.10.3\n");
        assertEquals(version(1, 13), stale.elixirVersion(), "Mix refuses to compile the project on 1.10");
        assertEquals(VersionSource.MIX_REQUIREMENT, stale.versionSource());

        ReleaseBuild image = build("mix.exs", MIX_EXS.formatted("~> 1.14"),
                "Dockerfile", releasedOn("hexpm/elixir:1.10.4-erlang-23.0-alpine-3.12.0"));
        assertEquals(version(1, 14), image.elixirVersion());

        ReleaseBuild current = build("mix.exs", MIX_EXS.formatted("~> 1.13"), ".tool-versions", "elixir 1.16.2\n");
        assertEquals(version(1, 16), current.elixirVersion());
        assertEquals(VersionSource.TOOL_FILE, current.versionSource());
    }

    @Test
    void everyUmbrellaAppsRequirementMustHold() {
        ReleaseBuild build = build(
                "mix.exs", "defmodule Shop.Umbrella.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [apps_path: \"apps\", deps: []]\nend\n",
                "apps/core/mix.exs", MIX_EXS.formatted("~> 1.11"),
                "apps/web/mix.exs", MIX_EXS.formatted("~> 1.13"));
        assertEquals(version(1, 13), build.elixirVersion());
    }

    @Test
    void requirementLowerBounds() {
        assertEquals(version(1, 12), ReleaseBuild.lowerBound("~> 1.12"));
        assertEquals(version(1, 14), ReleaseBuild.lowerBound("~> 1.14.0"));
        assertEquals(version(1, 11), ReleaseBuild.lowerBound(">= 1.11.0 and < 2.0.0"));
        assertEquals(version(1, 13), ReleaseBuild.lowerBound("== 1.13.4"));
        assertEquals(version(1, 13), ReleaseBuild.lowerBound("1.13.4"));
        assertEquals(version(1, 12), ReleaseBuild.lowerBound("~> 1.14 or ~> 1.12"));
        assertNull(ReleaseBuild.lowerBound("< 1.15.0"));
        assertNull(ReleaseBuild.lowerBound("~> 1.14 or < 1.10"));
        assertNull(ReleaseBuild.lowerBound(null));
    }

    // ---- the build's own variables ----

    @Test
    void variablesOfTheReleaseStageAndTheStagesItBuildsFrom() {
        ReleaseBuild build = build("Dockerfile", """
                FROM elixir:1.16 AS base
                ENV LANG=C.UTF-8
                FROM base AS builder
                ARG GIT_SHA
                ENV MIX_ENV=prod
                RUN BUILD_NUMBER=42 mix release
                FROM debian:bookworm-slim
                ENV PHX_SERVER=true
                """);
        assertEquals(Set.of("LANG", "GIT_SHA", "MIX_ENV", "BUILD_NUMBER"), build.variables());
    }
}
