package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProdDevEndpointFlagsRuleTest {
    private static final String ENDPOINT = """
            defmodule ShopWeb.Endpoint do
              use Phoenix.Endpoint, otp_app: :shop
              socket "/live", Phoenix.LiveView.Socket, websocket: [connect_info: [session: []]]
              if code_reloading? do
                plug Phoenix.CodeReloader
              end
              plug Plug.Session, store: :cookie, key: "_shop_key", signing_salt: "salt"
              plug ShopWeb.Router
            end
            """;
    private static final String ROUTER = """
            defmodule ShopWeb.Router do
              use Phoenix.Router
              live "/", ShopWeb.PageLive
            end
            """;
    private static final String USER_AUTH = """
            defmodule ShopWeb.UserAuth do
              import Plug.Conn
              def log_in_user(conn, user), do: put_session(conn, :user_token, user.token)
            end
            """;
    private static final String CONFIG = """
            import Config

            config :shop, ShopWeb.Endpoint, url: [host: "localhost"]

            import_config "#{config_env()}.exs"
            """;
    private static final String DEV = """
            import Config

            config :shop, ShopWeb.Endpoint,
              check_origin: false,
              code_reloader: true,
              debug_errors: true,
              watchers: [esbuild: {Esbuild, :install_and_run, [:shop, ~w(--watch)]}],
              live_reload: [patterns: [~r"lib/shop_web/.*ex$"]]
            """;

    @TempDir
    Path dir;

    private ProjectFixture project(String prod) {
        return new ProjectFixture(dir).with("lib/shop_web/endpoint.ex", ENDPOINT).with("lib/shop_web/router.ex", ROUTER)
                .with("lib/shop_web/user_auth.ex", USER_AUTH).with("config/config.exs", CONFIG)
                .with("config/dev.exs", DEV).with("config/test.exs", "import Config\n")
                .with("config/prod.exs", prod);
    }

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new ProdDevEndpointFlagsRule());
    }

    @Test
    void devFlagsInProdExsAreReportedWithInPlaceFixes() {
        ProjectFixture fixture = project("""
                import Config

                config :shop, ShopWeb.Endpoint,
                  check_origin: false,
                  debug_errors: true,
                  code_reloader: true,
                  watchers: [node: ["build.js", "--watch"]],
                  live_reload: [patterns: []]
                """);
        List<Finding> findings = check(fixture);

        assertEquals(List.of("false", "true", "true", "[node: [\"build.js\", \"--watch\"]]", "[patterns: []]"),
                findings.stream().map(ProjectFixture::covered).toList());
        assertEquals(Severity.INFO, findings.get(4).severity(), "live reload alone does nothing");
        assertEquals(Severity.INFO, findings.get(0).severity(), "the socket's session still needs the page's CSRF token");
        assertEquals(Severity.WARNING, findings.get(1).severity());
        assertTrue(findings.get(0).message().contains("only with the page's CSRF token"), findings.get(0).message());
        Fix origin = findings.get(0).fixes().get(0);
        assertTrue(origin.safe());
        assertTrue(ProjectFixture.afterFix(origin, dir.resolve("config/prod.exs")).contains("check_origin: true,"));
        Fix watchers = findings.get(3).fixes().get(0);
        String after = ProjectFixture.afterFix(watchers, dir.resolve("config/prod.exs"));
        assertTrue(!after.contains("watchers") && after.contains("code_reloader: true,\n  live_reload"), after);
    }

    @Test
    void aBooleanFromConfigExsIsOverriddenInProdExs() {
        ProjectFixture fixture = project("import Config\n")
                .with("config/config.exs", CONFIG.replace("url: [host: \"localhost\"]",
                        "url: [host: \"localhost\"], debug_errors: true"));
        List<Finding> findings = check(fixture);

        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("never overridden"), findings.get(0).message());
        Fix fix = findings.get(0).fixes().get(0);
        assertTrue(fix.safe());
        String after = ProjectFixture.afterFix(fix, dir.resolve("config/prod.exs"));
        assertTrue(after.endsWith("config :shop, ShopWeb.Endpoint, debug_errors: false\n"), after);
        assertEquals(List.of(), check(project(after)
                .with("config/config.exs", CONFIG.replace("url: [host: \"localhost\"]",
                        "url: [host: \"localhost\"], debug_errors: true"))), "the fix converges");
    }

    @Test
    void watchersFromConfigExsGetNoFixSinceProdCannotClearThem() {
        ProjectFixture fixture = project("import Config\n").with("config/config.exs", CONFIG.replace(
                "url: [host: \"localhost\"]", "url: [host: \"localhost\"], watchers: [npm: [\"run\", \"watch\"]]"));
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size());
        assertEquals(List.of(), findings.get(0).fixes());
    }

    @Test
    void aWatcherThatOnlyStartsAServerBesidePhoenixIsProductions() {
        String server = "import Config\nconfig :shop, ShopWeb.Endpoint,\n"
                + "  watchers: [npm: [\"run\", \"start\", cd: Path.expand(\"../ui\", __DIR__)]]\n";
        assertEquals(List.of(), check(project(server)), "a Next.js front end's production server the router proxies to");
        for (String watcher : List.of("[\"run\", \"watch\"]", "[\"run\", \"dev\"]",
                "[\"node_modules/webpack/bin/webpack.js\", \"--mode\", \"development\", \"--watch-stdin\"]")) {
            assertEquals(1, check(project(server.replace("[\"run\", \"start\", cd: Path.expand(\"../ui\", __DIR__)]",
                    watcher))).size(), watcher);
        }
    }

    @Test
    void theProdBlockOfRuntimeExsIsProductionOnly() {
        ProjectFixture fixture = project("import Config\n").with("config/runtime.exs", """
                import Config

                if config_env() == :prod do
                  config :shop, ShopWeb.Endpoint, check_origin: false
                end
                """);
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("config/runtime.exs applies to production"));
        assertTrue(findings.get(0).fixes().get(0).safe());
    }

    @Test
    void theCodeReloaderOfAnEndpointThatDoesNotPlugItIsNoFinding() {
        // thatcherhubbard/parking: a metrics endpoint configured with code_reloader: true in config.exs.
        ProjectFixture fixture = project("import Config\n")
                .with("lib/shop_web/endpoint.ex", ENDPOINT.replace("  if code_reloading? do\n    plug Phoenix.CodeReloader\n"
                        + "  end\n", ""))
                .with("config/config.exs", CONFIG.replace("url: [host: \"localhost\"]",
                        "url: [host: \"localhost\"], code_reloader: true"));
        assertEquals(List.of(), check(fixture), "the endpoint compiles no reloader, whatever the setting");
        List<Finding> findings = check(fixture.with("lib/shop_web/endpoint.ex", ENDPOINT));
        assertEquals(1, findings.size(), "the generated endpoint plugs it under `if code_reloading?`");
        assertTrue(findings.get(0).message().startsWith("`code_reloader: true`"), findings.get(0).message());
    }

    @Test
    void aFlagTheEndpointReadsWhenItCompilesSetOnlyAtBootTurnsNothingOn() {
        // Left to GT009: the endpoint is compiled without the code reloader, whatever runtime.exs says at boot.
        String runtime = "import Config\n\nif config_env() == :prod do\n"
                + "  config :shop, ShopWeb.Endpoint, code_reloader: true, debug_errors: true\nend\n";
        ProjectFixture fixture = project("import Config\n").with("config/runtime.exs", runtime);
        assertEquals(List.of(), check(fixture));
        fixture = project("import Config\nconfig :shop, ShopWeb.Endpoint, debug_errors: true\n")
                .with("config/runtime.exs", runtime);
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size(), "prod.exs compiles the debugger in");
        assertTrue(findings.get(0).message().startsWith("`debug_errors: true`"), findings.get(0).message());
    }

    @Test
    void anEnvironmentOfAnotherNameThatProductionRunsInIsProductionsConfigToo() {
        String compose = """
                services:
                  web:
                    build: .
                    restart: always
                    ports: ["8000:8000"]
                    environment:
                      - MIX_ENV=docker
                """;
        ProjectFixture fixture = project("import Config\n").with("config/docker.exs", DEV);
        assertEquals(List.of(), check(fixture), "nothing runs MIX_ENV=docker yet");
        List<Finding> findings = check(fixture.with("docker-compose.yml", compose));
        assertEquals(List.of("false", "true", "true", "[esbuild: {Esbuild, :install_and_run, [:shop, ~w(--watch)]}]",
                "[patterns: [~r\"lib/shop_web/.*ex$\"]]"), findings.stream().map(ProjectFixture::covered).toList());
        assertTrue(findings.get(1).message().startsWith("`debug_errors: true` for ShopWeb.Endpoint in config/docker.exs "
                + "applies to MIX_ENV=docker, which production runs with (docker-compose.yml gives the app "
                + "MIX_ENV=docker): it "), findings.get(1).message());
        assertEquals(List.of(), check(fixture.with("docker-compose.yml", compose.replace("docker", "staging"))
                .with("config/staging.exs", DEV)), "a staging environment is not production's");
        assertEquals(List.of(), check(fixture.with("docker-compose.yml", compose.replace("    restart: always\n", "")
                .replace("8000:8000", "127.0.0.1:8000:8000").replace("build: .", "build: .\n    volumes: [\".:/app\"]"))),
                "a developer's stack");
        assertEquals(List.of(), check(fixture.with("docker-compose.yml", "services: {}\n").with("Dockerfile",
                "FROM elixir:1.16\nENV MIX_ENV=docker\nCOPY . .\nCMD [\"mix\", \"phx.server\"]\n")),
                "an image's own MIX_ENV is as often a local docker setup");
    }

    @Test
    void devExsDevBranchesAndLaterOverridesAreSilent() {
        ProjectFixture fixture = project("""
                import Config
                config :shop, ShopWeb.Endpoint, check_origin: ["https://shop.example"]
                """).with("config/config.exs", """
                import Config
                config :shop, ShopWeb.Endpoint, debug_errors: true, check_origin: false
                if config_env() == :dev do
                  config :shop, ShopWeb.Endpoint, code_reloader: true, watchers: [npm: ["watch"]]
                end
                import_config "#{config_env()}.exs"
                config :shop, ShopWeb.Endpoint, debug_errors: false
                """);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void valuesUnderUndecidedConditionsOrFromTheEnvironmentAreSilent() {
        ProjectFixture fixture = project("""
                import Config
                config :shop, ShopWeb.Endpoint, debug_errors: System.get_env("DEBUG") == "1"
                if System.get_env("OPEN_SOCKETS") do
                  config :shop, ShopWeb.Endpoint, check_origin: false
                end
                """);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void checkOriginOnAnEndpointWithoutSocketsIsMoot() {
        ProjectFixture fixture = project("import Config\nconfig :shop, ShopWeb.Endpoint, check_origin: false\n")
                .with("lib/shop_web/endpoint.ex", ENDPOINT.replace(
                        "  socket \"/live\", Phoenix.LiveView.Socket, websocket: [connect_info: [session: []]]\n", ""));
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void debugErrorsOnAnEndpointThatServesOnlySocketsRendersNothing() {
        ProjectFixture fixture = project("import Config\nconfig :shop, ShopWeb.Endpoint, debug_errors: true\n");
        assertEquals(1, check(fixture).size(), "requests run through the router's pipeline");
        fixture.with("lib/shop_web/endpoint.ex", ENDPOINT.replaceAll("  plug .*\n", ""));
        assertEquals(List.of(), check(fixture), "no plug: no pipeline for Plug.Debugger to wrap");
    }

    @Test
    void checkOriginMattersOnlyForASocketThatCarriesTheSession() {
        String tokenSocket = "  socket \"/socket\", ShopWeb.UserSocket, websocket: [timeout: 45_000]\n";
        ProjectFixture fixture = project("import Config\nconfig :shop, ShopWeb.Endpoint, check_origin: false\n")
                .with("lib/shop_web/endpoint.ex", ENDPOINT.replace(
                        "  socket \"/live\", Phoenix.LiveView.Socket, websocket: [connect_info: [session: []]]\n",
                        tokenSocket));
        assertEquals(List.of(), check(fixture), "a channel socket authenticated by token gives another site nothing");

        fixture.with("lib/shop_web/endpoint.ex", ENDPOINT.replace("  socket \"/live\"", tokenSocket + "  socket \"/live\""));
        assertEquals(1, check(fixture).size(), "the LiveView socket carries the session");

        fixture.with("lib/shop_web/router.ex", ROUTER.replace("  live \"/\", ShopWeb.PageLive\n", "  get \"/\", ShopWeb.PageController, :index\n"));
        assertEquals(List.of(), check(fixture), "no LiveView is routed: no page opens the LiveView socket");
    }

    @Test
    void checkOriginMattersOnlyWhenTheSessionHoldsAVisitor() {
        ProjectFixture fixture = project("import Config\nconfig :shop, ShopWeb.Endpoint, check_origin: false\n");
        assertEquals(1, check(fixture).size(), "the app keeps the signed-in user in the session");

        fixture.with("lib/shop_web/user_auth.ex", "defmodule ShopWeb.UserAuth do\nend\n");
        assertEquals(List.of(), check(fixture), "nothing writes the session: it holds no visitor to borrow");

        fixture.with("lib/shop_web/user_auth.ex", USER_AUTH).with("lib/shop_web/endpoint.ex",
                ENDPOINT.replace("  plug Plug.Session, store: :cookie, key: \"_shop_key\", signing_salt: \"salt\"\n", ""));
        assertEquals(List.of(), check(fixture), "no Plug.Session writes the cookie the socket would read");
    }

    @Test
    void generatedProjectsAreSilent() {
        assertEquals(List.of(), GeneratedSamples.check(new ProdDevEndpointFlagsRule()));
    }
}
