package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssetsNotDeployedRuleTest {
    /** What the generator writes beside the assets since Phoenix 1.7: a build of them exists. */
    private static final String TAILWIND_CONFIG = "module.exports = {content: [\"js/**/*.js\"]}\n";

    private static final String BUILDER = "FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder\n";
    private static final String RUNNER = """

            FROM debian:trixie-20251117-slim
            WORKDIR "/app"
            COPY --from=builder /app/_build/prod/rel/shop ./
            CMD ["/app/bin/server"]
            """;

    /** The generator's build stage: the assets deployed, then the release. */
    private static final String DEPLOYS_THEN_RELEASES = BUILDER + """
            WORKDIR /app
            ENV MIX_ENV="prod"
            COPY . .
            RUN mix deps.get --only prod && mix compile
            RUN mix assets.deploy
            RUN mix release
            """ + RUNNER;

    @TempDir
    Path dir;

    @TempDir
    Path scratch;

    /** The asset aliases of a mix.exs as Phoenix 1.7 generates it. */
    private static final String GENERATED_MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project
              def project, do: [app: :shop, version: "0.1.0", aliases: aliases(), deps: []]
              defp aliases do
                ["assets.setup": ["tailwind.install --if-missing", "esbuild.install --if-missing"],
                 "assets.build": ["tailwind shop", "esbuild shop"],
                 "assets.deploy": ["tailwind shop --minify", "esbuild shop --minify", "phx.digest"]]
              end
            end
            """;

    /** A project with an assets/ folder, the generated asset aliases and this Dockerfile. */
    private ProjectFixture withAssets(String dockerfile) {
        return new ProjectFixture(dir).with("mix.exs", GENERATED_MIX_EXS).with("assets/js/app.js", "import \"phoenix_html\"\n")
                .with("assets/tailwind.config.js", TAILWIND_CONFIG).with("Dockerfile", dockerfile);
    }

    private ProjectFixture apiOnly(String dockerfile) {
        return new ProjectFixture(dir).with("Dockerfile", dockerfile);
    }

    private static List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new AssetsNotDeployedRule());
    }

    private static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    @Test
    void anUmbrellaReleaseThatShipsNoAppWithAFrontEndNeedsNoAssets() {
        String dockerfile = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix release worker\n" + RUNNER;
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", """
                        defmodule Umbrella.MixProject do
                          use Mix.Project
                          def project, do: [apps_path: "apps", deps: [],
                            releases: [web: [applications: [web: :permanent]], worker: [applications: [worker: :permanent]]]]
                        end
                        """)
                .with("config/config.exs", "import Config\nconfig :esbuild, web: [args: ~w(js/app.js), "
                        + "cd: Path.expand(\"../apps/web/assets\", __DIR__)]\n")
                .with("apps/core/mix.exs", "defmodule Core.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :core, deps: []]\nend\n")
                .with("apps/worker/mix.exs", "defmodule Worker.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :worker, deps: [{:core, in_umbrella: true}]]\nend\n")
                .with("apps/web/mix.exs", "defmodule Web.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :web, deps: [{:core, in_umbrella: true}, {:esbuild, \"~> 0.8\"}]]\nend\n")
                .with("apps/web/assets/js/app.js", "import \"phoenix_html\"\n")
                .with("Dockerfile", dockerfile);
        assertEquals(List.of(), check(project), "the worker release holds worker and core, neither has assets");
        assertEquals(1, check(project.with("Dockerfile", dockerfile.replace("release worker", "release web"))).size(),
                "the web release holds the front end");
    }

    // ---- the generated layouts ----

    @Test
    void phoenix17And18GeneratedLayoutsAreSilent() {
        for (String name : List.of("phx-release-clean", "phx18-release-clean")) {
            Workspace workspace = new Workspace(List.of(TestWorkspaces.root().resolve(name)));
            for (MixProject project : workspace.projects()) {
                assertEquals(List.of(), new RuleEngine(List.of(new AssetsNotDeployedRule())).analyze(project, workspace), name);
            }
        }
    }

    @Test
    void phoenix15ReleaseGuideLayoutWithNpmAndPhxDigestIsSilent() {
        String dockerfile = """
                FROM elixir:1.9.0-alpine AS build
                RUN apk add --no-cache build-base npm git python
                WORKDIR /app
                RUN mix local.hex --force && \\
                    mix local.rebar --force
                ENV MIX_ENV=prod
                COPY mix.exs mix.lock ./
                COPY config config
                RUN mix do deps.get, deps.compile
                COPY assets/package.json assets/package-lock.json ./assets/
                RUN npm --prefix ./assets ci --progress=false --no-audit --loglevel=error
                COPY priv priv
                COPY assets assets
                RUN npm run --prefix ./assets deploy
                RUN mix phx.digest
                COPY lib lib
                RUN mix do compile, release

                FROM alpine:3.9 AS app
                RUN apk add --no-cache openssl ncurses-libs
                WORKDIR /app
                RUN chown nobody:nobody /app
                USER nobody:nobody
                COPY --from=build --chown=nobody:nobody /app/_build/prod/rel/shop ./
                ENV HOME=/app
                CMD ["bin/shop", "start"]
                """;
        assertEquals(List.of(), check(withAssets(dockerfile)));
    }

    // ---- assets ----

    @Test
    void releaseWithoutAssetsDeployIsReportedOnTheReleaseCommand() {
        Finding finding = only(check(withAssets(BUILDER + """
                WORKDIR /app
                ENV MIX_ENV="prod"
                COPY . .
                RUN mix deps.get --only prod && mix compile
                RUN mix release
                """ + RUNNER)));
        assertEquals("GT004", finding.rule().id());
        assertEquals("mix release", ProjectFixture.covered(finding));
        assertTrue(finding.message().startsWith("Stage `builder` runs `mix release` with no `mix assets.deploy`"), finding.message());
        Fix fix = finding.fixes().get(0);
        assertEquals(DEPLOYS_THEN_RELEASES, ProjectFixture.afterFix(fix, dir.resolve("Dockerfile")));
        assertConverges(finding, fix);
    }

    @Test
    void anAssetAliasNoMixExsDefinesStopsTheBuildAndIsNotOfferedAsAFix() {
        String dockerfile = DEPLOYS_THEN_RELEASES;
        ProjectFixture webpack = withAssets(dockerfile).with("mix.exs", LOCAL_MIX_EXS.replace(
                "[\"assets.setup\": [\"bun.install --if-missing\", \"bun assets install\", \"assets.build\"],\n"
                        + "     \"assets.build\": [\"bun assets run build\"]]", "[setup: [\"deps.get\"]]"));
        Finding finding = only(check(webpack));
        assertEquals("mix assets.deploy", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("no mix.exs has an `assets.deploy` alias"), finding.message());
        assertTrue(finding.message().contains("The task \"assets.deploy\" could not be found"), finding.message());

        assertEquals(List.of(), check(withAssets(dockerfile)), "the generated alias");
        ProjectFixture umbrella = new ProjectFixture(dir.resolve("umbrella"))
                .with("mix.exs", "defmodule Shop.Umbrella.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [apps_path: \"apps\", version: \"0.1.0\", deps: []]\nend\n")
                .with("apps/shop_web/mix.exs", GENERATED_MIX_EXS.replace("Shop.MixProject", "ShopWeb.MixProject")
                        .replace("app: :shop,", "app: :shop_web,"))
                .with("apps/shop_web/assets/js/app.js", "import \"phoenix_html\"\n")
                .with("apps/shop_web/assets/tailwind.config.js", TAILWIND_CONFIG)
                .with("Dockerfile", dockerfile);
        assertEquals(List.of(), check(umbrella).stream().map(Finding::message).toList(),
                "an alias of an umbrella app: Mix runs it there");

        Finding noBuild = only(check(withAssets(dockerfile.replace("RUN mix assets.deploy\n", ""))
                .with("mix.exs", LOCAL_MIX_EXS.replace("aliases: aliases(), ", ""))));
        assertEquals("mix release", ProjectFixture.covered(noBuild));
        assertEquals(List.of(), noBuild.fixes(), "no `mix assets.deploy` offered where nothing defines it");
    }

    @Test
    void anAssetAliasOfAliasesJoinedOrComputedIsNoUndefinedTask() {
        String joined = """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, version: "0.1.0", aliases: aliases(), deps: []]
                  defp aliases do
                    [test: ["test"]] ++
                      ["assets.setup": ["tailwind.install --if-missing"], "assets.deploy": ["tailwind default", "phx.digest"]]
                  end
                end
                """;
        assertEquals(List.of(), check(withAssets(DEPLOYS_THEN_RELEASES).with("mix.exs", joined)).stream()
                .map(Finding::message).toList(), "aliases joined with ++");
        String computed = joined.replace("aliases: aliases()", "aliases: [test: [\"test\"]] ++ Shop.Build.aliases()");
        assertEquals(List.of(), check(withAssets(DEPLOYS_THEN_RELEASES).with("mix.exs", computed)).stream()
                .map(Finding::message).toList(), "aliases the model cannot read may define it");
    }

    @Test
    void aReleaseWhoseOwnStepsRunCodeBeforeAssemblingMayBuildTheAssets() {
        String dockerfile = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix release\n" + RUNNER;
        String mixExs = """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, version: "0.1.0", deps: [], releases: releases()]
                  defp releases, do: [shop: [steps: STEPS]]
                  defp build_assets(release) do
                    System.cmd("npm", ["run", "deploy"], cd: "assets")
                    Mix.Task.run("phx.digest")
                    release
                  end
                end
                """;
        assertEquals(List.of(), check(withAssets(dockerfile)
                .with("mix.exs", mixExs.replace("STEPS", "[&build_assets/1, :assemble, :tar]"))));
        assertEquals(1, check(withAssets(dockerfile)
                .with("mix.exs", mixExs.replace("STEPS", "[:assemble, &build_assets/1]"))).size());
        assertEquals(1, check(withAssets(dockerfile).with("mix.exs", mixExs.replace("STEPS", "[:assemble, :tar]"))).size());
    }

    private static final String LOCAL_MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project
              def project, do: [app: :shop, version: "0.1.0", aliases: aliases(), deps: []]
              defp aliases do
                ["assets.setup": ["bun.install --if-missing", "bun assets install", "assets.build"],
                 "assets.build": ["bun assets run build"]]
              end
            end
            """;

    /** An endpoint whose prod config sets {@code cache_static_manifest} only when {@code manifest}. */
    private ProjectFixture endpointProject(String dockerfile, boolean manifest) {
        return withAssets(dockerfile)
                .with("mix.exs", LOCAL_MIX_EXS)
                .with("lib/shop_web/endpoint.ex", "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\n"
                        + "  plug Plug.Static, at: \"/\", from: :shop\nend\n")
                .with("config/config.exs", "import Config\n\nconfig :shop, ShopWeb.Endpoint, url: [host: \"localhost\"]\n\n"
                        + "import_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", "import Config\n" + (manifest
                        ? "\nconfig :shop, ShopWeb.Endpoint, cache_static_manifest: \"priv/static/cache_manifest.json\"\n" : ""));
    }

    @Test
    void withoutACacheManifestAnyBuilderBeforeTheReleaseIsEnough() {
        String prefix = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\n";
        for (String build : List.of("RUN mix do compile + assets.setup + release\n",
                "RUN npm run build --prefix assets\nRUN mix release\n",
                "RUN cd assets && yarn build\nRUN mix release\n",
                "RUN mix tailwind default --minify && mix esbuild default --minify\nRUN mix release\n")) {
            assertEquals(List.of(), check(endpointProject(prefix + build + RUNNER, false)), build);
        }
    }

    @Test
    void withACacheManifestTheAssetsMustBeDigested() {
        Finding finding = only(check(endpointProject(BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\n"
                + "RUN mix do compile + assets.setup + release\n" + RUNNER, true)));
        assertTrue(finding.message().contains("no `mix assets.deploy` (or `mix phx.digest`)"), finding.message());
    }

    @Test
    void pagesThatLoadOnlyCommittedFilesNeedNoAssetBuild() {
        // Clivern/Lynx: the generator's assets/ stays, but the layout links only a theme committed in priv/static.
        String dockerfile = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix release\n" + RUNNER;
        String layout = """
                <!DOCTYPE html>
                <html>
                  <head>
                    <link rel="stylesheet" href={Routes.static_path(@conn, "/theme/app/css/bootstrap.css")}>
                    <script src={Routes.static_path(@conn, "/theme/app/js/jquery.min.js")}></script>
                  </head>
                  <body><a href="/">Home</a><%= @inner_content %></body>
                </html>
                """;
        ProjectFixture project = withAssets(dockerfile)
                .with("lib/shop_web/templates/layout/root.html.heex", layout);
        assertEquals(List.of(), check(project));
        project.with("lib/shop_web/templates/layout/root.html.heex", layout.replace("</head>",
                "  <script defer phx-track-static src={~p\"/assets/app.js\"}></script>\n  </head>"));
        assertEquals(1, check(project).size(), "the layout loads the bundle the build makes");
        project.with("lib/shop_web/templates/layout/root.html.heex", "<main><%= @inner_content %></main>\n");
        assertEquals(1, check(project).size(), "no script or stylesheet in sight: how pages load them is unknown");
    }

    @Test
    void anAssetsFolderOfImagesOnlyHasNothingToBuild() {
        String dockerfile = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix release\n" + RUNNER;
        ProjectFixture images = apiOnly(dockerfile).with("assets/static/offline.png", "PNG")
                .with("priv/static/offline.png", "PNG");
        assertEquals(List.of(), check(images));
        assertEquals(1, check(images.with("assets/static/app.css", "body {}\n")
                .with("assets/tailwind.config.js", TAILWIND_CONFIG)).size());
    }

    @Test
    void anAssetsFolderBuiltIntoAnImageOfItsOwnIsNoAssetOfTheRelease() {
        // fishjam-dev/fishjam-videoroom: a React app in assets/ that its own Dockerfile builds and nginx serves.
        String dockerfile = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix release\n" + RUNNER;
        ProjectFixture project = apiOnly(dockerfile).with("assets/src/main.tsx", "export {};\n")
                .with("assets/package.json", "{\"scripts\": {\"build\": \"vite build\"}}\n");
        assertEquals(1, check(project).size(), "a front end in assets/ that nothing builds");
        assertEquals(List.of(), check(project.with("assets/Dockerfile", "FROM node:20 AS build\nCOPY . .\n"
                + "RUN npm ci && npm run build\nFROM nginx:alpine\nCOPY --from=build /dist /usr/share/nginx/html\n")),
                "its own image builds and serves it");
    }

    @Test
    void aFrontEndBesideAnApiThatServesNoStaticFilesIsNoAssetOfTheRelease() {
        String dockerfile = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix release\n" + RUNNER;
        String endpoint = """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop
                  # plug Plug.Static, at: "/", from: :shop, gzip: false
                  plug Plug.Parsers, parsers: [:json], json_decoder: Phoenix.json_library()
                  plug ShopWeb.Router
                end
                """;
        ProjectFixture project = apiOnly(dockerfile).with("assets/app/page.tsx", "export default function Page() {}\n")
                .with("assets/package.json", "{\"scripts\": {\"build\": \"next build\"}}\n")
                .with("lib/shop_web/endpoint.ex", endpoint);
        assertEquals(List.of(), check(project), "no Plug.Static: the release serves no file of priv/static");
        project.with("lib/shop_web/endpoint.ex", endpoint.replace("# plug Plug.Static", "plug Plug.Static"));
        assertEquals(1, check(project).size(), "the endpoint serves priv/static, which nothing builds");
    }

    @Test
    void anAssetsFolderOfCopiedLibrariesOnlyHasNothingToBuild() {
        String dockerfile = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix release\n" + RUNNER;
        ProjectFixture vendored = apiOnly(dockerfile).with("assets/vendor/topbar.js", "(function () {})();\n")
                .with("priv/static/assets/app.js", "console.log('hand-written');\n");
        assertEquals(List.of(), check(vendored), "the generator's topbar.js beside assets committed in priv/static");
        assertEquals(1, check(vendored.with("assets/js/app.js", "import \"../vendor/topbar\"\n")
                .with("assets/tailwind.config.js", TAILWIND_CONFIG)).size(),
                "an entry point of the project's own that bundles it");
    }

    @Test
    void aManifestTheBundlerWritesNeedsNoDigest() {
        String dockerfile = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\n"
                + "RUN pnpm vite build --config assets/vite.config.js\nRUN mix release\n" + RUNNER;
        ProjectFixture bundlerManifest = endpointProject(dockerfile, false).with("config/prod.exs",
                "import Config\n\nconfig :shop, ShopWeb.Endpoint, cache_static_manifest: \"priv/static/.vite/manifest.json\"\n");
        assertEquals(List.of(), check(bundlerManifest));
        Finding digestManifest = only(check(endpointProject(dockerfile, true)));
        assertTrue(digestManifest.message().contains("no `mix assets.deploy` (or `mix phx.digest`)"),
                digestManifest.message());
    }

    @Test
    void withoutACacheManifestAReleaseWithNoBuilderIsReported() {
        Finding finding = only(check(endpointProject(BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\n"
                + "RUN npm install --prefix assets\nRUN mix release\nRUN npm run deploy --prefix assets\n" + RUNNER, false)));
        assertTrue(finding.message().startsWith("`npm run deploy --prefix assets` runs after `mix release` in stage "
                + "`builder`"), finding.message());
        assertTrue(finding.message().endsWith("ships without the built assets."), finding.message());
        Finding none = only(check(endpointProject(BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\n"
                + "RUN npm ci --prefix assets\nRUN mix release\n" + RUNNER, false)));
        assertTrue(none.message().contains("nothing before it in this stage or the stages it builds FROM that builds "
                + "this project's front-end assets"), none.message());
    }

    @Test
    void insertedDeployGoesAboveTheReleaseCommentAndCopiesTheAssetsWhenNothingDid() {
        String dockerfile = BUILDER + """
                ENV MIX_ENV=prod
                COPY mix.exs mix.lock ./
                RUN mix deps.get --only prod
                COPY config config
                COPY lib lib
                RUN mix compile

                # build the release
                RUN mix release
                """ + RUNNER;
        Finding finding = only(check(withAssets(dockerfile)));
        Fix fix = finding.fixes().get(0);
        assertEquals(BUILDER + """
                ENV MIX_ENV=prod
                COPY mix.exs mix.lock ./
                RUN mix deps.get --only prod
                COPY config config
                COPY lib lib
                RUN mix compile

                COPY assets assets
                RUN mix assets.deploy
                # build the release
                RUN mix release
                """ + RUNNER, ProjectFixture.afterFix(fix, dir.resolve("Dockerfile")));
        assertConverges(finding, fix);
    }

    @Test
    void releaseChainedAfterOtherCommandsGetsTheDeployChainedInItsStyle() {
        String trailing = BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix deps.get --only prod && \\\n    mix compile && \\\n    mix release\n";
        Finding finding = only(check(withAssets(trailing)));
        assertEquals(BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix deps.get --only prod && \\\n    mix compile && \\\n"
                        + "    mix assets.deploy && \\\n    mix release\n",
                ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("Dockerfile")));
        assertConverges(finding, finding.fixes().get(0));

        String leading = BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix deps.get --only prod \\\n  && mix compile \\\n  && mix release\n";
        finding = only(check(withAssets(leading)));
        assertEquals(BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix deps.get --only prod \\\n  && mix compile \\\n"
                        + "  && mix assets.deploy \\\n  && mix release\n",
                ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("Dockerfile")));
        assertConverges(finding, finding.fixes().get(0));

        String oneLine = BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix compile && mix release\n";
        finding = only(check(withAssets(oneLine)));
        assertEquals(BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix compile && mix assets.deploy && mix release\n",
                ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("Dockerfile")));
    }

    @Test
    void deployBeforeTheReleaseInAnyFormIsSilent() {
        for (String steps : List.of(
                "RUN mix assets.deploy && mix release\n",
                "RUN mix assets.deploy\nRUN mix compile\nRUN mix release\n",
                "RUN mix compile\nRUN mix assets.deploy\nRUN mix release\n",
                "RUN cd assets && npm ci && npm run deploy\nRUN mix phx.digest\nRUN mix release\n",
                "RUN mix do compile, assets.deploy, release\n",
                "RUN mix do compile + assets.deploy + release\n",
                "RUN [\"mix\", \"assets.deploy\"]\nRUN [\"mix\", \"release\"]\n",
                "RUN MIX_ENV=prod mix assets.deploy\nRUN mix release\n",
                "RUN ./scripts/build_assets.sh\nRUN mix release\n",
                "RUN sh -c \"mix assets.deploy\"\nRUN mix release\n")) {
            String dockerfile = BUILDER + "WORKDIR /app\nENV MIX_ENV=\"prod\"\nCOPY . .\nRUN mix deps.get --only prod\n" + steps;
            assertEquals(List.of(), check(withAssets(dockerfile)), steps);
        }
    }

    @Test
    void shellPipesThatRunNoProjectScriptDoNotHideTheGotcha() {
        String dockerfile = BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -\n"
                + "RUN sh -c \"mix compile\"\nRUN mix release\n";
        assertEquals(1, check(withAssets(dockerfile)).size());
    }

    @Test
    void deployInALaterRunIsMovedIntoAChainedRelease() {
        String dockerfile = BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix compile && mix release\n\nRUN mix assets.deploy\n";
        Finding finding = only(check(withAssets(dockerfile)));
        Fix fix = finding.fixes().get(0);
        assertEquals(BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix compile && mix assets.deploy && mix release\n",
                ProjectFixture.afterFix(fix, dir.resolve("Dockerfile")));
        assertConverges(finding, fix);
    }

    @Test
    void deployInAStageTheReleaseBuildsFromCounts() {
        String dockerfile = """
                FROM elixir:1.18 AS base
                ENV MIX_ENV=prod
                WORKDIR /app
                COPY . .
                RUN mix deps.get --only prod && mix assets.deploy

                FROM base AS release
                RUN mix release
                """ + RUNNER;
        assertEquals(List.of(), check(withAssets(dockerfile)));
    }

    @Test
    void assetsBuiltInAnotherStageAndCopiedInCount() {
        String dockerfile = """
                FROM elixir:1.18 AS assets
                ENV MIX_ENV=prod
                WORKDIR /app
                COPY . .
                RUN mix deps.get --only prod && mix assets.deploy

                FROM elixir:1.18 AS builder
                ENV MIX_ENV=prod
                WORKDIR /app
                COPY . .
                COPY --from=assets /app/priv/static priv/static
                RUN mix deps.get --only prod && mix release
                """ + RUNNER;
        assertEquals(List.of(), check(withAssets(dockerfile)));
    }

    @Test
    void deployInAStageTheReleaseDoesNotBuildFromIsReported() {
        String dockerfile = """
                FROM elixir:1.18 AS assets
                ENV MIX_ENV=prod
                WORKDIR /app
                COPY . .
                RUN mix deps.get --only prod && mix assets.deploy

                FROM elixir:1.18 AS builder
                ENV MIX_ENV=prod
                WORKDIR /app
                COPY . .
                RUN mix deps.get --only prod
                RUN mix release
                """ + RUNNER;
        Finding finding = only(check(withAssets(dockerfile)));
        assertTrue(finding.message().contains("`builder`"), finding.message());
    }

    @Test
    void projectAliasThatDigestsCounts() {
        ProjectFixture project = withAssets(BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix static.build\nRUN mix release\n")
                .with("mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project

                          def project do
                            [app: :shop, version: "0.1.0", aliases: aliases(), deps: []]
                          end

                          defp aliases do
                            ["assets.prod": ["esbuild default --minify"], "static.build": ["assets.prod", "phx.digest"]]
                          end
                        end
                        """);
        assertEquals(List.of(), check(project));
    }

    /** A mix.exs with these aliases. */
    private static String mixExs(String aliases) {
        return """
                defmodule Shop.MixProject do
                  use Mix.Project

                  def project do
                    [app: :shop, version: "0.1.0", aliases: aliases(), deps: []]
                  end

                  defp aliases do
                    [%s]
                  end
                end
                """.formatted(aliases);
    }

    @Test
    void releaseAliasThatDeploysTheAssetsFirstIsSilent() {
        ProjectFixture project = withAssets(BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix release\n" + RUNNER)
                .with("mix.exs", mixExs("""
                        "assets.deploy": ["tailwind default --minify", "esbuild default --minify", "phx.digest"],
                        release: ["assets.deploy", "release"]"""));
        assertEquals(List.of(), check(project));
    }

    @Test
    void customAliasIsReadThroughToTheReleaseItRuns() {
        String dockerfile = BUILDER + "COPY . .\nRUN mix build.release\n" + RUNNER;
        ProjectFixture deploying = withAssets(dockerfile.replace("COPY", "ENV MIX_ENV=prod\nCOPY"))
                .with("mix.exs", mixExs("\"build.release\": [\"compile\", \"assets.deploy\", \"release\"]"));
        assertEquals(List.of(), check(deploying));

        List<Finding> findings = check(withAssets(dockerfile)
                .with("mix.exs", mixExs("\"build.release\": [\"compile\", \"release\"]")));
        assertEquals(2, findings.size(), findings.toString());
        for (Finding finding : findings) {
            assertEquals("mix build.release", ProjectFixture.covered(finding));
        }
    }

    @Test
    void aliasThatDigestsAfterTheReleaseIsTooLateAndLeftToBeRewrittenByHand() {
        ProjectFixture project = withAssets(BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix build.release\n")
                .with("mix.exs", mixExs("\"build.release\": [\"release\", \"phx.digest\"]"));
        Finding finding = only(check(project));
        assertTrue(finding.message().startsWith("`mix build.release` runs after `mix release`"), finding.message());
        assertEquals(List.of(), finding.fixes());
    }

    @Test
    void aliasWithAStepThatCannotBeReadMayBuildTheAssets() {
        ProjectFixture project = withAssets(BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix release\n")
                .with("mix.exs", mixExs("release: [&build_assets/1, \"release\"]"));
        assertEquals(List.of(), check(project));
    }

    @Test
    void builtPrivStaticCopiedFromAnImageOutsideTheFileOrFromAStageBuiltOnADeployingOneCounts() {
        String external = BUILDER + "ENV MIX_ENV=prod\nCOPY . .\n"
                + "COPY --from=ghcr.io/acme/shop-assets:1.4 /static ./priv/static\nRUN mix release\n" + RUNNER;
        assertEquals(List.of(), check(withAssets(external)));

        String chained = """
                FROM elixir:1.18 AS assets
                ENV MIX_ENV=prod
                WORKDIR /app
                COPY . .
                RUN mix assets.deploy

                FROM assets AS static
                RUN rm -rf priv/static/assets/*.map

                FROM elixir:1.18 AS builder
                ENV MIX_ENV=prod
                WORKDIR /app
                COPY . .
                COPY --from=static /app/priv/static priv/static
                RUN mix release
                """ + RUNNER;
        assertEquals(List.of(), check(withAssets(chained)));

        String unbuilt = BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nCOPY --from=ghcr.io/acme/base:1 /etc/ssl /etc/ssl\n"
                + "RUN mix release\n" + RUNNER;
        assertEquals(1, check(withAssets(unbuilt)).size());
    }

    @Test
    void assetsDigestedAfterTheReleaseAndCopiedIntoItCount() {
        String dockerfile = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix release\n"
                + "RUN mix assets.deploy && cp -r priv/static _build/prod/rel/shop/lib/shop-0.1.0/priv/\n" + RUNNER;
        assertEquals(List.of(), check(withAssets(dockerfile)));
    }

    @Test
    void aDigestWrittenStraightIntoTheAssembledReleaseCounts() {
        String built = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN npm run deploy --prefix assets\n"
                + "RUN mix release\n";
        for (String digest : List.of("RUN mix phx.digest -o _build/prod/rel/shop/lib/shop-0.1.0/priv/static\n",
                "RUN mix phx.digest --output=/app/_build/prod/rel/shop/lib/shop-0.1.0/priv/static\n")) {
            assertEquals(List.of(), check(endpointProject(built + digest + RUNNER, true)), digest);
        }
        String inPlace = built + "RUN mix phx.digest -o priv/static\n" + RUNNER;
        assertTrue(only(check(endpointProject(inPlace, true))).message().contains("too late"));
    }

    @Test
    void assetsDigestedAfterTheReleaseAndCopiedIntoTheRunnerCount() {
        // Built after the release, then copied by the runner stage into the release's priv/static.
        String dockerfile = BUILDER + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\n"
                + "RUN mix release && npm run --prefix assets deploy && mix phx.digest\n"
                + "\nFROM debian:trixie-20251117-slim\nCOPY --from=builder /app/_build/prod /opt/app\n"
                + "COPY --from=builder /app/priv/static /opt/app/rel/shop/lib/shop-0.1.0/priv/static\n"
                + "CMD [\"/opt/app/rel/shop/bin/shop\", \"start\"]\n";
        assertEquals(List.of(), check(withAssets(dockerfile)));

        String notCopied = dockerfile.replace("COPY --from=builder /app/priv/static /opt/app/rel/shop/lib/shop-0.1.0/priv/static\n", "");
        assertTrue(only(check(withAssets(notCopied))).message().contains("too late"));
    }

    @Test
    void ciAndDevelopmentDockerfilesAreNotProductionOnes() {
        ProjectFixture project = withAssets(BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix assets.deploy\nRUN mix release\n")
                .with("Dockerfile.ci", BUILDER + "COPY . .\nRUN mix release\n")
                .with("Dockerfile.test", BUILDER + "COPY . .\nRUN mix release\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void releaseInsideAShellScriptOfTheRunIsSeen() {
        Finding finding = only(check(apiOnly(BUILDER + "COPY . .\nRUN sh -c \"mix compile && mix release\"\n")));
        assertEquals("mix release", ProjectFixture.covered(finding));
        assertTrue(finding.message().startsWith("MIX_ENV is not set"), finding.message());
    }

    @Test
    void aStylesheetThatNothingBuildsIsNoAssetAPageLoads() {
        String dockerfile = BUILDER + "ENV MIX_ENV=\"prod\"\nCOPY . .\nRUN mix deps.get --only prod\nRUN mix release\n" + RUNNER;
        ProjectFixture api = apiOnly(dockerfile).with("assets/css/app.css", "@import 'tailwindcss';\n")
                .with("config/config.exs", "import Config\nconfig :tailwind, :version, \"4.0.9\"\n"
                        + "config :esbuild, version: \"0.25.0\"\n");
        assertEquals(List.of(), check(api), "versions pinned, no profile, no package.json: the stylesheet is built nowhere");
        api.with("config/config.exs", "import Config\nconfig :tailwind, version: \"4.0.9\",\n"
                + "  shop: [args: ~w(--input=assets/css/app.css --output=priv/static/assets/app.css)]\n");
        assertEquals(1, check(api).size(), "a profile builds it");
        api.with("config/config.exs", "import Config\n").with("assets/package.json", "{\"scripts\": {}}\n");
        assertEquals(1, check(api).size(), "a package.json builds it");
    }

    @Test
    void anAssetsDeployAliasWithNothingToBuildIsNoFrontEnd() {
        String dockerfile = BUILDER + "ENV MIX_ENV=\"prod\"\nCOPY . .\nRUN mix deps.get --only prod\nRUN mix release\n" + RUNNER;
        ProjectFixture api = apiOnly(dockerfile).with("mix.exs", """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, version: "0.1.0", aliases: aliases(), deps: deps()]
                  defp deps, do: [{:phoenix, "~> 1.7"}, {:esbuild, "~> 0.8", runtime: Mix.env() == :dev}]
                  defp aliases, do: ["assets.deploy": ["esbuild default --minify", "phx.digest"]]
                end
                """);
        assertEquals(List.of(), check(api), "no assets/ folder and no esbuild profile: the generator's alias builds nothing");
        api.with("assets/js/app.js", "import \"phoenix_html\"\n");
        assertEquals(1, check(api).size(), "with the sources beside mix.exs the alias builds them");
    }

    @Test
    void apiOnlyProjectWithoutAssetsIsSilent() {
        assertEquals(List.of(), check(apiOnly(BUILDER + "ENV MIX_ENV=\"prod\"\nCOPY . .\nRUN mix deps.get --only prod\nRUN mix release\n" + RUNNER)));
    }

    @Test
    void deployInALaterRunIsMovedBeforeTheRelease() {
        String dockerfile = BUILDER + """
                WORKDIR /app
                ENV MIX_ENV="prod"
                COPY . .
                RUN mix deps.get --only prod && mix compile

                COPY rel rel
                RUN mix release

                # compile assets
                RUN mix assets.deploy
                """ + RUNNER;
        Finding finding = only(check(withAssets(dockerfile)));
        assertEquals("mix release", ProjectFixture.covered(finding));
        assertTrue(finding.message().startsWith("`mix assets.deploy` runs after `mix release` in stage `builder` (line 11)"),
                finding.message());
        Fix fix = finding.fixes().get(0);
        assertTrue(fix.safe());
        assertEquals(BUILDER + """
                WORKDIR /app
                ENV MIX_ENV="prod"
                COPY . .
                RUN mix deps.get --only prod && mix compile

                COPY rel rel
                # compile assets
                RUN mix assets.deploy
                RUN mix release
                """ + RUNNER, ProjectFixture.afterFix(fix, dir.resolve("Dockerfile")));
        assertConverges(finding, fix);
    }

    @Test
    void deployAfterTheReleaseInTheSameRunIsMoved() {
        String dockerfile = BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix compile\nRUN mix release && mix phx.digest\n";
        Finding finding = only(check(withAssets(dockerfile)));
        assertTrue(finding.message().startsWith("`mix phx.digest` runs after `mix release`"), finding.message());
        Fix fix = finding.fixes().get(0);
        assertEquals(BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix compile\nRUN mix assets.deploy\nRUN mix release\n",
                ProjectFixture.afterFix(fix, dir.resolve("Dockerfile")));
        assertConverges(finding, fix);
    }

    @Test
    void eachDockerfileIsJudgedOnItsOwn() {
        ProjectFixture project = withAssets(BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix assets.deploy\nRUN mix release\n")
                .with("Dockerfile.prod", BUILDER + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix release\n")
                .with("Dockerfile.dev", "FROM elixir:1.18\nCOPY . .\nCMD [\"mix\", \"phx.server\"]\n");
        Finding finding = only(check(project));
        assertEquals(dir.resolve("Dockerfile.prod"), finding.file().path());
    }

    // ---- MIX_ENV ----

    @Test
    void releaseWithoutMixEnvIsReportedWithAnEnvAfterWorkdir() {
        String dockerfile = BUILDER + """
                WORKDIR /app
                COPY . .
                RUN mix deps.get --only prod
                RUN mix assets.deploy
                RUN mix release
                """ + RUNNER;
        Finding finding = only(check(withAssets(dockerfile)));
        assertEquals("mix release", ProjectFixture.covered(finding));
        assertTrue(finding.message().startsWith("MIX_ENV is not set where stage `builder` runs `mix release`"), finding.message());
        assertTrue(finding.message().contains("dev release"), finding.message());
        Fix fix = finding.fixes().get(0);
        assertTrue(fix.safe());
        assertEquals(BUILDER + """
                WORKDIR /app
                ENV MIX_ENV="prod"
                COPY . .
                RUN mix deps.get --only prod
                RUN mix assets.deploy
                RUN mix release
                """ + RUNNER, ProjectFixture.afterFix(fix, dir.resolve("Dockerfile")));
        assertConverges(finding, fix);
    }

    @Test
    void withoutWorkdirTheEnvGoesRightAfterFrom() {
        Finding finding = only(check(apiOnly(BUILDER + "COPY . .\nRUN mix do deps.get, compile, release\n")));
        assertEquals(BUILDER + "ENV MIX_ENV=\"prod\"\nCOPY . .\nRUN mix do deps.get, compile, release\n",
                ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("Dockerfile")));
    }

    @Test
    void mixEnvSetInAnyAcceptedWayIsSilent() {
        for (String setup : List.of(
                "ENV MIX_ENV=prod\nRUN mix release\n",
                "ENV MIX_ENV=\"prod\"\nRUN mix release\n",
                "ENV MIX_ENV prod\nRUN mix release\n",
                "ARG MIX_ENV=prod\nRUN mix release\n",
                "ARG MIX_ENV=\"prod\"\nENV MIX_ENV=${MIX_ENV}\nRUN mix release\n",
                "ARG MIX_ENV=prod\nENV MIX_ENV=$MIX_ENV\nRUN mix release\n",
                "RUN MIX_ENV=prod mix release\n",
                "RUN env MIX_ENV=prod mix release\n",
                "RUN export MIX_ENV=prod && mix release\n",
                // set by CI: unknown here
                "ARG MIX_ENV\nRUN mix release\n",
                "ARG MIX_ENV\nENV MIX_ENV=${MIX_ENV}\nRUN mix release\n",
                // a dev default that the production build overrides (a Compose file's `build: args: MIX_ENV: prod`)
                "ARG MIX_ENV=dev\nENV MIX_ENV=${MIX_ENV}\nRUN mix release\n",
                // a custom environment chosen on purpose
                "ENV MIX_ENV=staging\nRUN mix release\n")) {
            assertEquals(List.of(), check(apiOnly(BUILDER + "WORKDIR /app\nCOPY . .\n" + setup)), setup);
        }
    }

    @Test
    void anUnsetMixEnvIsKnownOnlyOverImagesThatLeaveItUnset() {
        String build = "WORKDIR /app\nCOPY . .\nRUN mix release\n";
        for (String from : List.of("FROM elixir:1.17-alpine AS builder\n", "FROM public.ecr.aws/docker/library/elixir:1.17 AS builder\n",
                "FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder\n",
                "FROM debian:bookworm AS base\nRUN apt-get install -y elixir\nFROM base AS builder\n")) {
            assertEquals(1, check(apiOnly(from + build)).size(), from);
        }
        for (String from : List.of("FROM shop-builder-base AS builder\n", "FROM ghcr.io/acme/elixir-builder:3 AS builder\n",
                "ARG BUILDER_IMAGE\nFROM ${BUILDER_IMAGE} AS builder\n")) {
            assertEquals(List.of(), check(apiOnly(from + build)), from + ": the image may set MIX_ENV itself");
        }
        assertEquals(1, check(apiOnly("FROM shop-builder-base AS builder\nENV MIX_ENV=dev\n" + build)).size(),
                "a value written here is known whatever the base");
    }

    @Test
    void globalArgIsOnlyInScopeWhenTheStageDeclaresIt() {
        String declared = "ARG MIX_ENV=prod\n" + BUILDER + "ARG MIX_ENV\nCOPY . .\nRUN mix release\n";
        assertEquals(List.of(), check(apiOnly(declared)));

        String undeclared = "ARG MIX_ENV=prod\n" + BUILDER + "COPY . .\nRUN mix release\n";
        assertEquals(1, check(apiOnly(undeclared)).size());
    }

    @Test
    void envSetAfterTheReleaseOrOnlyInTheRunnerIsReported() {
        Finding finding = only(check(apiOnly(BUILDER + "COPY . .\nRUN mix release\nENV MIX_ENV=prod\n" + RUNNER.replace(
                "WORKDIR \"/app\"\n", "WORKDIR \"/app\"\nENV MIX_ENV=\"prod\"\n"))));
        assertTrue(finding.message().startsWith("MIX_ENV is not set"), finding.message());
    }

    @Test
    void explicitDevIsReportedAndSetToProd() {
        String dockerfile = BUILDER + "ENV MIX_ENV=dev\nCOPY . .\nRUN mix release\n";
        Finding finding = only(check(apiOnly(dockerfile)));
        assertTrue(finding.message().startsWith("MIX_ENV is `dev` (line 2) where stage `builder` runs `mix release`"),
                finding.message());
        assertEquals(BUILDER + "ENV MIX_ENV=\"prod\"\nCOPY . .\nRUN mix release\n",
                ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("Dockerfile")));
        assertConverges(finding, finding.fixes().get(0));
    }

    @Test
    void preferredEnvForReleaseInMixExsIsSilent() {
        ProjectFixture project = apiOnly(BUILDER + "COPY . .\nRUN mix deps.get\nRUN mix release\n").with("mix.exs", """
                defmodule Shop.MixProject do
                  use Mix.Project

                  def project do
                    [app: :shop, version: "0.1.0", deps: []]
                  end

                  def cli do
                    [preferred_envs: [release: :prod]]
                  end
                end
                """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void multiStageChainReportsBothGotchasOnTheBuildStageAndSetsMixEnvWhereMixFirstRuns() {
        String dockerfile = """
                FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS deps
                WORKDIR /app
                RUN mix local.hex --force && mix local.rebar --force
                COPY mix.exs mix.lock ./
                RUN mix deps.get

                FROM deps AS build
                COPY config config
                COPY lib lib
                COPY priv priv
                RUN mix compile
                RUN mix release
                """ + RUNNER.replace("builder", "build");
        ProjectFixture project = withAssets(dockerfile);
        List<Finding> findings = check(project);
        assertEquals(2, findings.size(), findings.toString());
        for (Finding finding : findings) {
            assertEquals("mix release", ProjectFixture.covered(finding));
            assertTrue(finding.message().toLowerCase().contains("stage `build`"), finding.message());
        }
        Finding env = findings.stream().filter(f -> f.message().startsWith("MIX_ENV")).findFirst().orElseThrow();
        assertEquals("Set `ENV MIX_ENV=\"prod\"` in stage `deps`", env.fixes().get(0).title());
        assertTrue(ProjectFixture.afterFix(env.fixes().get(0), dir.resolve("Dockerfile"))
                .startsWith("FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS deps\nWORKDIR /app\nENV MIX_ENV=\"prod\"\nRUN"));
        for (Finding finding : findings) {
            assertConverges(finding, finding.fixes().get(0));
        }
    }

    // ---- fix convergence ----

    /**
     * Applies the fix in a fresh copy of the project, then checks: the Dockerfile parses without errors, every rule
     * runs again, the fixed finding is gone and no finding appears that was not there before.
     */
    private void assertConverges(Finding fixed, Fix fix) {
        try {
            Path copy = Files.createTempDirectory(scratch, "fixed");
            copyTree(dir, copy);
            List<Finding> before = analyse(copy);
            for (Fix.Change change : fix.changes()) {
                Path relative = dir.relativize(change.path());
                String text = ProjectFixture.afterFix(fix, change.path());
                Files.writeString(copy.resolve(relative), text);
                SyntaxTree tree = SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(text));
                assertFalse(tree.hasErrors(), "the fixed Dockerfile does not parse:\n" + text);
            }
            List<Finding> after = analyse(copy);
            List<String> expected = new ArrayList<>(before.stream().map(AssetsNotDeployedRuleTest::key).toList());
            assertTrue(expected.remove(key(fixed)), "the finding was not reported before the fix");
            assertEquals(expected, after.stream().map(AssetsNotDeployedRuleTest::key).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A finding by rule and message, line numbers left out (an insertion above shifts them). */
    private static String key(Finding finding) {
        return finding.rule().id() + " " + finding.message().replaceAll("line \\d+", "line N");
    }

    private static List<Finding> analyse(Path root) {
        Workspace workspace = new Workspace(List.of(root));
        List<Finding> findings = new ArrayList<>();
        for (MixProject project : workspace.projects()) {
            findings.addAll(new RuleEngine(Rules.all()).analyze(project, workspace));
        }
        findings.sort(java.util.Comparator.comparing((Finding f) -> f.file().path().toString())
                .thenComparingInt(Finding::start).thenComparing(Finding::message));
        return findings;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
