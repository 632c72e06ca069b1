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
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShallowHealthCheckRuleTest {
    private static final String CONFIG = """
            import Config

            config :shop, ecto_repos: [Shop.Repo]
            """;
    /** A Phoenix app's mix.exs: Ecto with the Postgres driver. */
    private static final String MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project

              def project do
                [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: deps()]
              end

              def application do
                [mod: {Shop.Application, []}, extra_applications: [:logger]]
              end

              defp deps do
                [{:phoenix, "~> 1.7"}, {:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}]
              end
            end
            """;
    private static final String REPO = """
            defmodule Shop.Repo do
              use Ecto.Repo,
                otp_app: :shop,
                adapter: Ecto.Adapters.Postgres
            end
            """;
    private static final String WEB = """
            defmodule ShopWeb do
              def router do
                quote do
                  use Phoenix.Router, helpers: false
                  import Plug.Conn
                  import Phoenix.Controller
                end
              end

              def controller do
                quote do
                  use Phoenix.Controller, formats: [:html, :json]
                  import Plug.Conn
                end
              end

              defmacro __using__(which) when is_atom(which) do
                apply(__MODULE__, which, [])
              end
            end
            """;
    private static final String ENDPOINT_HEAD = """
            defmodule ShopWeb.Endpoint do
              use Phoenix.Endpoint, otp_app: :shop

              plug Plug.RequestId
            """;

    /** The paths the fly.toml of {@link #project()} checks. */
    private static final String[] PROBED = {"/health", "/healthz", "/_health", "/healthcheck", "/internal/health"};

    @TempDir
    Path dir;

    /**
     * A project whose fly.toml checks the usual health paths: readiness checks of the deployment, without which a
     * health route may be a liveness probe.
     */
    private ProjectFixture project() {
        return new ProjectFixture(dir)
                .with("fly.toml", flyChecks(PROBED))
                .with("mix.exs", MIX_EXS)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("lib/shop_web.ex", WEB);
    }

    private static String router(String routes) {
        return "defmodule ShopWeb.Router do\n  use ShopWeb, :router\n\n" + routes + "end\n";
    }

    private static String controller(String name, String body) {
        return "defmodule ShopWeb." + name + " do\n  use ShopWeb, :controller\n\n" + body + "end\n";
    }

    /** A fly.toml whose HTTP checks request these paths: readiness checks of the deployment. */
    private static String flyChecks(String... paths) {
        StringBuilder toml = new StringBuilder("app = \"shop\"\n\n[http_service]\n  internal_port = 4000\n");
        for (String path : paths) {
            toml.append("\n[[http_service.checks]]\n  method = \"GET\"\n  path = \"").append(path).append("\"\n");
        }
        return toml.toString();
    }

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new ShallowHealthCheckRule());
    }

    private static final String SHALLOW_CONTROLLER = controller("HealthController", """
              def index(conn, _params) do
                text(conn, "ok")
              end
            """);

    @Test
    void inAnUmbrellaOnlyTheRoutersAppAndItsDependenciesBringADatabase() {
        String webDeps = "{:phoenix, \"~> 1.7\"}DEP";
        ProjectFixture project = new ProjectFixture(dir)
                .with("fly.toml", flyChecks("/health"))
                .with("mix.exs", "defmodule Umbrella.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [apps_path: \"apps\", deps: []]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("apps/shop/mix.exs", MIX_EXS)
                .with("apps/shop/lib/shop/repo.ex", REPO)
                .with("apps/shop_web/lib/shop_web.ex", WEB)
                .with("apps/shop_web/lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/health", HealthController, :index
                          end
                        """))
                .with("apps/shop_web/lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        String webMix = "defmodule ShopWeb.MixProject do\n  use Mix.Project\n"
                + "  def project, do: [app: :shop_web, version: \"0.1.0\", deps: [" + webDeps + "]]\nend\n";
        assertEquals(List.of(), check(project.with("apps/shop_web/mix.exs", webMix.replace("DEP", ""))),
                "the web app has no repo and does not depend on the app that has one");
        assertEquals(1, check(project.with("apps/shop_web/mix.exs",
                webMix.replace("DEP", ", {:shop, in_umbrella: true}"))).size());
    }

    @Test
    void inAnUmbrellaOfSeveralAppsTheMessageNamesTheRepoOfTheRoutersApp() {
        // massroc/oostkit: three apps, each with its own repo, router and fly.toml check of /health.
        ProjectFixture project = new ProjectFixture(dir)
                .with("fly.toml", flyChecks("/health"))
                .with("mix.exs", "defmodule Umbrella.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [apps_path: \"apps\", deps: []]\nend\n")
                .with("config/config.exs", "import Config\nconfig :portal, ecto_repos: [Portal.Repo]\n"
                        + "config :pulse, ecto_repos: [Pulse.Repo]\n");
        for (String app : List.of("Portal", "Pulse")) {
            String lower = app.toLowerCase(Locale.ROOT);
            String prefix = "apps/" + lower + "/";
            project.with(prefix + "mix.exs", MIX_EXS.replace("Shop", app).replace(":shop", ":" + lower))
                    .with(prefix + "lib/" + lower + "/repo.ex", REPO.replace("Shop", app).replace(":shop", ":" + lower))
                    .with(prefix + "lib/" + lower + "_web.ex", WEB.replace("ShopWeb", app + "Web"))
                    .with(prefix + "lib/" + lower + "_web/router.ex", router("""
                              scope "/", ShopWeb do
                                get "/health", HealthController, :index
                              end
                            """).replace("ShopWeb", app + "Web"))
                    .with(prefix + "lib/" + lower + "_web/controllers/health_controller.ex",
                            SHALLOW_CONTROLLER.replace("ShopWeb", app + "Web"));
        }
        List<Finding> findings = check(project);
        assertEquals(2, findings.size(), findings.toString());
        for (Finding finding : findings) {
            String app = finding.file().path().toString().contains("/pulse/") ? "Pulse" : "Portal";
            assertTrue(finding.message().contains("while " + app + ".Repo cannot reach it"), finding.message());
            assertTrue(finding.fixes().get(0).title().contains("SELECT 1 through " + app + ".Repo"),
                    finding.fixes().get(0).title());
        }
    }

    @Test
    void anActionThatAnswers503OnItsOwnConditionIsADeliberateReadinessCheck() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/_health", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                          def index(conn, _params) do
                            if Shop.Schedule.loaded?(), do: send_resp(conn, :ok, ""), else: send_resp(conn, :service_unavailable, "")
                          end
                        """));
        assertEquals(List.of(), check(project));
    }

    // ---- reported ----

    @Test
    void healthRouteWhoseActionNeverTouchesTheDatabaseIsReportedOnTheRoute() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/health", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        List<Finding> findings = check(project);

        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("GT006", finding.rule().id());
        assertEquals(dir.resolve("lib/shop_web/router.ex"), finding.file().path());
        assertEquals("get \"/health\", HealthController, :index", ProjectFixture.covered(finding));
        assertEquals("GET /health is answered by ShopWeb.HealthController.index/2 without touching the database, so "
                + "the check stays green while Shop.Repo cannot reach it and traffic keeps coming to a broken instance.",
                finding.message());
        assertEquals(List.of("lib/shop_web/controllers/health_controller.ex: index(conn, _params): "
                + "ShopWeb.HealthController.index/2 answers /health without touching the database"),
                project.related(finding));
    }

    @Test
    void healthPathsFromTheProjectSettingsAreHealthChecksToo() {
        String routes = router("""
                  scope "/", ShopWeb do
                    get "/internal/ping", HealthController, :index
                  end
                """);
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", routes)
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        assertEquals(List.of(), check(project), "not a health path by itself");

        project.with(".gotcha.exs", """
                [rules: [{"shallow-health-check", health_paths: ["/internal/ping/", "/other"]}]]
                """);
        List<Finding> findings = check(project);
        assertEquals(List.of("get \"/internal/ping\", HealthController, :index"),
                findings.stream().map(ProjectFixture::covered).toList());
        assertTrue(findings.get(0).message().startsWith("GET /internal/ping is answered by"), findings.get(0).message());
    }

    @Test
    void everyHealthPathIsRecognisedAlsoUnderAScopePrefix() {
        for (String path : List.of("/health", "/healthz", "/health_check", "/_health", "/up", "/ready", "/readyz",
                "/status")) {
            ProjectFixture project = project()
                    .with("fly.toml", flyChecks("/api" + path))
                    .with("lib/shop_web/router.ex", router("""
                              scope "/api", ShopWeb do
                                get "%s", HealthController, :index
                              end
                            """.formatted(path)))
                    .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
            List<Finding> findings = check(project);
            assertEquals(1, findings.size(), path);
            assertTrue(findings.get(0).message().startsWith("GET /api" + path + " is answered"),
                    findings.get(0).message());
        }
    }

    @Test
    void nestedScopesJoinPathsAndAliases() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            pipe_through :api

                            scope "/internal", Ops, as: :ops do
                              get "/health", HealthController, :show
                            end
                          end
                        """))
                .with("lib/shop_web/controllers/ops/health_controller.ex", """
                        defmodule ShopWeb.Ops.HealthController do
                          use ShopWeb, :controller

                          def show(conn, _params), do: json(conn, %{status: "ok"})
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().startsWith("GET /internal/health is answered by "
                + "ShopWeb.Ops.HealthController.show/2"), findings.get(0).message());
    }

    @Test
    void helperChainsThatNeverReachTheRepoAreStillShallow() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/healthz", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                          alias Shop.Version

                          def index(conn, _params) do
                            json(conn, status())
                          end

                          defp status, do: %{status: "ok", version: Version.current()}
                        """))
                .with("lib/shop/version.ex", """
                        defmodule Shop.Version do
                          def current, do: Application.spec(:shop, :vsn) |> to_string()
                        end
                        """);
        assertEquals(1, check(project).size());
    }

    @Test
    void healthPlugInTheEndpointIsReportedOnThePlugLine() {
        ProjectFixture project = project()
                .with("fly.toml", flyChecks("/health"))
                .with("lib/shop_web/endpoint.ex", ENDPOINT_HEAD + """
                          plug ShopWeb.Plugs.Health
                          plug ShopWeb.Router
                        end
                        """)
                .with("lib/shop_web/plugs/health.ex", """
                        defmodule ShopWeb.Plugs.Health do
                          import Plug.Conn

                          def init(opts), do: opts

                          def call(%Plug.Conn{request_path: "/health"} = conn, _opts) do
                            conn
                            |> send_resp(200, "ok")
                            |> halt()
                          end

                          def call(conn, _opts), do: conn
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("plug ShopWeb.Plugs.Health", ProjectFixture.covered(finding));
        assertEquals("The health plug ShopWeb.Plugs.Health answers /health without touching the database, so the "
                + "check stays green while Shop.Repo cannot reach it and traffic keeps coming to a broken instance.",
                finding.message());
        assertEquals(List.of("lib/shop_web/plugs/health.ex: call(%Plug.Conn{request_path: \"/health\"} = conn, _opts): "
                + "answers /health without touching the database"), project.related(finding));
    }

    @Test
    void plugThatTestsThePathInItsBodyOrWithPathInfoIsReported() {
        ProjectFixture project = project()
                .with("fly.toml", flyChecks("/healthz", "/readyz"))
                .with("lib/shop_web/endpoint.ex", ENDPOINT_HEAD + """
                          plug ShopWeb.HealthCheck
                          plug :ready_check
                          plug ShopWeb.Router

                          defp ready_check(conn, _opts) do
                            case conn.path_info do
                              ["readyz"] -> conn |> send_resp(200, "ready") |> halt()
                              _ -> conn
                            end
                          end
                        end
                        """)
                .with("lib/shop_web/health_check.ex", """
                        defmodule ShopWeb.HealthCheck do
                          @behaviour Plug
                          import Plug.Conn

                          @path "/healthz"

                          def init(opts), do: opts

                          def call(conn, _opts) do
                            if conn.request_path == @path do
                              conn |> send_resp(200, "ok") |> halt()
                            else
                              conn
                            end
                          end
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(2, findings.size(), findings.toString());
        assertEquals("plug ShopWeb.HealthCheck", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().contains("answers /healthz"), findings.get(0).message());
        assertEquals("plug :ready_check", ProjectFixture.covered(findings.get(1)));
        assertTrue(findings.get(1).message().startsWith("The function plug :ready_check in ShopWeb.Endpoint answers /readyz"),
                findings.get(1).message());
    }

    @Test
    void aRouteForAPathAnEndpointPlugAnswersFirstIsNeverReached() {
        String endpoint = ENDPOINT_HEAD + """
                  plug :healthcheck
                  plug ShopWeb.Router

                  defp healthcheck(%{request_path: "/readyz"} = conn, _opts) do
                    conn |> send_resp(200, "ready") |> halt()
                  end

                  defp healthcheck(conn, _opts), do: conn
                end
                """;
        ProjectFixture project = project()
                .with("fly.toml", flyChecks("/readyz"))
                .with("lib/shop_web/endpoint.ex", endpoint)
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/readyz", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        List<Finding> findings = check(project);
        assertEquals(List.of("plug :healthcheck"), findings.stream().map(ProjectFixture::covered).toList(),
                "the plug answers /readyz and halts: the router's route never runs");

        project.with("lib/shop_web/endpoint.ex", endpoint.replace("/readyz", "/healthz"));
        assertEquals(List.of("get \"/readyz\", HealthController, :index"),
                check(project).stream().map(ProjectFixture::covered).toList(), "the plug answers another path");
    }

    @Test
    void plugMountedInTheRouterIsCheckedThroughItsCall() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          forward "/health", ShopWeb.HealthPlug
                          match :*, "/healthz", ShopWeb.HealthPlug, []
                        """))
                .with("lib/shop_web/health_plug.ex", """
                        defmodule ShopWeb.HealthPlug do
                          import Plug.Conn
                          def init(opts), do: opts
                          def call(conn, _opts), do: send_resp(conn, 200, "ok")
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().startsWith("Any request under /health is answered by ShopWeb.HealthPlug.call/2"),
                findings.get(0).message());
        assertTrue(findings.get(1).message().startsWith("Any request to /healthz is answered by"),
                findings.get(1).message());
    }

    @Test
    void plugTestingSeveralPathsAtOnceNamesOne() {
        ProjectFixture project = project()
                .with("fly.toml", flyChecks("/health"))
                .with("lib/shop_web/endpoint.ex", ENDPOINT_HEAD + """
                          plug :health
                          plug ShopWeb.Router

                          def health(conn, _opts) do
                            if conn.request_path in ["/health", "/healthz"] do
                              conn |> send_resp(200, "ok") |> halt()
                            else
                              conn
                            end
                          end
                        end
                        """);
        Finding finding = single(check(project));
        assertTrue(finding.message().contains("answers /health without"), finding.message());
        assertEquals(List.of("lib/shop_web/endpoint.ex: health(conn, _opts): answers /health without touching the "
                + "database"), project.related(finding));
    }

    @Test
    void umbrellaRouterAndRepoInDifferentAppsAreConnected() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("fly.toml", flyChecks("/health"))
                .with("mix.exs", """
                        defmodule Shop.Umbrella.MixProject do
                          use Mix.Project
                          def project, do: [apps_path: "apps", version: "0.1.0", deps: []]
                        end
                        """)
                .with("config/config.exs", "import Config\n\nconfig :shop, ecto_repos: [Shop.Repo]\n")
                .with("apps/shop/mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project
                          def project, do: [app: :shop, version: "0.1.0", deps: [{:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}]]
                        end
                        """)
                .with("apps/shop/lib/shop/repo.ex", REPO)
                .with("apps/shop_web/mix.exs", """
                        defmodule ShopWeb.MixProject do
                          use Mix.Project
                          def project, do: [app: :shop_web, version: "0.1.0", deps: [{:shop, in_umbrella: true}]]
                        end
                        """)
                .with("apps/shop_web/lib/shop_web.ex", WEB)
                .with("apps/shop_web/lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/health", HealthController, :index
                          end
                        """))
                .with("apps/shop_web/lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                          def index(conn, _params), do: text(conn, "ok")
                        """));
        Finding finding = single(check(project));
        assertTrue(finding.message().startsWith("GET /health is answered by ShopWeb.HealthController.index/2 without"),
                finding.message());
        assertEquals(1, finding.related().size());
        assertEquals(dir.resolve("apps/shop_web/lib/shop_web/controllers/health_controller.ex"),
                finding.related().get(0).file().path(), "the action in the other app of the umbrella");
        assertEquals(1, finding.fixes().size());
    }

    @Test
    void healthPathsAreRecognisedByTheirLastSegment() {
        for (String path : List.of("/health", "/api/health", "/api/v1/healthz", "/_health", "/health_check",
                "/healthcheck", "/status", "/api/v2/status", "/health/ready", "/up", "/internal/readyz")) {
            assertTrue(ShallowHealthCheckRule.isHealthPath(path), path);
        }
        for (String path : List.of("/", "/live", "/livez", "/health/live", "/healthz/livez", "/jobs/status",
                "/orders/:id/status", "/files/*path", "/account/up", "health", "/healthy")) {
            assertFalse(ShallowHealthCheckRule.isHealthPath(path), path);
        }
    }

    // ---- silent ----

    @Test
    void actionThatQueriesThroughAPrivateHelperIsSilent() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/readyz", HealthController, :ready
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                          alias Shop.Repo

                          def ready(conn, _params) do
                            if database_up?(), do: text(conn, "ok"), else: send_resp(conn, 503, "db down")
                          end

                          defp database_up? do
                            ping()
                          end

                          defp ping do
                            Repo.query!("SELECT 1")
                            true
                          rescue
                            _ -> false
                          end
                        """));
        assertEquals(List.of(), check(project));
    }

    @Test
    void everyWayOfTouchingTheDatabaseIsSilent() {
        List<String> bodies = List.of(
                ":ok",
                "Shop.Repo.query!(\"SELECT 1\")",
                "Ecto.Adapters.SQL.query!(Shop.Repo, \"SELECT 1\", [])",
                "Repo |> Ecto.Adapters.SQL.query(\"SELECT 1\")",
                "Ecto.Migrator.migrations(Shop.Repo)",
                "for repo <- Application.fetch_env!(:shop, :ecto_repos), do: repo.__adapter__()",
                "Shop.Health.check()",
                "GenServer.call(Shop.HealthServer, :status)");
        for (String call : bodies) {
            ProjectFixture project = project()
                    .with("lib/shop_web/router.ex", router("""
                              scope "/", ShopWeb do
                                get "/health", HealthController, :index
                              end
                            """))
                    .with("lib/shop/health.ex", """
                            defmodule Shop.Health do
                              def check, do: Shop.Repo.query("SELECT 1")
                            end
                            """)
                    .with("lib/shop/health_server.ex", """
                            defmodule Shop.HealthServer do
                              use GenServer
                              def handle_call(:status, _from, state), do: {:reply, Shop.Repo.query("SELECT 1"), state}
                            end
                            """)
                    .with("lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                              alias Shop.Repo

                              def index(conn, _params) do
                                %s
                                text(conn, "ok")
                              end
                            """.formatted(call)));
            assertEquals(call.equals(":ok") ? 1 : 0, check(project).size(), call);
        }
    }

    @Test
    void dynamicCallsTheLinterCannotFollowAreSilent() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/health", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                          def index(conn, _params) do
                            checker = Application.get_env(:shop, :health_checker)
                            checker.run()
                            text(conn, "ok")
                          end
                        """));
        assertEquals(List.of(), check(project));
    }

    @Test
    void livenessPathsAreSilent() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/live", HealthController, :index
                            get "/livez", HealthController, :index
                            get "/health/live", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER)
                .with("lib/shop_web/endpoint.ex", ENDPOINT_HEAD + """
                          plug :liveness
                          plug ShopWeb.Router

                          defp liveness(%{request_path: "/livez"} = conn, _opts), do: conn |> send_resp(200, "ok") |> halt()
                          defp liveness(conn, _opts), do: conn
                        end
                        """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void projectWithoutADatabaseIsSilent() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", "import Config\n")
                .with("lib/shop_web.ex", WEB)
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/health", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        assertEquals(List.of(), check(project));
    }

    @Test
    void healthCheckFromADependencyIsSilent() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/" do
                            forward "/health", PlugCheckup, PlugCheckup.Options.new(json_encoder: Jason, checks: [])
                          end

                          scope "/", ShopWeb do
                            get "/status", StatusController, :index
                          end
                        """))
                .with("lib/shop_web/endpoint.ex", ENDPOINT_HEAD + """
                          plug PlugHeartbeat, path: "/health"
                          plug ShopWeb.Router
                        end
                        """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void otherRoutesAndDynamicPathsAreSilent() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/", PageController, :home
                            get "/orders/:id/status", PageController, :home
                            post "/health", PageController, :home
                            get "/admin/reports/jobs/status", PageController, :home
                            get "/jobs/status", PageController, :home
                            get "/account/up", PageController, :home
                          end
                        """))
                .with("lib/shop_web/controllers/page_controller.ex", controller("PageController", """
                          def home(conn, _params), do: text(conn, "hello")
                        """));
        assertEquals(List.of(), check(project));
    }

    @Test
    void devOnlyRoutesAreSilent() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          if Application.compile_env(:shop, :dev_routes) do
                            scope "/dev", ShopWeb do
                              get "/health", HealthController, :index
                            end
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        assertEquals(List.of(), check(project));
    }

    @Test
    void endpointPlugsThatAreNotHealthChecksAreSilent() {
        ProjectFixture project = project()
                .with("lib/shop_web/endpoint.ex", ENDPOINT_HEAD + """
                          plug ShopWeb.Plugs.Canonical
                          plug ShopWeb.Plugs.RequireApiKey
                          plug ShopWeb.Router
                        end
                        """)
                .with("lib/shop_web/plugs/canonical.ex", """
                        defmodule ShopWeb.Plugs.Canonical do
                          import Plug.Conn
                          def init(opts), do: opts
                          def call(%{host: "www." <> host} = conn, _opts), do: conn |> put_resp_header("location", host) |> send_resp(301, "") |> halt()
                          def call(conn, _opts), do: conn
                        end
                        """)
                .with("lib/shop_web/plugs/require_api_key.ex", """
                        defmodule ShopWeb.Plugs.RequireApiKey do
                          import Plug.Conn
                          def init(opts), do: opts
                          # probes carry no key: let them through to the router
                          def call(%{request_path: "/health"} = conn, _opts), do: conn
                          def call(conn, _opts), do: check_key(conn, get_req_header(conn, "x-api-key"))
                          defp check_key(conn, [_key]), do: conn
                          defp check_key(conn, _), do: conn |> send_resp(401, "") |> halt()
                        end
                        """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void generatedLayoutsAreSilent() {
        for (String sample : List.of("phx-release-clean", "phx18-release-clean")) {
            Workspace workspace = new Workspace(List.of(TestWorkspaces.root().resolve(sample)));
            RuleEngine engine = new RuleEngine(List.of(new ShallowHealthCheckRule()));
            for (MixProject project : workspace.projects()) {
                assertEquals(List.of(), engine.analyze(project, workspace), sample);
            }
        }
    }

    // ---- fixes ----

    @Test
    void controllerFixRunsSelectOneAndAnswers503() throws IOException {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/health", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                          def index(conn, params) do
                            text(conn, "ok")
                          end
                        """));
        Finding finding = single(check(project));
        Fix fix = finding.fixes().get(0);
        assertFalse(fix.safe(), "it changes what the probe reports");
        assertEquals("Check the database in HealthController.index/2 (SELECT 1 through Shop.Repo, 503 on error)",
                fix.title());
        Path file = dir.resolve("lib/shop_web/controllers/health_controller.ex");
        assertFixedText(project, fix, file, controller("HealthController", """
                  def index(conn, _params) do
                    case Ecto.Adapters.SQL.query(Shop.Repo, "SELECT 1", []) do
                      {:ok, _result} ->
                        conn |> put_status(200) |> text("ok")

                      {:error, reason} ->
                        conn |> put_status(503) |> text("database unavailable: " <> Exception.message(reason))
                    end
                  end
                """));
    }

    @Test
    void keywordFormActionBecomesADoBlock() throws IOException {
        ProjectFixture project = project()
                .with("fly.toml", flyChecks("/api/up"))
                .with("lib/shop_web/router.ex", router("""
                          scope "/api", ShopWeb do
                            get "/up", HealthController, :up
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                          def up(conn, _), do: json(conn, %{ok: true})
                        """));
        Fix fix = single(check(project)).fixes().get(0);
        assertFixedText(project, fix, dir.resolve("lib/shop_web/controllers/health_controller.ex"),
                controller("HealthController", """
                          def up(conn, _) do
                            case Ecto.Adapters.SQL.query(Shop.Repo, "SELECT 1", []) do
                              {:ok, _result} ->
                                conn |> put_status(200) |> text("ok")

                              {:error, reason} ->
                                conn |> put_status(503) |> text("database unavailable: " <> Exception.message(reason))
                            end
                          end
                        """));
    }

    @Test
    void plugClauseFixKeepsTheHeadAndHalts() throws IOException {
        String plug = """
                defmodule ShopWeb.Plugs.Health do
                  import Plug.Conn

                  def init(opts), do: opts

                  def call(%Plug.Conn{request_path: "/health"} = conn, _opts), do: conn |> send_resp(200, "ok") |> halt()

                  def call(conn, _opts), do: conn
                end
                """;
        ProjectFixture project = project()
                .with("fly.toml", flyChecks("/health"))
                .with("lib/shop_web/endpoint.ex", ENDPOINT_HEAD + "  plug ShopWeb.Plugs.Health\n  plug ShopWeb.Router\nend\n")
                .with("lib/shop_web/plugs/health.ex", plug);
        Fix fix = single(check(project)).fixes().get(0);
        assertFixedText(project, fix, dir.resolve("lib/shop_web/plugs/health.ex"), """
                defmodule ShopWeb.Plugs.Health do
                  import Plug.Conn

                  def init(opts), do: opts

                  def call(%Plug.Conn{request_path: "/health"} = conn, _opts) do
                    case Ecto.Adapters.SQL.query(Shop.Repo, "SELECT 1", []) do
                      {:ok, _result} ->
                        conn |> send_resp(200, "ok") |> halt()

                      {:error, reason} ->
                        conn |> send_resp(503, "database unavailable: " <> Exception.message(reason)) |> halt()
                    end
                  end

                  def call(conn, _opts), do: conn
                end
                """);
    }

    @Test
    void plugBranchFixReplacesOnlyTheHealthBranch() throws IOException {
        ProjectFixture project = project()
                .with("fly.toml", flyChecks("/healthz"))
                .with("lib/shop_web/endpoint.ex", ENDPOINT_HEAD + "  plug ShopWeb.HealthCheck\n  plug ShopWeb.Router\nend\n")
                .with("lib/shop_web/health_check.ex", """
                        defmodule ShopWeb.HealthCheck do
                          @behaviour Plug

                          def init(opts), do: opts

                          def call(conn, _opts) do
                            if conn.request_path == "/healthz" do
                              conn
                              |> Plug.Conn.send_resp(200, "ok")
                              |> Plug.Conn.halt()
                            else
                              conn
                            end
                          end
                        end
                        """);
        Fix fix = single(check(project)).fixes().get(0);
        assertFixedText(project, fix, dir.resolve("lib/shop_web/health_check.ex"), """
                defmodule ShopWeb.HealthCheck do
                  @behaviour Plug

                  def init(opts), do: opts

                  def call(conn, _opts) do
                    if conn.request_path == "/healthz" do
                      case Ecto.Adapters.SQL.query(Shop.Repo, "SELECT 1", []) do
                        {:ok, _result} ->
                          conn |> Plug.Conn.send_resp(200, "ok") |> Plug.Conn.halt()

                        {:error, reason} ->
                          conn |> Plug.Conn.send_resp(503, "database unavailable: " <> Exception.message(reason)) |> Plug.Conn.halt()
                      end
                    else
                      conn
                    end
                  end
                end
                """);
    }

    @Test
    void noFixWhenALivenessRouteSharesTheAction() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/livez", HealthController, :index
                            get "/healthz", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        Finding finding = single(check(project));
        assertEquals("get \"/healthz\", HealthController, :index", ProjectFixture.covered(finding));
        assertEquals(List.of(), finding.fixes(), "the fix would make the liveness probe hit the database too");
    }

    @Test
    void fixNamesTheConfiguredRepoAndIsLeftOutWhenThereIsNone() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("fly.toml", flyChecks("/health"))
                .with("mix.exs", MIX_EXS)
                .with("config/config.exs", CONFIG)
                .with("lib/shop_web.ex", WEB)
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/health", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        // ecto_repos names Shop.Repo, so the fix can still name it even though lib/ has no repo.ex
        Finding finding = single(check(project));
        assertEquals(1, finding.fixes().size());

        // ecto_repos is computed: no repo name to write into the fix
        ProjectFixture noRepoName = new ProjectFixture(dir.resolve("other"))
                .with("fly.toml", flyChecks("/health"))
                .with("mix.exs", MIX_EXS)
                .with("config/config.exs", "import Config\n\nconfig :shop, ecto_repos: repos\n")
                .with("lib/shop_web.ex", WEB)
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/health", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        Finding withoutRepo = single(check(noRepoName));
        assertEquals(List.of(), withoutRepo.fixes());
    }

    private static final String LIVENESS_PLUG = """
            defmodule ShopWeb.Plugs.Status do
              import Plug.Conn

              def init(opts), do: opts

              def call(%Plug.Conn{path_info: ["status"]} = conn, _opts), do: conn |> send_resp(200, "") |> halt()

              def call(conn, _opts), do: conn
            end
            """;

    @Test
    void earlyEndpointPlugIsALivenessProbeUnlessAReadinessCheckRequestsIt() {
        ProjectFixture project = project()
                .with("lib/shop_web/endpoint.ex", ENDPOINT_HEAD + """
                          plug ShopWeb.Plugs.Status
                          plug Plug.Telemetry, event_prefix: [:phoenix, :endpoint]
                          plug ShopWeb.Router
                        end
                        """)
                .with("lib/shop_web/plugs/status.ex", LIVENESS_PLUG);
        assertEquals(List.of(), check(project), "nothing routes traffic by /status");

        project.with("fly.toml", flyChecks("/other"));
        assertEquals(List.of(), check(project), "the fly check requests another path");

        project.with("fly.toml", """
                app = "shop"

                [[services]]
                  internal_port = 4000

                  [[services.http_checks]]
                    path = "/status"
                """);
        assertEquals(List.of("plug ShopWeb.Plugs.Status"), check(project).stream().map(ProjectFixture::covered).toList());

        project.with("fly.toml", flyChecks("/other")).with("Dockerfile", """
                FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder
                RUN mix release

                FROM debian:bookworm-slim
                COPY --from=builder /app/_build/prod/rel/shop ./
                HEALTHCHECK --interval=30s CMD curl --fail http://localhost:${PORT}/status?full=1 || exit 1
                CMD ["/app/bin/server"]
                """);
        assertEquals(List.of("plug ShopWeb.Plugs.Status"), check(project).stream().map(ProjectFixture::covered).toList(),
                "a production image's HEALTHCHECK requests it");
    }

    @Test
    void whereTheRepositoryDeclaresItsProbesOnlyARouteAReadinessProbeRequestsGatesTraffic() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/health", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER)
                .with("fly.toml", "app = \"shop\"\n")
                .with("deploy/fly/prod.toml", flyChecks("/"));
        assertEquals(List.of(), check(project), "fly's proxy checks / and nothing routes traffic by /health");

        project.with("deploy/fly/prod.toml", "app = \"shop\"\n").with("charts/shop/templates/deployment.yaml", """
                containers:
                  - name: shop
                    livenessProbe:
                      httpGet:
                        path: /health
                        port: 4000
                """);
        assertEquals(List.of(), check(project), "a liveness probe may skip the database");

        project.with("charts/shop/templates/deployment.yaml", """
                containers:
                  - name: shop
                    readinessProbe:
                      httpGet:
                        path: /health
                        port: 4000
                """);
        assertEquals(List.of("get \"/health\", HealthController, :index"),
                check(project).stream().map(ProjectFixture::covered).toList(), "the readiness probe requests it");
        assertFalse(check(project).get(0).fixes().isEmpty());

        project.with("charts/shop/templates/deployment.yaml", """
                containers:
                  - name: shop
                    readinessProbe:
                      httpGet:
                        path: /health
                        port: 4000
                    livenessProbe:
                      httpGet:
                        path: /health
                        port: 4000
                """);
        Finding both = check(project).get(0);
        assertTrue(both.message().endsWith("The livenessProbe requests the same path, and rightly skips the database "
                + "(an outage would restart every pod): give the readinessProbe a path of its own that queries "
                + "Shop.Repo."), both.message());
        assertEquals(List.of(), both.fixes(), "a deeper check there would restart the pods in a database outage");
    }

    @Test
    void aShallowCheckBesideOneThatQueriesTheDatabaseIsADeliberateSplitUnlessAReadinessProbeRequestsIt() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/api", ShopWeb do
                            get "/healthz", HealthController, :health
                            get "/readyz", HealthController, :ready
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                          def health(conn, _params) do
                            Shop.Repo.query!("SELECT 1")
                            json(conn, %{database: :up})
                          end

                          def ready(conn, _params), do: json(conn, %{ready: true})
                        """));
        assertEquals(List.of(), check(project), "/api/healthz checks the database; /api/readyz only says it started");

        project.with("k8s/deployment.yaml", """
                readinessProbe:
                  httpGet:
                    path: /api/readyz
                    port: 4000
                """);
        assertEquals(List.of("get \"/readyz\", HealthController, :ready"),
                check(project).stream().map(ProjectFixture::covered).toList(), "the readiness probe requests the shallow one");
    }

    @Test
    void aPathNamedForReadinessIsOneOnlyWhereNoReadinessProbeNamesAnother() {
        ProjectFixture project = project().with("fly.toml", flyChecks())
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/ready", HealthController, :ready
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", controller("HealthController",
                        "  def ready(conn, _params), do: json(conn, %{ready: true})\n"));
        assertEquals(List.of("get \"/ready\", HealthController, :ready"),
                check(project).stream().map(ProjectFixture::covered).toList(), "no probe in sight: the name says it");
        project.with("k8s/deployment.yaml", """
                readinessProbe:
                  httpGet:
                    path: /health
                    port: 4000
                """);
        assertEquals(List.of(), check(project), "the deployment's readiness probe requests /health, not /ready");
    }

    @Test
    void endpointPlugAfterTheRequestLoggingIsReportedOnlyForAReadinessCheckToo() {
        ProjectFixture project = project()
                .with("lib/shop_web/endpoint.ex", ENDPOINT_HEAD + """
                          plug Plug.Telemetry, event_prefix: [:phoenix, :endpoint]
                          plug ShopWeb.Plugs.Status
                          plug ShopWeb.Router
                        end
                        """)
                .with("lib/shop_web/plugs/status.ex", LIVENESS_PLUG);
        assertEquals(List.of(), check(project), "the deployment's checks request other paths");

        project.with("fly.toml", flyChecks("/status"));
        assertEquals(List.of("plug ShopWeb.Plugs.Status"), check(project).stream().map(ProjectFixture::covered).toList());
    }

    @Test
    void aHealthRouteThatNoVisibleReadinessCheckPollsMayBeALivenessProbe() {
        ProjectFixture project = project()
                .with("fly.toml", "app = \"shop\"\n\n[http_service]\n  internal_port = 4000\n")
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/healthcheck", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        assertEquals(List.of(), check(project), "fly.toml declares no check, the cluster's probes live elsewhere");

        project.with("Dockerfile", """
                FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder
                RUN mix release

                FROM debian:bookworm-slim
                COPY --from=builder /app/_build/prod/rel/shop ./
                HEALTHCHECK CMD curl --fail http://localhost:4000/healthcheck || exit 1
                CMD ["/app/bin/server"]
                """);
        assertEquals(List.of("get \"/healthcheck\", HealthController, :index"),
                check(project).stream().map(ProjectFixture::covered).toList(), "the image's HEALTHCHECK polls it");
    }

    @Test
    void aHealthControllerDocumentedAsTheLoadBalancersCheckIsAReadinessCheck() {
        ProjectFixture project = project()
                .with("fly.toml", "app = \"shop\"\n")
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/_health", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                          @moduledoc \"""
                          Answers 200 while the site runs. The AWS ALB uses it to decide whether the target is healthy.
                          \"""

                          def index(conn, _params), do: send_resp(conn, 200, "")
                        """));
        assertEquals(List.of("get \"/_health\", HealthController, :index"),
                check(project).stream().map(ProjectFixture::covered).toList());

        project.with("lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                  @moduledoc "Liveness probe: the load balancer's readiness check is /readyz."

                  def index(conn, _params), do: send_resp(conn, 200, "")
                """));
        assertEquals(List.of(), check(project), "documented as a liveness probe");
    }

    @Test
    void routeWhosePipelineQueriesTheRepoTouchesTheDatabase() {
        String routes = router("""
                  pipeline :browser do
                    plug :fetch_session
                    plug ShopWeb.Plugs.FetchUser
                  end

                  pipeline :checked do
                    plug Phoenix.Ecto.CheckRepoStatus, otp_app: :shop
                  end

                  scope "/", ShopWeb do
                    pipe_through :browser
                    get "/_health", HealthController, :index
                  end

                  scope "/api", ShopWeb do
                    pipe_through [:checked]
                    get "/health", HealthController, :index
                  end
                """);
        ProjectFixture project = project()
                .with("fly.toml", flyChecks("/api/health"))
                .with("lib/shop_web/router.ex", routes)
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER)
                .with("lib/shop_web/plugs/fetch_user.ex", """
                        defmodule ShopWeb.Plugs.FetchUser do
                          import Plug.Conn

                          def init(opts), do: opts

                          def call(conn, _opts) do
                            case get_session(conn, :user_id) do
                              nil -> conn
                              id -> assign(conn, :current_user, Shop.Repo.get(Shop.User, id))
                            end
                          end
                        end
                        """);
        assertEquals(List.of(), check(project));

        project.with("lib/shop_web/plugs/fetch_user.ex", """
                defmodule ShopWeb.Plugs.FetchUser do
                  def init(opts), do: opts
                  def call(conn, _opts), do: conn
                end
                """);
        assertEquals(List.of(), check(project), "/api/health checks the database through its pipeline: a deliberate split");

        project.with("fly.toml", flyChecks("/_health"))
                .with("lib/shop_web/router.ex", routes.substring(0, routes.indexOf("  scope \"/api\"")) + "end\n");
        assertEquals(List.of("get \"/_health\", HealthController, :index"),
                check(project).stream().map(ProjectFixture::covered).toList(), "a pipeline that never queries");
    }

    @Test
    void databaseInsideTheInstanceIsSilent() {
        ProjectFixture project = project()
                .with("lib/shop/repo.ex", REPO.replace("Ecto.Adapters.Postgres", "Ecto.Adapters.SQLite3"))
                .with("mix.exs", MIX_EXS.replace("{:postgrex, \">= 0.0.0\"}", "{:ecto_sqlite3, \">= 0.0.0\"}"))
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/healthcheck", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        assertEquals(List.of(), check(project));
    }

    @Test
    void checksRunThroughApplyOrAnMfaTupleAreFollowed() {
        ProjectFixture project = project()
                .with("lib/shop_web/router.ex", router("""
                          scope "/", ShopWeb do
                            get "/health", HealthController, :index
                          end
                        """))
                .with("lib/shop_web/controllers/health_controller.ex", controller("HealthController", """
                          def index(conn, _params) do
                            if Shop.Health.ok?(), do: text(conn, "ok"), else: send_resp(conn, 503, "")
                          end
                        """))
                .with("lib/shop/health.ex", """
                        defmodule Shop.Health do
                          @checks [database: {__MODULE__, :database?, []}]

                          def ok?(checks \\ @checks) do
                            Enum.all?(checks, fn {_name, {m, f, a}} -> apply(m, f, a) end)
                          end

                          def database?, do: match?({:ok, _}, Shop.Repo.query("SELECT 1"))
                        end
                        """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void ectoWithoutARepoOrWithoutADatabaseAdapterIsSilent() {
        String routes = router("""
                  scope "/", ShopWeb do
                    get "/health", HealthController, :index
                  end
                """);
        // ecto_sql and postgrex, but no repo: changesets only
        ProjectFixture noRepo = new ProjectFixture(dir.resolve("no_repo"))
                .with("fly.toml", flyChecks("/health"))
                .with("mix.exs", MIX_EXS)
                .with("lib/shop_web.ex", WEB)
                .with("lib/shop_web/router.ex", routes)
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        assertEquals(List.of(), check(noRepo));

        // a repo, but no adapter among the dependencies
        ProjectFixture noAdapter = new ProjectFixture(dir.resolve("no_adapter"))
                .with("fly.toml", flyChecks("/health"))
                .with("mix.exs", MIX_EXS.replace(", {:postgrex, \">= 0.0.0\"}", ""))
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("lib/shop_web.ex", WEB)
                .with("lib/shop_web/router.ex", routes)
                .with("lib/shop_web/controllers/health_controller.ex", SHALLOW_CONTROLLER);
        assertEquals(List.of(), check(noAdapter));
    }

    private static Finding single(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    /**
     * Applies the fix on disk, checks the text, that it parses, and that re-running every rule drops the finding
     * and adds none.
     */
    private void assertFixedText(ProjectFixture project, Fix fix, Path file, String expected) throws IOException {
        List<Finding> before = analyseAll(project.root());
        String fixed = ProjectFixture.afterFix(fix, file);
        assertEquals(expected, fixed);
        assertFalse(SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(fixed)).hasErrors(), fixed);
        Files.writeString(file, fixed);
        assertElixirParses(file);
        List<Finding> after = analyseAll(project.root());
        assertEquals(before.size() - 1, after.size(), after.toString());
        assertTrue(after.stream().noneMatch(f -> f.rule().id().equals("GT006")), after.toString());
    }

    /** Elixir's own parser accepts the file, when elixir is installed (tree-sitter has checked it regardless). */
    private static void assertElixirParses(Path file) throws IOException {
        boolean available = java.util.stream.Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, "elixir")));
        if (!available) {
            return;
        }
        Process process = new ProcessBuilder("elixir", "-e", "Code.string_to_quoted!(File.read!(hd(System.argv())))",
                file.toString()).redirectErrorStream(true).start();
        try {
            assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "elixir did not finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes()));
    }

    private static List<Finding> analyseAll(Path root) {
        Workspace workspace = new Workspace(List.of(root));
        RuleEngine engine = new RuleEngine(Rules.all());
        List<Finding> findings = new ArrayList<>();
        for (MixProject project : workspace.projects()) {
            findings.addAll(engine.analyze(project, workspace));
        }
        return findings;
    }
}
