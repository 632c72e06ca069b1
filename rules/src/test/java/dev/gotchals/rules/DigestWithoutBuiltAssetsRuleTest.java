package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestWithoutBuiltAssetsRuleTest {
    /** What the generator writes beside the assets since Phoenix 1.7: a build of them exists. */
    private static final String TAILWIND_CONFIG = "module.exports = {content: [\"js/**/*.js\"]}\n";

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
    private static final String ALIASED_MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project
              def project, do: [app: :shop, version: "0.1.0", elixir: "~> 1.14", aliases: aliases(), deps: []]
              defp aliases do
                ["assets.deploy": %s]
              end
            end
            """;

    @TempDir
    Path dir;

    private ProjectFixture project(String build) {
        return new ProjectFixture(dir).with("assets/js/app.js", "import \"phoenix_html\"\n")
                .with("assets/tailwind.config.js", TAILWIND_CONFIG)
                .with(".gitignore", "/_build/\n/priv/static/assets/\n")
                .with("priv/static/robots.txt", "User-agent: *\n")
                .with("Dockerfile", BUILDER + build + RUNNER);
    }

    private static List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new DigestWithoutBuiltAssetsRule());
    }

    private static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    @Test
    void phoenix17And18GeneratedLayoutsAreSilent() {
        for (String name : List.of("phx-release-clean", "phx18-release-clean")) {
            Workspace workspace = new Workspace(List.of(TestWorkspaces.root().resolve(name)));
            for (MixProject project : workspace.projects()) {
                assertEquals(List.of(), new RuleEngine(List.of(new DigestWithoutBuiltAssetsRule()))
                        .analyze(project, workspace), name);
            }
        }
    }

    @Test
    void aDigestWithNothingBuiltBeforeItIsReported() {
        Finding finding = only(check(project("""
                COPY . .
                RUN mix deps.get --only prod && mix compile
                RUN mix do esbuild.install, tailwind.install, sentry.package_source_code
                RUN mix phx.digest
                RUN mix release
                """)));
        assertEquals("mix phx.digest", ProjectFixture.covered(finding), "tasks known to build nothing");
        assertTrue(finding.message().startsWith("Stage `builder` runs `mix phx.digest` with nothing before it"),
                finding.message());
        assertEquals(List.of(), finding.fixes(), "no assets.deploy alias that builds");
    }

    @Test
    void anEarlyDigestThatALaterAssetsDeployDoesAgainChangesNothing() {
        String mix = "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, aliases: aliases()]\n"
                + "  defp aliases, do: [\"assets.deploy\": [\"tailwind default --minify\", \"esbuild default --minify\", "
                + "\"phx.digest\"]]\nend\n";
        ProjectFixture project = project("""
                COPY priv priv
                RUN mix phx.digest
                COPY lib lib
                COPY assets assets
                RUN mix do compile, assets.deploy, release
                """).with("mix.exs", mix);
        assertEquals(List.of(), check(project), "the release ships the manifest of the later, built digest");
        project.with("Dockerfile", BUILDER + """
                COPY priv priv
                RUN mix phx.digest
                COPY lib lib
                RUN mix do compile, release
                RUN mix assets.deploy
                """ + RUNNER);
        assertEquals(1, check(project).size(), "built and digested only after the release: too late");
    }

    @Test
    void assetsACiJobBuildsInTheCheckoutBeforeTheImageComeWithTheContext() {
        ProjectFixture project = project("""
                COPY priv priv
                RUN mix phx.digest
                RUN mix release
                """);
        String workflow = """
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - name: Build assets
                        run: |
                          npm --prefix ./assets ci
                          npm run --prefix ./assets deploy
                      - name: Build image
                        run: docker buildx build --push -t me/shop .
                """;
        project.with(".github/workflows/deploy.yml", workflow);
        assertEquals(List.of(), check(project), "the image is built from the checkout that holds the built assets");
        project.with(".dockerignore", "_build/\npriv/static/assets\n");
        assertEquals(1, check(project).size(), "left out of the build context");
        project.with(".dockerignore", "_build/\n").with(".github/workflows/deploy.yml",
                workflow.replace("npm run --prefix ./assets deploy", "npm test"));
        assertEquals(1, check(project).size(), "a job that only tests the front end builds nothing");
    }

    @Test
    void anAssetsDeployAliasThatOnlyDigestsIsReported() {
        Finding finding = only(check(project("COPY . .\nRUN mix assets.deploy\nRUN mix release\n")
                .with("mix.exs", ALIASED_MIX_EXS.formatted("[\"phx.digest\"]"))));
        assertTrue(finding.message().contains("(through `mix assets.deploy`)"), finding.message());
    }

    @Test
    void aDigestInTheReleaseAliasOrAMixDoIsReported() {
        only(check(project("COPY . .\nRUN mix do compile, phx.digest, release\n")));
        only(check(project("COPY . .\nRUN mix do compile + phx.digest && mix release\n")));
    }

    @Test
    void theFixRunsTheBuildingAssetsDeployAlias() {
        ProjectFixture fixture = project("""
                COPY assets assets
                COPY lib lib
                RUN mix phx.digest
                RUN mix release
                """).with("mix.exs", ALIASED_MIX_EXS.formatted(
                "[\"tailwind shop --minify\", \"esbuild shop --minify\", \"phx.digest\"]"));
        Finding finding = only(check(fixture.with("Dockerfile", BUILDER + """
                COPY assets assets
                COPY lib lib
                RUN mix phx.digest && mix compile
                RUN mix release
                """ + RUNNER)));
        String fixed = ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("Dockerfile"));
        assertTrue(fixed.contains("RUN mix assets.deploy && mix compile\n"), fixed);
        fixture.with("Dockerfile", fixed);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void aBuildBeforeTheDigestIsSilent() {
        for (String build : List.of("RUN npm run deploy --prefix ./assets", "RUN cd assets && yarn build",
                "RUN mix esbuild default --minify", "RUN mix assets.build", "RUN ./bin/build-assets",
                "RUN mix cmd --cd assets npm run deploy", "RUN mix build_frontend")) {
            assertEquals(List.of(), check(project("COPY . .\n" + build + "\nRUN mix phx.digest\nRUN mix release\n")),
                    build);
        }
        assertEquals(List.of(), check(project("COPY . .\nRUN mix assets.deploy\nRUN mix release\n")
                .with("mix.exs", ALIASED_MIX_EXS.formatted("[\"esbuild default --minify\", \"phx.digest\"]"))));
    }

    @Test
    void builtAssetsCopiedInAreSilent() {
        ProjectFixture fixture = new ProjectFixture(dir).with("assets/js/app.js", "\n")
                .with("assets/tailwind.config.js", TAILWIND_CONFIG).with("Dockerfile", """
                FROM node:20 AS assets
                WORKDIR /app
                COPY assets assets
                RUN npm --prefix assets run deploy

                """ + BUILDER + """
                COPY . .
                COPY --from=assets /app/priv/static priv/static
                RUN mix phx.digest
                RUN mix release
                """ + RUNNER);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void staticFilesCopiedFromAStageThatRunsTheProjectsOwnBuildScriptAreBuilt() {
        String dockerfile = """
                FROM node:20 AS assets
                WORKDIR /app/assets
                COPY . ..
                RUN ../run yarn:build:js && ../run yarn:build:css

                """ + BUILDER + """
                COPY . .
                COPY --from=assets /app/priv/static /public
                RUN ln -s /public /app/priv/static && mix phx.digest && mix release
                """ + RUNNER;
        ProjectFixture fixture = new ProjectFixture(dir).with("assets/js/app.js", "\n")
                .with("assets/tailwind.config.js", TAILWIND_CONFIG).with("Dockerfile", dockerfile);
        assertEquals(List.of(), check(fixture), "the script the stage runs may build them: it cannot be read");

        fixture.with("Dockerfile", dockerfile.replace("COPY --from=assets /app/priv/static /public",
                "COPY --from=assets /app/assets/package.json /public/"));
        assertEquals(1, check(fixture).size(), "what it copies is not priv/static");
    }

    @Test
    void anApiWhoseDeployAliasOnlyDigestsHasNoFrontEndAssets() {
        ProjectFixture fixture = new ProjectFixture(dir)
                .with("mix.exs", ALIASED_MIX_EXS.formatted("[\"phx.digest\"]"))
                .with("assets/.well-known/assetlinks.json", "[]\n")
                .with("priv/static/robots.txt", "User-agent: *\n")
                .with("Dockerfile", BUILDER + "COPY . .\nRUN mix phx.digest\nRUN mix release\n" + RUNNER);
        assertEquals(List.of(), check(fixture), "no scripts or styles to build: the digest covers what there is");

        fixture.with("assets/js/app.js", "import \"phoenix_html\"\n")
                .with("assets/tailwind.config.js", TAILWIND_CONFIG);
        assertEquals(1, check(fixture).size());
    }

    @Test
    void committedAssetsNoAssetsOrNoDigestAreSilent() {
        String build = "COPY . .\nRUN mix phx.digest\nRUN mix release\n";
        assertEquals(List.of(), check(project(build).with("priv/static/assets/app.js", "console.log(1)\n")
                .with(".gitignore", "/_build/\n")), "committed");
        assertEquals(List.of(), check(project(build).with("priv/static/js/app.js", "\n")), "webpack-era layout");
        assertEquals(List.of(), check(new ProjectFixture(dir).with("Dockerfile", BUILDER + build + RUNNER)),
                "no assets");
        assertEquals(List.of(), check(project("COPY . .\nRUN mix release\n")), "GT004's finding, not this rule's");
        assertEquals(List.of(), check(project("COPY . .\nRUN mix release\nRUN mix phx.digest\n")),
                "after the release: GT004's");
    }
}
