package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeConfigNotInImageRuleTest {
    private static final String BUILDER = """
            FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder
            WORKDIR /app
            ENV MIX_ENV="prod"
            COPY mix.exs mix.lock ./
            """;
    private static final String RUNNER = """

            FROM debian:trixie-20251117-slim
            WORKDIR "/app"
            COPY --from=builder /app/_build/prod/rel/shop ./
            CMD ["/app/bin/server"]
            """;
    private static final String RUNTIME_EXS = """
            import Config

            if config_env() == :prod do
              config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
            end
            """;

    @TempDir
    Path dir;

    private ProjectFixture project(String build) {
        return new ProjectFixture(dir).with("config/config.exs", "import Config\n")
                .with("config/prod.exs", "import Config\n").with("config/runtime.exs", RUNTIME_EXS)
                .with("Dockerfile", BUILDER + build + RUNNER);
    }

    private static List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new RuntimeConfigNotInImageRule());
    }

    private static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    @Test
    void anotherFileCopiedOntoTheRuntimeConfigIsIt() {
        ProjectFixture project = new ProjectFixture(dir).with("config/config.exs", "import Config\n")
                .with("config/prod.exs", "import Config\n").with("config/docker.exs", RUNTIME_EXS)
                .with("Dockerfile", BUILDER + "COPY mix.exs ./\nCOPY config/config.exs config/prod.exs ./config/\n"
                        + "COPY config/docker.exs ./config/runtime.exs\nRUN mix release\n" + RUNNER);
        assertEquals(List.of(), check(project));
    }

    @Test
    void phoenix17And18GeneratedLayoutsAreSilent() {
        for (String name : List.of("phx-release-clean", "phx18-release-clean")) {
            Workspace workspace = new Workspace(List.of(TestWorkspaces.root().resolve(name)));
            for (MixProject project : workspace.projects()) {
                assertEquals(List.of(), new RuleEngine(List.of(new RuntimeConfigNotInImageRule()))
                        .analyze(project, workspace), name);
            }
        }
    }

    @Test
    void configCopiedWithoutRuntimeExsIsReportedOnTheReleaseAndFixedByCopyingIt() {
        ProjectFixture fixture = project("""
                COPY config/config.exs config/${MIX_ENV}.exs config/
                RUN mix deps.get --only prod && mix deps.compile
                COPY lib lib
                RUN mix compile
                RUN mix release
                """);
        Finding finding = only(check(fixture));
        assertEquals("mix release", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("Stage `builder` copies config files (line 5: `COPY config/config.exs "
                + "config/${MIX_ENV}.exs config/`) but not config/runtime.exs"), finding.message());
        String fixed = ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("Dockerfile"));
        assertTrue(fixed.contains("RUN mix compile\nCOPY config/runtime.exs config/\nRUN mix release\n"), fixed);
        fixture.with("Dockerfile", fixed);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void aCopyAfterTheReleaseIsTooLate() {
        only(check(project("""
                COPY config/config.exs config/prod.exs config/
                RUN mix release
                COPY config/runtime.exs config/
                """)));
    }

    @Test
    void theFixKeepsThePathsOfTheConfigCopy() {
        ProjectFixture fixture = project("""
                COPY ./config/config.exs config/config.exs
                COPY ./config/prod.exs config/prod.exs
                RUN mix release --overwrite
                """);
        String fixed = ProjectFixture.afterFix(only(check(fixture)).fixes().get(0), dir.resolve("Dockerfile"));
        assertTrue(fixed.contains("COPY config/runtime.exs config/\nRUN mix release --overwrite"), fixed);
    }

    @Test
    void releasesExsIsTheOneWhereTheReleaseReadsIt() {
        ProjectFixture fixture = new ProjectFixture(dir).with("config/config.exs", "import Config\n")
                .with("config/releases.exs", "import Config\n").with("Dockerfile", BUILDER + """
                        COPY config/config.exs config/prod.exs config/
                        RUN mix release
                        """ + RUNNER);
        assertTrue(only(check(fixture)).message().contains("but not config/releases.exs"));
        fixture.with("Dockerfile", BUILDER + """
                COPY config/config.exs config/prod.exs config/
                COPY config/releases.exs config/
                RUN mix release
                """ + RUNNER);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void aCustomRuntimeConfigPathIsTheFileThatMustBeCopied() {
        ProjectFixture fixture = project("""
                COPY config config
                RUN mix release
                """).with("rel/runtime.exs", RUNTIME_EXS).with("mix.exs", """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project do
                    [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: [],
                     releases: [shop: [runtime_config_path: "rel/runtime.exs"]]]
                  end
                end
                """);
        Finding finding = only(check(fixture));
        assertTrue(finding.message().contains("but not rel/runtime.exs"), finding.message());
        assertEquals(List.of(), finding.fixes(), "the fix only writes into config/");
    }

    @Test
    void dockerignoreLeavingItOutIsReportedWithoutAFix() {
        Finding finding = only(check(project("COPY . .\nRUN mix release\n").with(".dockerignore", "config/runtime.exs\n")));
        assertTrue(finding.message().contains("`.dockerignore` leaves it out"), finding.message());
        assertEquals(List.of(), finding.fixes());
    }

    @Test
    void copiesThatBringTheWholeConfigAreSilent() {
        for (String copy : List.of("COPY . .", "COPY config config", "COPY config/ ./config/", "COPY . /app/")) {
            assertEquals(List.of(), check(project(copy + "\nRUN mix release\n")), copy);
        }
        assertEquals(List.of(), check(project("COPY . .\nRUN mix release\n")
                .with(".dockerignore", "/_build/\n/deps/\n/priv/static/assets/\n")));
    }

    @Test
    void aContextAboveTheProjectBringsItsConfigFromTheProjectsFolder() {
        // A monorepo's image built from the repository's root: services/shop is the project, services/spec a path
        // dependency whose config the build copies beside it.
        Path shop = dir.resolve("services/shop");
        Function<String, ProjectFixture> image = build -> new ProjectFixture(shop)
                .with("config/config.exs", "import Config\n").with("config/prod.exs", "import Config\n")
                .with("config/runtime.exs", RUNTIME_EXS).with("Dockerfile", BUILDER.replace("COPY mix.exs mix.lock ./",
                        "COPY services/shop/mix.exs services/shop/mix.lock ./") + build + RUNNER);
        assertEquals(List.of(), check(image.apply("""
                COPY services/shop/config config/
                COPY services/spec/config/config.exs ../spec/config/
                RUN mix release
                """)), "the whole config folder is copied; the other copy is the dependency's");
        assertEquals(List.of(), check(image.apply("""
                COPY services/spec/config/config.exs ../spec/config/
                RUN mix release
                """)), "only another project's config is copied: not this rule's");
        Finding finding = only(check(image.apply("""
                COPY services/shop/config/config.exs services/shop/config/prod.exs config/
                RUN mix release
                """)));
        assertTrue(finding.message().contains("but not config/runtime.exs"), finding.message());
    }

    @Test
    void silentWithoutARuntimeConfigOrAConfigCopyOrWhenItCannotBeTold() {
        ProjectFixture noRuntime = new ProjectFixture(dir).with("config/config.exs", "import Config\n")
                .with("Dockerfile", BUILDER + "COPY config/config.exs config/\nRUN mix release\n" + RUNNER);
        assertEquals(List.of(), check(noRuntime), "nothing to copy");
        assertEquals(List.of(), check(project("COPY lib lib\nRUN mix release\n")), "no config copied: not this rule's");
        assertEquals(List.of(), check(project("""
                COPY config/config.exs config/
                COPY --from=ghcr.io/acme/shop-config:latest /config /app/config
                RUN mix release
                """)), "an image outside the file may bring it");
        assertEquals(List.of(), check(project("""
                COPY config/config.exs config/
                RUN ./bin/prepare-release
                RUN mix release
                """)), "a script may write it");
    }

    @Test
    void developmentDockerfilesAreSilent() {
        ProjectFixture fixture = project("").with("Dockerfile", "FROM elixir:1.18\nCOPY mix.exs ./\n")
                .with("Dockerfile.dev", BUILDER + "COPY config/config.exs config/\nRUN mix release\n");
        assertEquals(List.of(), check(fixture));
    }
}
