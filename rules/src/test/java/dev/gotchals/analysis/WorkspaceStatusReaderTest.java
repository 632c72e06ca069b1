package dev.gotchals.analysis;

import dev.gotchals.analysis.WorkspaceStatus.Image;
import dev.gotchals.analysis.WorkspaceStatus.Project;
import dev.gotchals.rule.RuleSettings;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.Rules;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceStatusReaderTest {
    private static final String MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project
              def project, do: [app: :shop, version: "0.1.0", elixir: "~> 1.15", deps: []]
            end
            """;

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Project onlyProject(Settings overrides) {
        WorkspaceStatus status = WorkspaceStatusReader.read(new Workspace(List.of(dir)), Rules.catalog(), overrides);
        assertEquals(List.of(dir.toAbsolutePath().normalize().toString().replace('\\', '/')), status.folders());
        assertEquals(1, status.projects().size(), status.toString());
        return status.projects().get(0);
    }

    @Test
    void imagesFlyProcessesAndTheReleaseWorkflowAreReadAsTheDeployModelSeesThem() throws IOException {
        write("mix.exs", MIX_EXS);
        write("config/runtime.exs", "import Config\n");
        write("Dockerfile", """
                FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder
                ENV MIX_ENV=prod
                RUN mix release

                FROM debian:bookworm-slim
                COPY --from=builder /app/_build/prod/rel/shop /app
                CMD ["/app/bin/shop", "start"]
                """);
        write("Dockerfile.dev", "FROM elixir:1.17\nCMD [\"mix\", \"phx.server\"]\n");
        write("fly.toml", """
                app = "shop"

                [deploy]
                  release_command = "/app/bin/shop eval Shop.Release.migrate"

                [processes]
                  web = "/app/bin/shop start"
                  worker = "/app/bin/shop start"
                """);
        write(".github/workflows/release.yml", "jobs:\n  build:\n    steps:\n      - run: MIX_ENV=prod mix release\n");

        Project project = onlyProject(Settings.DEFAULT);

        assertEquals("shop", project.app());
        assertEquals("1.17", project.elixir());
        assertEquals("image", project.elixirSource());
        assertEquals("config/runtime.exs", project.runtimeConfig());
        assertEquals(2, project.images().size());
        Image release = project.images().stream().filter(Image::production).findFirst().orElseThrow();
        assertEquals(new Image("Dockerfile", true, true, "1.17", "CMD [\"/app/bin/shop\", \"start\"]",
                "/app/bin/shop start"), release);
        Image dev = project.images().stream().filter(image -> !image.production()).findFirst().orElseThrow();
        assertEquals("Dockerfile.dev", dev.file());
        assertNull(dev.releaseStart(), "mix phx.server starts no release");
        assertEquals("/app/bin/shop eval Shop.Release.migrate", project.fly().releaseCommand());
        assertEquals(Map.of("web", "/app/bin/shop start", "worker", "/app/bin/shop start"), project.fly().processes());
        assertEquals(".github/workflows/release.yml", project.releaseWorkflow());
        assertNull(project.procfile());
        assertNull(project.render(), "no render.yaml");

        write("render.yaml", """
                services:
                  - type: web
                    name: shop-web
                    runtime: elixir
                    buildCommand: ./build.sh
                    startCommand: _build/prod/rel/shop/bin/server
                  - type: worker
                    name: shop-worker
                    env: elixir
                  - type: web
                    name: docs
                    runtime: docker
                """);
        assertEquals(Map.of("shop-web", "_build/prod/rel/shop/bin/server", "shop-worker", "set in Render's dashboard"),
                onlyProject(Settings.DEFAULT).render(), "native services only; a Docker service starts its image");
    }

    @Test
    void settingsInForceAreTheProjectFileUnderTheOverridesAndOnlyWhatDiffersFromTheDefaults() throws IOException {
        write("mix.exs", MIX_EXS);
        write(".gotcha.exs", """
                [
                  rules: [
                    {"GT007", enabled: false},
                    {"GT005", severity: :error, secret_keys: ["stripe_key"]},
                    {"GT999", enabled: false}
                  ],
                  exclude: ["lib/legacy/**"]
                ]
                """);
        Settings editor = new Settings(Map.of("GT006", new RuleSettings(null, Severity.INFO, Map.of())), List.of());

        Project project = onlyProject(editor);

        assertEquals(".gotcha.exs", project.settings().file());
        assertEquals(1, project.settings().problems().size(), project.settings().problems().toString());
        assertTrue(project.settings().problems().get(0).contains("GT999"), project.settings().problems().toString());
        assertEquals(Map.of("GT005", List.of("secret_keys: stripe_key"), "GT006", List.of("severity info"),
                "GT007", List.of("off")), project.settings().rules(), "GT005's severity is its default");
        assertEquals(List.of("lib/legacy/**"), project.settings().exclude());
        assertNull(project.release(), "nothing builds a release");
        assertNull(project.runtimeConfig());
        assertFalse(WorkspaceStatusText.render(new WorkspaceStatus("17", "/jdk", List.of("/w"), List.of(project)),
                "Gotcha LS test").contains("null"), "absent facts are said in words");
    }
}
