package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.Severity;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileTimeEnvRuleTest {
    private static final String DOCKERFILE = """
            FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
            WORKDIR /app
            ENV MIX_ENV="prod"
            COPY . .
            RUN mix deps.get --only $MIX_ENV && mix release

            FROM debian:bookworm-20240926-slim
            COPY --from=builder /app/_build/prod/rel/shop ./
            CMD ["/app/bin/server"]
            """;

    /** The app's mix.exs, for projects whose code reads (or does not read) its config. */
    private static final String SHOP_MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project
              def project, do: [app: :shop, version: "0.1.0", deps: []]
            end
            """;
    private static final String CONFIG = """
            import Config

            config :shop, ecto_repos: [Shop.Repo]

            import_config "#{config_env()}.exs"
            """;

    private static final String RUNTIME = """
            import Config

            if System.get_env("PHX_SERVER") do
              config :shop, ShopWeb.Endpoint, server: true
            end

            if config_env() == :prod do
              host = System.get_env("PHX_HOST") || "example.com"

              config :shop, ShopWeb.Endpoint, url: [host: host, port: 443, scheme: "https"]
            end
            """;

    @TempDir
    Path dir;

    private ProjectFixture release() {
        return new ProjectFixture(dir).with("Dockerfile", DOCKERFILE).with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\n");
    }

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new CompileTimeEnvRule());
    }

    // ---- what it reports ----

    @Test
    void readsInProdExsConfigCallsAreReportedWithTheReleaseEvidence() {
        List<Finding> findings = check(release()
                .with("config/prod.exs", """
                        import Config

                        config :shop, Shop.Repo,
                          url: System.get_env("DATABASE_URL"),
                          pool_size: 10

                        config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                        """)
                .with("config/runtime.exs", RUNTIME));
        assertEquals(2, findings.size());
        Finding first = findings.get(0);
        assertEquals("GT001", first.rule().id());
        assertEquals("System.get_env(\"DATABASE_URL\")", ProjectFixture.covered(first));
        assertEquals("System.get_env(\"DATABASE_URL\") in config/prod.exs is evaluated when the release is built "
                + "(Dockerfile runs `mix release`), so the build machine's value is baked into the release; "
                + "read it in config/runtime.exs.", first.message());
        assertEquals("System.fetch_env!(\"SECRET_KEY_BASE\")", ProjectFixture.covered(findings.get(1)));
    }

    @Test
    void aRepoLoginPartIsReplacedByAUrlTheRuntimeConfigSetsWhereTheVariableIsSet() {
        String config = CONFIG + """
                config :shop, Shop.Repo, username: "shop", password: System.get_env("DB_PASSWORD", "shop_dev"),
                  hostname: "localhost", database: "shop_dev"
                """;
        String runtime = """
                import Config
                if database_url = System.get_env("DATABASE_URL") do
                  config :shop, Shop.Repo, url: database_url
                end
                """;
        ProjectFixture project = release().with("config/config.exs", config).with("config/runtime.exs", runtime)
                .with("lib/shop/repo.ex", "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop, "
                        + "adapter: Ecto.Adapters.Postgres\nend\n");
        assertEquals(List.of(), check(project), "wherever DATABASE_URL is set, the URL's password wins");
        assertEquals(1, check(project.with("config/runtime.exs", "import Config\n")).size(),
                "without the runtime URL the build's password is the one production logs in with");
    }

    @Test
    void aUrlPortTheBuildLeavesNilIsTheListeningPort() {
        String prod = "import Config\nconfig :shop, ShopWeb.Endpoint, url: [host: \"shop.example.org\", port: System.get_env(\"PORT\")]\n";
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS).with("config/prod.exs", prod)
                .with("lib/shop_web/endpoint.ex", "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n");
        assertEquals(List.of(), check(project), "nil: Phoenix builds URLs with the port it listens on, as meant");
        assertEquals(1, check(project.with("config/prod.exs", prod.replace("\"PORT\"", "\"PUBLIC_PORT\""))).size(),
                "a public port of its own is lost to nil");
    }

    @Test
    void aVariableReadTwiceForOneSettingIsOneFinding() {
        List<Finding> findings = check(release()
                .with("config/prod.exs", """
                        import Config

                        config :logger,
                          level: if(is_nil(System.get_env("LOG_LEVEL")), do: :info, else: String.to_atom(System.get_env("LOG_LEVEL")))

                        config :shop, :mailer, relay: System.get_env("SMTP_RELAY"), from: "shop@" <> System.get_env("SMTP_RELAY")
                        """)
                .with("config/runtime.exs", RUNTIME));
        assertEquals(List.of("System.get_env(\"LOG_LEVEL\")", "System.get_env(\"SMTP_RELAY\")"),
                findings.stream().map(ProjectFixture::covered).toList(), "the first read of each, once per config call");
    }

    @Test
    void aPlaceholderTheBuildSetsSoThatTheConfigCompilesIsWhatTheReleaseKeeps() {
        String prod = """
                import Config

                config :shop, ShopWeb.Endpoint,
                  secret_key_base: System.get_env("SECRET_KEY_BASE") || raise("SECRET_KEY_BASE is missing")
                """;
        String withPlaceholder = DOCKERFILE.replace("ENV MIX_ENV=\"prod\"", "ENV MIX_ENV=\"prod\"\nENV SECRET_KEY_BASE=nokey");
        List<Finding> findings = check(release().with("config/prod.exs", prod).with("Dockerfile", withPlaceholder));
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Severity.ERROR, findings.get(0).severity());
        assertTrue(findings.get(0).message().contains("where Dockerfile sets SECRET_KEY_BASE to the placeholder `nokey` "
                + "so that the config compiles: the release keeps `nokey`, and setting SECRET_KEY_BASE where it runs "
                + "changes nothing. Plug's cookie store refuses a secret_key_base under 64 bytes"),
                findings.get(0).message());
        // b310-digital/mindwendel: the build-time read only decides a warning; runtime.exs sets the key at boot.
        String warnOnly = "import Config\nrequire Logger\nsecret_key_base = System.get_env(\"SECRET_KEY_BASE\")\n"
                + "unless secret_key_base do\n  Logger.warning(\"SECRET_KEY_BASE is missing\")\nend\n";
        assertEquals(List.of(), check(release().with("config/prod.exs", warnOnly).with("Dockerfile", withPlaceholder)),
                "a read that feeds no key bakes nothing of the placeholder");
        String realValue = DOCKERFILE.replace("ENV MIX_ENV=\"prod\"", "ENV MIX_ENV=\"prod\"\nARG SECRET_KEY_BASE");
        assertEquals(List.of(), check(release().with("config/prod.exs", prod).with("Dockerfile", realValue)),
                "a build argument the build is given: the build's own choice, as before");
    }

    @Test
    void aSwitchAroundAnEndpointsCompileTimeKeyIsDecidedAtBuildByDesign() {
        String prod = """
                import Config

                if System.get_env("FORCE_SSL") in ~w(true 1) do
                  config :shop, ShopWeb.Endpoint,
                    force_ssl: [rewrite_on: [:x_forwarded_proto]],
                    exclude: [paths: ["/health"], hosts: ["localhost", "127.0.0.1"]]
                end

                if System.get_env("CDN") in ~w(true 1) do
                  config :shop, ShopWeb.Endpoint, static_url: [host: "cdn.example.com"]
                end
                """;
        ProjectFixture project = release().with("config/prod.exs", prod)
                .with("lib/shop_web/endpoint.ex", "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n");
        assertEquals(List.of("System.get_env(\"CDN\")"), check(project).stream().map(ProjectFixture::covered).toList(),
                "force_ssl can only be decided when the endpoint compiles; a static_url switch could wait for boot");
    }

    @Test
    void onGigalixirADistilleryConfigIsBuiltWhateverTheProcfileStarts() {
        // guustavov/mr-heckles: Gigalixir's mix-mode Procfile beside rel/config.exs; Gigalixir builds Distillery.
        String prod = "use Mix.Config\nconfig :shop, Shop.Repo, url: System.get_env(\"DATABASE_URL\")\n";
        ProjectFixture project = new ProjectFixture(dir.resolve("gigalixir-distillery"))
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                        + "version: \"0.1.0\", deps: [{:distillery, \"~> 2.0\"}, {:ecto_sql, \"~> 3.0\"}, "
                        + "{:postgrex, \">= 0.0.0\"}]]\nend\n")
                .with("config/config.exs", "use Mix.Config\nimport_config \"#{Mix.env()}.exs\"\n")
                .with("config/prod.exs", prod)
                .with("elixir_buildpack.config", "elixir_version=1.10.4\n")
                .with("rel/config.exs", "use Mix.Releases.Config\nrelease :shop do\nend\n")
                .with("Procfile", "web: elixir --name $MY_NODE_NAME --cookie $MY_COOKIE -S mix phx.server\n")
                .with("lib/shop/repo.ex", "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop, "
                        + "adapter: Ecto.Adapters.Postgres\nend\n")
                .with("README.md", "Deployed to Gigalixir on every merge.\n");
        assertEquals(1, check(project).size(), "the release is built by Gigalixir's Distillery buildpack");
        project.with("README.md", "Deployed to Heroku on every merge.\n");
        assertEquals(List.of(), check(project), "on Heroku the Procfile runs Mix and rel/ is unused");
    }

    @Test
    void aLiteralDefaultNoDeploymentSetsIsWhatProductionRunsWithAndOnlyAHint() {
        String prod = """
                import Config

                config :shop, :clock, zone: System.get_env("APP_TZ", "America/Toronto")
                config :shop, :pool, size: String.to_integer(System.get_env("WORKERS") || "10")
                config :shop, :sweep, every: System.get_env("SWEEP_MS") || 10 * 60_000
                config :shop, :mail, from: System.get_env("MAIL_FROM", "ops@example.com")
                config :shop, :api, token: System.get_env("SERVICE_KEY", "k-123")
                config :shop, :search, url: System.get_env("SEARCH_URL", "http://localhost:7700")
                config :shop, :web, node: System.get_env("HOSTNAME", "web-1")
                config :shop, :aws, region: System.get_env("REGION")
                config :shop, :queue, size: Map.get(System.get_env(), "QUEUE_SIZE", 1)
                """;
        List<Finding> findings = check(release()
                .with("config/prod.exs", prod)
                // The operator is told to set MAIL_FROM: the default is not what production means to run with.
                .with(".env.example", "MAIL_FROM=team@shop.test\n")
                .with("config/runtime.exs", RUNTIME));
        Map<String, Severity> severities = new LinkedHashMap<>();
        findings.forEach(finding -> severities.put(ProjectFixture.covered(finding), finding.severity()));
        assertEquals(Severity.HINT, severities.get("System.get_env(\"APP_TZ\", \"America/Toronto\")"));
        assertEquals(Severity.HINT, severities.get("System.get_env(\"WORKERS\")"));
        assertEquals(Severity.HINT, severities.get("System.get_env(\"SWEEP_MS\")"), "arithmetic on numbers is as fixed");
        // Named by a deployment's template, a secret by its key, a local address, a platform's variable, no default.
        assertEquals(Severity.WARNING, severities.get("System.get_env(\"MAIL_FROM\", \"ops@example.com\")"));
        assertEquals(Severity.WARNING, severities.get("System.get_env(\"SERVICE_KEY\", \"k-123\")"));
        assertEquals(Severity.WARNING, severities.get("System.get_env(\"SEARCH_URL\", \"http://localhost:7700\")"));
        assertEquals(Severity.WARNING, severities.get("System.get_env(\"HOSTNAME\", \"web-1\")"));
        assertEquals(Severity.WARNING, severities.get("System.get_env(\"REGION\")"));
        assertEquals(9, findings.size());
        assertTrue(findings.get(8).message().contains("the release keeps 1 (or the build machine's QUEUE_SIZE)"),
                "the default of a lookup in the whole environment is its third argument: " + findings.get(8).message());
        Finding zone = findings.get(0);
        assertEquals("System.get_env(\"APP_TZ\", \"America/Toronto\") in config/prod.exs is evaluated when the release "
                + "is built (Dockerfile runs `mix release`): the release keeps \"America/Toronto\" (or the build "
                + "machine's APP_TZ), and setting APP_TZ where it runs changes nothing. No deployment of this repository "
                + "sets APP_TZ, so \"America/Toronto\" is what production runs with today; read it in config/runtime.exs "
                + "to make it configurable.", zone.message());
        assertFalse(zone.fixes().isEmpty(), "the move to runtime.exs is still offered");

        // Once a deployment names it (here fly.toml's [env]), an operator's value is meant to reach it: a warning.
        List<Finding> named = check(release()
                .with("config/prod.exs", prod)
                .with("fly.toml", "app = \"shop\"\n[env]\n  APP_TZ = \"Europe/Paris\"\n")
                .with("config/runtime.exs", RUNTIME));
        assertEquals(Severity.WARNING, named.get(0).severity());
        List<Finding> commented = check(release()
                .with("config/prod.exs", prod)
                .with("fly.toml", "app = \"shop\"\n[env]\n  # APP_TZ = \"Europe/Paris\"\n")
                .with("config/runtime.exs", RUNTIME));
        assertEquals(Severity.HINT, commented.get(0).severity(), "a variable named only in a comment is set by none");

        // Heroku, Render and Gigalixir give the app its PORT: where the project deploys there, PORT is set.
        String port = "import Config\nconfig :shop, ShopWeb.Endpoint, http: [port: System.get_env(\"PORT\") || 4000]\n";
        assertEquals(Severity.HINT, check(release().with("config/prod.exs", port)).get(0).severity());
        assertEquals(Severity.WARNING, check(release().with("config/prod.exs", port)
                .with("elixir_buildpack.config", "elixir_version=1.14\n")).get(0).severity());
        // A README that sets PORT only to run nodes from a checkout with Mix says nothing of the release's start.
        String readme = "Two nodes:\n\n    PORT=4001 iex --name b -S mix phx.server\n";
        Finding devReadme = check(release().with("config/prod.exs", port).with("elixir_buildpack.config", null)
                .with("README.md", readme)).get(0);
        assertEquals(Severity.HINT, devReadme.severity(), devReadme.message());
        assertEquals(Severity.WARNING, check(release().with("config/prod.exs", port)
                .with("README.md", readme + "\nIn production, set PORT.\n")).get(0).severity());
        // Nor does an environment file of a test setup (a front end's end-to-end runs).
        assertEquals(Severity.HINT, check(release().with("config/prod.exs", port).with("README.md", null)
                .with("frontend/.env.e2e", "PORT=4001\n")).get(0).severity());
        assertEquals(Severity.WARNING, check(release().with("config/prod.exs", port)
                .with("frontend/.env.e2e", null).with(".env.production", "PORT=4001\n")).get(0).severity());
    }

    @Test
    void aFallbackThatEveryDeploymentSetsAnywayBakesNothingWrong() {
        String port = "import Config\nconfig :shop, ShopWeb.Endpoint, http: [port: String.to_integer(System.get_env(\"PORT\") || \"4000\")]\n";
        // Gigalixir builds the release (releases.exs beside its buildpack config, no Procfile) and serves port 4000.
        ProjectFixture gigalixir = new ProjectFixture(dir.resolve("gigalixir"))
                .with("elixir_buildpack.config", "elixir_version=1.10.4\n")
                .with("config/config.exs", CONFIG)
                .with("config/releases.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, server: true\n");
        assertEquals(List.of(), check(gigalixir.with("config/prod.exs", port)));
        assertEquals(List.of(), check(gigalixir.with(".buildpacks", "https://github.com/HashNuke/heroku-buildpack-elixir"
                + "\nhttps://github.com/gigalixir/gigalixir-buildpack-releases.git\n")),
                "the Elixir buildpack's name is no Heroku deployment");
        assertEquals(List.of(), check(gigalixir.with(".buildpacks",
                "https://github.com/HashNuke/heroku-buildpack-elixir"
                + "\nhttps://github.com/heymackey/heroku-phoenix-umbrella-static-buildpack\n"
                + "https://github.com/gigalixir/gigalixir-buildpack-releases.git\n")),
                "nor is a static buildpack's that puts heroku first (askasp/askapps)");
        gigalixir.with(".buildpacks", null);
        assertEquals(1, check(gigalixir.with("config/prod.exs", port.replace("4000", "8080"))).size(),
                "a fallback other than Gigalixir's port is not what it serves");
        assertEquals(1, check(gigalixir.with("config/prod.exs", port).with("app.json", "{\"name\": \"shop\"}\n")
                .with("README.md", "Deploy to Heroku: `git push heroku main`.\n")).size(),
                "named for Heroku too, whose PORT is its own choice");

        // The production image starts the release with ENV PORT=4000, and nothing else names PORT.
        String image = DOCKERFILE.replace("CMD [", "ENV PORT=4000\nCMD [");
        ProjectFixture docker = new ProjectFixture(dir.resolve("image")).with("config/config.exs", CONFIG)
                .with("config/prod.exs", port);
        assertEquals(List.of(), check(docker.with("Dockerfile", image)));
        assertEquals(1, check(docker.with("Dockerfile", image.replace("PORT=4000", "PORT=8080"))).size(),
                "the image starts it on another port than the one baked");
        assertEquals(1, check(docker.with("Dockerfile", image)
                .with("docker-compose.yml", "services:\n  web:\n    environment:\n      PORT: 8000\n")).size(),
                "a Compose file that names PORT may start it on another port");

        // The files that start the release outside the image assign the same literal: a systemd unit, an env file.
        ProjectFixture outside = new ProjectFixture(dir.resolve("outside")).with("config/config.exs", CONFIG)
                .with("config/prod.exs", port).with("Dockerfile", DOCKERFILE)
                .with("shop.service", "[Service]\nEnvironment=PORT=4000\nExecStart=/opt/shop/bin/shop start\n")
                .with("config/prod.env", "PORT=4000\nMIX_ENV=prod\n");
        assertEquals(List.of(), check(outside));
        // What an operator copies and edits is no value a deployment runs with: a Compose file's environment (the
        // knob of a self-hosted install), a template, the README.
        for (String[] knob : new String[][]{{"docker-compose.yml", "services:\n  web:\n    environment:\n      PORT: \"4000\"\n"},
                {".env.example", "PORT=4000\n"}, {"README.md", "Run it with `export PORT=4000`.\n"}}) {
            ProjectFixture project = new ProjectFixture(dir.resolve("knob-" + knob[0].replace('.', '-')))
                    .with("config/config.exs", CONFIG).with("config/prod.exs", port).with("Dockerfile", DOCKERFILE)
                    .with(knob[0], knob[1]);
            assertEquals(1, check(project).size(), knob[0] + " leaves PORT open");
        }
        assertEquals(1, check(outside.with("config/prod.env", "PORT=${PORT}\n")).size(),
                "an env file that passes its own PORT on may start it on any port");

        // Kamal starts the release with its deploy.yml's clear values (joshuawootonn/42colors's APP_URL).
        String kamal = "service: shop\nimage: me/shop\nenv:\n  clear:\n    PORT: 4000\n  secret:\n"
                + "    - SECRET_KEY_BASE\n";
        ProjectFixture deployed = new ProjectFixture(dir.resolve("kamal")).with("config/config.exs", CONFIG)
                .with("config/prod.exs", port).with("Dockerfile", DOCKERFILE).with("config/deploy.yml", kamal);
        assertEquals(List.of(), check(deployed), "kamal deploy gives PORT the fallback");
        assertEquals(1, check(deployed.with("config/deploy.yml", kamal.replace("4000", "8080"))).size());
        assertEquals(1, check(deployed.with("config/deploy.yml", kamal.replace("4000", "<%= ENV[\"PORT\"] %>")))
                .size(), "a value its ERB computes is open");
    }

    @Test
    void distillerysCommandLineWithoutDistilleryBuildsNoRelease() {
        String dockerfile = "FROM elixir:latest\nWORKDIR /opt/app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix release --env=prod\n"
                + "FROM elixir:1.4.2\nCOPY ./shop.tar.gz ./\nRUN tar xfz shop.tar.gz\nENTRYPOINT [\"bin/shop\"]\n";
        String prod = "import Config\nconfig :shop, ShopWeb.Endpoint, secret_key_base: System.get_env(\"SECRET_KEY_BASE\")\n";
        ProjectFixture project = new ProjectFixture(dir).with("Dockerfile", dockerfile).with("config/config.exs", CONFIG)
                .with("config/prod.exs", prod)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:phoenix, \"~> 1.2\"}]]\nend\n");
        assertEquals(List.of(), check(project),
                "Elixir's own `mix release` rejects --env, and an Elixir before 1.9 has none: the build fails");
        assertEquals(1, check(project.with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                + "  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.0\"}]]\nend\n")).size(),
                "with Distillery the same command builds its release");
        assertEquals(1, check(project.with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                + "  def project, do: [app: :shop, version: \"0.1.0\", deps: []]\nend\n")
                .with("Dockerfile", dockerfile.replace("mix release --env=prod", "mix release --overwrite"))).size());
    }

    @Test
    void aDistilleryReleaseIsToldToReadAtBootDistillerysWay() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.0\"}]]\nend\n")
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\n  set applications: [:shop]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "use Mix.Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().endsWith("so the build machine's value is baked into the release; read it "
                + "when the release boots (a Distillery config provider, or \"${VAR}\" with REPLACE_OS_VARS=true)."),
                findings.get(0).message());
        // Distillery 2.1, whose task is distillery.release: with nothing running Elixir's own `mix release`,
        // Distillery still builds it.
        project.with("mix.lock", "%{\n  \"distillery\": {:hex, :distillery, \"2.1.1\", \"f933\", [:mix], [], \"hexpm\"},\n}\n");
        assertTrue(check(project).get(0).message().contains("a Distillery config provider"), check(project).get(0).message());
        // A build script that runs it, on an Elixir that has its own `mix release`: still Distillery's.
        project.with(".tool-versions", "elixir 1.13.4-otp-24\n")
                .with("build.sh", "#!/bin/sh\nset -e\nMIX_ENV=prod mix distillery.release\nscp _build/prod/rel/shop/releases/0.1.0/shop.tar.gz web:\n");
        assertTrue(check(project).get(0).message().contains("a Distillery config provider"), check(project).get(0).message());
        // Beside an image that runs Elixir's own `mix release`, the image's release is the one the finding names.
        project.with("Dockerfile", "FROM elixir:1.13\nWORKDIR /app\nCOPY . .\nENV MIX_ENV=prod\nRUN mix release\n"
                + "CMD [\"_build/prod/rel/shop/bin/shop\", \"start\"]\n");
        assertFalse(check(project).get(0).message().contains("a Distillery config provider"), check(project).get(0).message());
    }

    @Test
    void edeliverBuildingOnTheProductionHostAsItsUserBakesProductionsOwnValues() {
        String deliver = "APP=\"shop\"\nBUILD_HOST=\"shop.example.com\"\nBUILD_USER=\"deploy\"\n"
                + "PRODUCTION_HOSTS=\"shop.example.com\"\nPRODUCTION_USER=\"deploy\"\n";
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.0\"}, {:edeliver, \"~> 1.6\"}]]\nend\n")
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\n  set applications: [:shop]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "use Mix.Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n")
                .with(".deliver/config", deliver);
        assertEquals(List.of(), check(project));
        project.with(".deliver/config", deliver.replace("BUILD_HOST=\"shop.example.com\"", "BUILD_HOST=\"build.example.com\""));
        assertEquals(1, check(project).size(), "a build host of its own has its own environment");
    }

    @Test
    void theRuntimeConfigThatProdExsImportsTooIsEvaluatedAgainAtBoot() {
        String releases = """
                import Config

                mailer = System.get_env("MAILER", "Bamboo.PostmarkAdapter")

                case mailer do
                  "Bamboo.PostmarkAdapter" -> config :shop, Shop.Mailer, adapter: Bamboo.PostmarkAdapter
                  _ -> raise "unknown mailer"
                end

                config :shop, :geo, db: System.get_env("GEO_DB")
                """;
        ProjectFixture project = release()
                .with("config/config.exs", CONFIG.replace("import_config", """
                        mailer = System.get_env("MAILER", "Bamboo.LocalAdapter")

                        case mailer do
                          "Bamboo.PostmarkAdapter" -> config :shop, Shop.Mailer, adapter: Bamboo.PostmarkAdapter
                          "Bamboo.LocalAdapter" -> config :shop, Shop.Mailer, adapter: Bamboo.LocalAdapter
                        end

                        import_config"""))
                .with("config/prod.exs", "import Config\nimport_config \"releases.exs\"\n")
                .with("config/releases.exs", releases);
        assertEquals(List.of(), check(project), "releases.exs runs again at boot; config.exs's switch is decided again there");
        assertEquals(1, check(project.with("config/releases.exs", releases.replace("System.get_env(\"MAILER\", \"Bamboo.PostmarkAdapter\")",
                "\"Bamboo.PostmarkAdapter\""))).size(), "once the runtime config no longer reads MAILER, the build's choice stays");
    }

    @Test
    void minaBuildingTheReleaseOnTheHostItDeploysToBakesThatHostsValues() {
        String deploy = """
                require 'mina/deploy'
                require 'mina/git'

                set :domain, 'shop.example.com'
                set :user, 'deploy'

                task :remote_environment do
                  command %[source ~/.profile]
                end

                task :deploy do
                  deploy do
                    invoke :'git:clone'
                    command %[mix deps.get]
                    command %[mix release]
                  end
                end
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.0\"}]]\nend\n")
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\n  set applications: [:shop]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "use Mix.Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n")
                .with("config/deploy.rb", deploy);
        assertEquals(List.of(), check(project));
        project.with("config/deploy.rb", deploy.replace("command %[mix release]", "command %[tar -xzf shop.tar.gz]"));
        assertEquals(1, check(project).size(), "a release built elsewhere and unpacked there baked its builder's values");
        project.with("config/deploy.rb", deploy.replace("command %[mix release]", "command \"mix do compile, release\""));
        assertEquals(List.of(), check(project), "a mix do that runs release builds it there too");
        project.with("config/deploy.rb", deploy.replace("command %[mix release]", "command %[mix do compile, phx.gen.release]"));
        assertEquals(1, check(project).size(), "phx.gen.release writes files and builds nothing");
        project.with("config/deploy.rb", deploy.replace("require 'mina/deploy'", "require 'capistrano/setup'")
                .replace("require 'mina/git'", ""));
        assertEquals(1, check(project).size(), "another tool's deploy.rb says nothing of where mina builds");
    }

    @Test
    void aDeployScriptBuildingTheReleaseOnItsServerOverSshBakesThatServersValues() {
        String deploy = "ssh apps@203.0.113.7 -p 5123 \"cd shop/\n    git pull origin master\n"
                + "    MIX_ENV=prod mix deps.get\n    MIX_ENV=prod mix ecto.migrate\n"
                + "    MIX_ENV=prod rel/shop/bin/shop stop\n    MIX_ENV=prod mix release\n"
                + "    MIX_ENV=prod rel/shop/bin/shop start\"\n";
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:exrm, \"~> 1.0\"}]]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "use Mix.Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n")
                .with("deploy.sh", deploy);
        assertEquals(List.of(), check(project), "built and started in the same session on the server");
        project.with("deploy.sh", "MIX_ENV=prod mix release\nscp rel/shop/releases/0.1.0/shop.tar.gz apps@203.0.113.7:\n");
        assertEquals(1, check(project).size(), "built here and copied there: the builder's values");
    }

    @Test
    void aBuildScriptThatCiRunsOnTheServerOverSshBuildsThere() {
        String workflow = "version: 2.1\njobs:\n  deploy:\n    steps:\n      - add_ssh_keys\n      - run:\n"
                + "          name: Deploy\n          command: ssh deploy@203.0.113.7 ./shop/scripts/deploy.sh\n";
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\"]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n")
                .with("scripts/deploy.sh", "#!/usr/bin/env bash\n. ~/.bashrc\ncd ~/shop\ngit pull\n"
                        + "MIX_ENV=prod mix release --overwrite\n_build/prod/rel/shop/bin/shop daemon\n");
        assertEquals(1, check(project).size(), "where the script runs is not shown: the builder's values");
        assertEquals(List.of(), check(project.with(".circleci/config.yml", workflow)),
                "CI runs it on the server, which builds with its own environment");
        assertEquals(1, check(project.with(".circleci/config.yml", workflow.replace("./shop/scripts/deploy.sh",
                "./shop/scripts/deploy-other.sh"))).size(), "another script over ssh says nothing of this one");
    }

    @Test
    void aBuildScriptThatLoadsAnEnvFileBeforeItBuildsBakesThatFileOnPurpose() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.1\"}]]\nend\n")
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\n  set applications: [:shop]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "use Mix.Config\nconfig :shop, Shop.Repo, hostname: System.get_env(\"DATABASE_HOSTNAME\")\n")
                .with("bin/release", "#!/usr/bin/env bash\nMIX_ENV=prod mix compile\nsource .env\nMIX_ENV=prod mix distillery.release --upgrade\n");
        assertEquals(List.of(), check(project), "an extensionless script in bin/ that sources .env, then builds");
        project.with("bin/release", "#!/bin/sh\nset -a\n. ../prod.env\nset +a\nmix distillery.release\n");
        assertEquals(List.of(), check(project), "variables exported from an env file elsewhere");
        project.with("bin/release", "#!/bin/sh\nMIX_ENV=prod mix distillery.release\nsource .env\n");
        assertEquals(1, check(project).size(), "an env file loaded after the build gives it nothing");
        project.with("bin/release", "#!/bin/sh\nsource ./scripts/helpers.sh\nMIX_ENV=prod mix distillery.release\n");
        assertEquals(1, check(project).size(), "a sourced script is no file of variables");
    }

    @Test
    void theEnvOfAnImageWhoseStartBuildsTheReleaseIsTheBuildsOwn() {
        String mix = "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", "
                + "deps: [], releases: [prod: []]]\nend\n";
        ProjectFixture project = new ProjectFixture(dir).with("mix.exs", mix)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, Shop.Repo, password: System.get_env(\"DB_PASSWORD_PROD\")\n")
                .with("bin/release", "#!/usr/bin/env bash\nexport MIX_ENV=$1\nmix deps.get --only prod\nmix release $1\n")
                .with("Dockerfile", """
                        FROM elixir:1.11
                        ARG db_password
                        ENV DB_PASSWORD_PROD=$db_password
                        WORKDIR /opt/build
                        ADD ./bin/release ./bin/release
                        CMD ["bin/release", "prod"]
                        """);
        assertEquals(List.of(), check(project), "the build container is given the value on purpose");
        project.with("Dockerfile", "FROM elixir:1.11\nENV DB_PASSWORD_PROD=x\nCMD [\"mix\", \"test\"]\n");
        assertEquals(1, check(project).size());
    }

    @Test
    void aSecretTheReleaseStepTakesFromASecretMountStillShipsInSysConfig() {
        String mounted = DOCKERFILE.replace("RUN mix deps.get --only $MIX_ENV && mix release",
                "RUN mix deps.get --only $MIX_ENV\n"
                        + "RUN --mount=type=secret,id=auth0_secret --mount=type=secret,id=auth0_id \\\n"
                        + "    AUTH0_CLIENT_SECRET=$(cat /run/secrets/auth0_secret) \\\n"
                        + "    AUTH0_CLIENT_ID=$(cat /run/secrets/auth0_id) mix release");
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS).with("Dockerfile", mounted)
                .with("config/prod.exs", "import Config\nconfig :ueberauth, Ueberauth.Strategy.Auth0.OAuth,\n"
                        + "  client_id: System.get_env(\"AUTH0_CLIENT_ID\"),\n"
                        + "  client_secret: System.get_env(\"AUTH0_CLIENT_SECRET\")\n");
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"AUTH0_CLIENT_SECRET\")"),
                findings.stream().map(ProjectFixture::covered).toList(),
                "the client id the build gives on purpose is no secret; the secret ends in sys.config");
        assertTrue(findings.get(0).message().contains("The build passes AUTH0_CLIENT_SECRET through a secret mount"),
                findings.get(0).message());

        project.with("Dockerfile", DOCKERFILE.replace("RUN mix deps.get --only $MIX_ENV && mix release",
                "RUN mix deps.get --only $MIX_ENV\n"
                        + "RUN --mount=type=secret,id=auth0_secret,env=AUTH0_CLIENT_SECRET mix release"));
        assertTrue(check(project).stream().anyMatch(finding -> finding.message().contains(
                "The build passes AUTH0_CLIENT_SECRET through a secret mount")), "a mount that sets the variable itself, too");
        project.with("Dockerfile", DOCKERFILE.replace("WORKDIR /app", "WORKDIR /app\nARG AUTH0_CLIENT_SECRET\n"
                + "ARG AUTH0_CLIENT_ID"));
        assertEquals(List.of(), check(project), "a build argument is GT016's to report, where the value is taken");
    }

    @Test
    void aVariableTheRuntimeConfigPassesOnWhereItCannotBeFollowedMaySetTheKeyAgain() {
        String buildRead = "import Config\nconfig :shop, github_token: System.get_env(\"GITHUB_TOKEN\")\n";
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS).with("config/prod.exs", buildRead)
                .with("config/runtime.exs", """
                        import Config

                        settings = [pool: 2]

                        settings =
                          case System.get_env("GITHUB_TOKEN") do
                            nil -> settings
                            token -> Keyword.put(settings, :github_token, token)
                          end

                        config :shop, settings
                        """);
        assertEquals(List.of(), check(project), "the runtime config may put the token back under its key");
        project.with("config/runtime.exs",
                "import Config\nif System.get_env(\"GITHUB_TOKEN\") do\n  config :shop, github: true\nend\n");
        assertEquals(1, check(project).size(), "a switch on the variable sets other keys only");
    }

    @Test
    void aCopyOfAVariableTheRuntimeConfigReadsForOtherSettingsKeepsTheBuildsValueAndSaysSo() {
        List<Finding> findings = check(release()
                .with("mix.exs", SHOP_MIX_EXS)
                .with("config/prod.exs", "import Config\nconfig :activity_pub, :instance, hostname: System.get_env(\"HOSTNAME_PUBLIC\")\n")
                .with("config/runtime.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, url: [host: System.get_env(\"HOSTNAME_PUBLIC\")]\n"));
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Severity.INFO, findings.get(0).severity());
        assertTrue(findings.get(0).message().endsWith("The runtime config reads HOSTNAME_PUBLIC again for other settings, "
                + "but not for this one, which keeps the build machine's value; read it in config/runtime.exs for this "
                + "setting too."), findings.get(0).message());
        List<Finding> secret = check(release()
                .with("mix.exs", SHOP_MIX_EXS)
                .with("config/prod.exs", "import Config\nconfig :joken, default_signer: System.get_env(\"SECRET_KEY_BASE\")\n")
                .with("config/runtime.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, secret_key_base: System.get_env(\"SECRET_KEY_BASE\")\n"));
        assertEquals(Severity.WARNING, secret.get(0).severity(), "a stale copy of a secret is no mere information");
    }

    @Test
    void aDistilleryConfigNothingBuildsBesideAMixStartIsNoRelease() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.0\"}]]\nend\n")
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\n  set applications: [:shop]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "use Mix.Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n")
                .with("docker-compose.yml", "services:\n  web:\n    build: .\n    command: bash -c \"mix deps.get && mix phx.server\"\n");
        assertEquals(List.of(), check(project), "compose starts the app with Mix, which reads prod.exs at boot");
        project.with("docker-compose.yml", "services:\n  web:\n    build: .\n    command: bin/shop foreground\n");
        assertEquals(1, check(project).size());
        // Gigalixir's Distillery buildpack builds the release whatever the Procfile beside it says.
        project.with("docker-compose.yml", "services:\n  web:\n    command: mix phx.server\n")
                .with(".buildpacks", "https://github.com/HashNuke/heroku-buildpack-elixir\n"
                        + "https://github.com/gigalixir/gigalixir-buildpack-distillery.git\n");
        assertEquals(1, check(project).size());
    }

    @Test
    void releasesDeclaredInMixExsThatNothingBuildsBesideAMixStartAreNoRelease() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", SHOP_MIX_EXS.replace("deps: []]", "deps: [], releases: [shop: []]]"))
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n")
                .with("Dockerfile", "FROM elixir:1.15\nCOPY . .\nRUN mix deps.get --only prod\nCMD [\"mix\", \"phx.server\"]\n");
        assertEquals(List.of(), check(project), "the image starts the app with Mix, which reads prod.exs at boot");
        project.with("Dockerfile", "FROM elixir:1.15\nCOPY . .\nCMD [\"/app/bin/shop\", \"start\"]\n");
        assertEquals(1, check(project).size(), "releases: declared, and nothing starts the app with Mix");
        project.with("Dockerfile", "FROM elixir:1.15\nCOPY . .\nRUN mix release\nCMD [\"mix\", \"phx.server\"]\n");
        assertEquals(1, check(project).size(), "an image that builds the release is release evidence of its own");
    }

    @Test
    void aRepoReconfiguredAtConnectTakesItsOptionsAtBoot() {
        String prod = """
                import Config

                config :shop, Shop.Repo,
                  hostname: System.get_env("POSTGRES_HOSTNAME"),
                  password: System.get_env("POSTGRES_PASSWORD")CONFIGURE
                """;
        ProjectFixture project = release().with("config/runtime.exs", RUNTIME);
        assertEquals(2, check(project.with("config/prod.exs", prod.replace("CONFIGURE", ""))).size());
        assertEquals(List.of(), check(project.with("config/prod.exs",
                prod.replace("CONFIGURE", ",\n  configure: {Shop.Repo, :add_prod_credentials, []}"))));
    }

    @Test
    void aFileADistilleryConfigProviderEvaluatesAtBootIsRuntimeConfig() {
        String relConfig = ProjectFixture.DISTILLERY_PROVIDER_REL_CONFIG;
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.1\"}]]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, :kafka, host: System.get_env(\"HOST_IP\")\n")
                .with("runtime/shop.exs", "use Mix.Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n");
        assertEquals(List.of(), check(project.with("rel/config.exs", relConfig)), "the provider's file sets it at boot");
        // config.exs imports the provider's file too (for dev and test): its reads run again at boot.
        project.with("config/config.exs", CONFIG.replace("import_config", "import_config \"../runtime/shop.exs\"\nimport_config"))
                .with("runtime/shop.exs", "use Mix.Config\nget = fn name -> System.get_env(name) end\n"
                        + "config :shop, :kafka, host: System.get_env(\"KAFKA_HOST\"), port: get.(\"KAFKA_PORT\")\n");
        assertEquals(List.of(), check(project), "reads in a file the provider evaluates at boot are boot-time reads");
        project.with("config/config.exs", CONFIG).with("runtime/shop.exs",
                "use Mix.Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n");
        List<Finding> other = check(project.with("config/prod.exs",
                "import Config\nconfig :shop, :queue, host: System.get_env(\"QUEUE_HOST\")\n"));
        assertTrue(other.get(0).message().endsWith("read it in runtime/shop.exs (the release's config provider "
                + "evaluates it at boot)."), other.get(0).message());
        project.with("config/prod.exs", "import Config\nconfig :shop, :kafka, host: System.get_env(\"HOST_IP\")\n");
        assertEquals(1, check(project.with("runtime/other.exs", "use Mix.Config\nconfig :shop, :other, on: true\n")
                .with("rel/config.exs", relConfig.replace("{:copy, \"runtime/shop.exs\", \"etc/runtime.exs\"}",
                        "{:copy, \"runtime/shop.exs\", \"etc/shop.exs\"}, {:copy, \"runtime/other.exs\", \"etc/runtime.exs\"}")))
                .size(), "an overlay the provider does not read is not runtime config");
        assertEquals(List.of(), check(project.with("rel/config.exs", relConfig.replace("\"etc/runtime.exs\"}]\nend",
                        "\"etc/runtime.exs.sample\"}]\nend"))),
                "only a sample of the provider's file ships: the operator places the real one, written from the sample");
        assertEquals(1, check(project.with("runtime/shop.exs", "use Mix.Config\nconfig :shop, :queue, host: \"queue\"\n"))
                .size(), "the sample the operator fills in does not set the key: the build's value stays");
        project.with("runtime/shop.exs", "use Mix.Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n");
        assertEquals(List.of(), check(project.with("rel/config.exs", relConfig.replace("runtime/shop.exs", "rel/secret.exs"))),
                "the provider's file is kept outside the repository: what it sets at boot is not known");
    }

    @Test
    void anOperatorsFileTheRuntimeConfigEvaluatesSetsWhatItsTemplateSets() {
        ProjectFixture project = release()
                .with("config/prod.exs", "import Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n"
                        + "config :shop, :storage, bucket: System.get_env(\"BUCKET\", \"shop-demo\")\n")
                .with("config/runtime.exs",
                        "import Config\n\"SHOP_CONFIG\" |> System.get_env(\"/etc/shop.exs\") |> Code.eval_file()\n");
        assertEquals(List.of(), check(project), "the operator's file may set any key");

        project.with("config/shop.exs.example", "import Config\nconfig :shop, :kafka, host: \"kafka.internal\"\n");
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"BUCKET\", \"shop-demo\")"),
                findings.stream().map(ProjectFixture::covered).toList(),
                "the template sets the Kafka host, not the bucket: the build's bucket stays");
    }

    @Test
    void anImageBuiltWithElixirsOwnMixReleaseEvaluatesNoDistilleryProvider() {
        String relConfig = """
                use Distillery.Releases.Config
                environment :prod do
                  set config_providers: [{Distillery.Releases.Config.Providers.Elixir, ["${RELEASE_ROOT_DIR}/etc/runtime.exs"]}]
                  set overlays: [{:copy, "rel/config/config.exs", "etc/runtime.exs"}]
                end
                release :shop do
                  set applications: [:shop]
                end
                """;
        String dockerfile = """
                FROM elixir:1.9-alpine AS builder
                ENV MIX_ENV prod
                COPY . /app
                RUN mix release

                FROM alpine:3.9
                COPY --from=builder /app/_build/prod/rel/shop .
                ENTRYPOINT ["./bin/shop", "start"]
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.1\"}]]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "use Mix.Config\nconfig :shop, :kafka, host: System.get_env(\"HOST_IP\")\n")
                .with("rel/config.exs", relConfig)
                .with("rel/config/config.exs", "use Mix.Config\nconfig :shop, :kafka, host: System.get_env(\"KAFKA_HOST\")\n")
                .with("Dockerfile", dockerfile);
        String distillery = "%{\n  \"distillery\": {:hex, :distillery, \"VERSION\", \"f933\", [:mix], [], \"hexpm\"},\n}\n";
        assertEquals(1, check(project.with("mix.lock", distillery.replace("VERSION", "2.1.1"))).size(),
                "Distillery 2.1's task is distillery.release: the image's `mix release` is Elixir's, which reads no provider");
        assertEquals(1, check(project.with("mix.lock", distillery.replace("VERSION", "2.0.12"))).size(),
                "before 2.1 on Elixir 1.9, Mix finds Elixir's own Mix.Tasks.Release before it loads the dependencies");
        assertEquals(List.of(), check(project.with("mix.lock", distillery.replace("VERSION", "2.0.12"))
                        .with("Dockerfile", dockerfile.replace("elixir:1.9-alpine", "elixir:1.8-alpine"))),
                "before 2.1 on Elixir 1.8, `mix release` is Distillery's own, whose provider sets the key at boot");
        assertEquals(List.of(), check(project.with("mix.lock", distillery.replace("VERSION", "2.1.1"))
                .with("Dockerfile", dockerfile.replace("RUN mix release", "RUN mix distillery.release"))),
                "an image that builds with Distillery evaluates its provider");
    }

    @Test
    void aDistilleryReleaseThatReadsItsOwnProdExsAtBootReadsItsVariablesThen() {
        String relConfig = """
                use Distillery.Releases.Config
                environment :prod do
                  set config_providers: [{Distillery.Releases.Config.Providers.Elixir, ["${REL_DIR}/runtime_config.exs"]}]
                  set overlays: [{:copy, "config/#{Mix.env()}.exs", "releases/<%= release_version %>/runtime_config.exs"}]
                end
                release :shop do
                  set version: "0.1.0"
                end
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.1\"}]]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, :node, seed: System.get_env(\"SEED\")\n");
        assertEquals(1, check(project.with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\nend\n")).size());
        assertEquals(List.of(), check(project.with("rel/config.exs", relConfig)), "prod.exs is evaluated again at boot");
    }

    @Test
    void everyReadFormIsReportedAnywhereInTheValue() {
        List<Finding> findings = check(release()
                .with("config/prod.exs", """
                        import Config

                        config :shop, Shop.Mailer,
                          adapter: Swoosh.Adapters.Mailgun,
                          api_key: System.get_env("MAILGUN_KEY", "none"),
                          opts: [domain: {:ok, _} = System.fetch_env("MAILGUN_DOMAIN")],
                          pool: String.to_integer(System.get_env("POOL") || "10"),
                          secret: Map.fetch!(System.get_env(), "MAILGUN_SECRET"),
                          region: System.get_env()["MAILGUN_REGION"],
                          size: Map.get(System.get_env(), "MAILGUN_SIZE", "5")
                        """));
        assertEquals(List.of("System.get_env(\"MAILGUN_KEY\", \"none\")", "System.fetch_env(\"MAILGUN_DOMAIN\")",
                "System.get_env(\"POOL\")", "Map.fetch!(System.get_env(), \"MAILGUN_SECRET\")",
                "System.get_env()[\"MAILGUN_REGION\"]", "Map.get(System.get_env(), \"MAILGUN_SIZE\", \"5\")"),
                findings.stream().map(ProjectFixture::covered).toList());
    }

    @Test
    void topLevelBindingReadIsReportedWithoutAFix() {
        List<Finding> findings = check(release()
                .with("config/prod.exs", """
                        import Config

                        port = String.to_integer(System.get_env("PORT") || "4000")

                        config :shop, ShopWeb.Endpoint, http: [port: port]
                        """));
        assertEquals(1, findings.size());
        assertEquals("System.get_env(\"PORT\")", ProjectFixture.covered(findings.get(0)));
        assertEquals(List.of(), findings.get(0).fixes(), "moving a binding means moving its users too");
    }

    @Test
    void configCallUsingATopLevelVariableGetsNoFix() {
        List<Finding> findings = check(release()
                .with("config/prod.exs", """
                        import Config

                        host = "shop.example.org"

                        config :shop, ShopWeb.Endpoint, url: [host: host], http: [port: System.get_env("PORT")]
                        """));
        assertEquals(1, findings.size());
        assertEquals(List.of(), findings.get(0).fixes());
    }

    @Test
    void configExsAndLegacyProdSecretAndPlainImportsAreBuildTime() {
        List<Finding> findings = check(release()
                .with("config/config.exs", """
                        import Config

                        config :shop, :stripe, api_key: System.get_env("STRIPE_KEY")

                        import_config "shared.exs"
                        import_config "#{config_env()}.exs"
                        """)
                .with("config/shared.exs", "import Config\nconfig :shop, :region, System.get_env(\"REGION\")\n")
                .with("config/prod.exs", "import Config\nimport_config \"prod.secret.exs\"\n")
                .with("config/prod.secret.exs", """
                        use Mix.Config

                        secret_key_base =
                          System.get_env("SECRET_KEY_BASE") ||
                            raise "environment variable SECRET_KEY_BASE is missing."

                        config :shop, ShopWeb.Endpoint, secret_key_base: secret_key_base
                        """));
        List<String> where = findings.stream()
                .map(f -> dir.relativize(f.file().path()) + " " + ProjectFixture.covered(f)).toList();
        assertEquals(List.of("config/config.exs System.get_env(\"STRIPE_KEY\")",
                "config/shared.exs System.get_env(\"REGION\")",
                "config/prod.secret.exs System.get_env(\"SECRET_KEY_BASE\")"), where);
    }

    @Test
    void aConfigFileTheBuildFetchesFromOutsideTheRepositoryIsAStandIn() {
        ProjectFixture project = release()
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", "import Config\nconfig :shop, :region, \"eu\"\nimport_config \"prod.secret.exs\"\n")
                .with("config/prod.secret.exs", """
                        use Mix.Config

                        config :shop, Shop.Repo, password: System.fetch_env!("DB_PASSWORD")
                        """);
        assertEquals(1, check(project).size(), "the committed file is what the release is built with");

        project.with("cloudbuild.yaml", """
                steps:
                  - name: gcr.io/cloud-builders/gsutil
                    args: [cp, gs://$PROJECT_ID-misc/prod.secret.exs, ./config/prod.secret.exs]
                  - name: gcr.io/cloud-builders/docker
                    args: [build, -t, gcr.io/$PROJECT_ID/shop, .]
                """);
        assertEquals(List.of(), check(project), "Cloud Build copies the real file from a bucket first");

        project.with("cloudbuild.yaml", null).with(".github/workflows/deploy.yml", """
                jobs:
                  deploy:
                    steps:
                      - run: echo "${{ secrets.PROD_SECRET_EXS }}" > config/prod.secret.exs
                      - run: docker build -t shop .
                """);
        assertEquals(List.of(), check(project), "the workflow writes it from a secret");

        project.with(".github/workflows/deploy.yml", null).with("scripts/deploy.sh", """
                #!/bin/bash
                cd "$REPO_DIR" || exit
                cp /home/shop/conf/prod.secret.exs "$REPO_DIR/config/prod.secret.exs"
                MIX_ENV=prod mix release --overwrite
                """);
        assertEquals(List.of(), check(project), "the deploy script on the host copies the host's own file");
        project.with("scripts/deploy.sh", "#!/bin/bash\ncp config/prod.secret.example.exs config/prod.secret.exs\n"
                + "MIX_ENV=prod mix release --overwrite\n");
        assertEquals(1, check(project).size(), "a copy from inside the checkout is no file from outside");
    }

    @Test
    void conditionsThatMayRunInProdAreReportedButNotFixed() {
        List<Finding> findings = check(release()
                .with("config/prod.exs", """
                        import Config

                        if File.exists?("priv/ssl/key.pem") do
                          config :shop, ShopWeb.Endpoint, https: [keyfile: System.get_env("SSL_KEY_PATH")]
                        end

                        if config_env() != :dev, do: config(:shop, :flag, System.get_env("FLAG"))
                        """));
        assertEquals(List.of("System.get_env(\"SSL_KEY_PATH\")", "System.get_env(\"FLAG\")"),
                findings.stream().map(ProjectFixture::covered).toList());
        assertTrue(findings.stream().allMatch(f -> f.fixes().isEmpty()));
    }

    @Test
    void mixExsReleasesAndRelFolderCountAsReleaseEvidence() {
        List<Finding> byMixExs = check(new ProjectFixture(dir)
                .with("mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project

                          def project do
                            [app: :shop, version: "0.1.0", deps: [], releases: [shop: [include_executables_for: [:unix]]]]
                          end
                        end
                        """)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, key: System.get_env(\"KEY\")\n"));
        assertEquals(1, byMixExs.size());
        assertTrue(byMixExs.get(0).message().contains("(mix.exs declares `releases:`)"), byMixExs.get(0).message());
    }

    @Test
    void aSystemdUnitThatStartsTheAppWithMixIsTheDeploymentBesideARelFolder() {
        // ksomnia/ksomnia: rel/overlays from the generator, a unit running `mix phx.server` after a git push.
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", CONFIG.replace("import_config", "config :shop, :search, api_key: "
                        + "System.get_env(\"SEARCH_API_KEY\")\n\nimport_config"))
                .with("config/prod.exs", "import Config\n")
                .with("rel/overlays/bin/server", "#!/bin/sh\nPHX_SERVER=true exec ./shop start\n")
                .with("deployment/shop.service", "[Service]\nEnvironment=\"MIX_ENV=prod\"\n"
                        + "ExecStart=/usr/bin/mix phx.server\n");
        assertEquals(List.of(), check(project), "the unit runs the app with Mix, which reads config.exs at boot");
        project.with("deployment/shop.service", "[Service]\nExecStart=/opt/shop/bin/shop start\n");
        assertEquals(1, check(project).size(), "a unit that starts the release");
    }

    @Test
    void anExrmReleaseBakesItsConfigAndReplacesOnlyPlaceholdersAtBoot() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.Mixfile do\n  use Mix.Project\n  def project, do: [app: :shop, "
                        + "version: \"0.1.0\", elixir: \"~> 1.2\", deps: deps()]\n  defp deps, do: [{:phoenix, \"~> 1.1\"}]\nend\n")
                .with("config/config.exs", "use Mix.Config\nimport_config \"#{Mix.env}.exs\"\n")
                .with("config/prod.exs", "use Mix.Config\nconfig :shop, Shop.Endpoint,\n"
                        + "  secret_key_base: System.get_env(\"SECRET_KEY_BASE\"),\n"
                        + "  url: [host: System.get_env(\"HOST\") || \"${HOST}\"]\n");
        assertEquals(List.of(), check(project), "nothing builds a release");

        project.with("mix.exs", "defmodule Shop.Mixfile do\n  use Mix.Project\n  def project, do: [app: :shop, "
                + "version: \"0.1.0\", elixir: \"~> 1.2\", deps: deps()]\n  defp deps, do: [{:phoenix, \"~> 1.1\"}, {:exrm, \"~> 1.0\"}]\nend\n");
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"SECRET_KEY_BASE\")"), findings.stream().map(ProjectFixture::covered).toList(),
                "the placeholder the release replaces at boot is what the host read falls back to");
        assertTrue(findings.get(0).message().contains("(mix.exs depends on exrm, whose `mix release` builds the release)")
                && findings.get(0).message().endsWith("read it when the release boots (\"${VAR}\" in the config, replaced "
                + "with RELX_REPLACE_OS_VARS=true)."), findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes(), "an exrm release has no runtime config to move the read into");
    }

    @Test
    void aFileTheRepositoryDoesNotHoldImportedAfterTheReadMaySetItAgain() {
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", CONFIG.replace("import_config", "config :shop, Shop.OAuth, client_secret: "
                        + "System.get_env(\"GOOGLE_CLIENT_SECRET\")\n\nimport_config"))
                .with("config/prod.exs", "import Config\nimport_config \"prod.secret.exs\"\n");
        assertEquals(List.of(), check(project), "the build machine's prod.secret.exs may set it: not known");
        project.with("config/prod.exs", "import Config\n");
        assertEquals(1, check(project).size());
    }

    @Test
    void aReadInAFunctionOfAModuleTheConfigDefinesFeedsTheKeysOfItsCalls() {
        String helpers = """
                defmodule AwsConfig do
                  def config(variable, profile \\\\ System.get_env("AWS_PROFILE"))
                  def config(variable, nil), do: [{:system, variable}, :instance_role]
                  def config(variable, profile), do: [{:system, variable}, {:awscli, profile, 30}]

                  def region do
                    System.get_env("AWS_REGION", default_region())
                  end

                  defp default_region, do: System.get_env("AWS_DEFAULT_REGION", "us-east-1")
                end

                config :ex_aws, access_key_id: AwsConfig.config("AWS_ACCESS_KEY_ID"), region: AwsConfig.region()
                """;
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", CONFIG.replace("import_config", helpers + "\nimport_config"))
                .with("config/runtime.exs", "import Config\n" + helpers);
        assertEquals(List.of(), check(project), "the runtime config sets the keys the helpers feed again at boot");

        project.with("config/runtime.exs", "import Config\n");
        assertEquals(List.of("System.get_env(\"AWS_PROFILE\")", "System.get_env(\"AWS_REGION\", default_region())",
                        "System.get_env(\"AWS_DEFAULT_REGION\", \"us-east-1\")"),
                check(project).stream().map(ProjectFixture::covered).toList(), "nothing sets them again");

        project.with("config/runtime.exs", "import Config\n" + helpers)
                .with("config/prod.exs", "import Config\nconfig :ex_aws, :s3, region: AwsConfig.region()\n");
        assertEquals(List.of("System.get_env(\"AWS_REGION\", default_region())",
                        "System.get_env(\"AWS_DEFAULT_REGION\", \"us-east-1\")"),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "prod.exs calls the module config.exs defined, for a key the runtime config does not set");
    }

    @Test
    void aCiPipelineOfAnyKindThatRunsMixReleaseIsReleaseEvidence() {
        List<String> pipelines = List.of(".gitlab-ci.yml", ".circleci/config.yml", ".drone.yml", "buildspec.yml");
        for (String pipeline : pipelines) {
            ProjectFixture project = new ProjectFixture(dir.resolve(pipeline.replace('/', '-'))).with("mix.exs", SHOP_MIX_EXS)
                    .with("config/config.exs", CONFIG)
                    .with("config/prod.exs", "import Config\nconfig :shop, key: System.get_env(\"KEY\")\n");
            assertEquals(List.of(), check(project.with(pipeline, "test:\n  script:\n    - mix test\n")), pipeline);
            List<Finding> findings = check(project.with(pipeline, "build:\n  script:\n    - MIX_ENV=prod mix release\n"));
            assertEquals(1, findings.size(), pipeline);
            assertTrue(findings.get(0).message().contains("(" + pipeline + " runs `mix release`)"),
                    findings.get(0).message());
        }
    }

    // ---- what stays silent ----

    @Test
    void devAndTestOnlyBranchesAreSilent() {
        assertEquals(List.of(), check(release()
                .with("config/config.exs", """
                        import Config

                        if config_env() == :dev do
                          config :shop, :dev_tools, token: System.get_env("DEV_TOKEN")
                        end

                        if Mix.env() in [:dev, :test] do
                          config :shop, :fake_api, url: System.get_env("FAKE_API_URL", "http://localhost:4001")
                        end

                        unless config_env() == :prod do
                          config :shop, :seed, System.get_env("SEED")
                        end

                        if config_env() == :prod do
                          config :shop, :flag, true
                        else
                          config :shop, :flag, System.get_env("FLAG")
                        end

                        config :shop, :mode,
                          name: if(config_env() == :test, do: System.get_env("TEST_MODE"), else: "live")

                        debug_port =
                          case config_env() do
                            :dev -> System.get_env("DEBUG_PORT")
                            :prod -> nil
                            _ -> System.get_env("OTHER_PORT")
                          end

                        config :shop, :debug_port, port: debug_port

                        import_config "#{config_env()}.exs"
                        """)
                .with("config/prod.exs", "import Config\nconfig :logger, level: :info\n")
                .with("config/dev.exs", "import Config\nconfig :shop, Shop.Repo, url: System.get_env(\"DATABASE_URL\")\n")
                .with("config/test.exs", """
                        import Config

                        config :shop, Shop.Repo,
                          database: "shop_test#{System.get_env("MIX_TEST_PARTITION")}",
                          pool: Ecto.Adapters.SQL.Sandbox
                        """)));
    }

    @Test
    void runtimeAndReleasesExsAreSilent() {
        assertEquals(List.of(), check(release()
                .with("config/prod.exs", "import Config\n")
                .with("config/runtime.exs", RUNTIME)
                .with("config/releases.exs", "import Config\nconfig :shop, key: System.fetch_env!(\"KEY\")\n")));
    }

    @Test
    void projectsWithoutAReleaseAreSilent() {
        // A Heroku/Gigalixir-style deploy runs `mix phx.server`: config.exs is evaluated at boot there.
        assertEquals(List.of(), check(new ProjectFixture(dir)
                .with("Procfile", "web: MIX_ENV=prod mix phx.server\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, Shop.Repo, url: System.get_env(\"DATABASE_URL\")\n")));
    }

    @Test
    void variablesTheBuildStageSetsAreDeliberateBuildTimeValues() {
        assertEquals(List.of(), check(new ProjectFixture(dir)
                .with("Dockerfile", """
                        FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
                        ARG GIT_SHA
                        ENV MIX_ENV="prod"
                        COPY . .
                        RUN BUILD_NUMBER=42 mix release
                        """)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config
                        config :shop, :build,
                          revision: System.get_env("GIT_SHA"),
                          number: System.get_env("BUILD_NUMBER"),
                          env: System.fetch_env!("MIX_ENV")
                        """)));
    }

    @Test
    void variablesCiPassesToTheImageBuildAsBuildArgumentsAreDeliberate() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", """
                        FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
                        ENV MIX_ENV="prod"
                        COPY . .
                        RUN mix release
                        """)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config
                        config :shop, cookie_domain: System.get_env("SESSION_COOKIE_DOMAIN"),
                          chain: System.get_env("CHAIN_ID"), api: System.get_env("API_HOST")
                        """);
        assertEquals(3, check(project).size(), "nothing says these are build settings");

        project.with(".github/workflows/publish.yml", """
                jobs:
                  image:
                    steps:
                      - uses: docker/build-push-action@v6
                        with:
                          push: true
                          build-args: |
                            SESSION_COOKIE_DOMAIN=shop.example.com
                            RELEASE_VERSION=${{ env.RELEASE_VERSION }}
                      - run: docker build --build-arg CHAIN_ID=7 -t shop .
                """);
        assertEquals(3, check(project).size(), "Docker drops a build argument the Dockerfile does not declare");

        project.with("Dockerfile", """
                FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
                ARG SESSION_COOKIE_DOMAIN
                ARG CHAIN_ID
                ENV MIX_ENV="prod"
                COPY . .
                RUN mix release
                """);
        assertEquals(List.of("System.get_env(\"API_HOST\")"),
                check(project).stream().map(ProjectFixture::covered).toList());
    }

    @Test
    void variablesAScriptSetsForTheReleaseItBuildsAreDeliberate() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project
                          def project, do: [app: :shop, version: "0.1.0", releases: [shop: []]]
                        end
                        """)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config
                        config :shop, domain: System.get_env("DOMAIN"), port: System.get_env("PORT"),
                          region: System.get_env("REGION")
                        """);
        assertEquals(3, check(project).size(), "nothing says these are build settings");

        project.with("deploy_host.sh", """
                #!/bin/bash
                if [ `hostname` = 'shop' ]; then
                  export DOMAIN=shop.example.com
                  mix deps.get --only prod
                  PORT=4401 MIX_ENV=prod mix release --overwrite
                  export REGION=eu
                  sudo systemctl restart shop.service
                fi
                """);
        assertEquals(List.of("System.get_env(\"REGION\")"),
                check(project).stream().map(ProjectFixture::covered).toList(), "REGION is set after the build");
    }

    @Test
    void aVariableTheRuntimeConfigReadsAgainForTheSameSubjectReachesItAtBoot() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", """
                        FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
                        COPY . .
                        RUN MIX_ENV=prod mix release
                        """)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config
                        config :shop, Shop.Repo, size: String.to_integer(System.get_env("POOL_SIZE") || "20")
                        config :shop, Shop.Mailer, pool: System.get_env("POOL_SIZE")
                        """)
                .with("config/runtime.exs", """
                        import Config
                        if config_env() == :prod do
                          config :shop, Shop.Repo, pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "the mailer's pool is read at build time only");
        String prodExs = findings.get(0).file().text().text();
        assertTrue(findings.get(0).start() > prodExs.indexOf("Shop.Mailer"), "the mailer's read is the one reported");
    }

    @Test
    void aRuntimeSettingGuardedByItsOwnVariableBeingSetReplacesTheBuildTimeRead() {
        ProjectFixture project = release()
                .with("config/config.exs", CONFIG + "\nconfig :shop, Shop.Storage, bucket: System.get_env(\"BUCKET\")\n")
                .with("lib/shop/storage.ex", "defmodule Shop.Storage do\n"
                        + "  def bucket, do: Application.get_env(:shop, __MODULE__)[:bucket]\nend\n");
        String runtime = """
                import Config
                bucket = System.get_env("BUCKET")
                public_url = System.get_env("PUBLIC_URL")
                if CONDITION do
                  config :shop, Shop.Storage, bucket: bucket, public_url: public_url
                end
                """;
        for (String condition : List.of("bucket && public_url", "bucket", "not is_nil(bucket) and public_url != nil")) {
            assertEquals(List.of(), check(project.with("config/runtime.exs", runtime.replace("CONDITION", condition))),
                    condition + ": wherever the operator sets BUCKET, the runtime config sets the bucket again");
        }
        assertEquals(1, check(project.with("config/runtime.exs", runtime.replace("CONDITION", "public_url")
                .replace("bucket: bucket, ", ""))).size(), "the runtime config tests BUCKET only where it sets no bucket");
    }

    @Test
    void aPlatformRuntimeConfigTheImagesBuildScriptCopiesInReplacesTheBuildTimeRead() {
        String dockerfile = """
                FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
                WORKDIR /workspace
                ARG PLATFORM=fly
                ENV PLATFORM=$PLATFORM
                COPY . .
                RUN scripts/build-release

                FROM debian:bookworm-20240926-slim
                COPY --from=builder /workspace/_build/prod/rel/shop ./
                CMD ["/app/bin/shop", "start"]
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", dockerfile)
                .with("scripts/build-release", """
                        #!/bin/bash
                        set -e
                        cp "config/runtime.${PLATFORM}.exs" config/runtime.exs
                        MIX_ENV=prod mix release --overwrite
                        """)
                .with("config/config.exs", """
                        import Config
                        config :shop, Shop.Mailer, api_key: System.get_env("MAILER_API_KEY")
                        import_config "#{config_env()}.exs"
                        """)
                .with("config/prod.exs", "import Config\n")
                .with("config/runtime.fly.exs", """
                        import Config
                        if config_env() == :prod do
                          config :shop, Shop.Mailer, api_key: System.fetch_env!("MAILER_API_KEY")
                        end
                        """);
        assertEquals(List.of(), check(project), "fly's runtime config, installed by the build script, reads it at boot");

        project.with("Dockerfile", dockerfile.replace("RUN scripts/build-release", "RUN MIX_ENV=prod mix release"));
        assertEquals(List.of("System.get_env(\"MAILER_API_KEY\")"),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "built without the script, the release has no runtime config");
    }

    @Test
    void aFileTheImageCopiesOntoAnImportedConfigFileIsThatConfig() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", """
                        FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
                        WORKDIR /app
                        COPY . .
                        COPY config/prod.secret.example.exs /app/config/prod.secret.exs
                        RUN MIX_ENV=prod mix release
                        """)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nimport_config \"prod.secret.exs\"\n")
                .with("config/prod.secret.example.exs", """
                        import Config
                        config :shop, Shop.Repo, url: System.get_env("DATABASE_URL")
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"DATABASE_URL\")"), findings.stream().map(ProjectFixture::covered).toList());
        assertEquals(dir.resolve("config/prod.secret.example.exs"), findings.get(0).file().path());

        project.with("Dockerfile", """
                FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
                WORKDIR /app
                COPY . .
                RUN cp config/prod.secret.example.exs config/prod.secret.exs && MIX_ENV=prod mix release
                """);
        assertEquals(1, check(project).size(), "a cp in the same RUN, before mix release, does the same");

        project.with("Dockerfile", """
                FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
                COPY . .
                RUN MIX_ENV=prod mix release
                """);
        assertEquals(List.of(), check(project), "without the copy the example is only an example");
    }

    @Test
    void mixOwnBuildSettingsAreSilentAndARelFolderIsReleaseEvidence() {
        List<Finding> findings = check(new ProjectFixture(dir)
                .with("rel/overlays/bin/server", "#!/bin/sh\nPHX_SERVER=true exec ./shop start\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, :build, env: System.get_env(\"MIX_ENV\"), "
                        + "target: System.get_env(\"MIX_TARGET\"), region: System.get_env(\"REGION\")\n"));
        assertEquals(List.of("System.get_env(\"REGION\")"), findings.stream().map(ProjectFixture::covered).toList());
        assertTrue(findings.get(0).message().contains("(the project has a rel/ folder)"), findings.get(0).message());
    }

    @Test
    void aDistilleryConfigIsNamedAsTheReleaseEvidence() {
        List<Finding> findings = check(new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.1\"}]]\nend\n")
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\n  set version: \"0.1.0\"\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, region: System.get_env(\"REGION\")\n"));
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("(rel/config.exs configures a Distillery release)"),
                findings.get(0).message());

        List<Finding> pluginsOnly = check(new ProjectFixture(dir)
                .with("rel/config.exs", "~w(rel plugins *.exs) |> Path.join() |> Path.wildcard() |> Enum.map(&Code.eval_file(&1))\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, region: System.get_env(\"REGION\")\n"));
        assertTrue(pluginsOnly.get(0).message().contains("(the project has a rel/ folder)"), pluginsOnly.get(0).message());
    }

    @Test
    void aReadFallingBackToItsOwnPlaceholderOverridesWhatDistilleryReplacesAtBoot() {
        String prodExs = """
                use Mix.Config
                config :shop, Shop.Repo,
                  username: System.get_env("DB_USER") || "${DB_USER}",
                  password: System.get_env("DB_PASS", "${DB_PASS}"),
                  hostname: System.get_env("DB_HOST") || "${DATABASE_HOST}",
                  database: System.get_env("DB_NAME") || "shop"
                """;
        ProjectFixture distillery = new ProjectFixture(dir.resolve("distillery"))
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.1\"}]]\nend\n")
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\n  set version: \"0.1.0\"\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", prodExs);
        assertEquals(List.of("System.get_env(\"DB_HOST\")", "System.get_env(\"DB_NAME\")"),
                check(distillery).stream().map(ProjectFixture::covered).toList(),
                "another variable's placeholder, or a plain default, is no boot-time value of this one");

        ProjectFixture mixRelease = new ProjectFixture(dir.resolve("mix-release"))
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", releases: [shop: []]]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", prodExs);
        assertEquals(4, check(mixRelease).size(), "a Mix release replaces no ${NAME}: the string stays as written");
    }

    @Test
    void aDistilleryBuildThatWritesItsOwnRelConfigStillReplacesPlaceholdersAtBoot() {
        // rel/ is gitignored: the build script makes rel/config.exs with `mix release.init`, then builds with
        // Distillery's command line.
        String prodExs = "use Mix.Config\nconfig :shop, Shop.Repo, username: System.get_env(\"DB_USER\") || \"${DB_USER}\"\n";
        String script = "export MIX_ENV=prod\nmix deps.get\nmix release.init\nmix release --env=prod\n";
        String mixExs = "defmodule Shop.MixProject do\n  use Mix.Project\n"
                + "  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"1.3.5\"}]]\nend\n";
        ProjectFixture distillery = new ProjectFixture(dir.resolve("distillery"))
                .with("mix.exs", mixExs)
                .with("scripts/build_release.sh", script)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", prodExs);
        assertEquals(List.of(), check(distillery), "Distillery's release replaces ${DB_USER} when it boots");

        ProjectFixture elixirs = new ProjectFixture(dir.resolve("elixirs"))
                .with("mix.exs", mixExs)
                .with("scripts/build_release.sh", "export MIX_ENV=prod\nmix release\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", prodExs);
        assertEquals(1, check(elixirs).size(), "without rel/config.exs and Distillery's options, no Distillery build shows");
    }

    @Test
    void aReleaseBuiltWithAnotherMixEnvironmentIsNotBuiltFromProdConfig() {
        // The image builds the release for MIX_ENV=container (config/container.exs); prod.exs is the Heroku Mix
        // deployment's, read when the dyno starts.
        String prodExs = "use Mix.Config\nconfig :shop, api_key: System.get_env(\"API_KEY\")\n";
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", DOCKERFILE.replace("ENV MIX_ENV=\"prod\"", "ENV MIX_ENV=\"container\""))
                .with("Procfile", "web: MIX_ENV=prod mix phx.server\n")
                .with("config/config.exs", CONFIG)
                .with("config/container.exs", "use Mix.Config\nconfig :shop, api_key: \"${API_KEY}\"\n")
                .with("config/prod.exs", prodExs);
        assertEquals(List.of(), check(project));

        project.with("config/container.exs", "use Mix.Config\nimport_config \"prod.exs\"\n");
        assertEquals(1, check(project).size(), "an environment whose config imports prod.exs builds from it too");

        project.with("config/container.exs", "use Mix.Config\n").with("Dockerfile", DOCKERFILE.replace(
                "ENV MIX_ENV=\"prod\"", "ARG MIX_ENV\nENV MIX_ENV=${MIX_ENV:-test}"));
        assertEquals(1, check(project).size(), "a build argument's default gives way to the production build's own");
        project.with("Dockerfile", DOCKERFILE.replace("ENV MIX_ENV=\"prod\"", "ARG MIX_ENV=container\nENV MIX_ENV=$MIX_ENV"));
        assertEquals(List.of(), check(project), "an argument's own default is what the repository's builds use");
    }

    @Test
    void gigalixirsMixModeRunsMixWhateverReleaseConfigTheRepositoryKeeps() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\n  set version: \"0.1.0\"\nend\n")
                .with(".buildpacks", "https://github.com/HashNuke/heroku-buildpack-elixir\n"
                        + "https://github.com/gigalixir/gigalixir-buildpack-mix.git\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, region: System.get_env(\"REGION\")\n");
        assertEquals(List.of(), check(project), "the platform runs `mix phx.server`: prod.exs is read at boot");

        project.with(".buildpacks", "https://github.com/HashNuke/heroku-buildpack-elixir\n"
                + "https://github.com/gigalixir/gigalixir-buildpack-releases.git\n");
        assertEquals(1, check(project).size(), "the listed release buildpack builds a release");
        Files.delete(dir.resolve("rel/config.exs"));
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("(.buildpacks runs gigalixir-buildpack-releases)"),
                findings.get(0).message());
    }

    @Test
    void theElixirBuildpacksDefaultProcessRunsMixWhereNoProcfileNamesOne() {
        // Dokku or Heroku with the Elixir and Phoenix static buildpacks, no Procfile: their default web process is
        // `mix phx.server`, and the Distillery config beside them builds nothing.
        ProjectFixture project = new ProjectFixture(dir)
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\n  set version: \"0.1.0\"\nend\n")
                .with(".buildpacks", "https://github.com/HashNuke/heroku-buildpack-elixir.git\n"
                        + "https://github.com/gjaldon/heroku-buildpack-phoenix-static.git\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, region: System.get_env(\"REGION\")\n");
        assertEquals(List.of(), check(project), "prod.exs is read when Mix starts the app");
        project.with("Procfile", "web: _build/prod/rel/shop/bin/shop foreground\n");
        assertEquals(1, check(project).size(), "a Procfile that starts the Distillery release decides");
    }

    @Test
    void gigalixirBuildsAReleaseWhereReleasesExsIsBesideTheBuildpackConfig() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", elixir: \"~> 1.10\", deps: []]\nend\n")
                .with("elixir_buildpack.config", "elixir_version=1.10.4\nerlang_version=22.3\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, secret_key_base: System.get_env(\"SECRET_KEY_BASE\")\n")
                .with("config/releases.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, server: true\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("(Gigalixir builds one where config/releases.exs is beside "
                + "elixir_buildpack.config)"), findings.get(0).message());
        assertEquals(List.of(), check(project.with("Procfile", "web: MIX_ENV=prod mix phx.server\n")),
                "a Procfile that starts the app with Mix: a Heroku deployment, prod.exs read at boot");
    }

    @Test
    void onGigalixirReleasesDeclaredInMixExsAloneAreNotBuilt() {
        // clszzyh/battle_city_ui: `releases:` in mix.exs, elixir_buildpack.config, a workflow deploying to Gigalixir.
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                        + "version: \"0.1.0\", elixir: \"~> 1.11\", deps: [], releases: [shop: []]]\nend\n")
                .with("elixir_buildpack.config", "elixir_version=1.11.3\nerlang_version=23.2.1\n")
                .with(".github/workflows/ci.yml", "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
                        + "    steps:\n      - uses: mhanberg/gigalixir-action@v0.4.0\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, secret_key_base: "
                        + "System.get_env(\"SECRET_KEY_BASE\")\n");
        assertEquals(List.of(), check(project), "Gigalixir runs the app with Mix: prod.exs is read at boot");
        assertEquals(List.of(), check(project.with("README.md", "## Roadmap\n- [x] Gigalixir deploy\n- [ ] Heroku "
                + "deploy\n")), "a to-do still open names a plan, not a deployment");
        project.with("config/releases.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, server: true\n");
        assertEquals(1, check(project).size(), "config/releases.exs makes Gigalixir build the release");
        project.with("config/releases.exs", null).with("README.md", "Deployed to Gigalixir, or to Heroku.\n");
        assertEquals(1, check(project).size(),
                "Heroku is named too: not Gigalixir's alone, the release mix.exs declares stays the evidence");
    }

    @Test
    void nervesFirmwareIsSilent() {
        assertEquals(List.of(), check(new ProjectFixture(dir)
                .with("mix.exs", """
                        defmodule Gadget.MixProject do
                          use Mix.Project

                          def project do
                            [app: :gadget, version: "0.1.0", deps: [{:nerves, "~> 1.10", runtime: false}],
                             releases: [gadget: [steps: [&Nerves.Release.init/1, :assemble]]]]
                          end
                        end
                        """)
                .with("config/config.exs", "import Config\nconfig :gadget, ssid: System.get_env(\"NERVES_NETWORK_SSID\")\n")));
    }

    @Test
    void anonymousFunctionsAndCommentsAreNotEvaluated() {
        assertEquals(List.of(), check(release()
                .with("config/prod.exs", """
                        import Config
                        # config :shop, key: System.get_env("KEY")
                        config :shop, :resolver, fn -> System.get_env("LATER") end
                        """)));
    }

    // ---- only the value production ends with ----

    @Test
    void theConfigOfAClientLibraryNothingCallsIsDead() {
        String lock = """
                %{
                  "ex_aws": {:hex, :ex_aws, "2.5.8", "0393", [:mix], [{:hackney, "~> 1.16", [hex: :hackney, repo: "hexpm", optional: true]}], "hexpm", "8f79"},
                  "ex_aws_s3": {:hex, :ex_aws_s3, "2.5.7", "e571", [:mix], [{:ex_aws, "~> 2.0", [hex: :ex_aws, repo: "hexpm", optional: false]}], "hexpm", "858e"},
                  "phoenix": {:hex, :phoenix, "1.7.14", "a7d0", [:mix], [], "hexpm", "c752"},
                }
                """;
        ProjectFixture project = release()
                .with("config/config.exs", CONFIG + "\nconfig :ex_aws, access_key_id: System.get_env(\"AWS_ACCESS_KEY_ID\")\n")
                .with("mix.lock", lock)
                .with("lib/shop/uploads.ex", "defmodule Shop.Uploads do\n"
                        + "  def sign(key), do: :crypto.mac(:hmac, :sha256, key, \"upload\")\nend\n")
                .with("lib/shop/release.ex", "defmodule Shop.Release do\n  @app :shop\n"
                        + "  defp repos, do: Application.fetch_env!(@app, :ecto_repos)\nend\n");
        assertEquals(List.of(), check(project), "no ExAws call anywhere: uploads are signed by the app's own code");
        assertEquals(1, check(project.with("lib/shop/keys.ex", "defmodule Shop.Keys do\n"
                + "  def aws, do: Application.get_env(:ex_aws, :access_key_id)\nend\n")).size(),
                "the app reads the library's config itself");
        project.with("lib/shop/keys.ex", null);
        assertEquals(1, check(project.with("lib/shop/uploads.ex", "defmodule Shop.Uploads do\n  alias ExAws.S3\n"
                + "  def put(bucket, path, body), do: S3.put_object(bucket, path, body) |> ExAws.request()\nend\n"))
                .size(), "the app calls ExAws.S3: the key baked at build is the one it signs with");
        project.with("lib/shop/uploads.ex", "defmodule Shop.Uploads do\n  use Waffle.Definition\nend\n");
        assertEquals(1, check(project.with("mix.lock", lock.replace("  \"phoenix\"",
                "  \"waffle\": {:hex, :waffle, \"1.1.9\", \"a1b2\", [:mix], [{:ex_aws, \"~> 2.1\", [hex: :ex_aws, "
                + "repo: \"hexpm\", optional: true]}], \"hexpm\", \"c3d4\"},\n  \"phoenix\""))).size(),
                "Waffle calls ExAws for its S3 storage without the app naming it");
    }

    @Test
    void aReadWhoseKeyIsSetAgainLaterForProdIsNotInEffect() {
        List<Finding> findings = check(release()
                .with("config/config.exs", """
                        import Config

                        config :shop, Shop.Graph,
                          applications: [
                            entra: [client_id: System.get_env("ENTRA_ID"), client_secret: System.get_env("ENTRA_SECRET")]
                          ]

                        config :logger, level: String.to_atom(System.get_env("LOG_LEVEL", "info"))

                        import_config "#{config_env()}.exs"
                        """)
                .with("config/prod.exs", """
                        import Config

                        config :logger, level: :info

                        database_url = System.get_env("DATABASE_URL")
                        config :shop, Shop.Repo, url: database_url
                        """)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :shop, Shop.Repo, url: System.fetch_env!("DATABASE_URL")
                          config :shop, Shop.Graph, applications: [entra: [client_id: System.fetch_env!("ENTRA_ID")]]
                        end
                        """));
        assertEquals(List.of("System.get_env(\"ENTRA_SECRET\")"), findings.stream().map(ProjectFixture::covered).toList(),
                "runtime.exs sets the client id, prod.exs the level and runtime.exs the repo url again");
    }

    @Test
    void aKeyInsideABoundKeywordListIsFollowedToTheKeyThatRuntimeSetsAgain() {
        ProjectFixture project = release()
                .with("config/config.exs", """
                        import Config

                        live_view = [hibernate_after: 7_000, signing_salt: System.get_env("SIGNING_SALT")]
                        config :shop, ShopWeb.Endpoint, live_view: live_view

                        import_config "#{config_env()}.exs"
                        """)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :shop, ShopWeb.Endpoint, live_view: [signing_salt: System.fetch_env!("SIGNING_SALT")]
                        end
                        """);
        assertEquals(List.of(), check(project), "live_view → signing_salt is set again at boot");

        project.with("config/runtime.exs", """
                import Config

                if config_env() == :prod do
                  config :shop, ShopWeb.Endpoint, live_view: [hibernate_after: 10_000]
                end
                """);
        assertEquals(List.of("System.get_env(\"SIGNING_SALT\")"), check(project).stream().map(ProjectFixture::covered).toList(),
                "the keyword lists merge: the build's salt stays");
    }

    @Test
    void aReadIsFollowedThroughVariablesComputedFromIt() {
        String computed = """
                accept_text = System.get_env("UPLOAD_ACCEPT", ".jpg .png")
                accept = if accept_text == "*", do: :any, else: String.split(accept_text)
                config :shop, :uploads, avatar: [max_size: 3_000_000, accept: accept]
                """;
        ProjectFixture project = release()
                .with("config/config.exs", "import Config\n\n" + computed + "\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/runtime.exs", "import Config\n\nif config_env() == :prod do\n"
                        + computed.indent(2).replace("max_size: 3_000_000, ", "") + "end\n");
        assertEquals(List.of(), check(project), "runtime.exs computes uploads → avatar → accept again at boot");

        project.with("config/runtime.exs", "import Config\n");
        assertEquals(List.of("System.get_env(\"UPLOAD_ACCEPT\", \".jpg .png\")"),
                check(project).stream().map(ProjectFixture::covered).toList(), "nothing sets it at boot");
    }

    @Test
    void aValueOnlyPrintedByTheBuildReachesNothing() {
        String config = """
                import Config

                host = System.get_env("SERVICE_HOSTNAME") || "localhost"
                IO.puts("host: #{host}")
                USE
                config :shop, ShopWeb.Endpoint, url: [host: host, port: 80]

                import_config "#{config_env()}.exs"
                """;
        ProjectFixture project = release()
                .with("config/config.exs", config.replace("USE\n", ""))
                .with("config/runtime.exs", "import Config\n\nif config_env() == :prod do\n"
                        + "  config :shop, ShopWeb.Endpoint, url: [host: System.get_env(\"SERVICE_HOSTNAME\"), port: 443]\nend\n");
        assertEquals(List.of(), check(project), "printed to the build's log, and the url host runtime.exs sets again");
        project.with("config/config.exs", config.replace("IO.puts(\"host: #{host}\")",
                "require Logger\nLogger.info(\"Config loaded with #{host}\")").replace("USE\n", ""));
        assertEquals(List.of(), check(project), "logged to the build's output the same way");

        project.with("config/config.exs", config.replace("USE", "Application.put_env(:shop, :host, host)"));
        assertEquals(1, check(project).size(), "given to a call the model cannot follow");
        project.with("config/config.exs", config.replace("USE", "config :shop, :mailer, sender_host: IO.inspect(host)"));
        assertEquals(1, check(project).size(), "IO.inspect returns it into a key nothing sets again");
    }

    @Test
    void aReleaseRendersBuildScriptBuildsSeesTheServicesEnvironment() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, :slack, invite_url: System.get_env(\"SLACK_INVITE_URL\")\n")
                .with("lib/shop/slack.ex", "defmodule Shop.Slack do\n  def url, do: Application.get_env(:shop, :slack)[:invite_url]\nend\n")
                .with("build.sh", "#!/usr/bin/env bash\nset -o errexit\nmix deps.get --only prod\nMIX_ENV=prod mix release\n");
        assertEquals(1, check(project).size(), "a build script alone: its machine's environment is not known");
        project.with("render.yaml", "services:\n  - type: web\n    runtime: elixir\n    buildCommand: ./build.sh\n");
        assertEquals(List.of(), check(project), "Render builds with the service's environment");
        project.with("Dockerfile", DOCKERFILE);
        assertEquals(1, check(project).size(), "an image built elsewhere bakes its own build's value");

        // Render's guide's build.sh, its build command set in the dashboard: the release overwrites the last one in place.
        project.with("Dockerfile", null).with("render.yaml", null)
                .with("build.sh", "#!/usr/bin/env bash\n# exit on error\nset -o errexit\nmix deps.get --only prod\n"
                        + "MIX_ENV=prod mix compile\nMIX_ENV=prod mix release --overwrite\n");
        assertEquals(List.of(), check(project), "Render's own build script");
        project.with("build.sh", "#!/usr/bin/env bash\nmix deps.get --only prod\nMIX_ENV=prod mix compile\n"
                + "# Remove the existing release directory and build the release\nrm -rf \"_build\"\n"
                + "MIX_ENV=prod mix release\n");
        assertEquals(List.of(), check(project), "the guide's earlier script, which removed _build first");
        project.with("build.sh", "#!/usr/bin/env bash\nMIX_ENV=prod mix release\n");
        assertEquals(1, check(project).size(), "a build script of no guide: its machine's environment is not known");
        project.with("build.sh", "#!/usr/bin/env bash\n# exit on error\nset -o errexit\nmix deps.get --only prod\n"
                + "MIX_ENV=prod mix compile\nMIX_ENV=prod mix release --overwrite\n");
        project.with(".github/workflows/build.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - uses: actions/checkout@v4\n      - run: ./build.sh\n");
        assertEquals(1, check(project).size(), "run by the repository's own CI: that machine's environment");
    }

    @Test
    void theEnvironmentACiWorkflowGivesItsReleaseStepIsDeliberate() {
        // PolymorphicProductions/morphic.pro: the workflow gives its secrets to `mix release`, but not HTTP_PORT.
        String workflow = """
                on: push
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    env:
                      MIX_ENV: prod
                    steps:
                      - name: Compile
                        env:
                          HTTP_PORT: ${{ secrets.HTTP_PORT }}
                        run: mix compile
                      - name: Build Mix Release
                        env:
                          SECRET_KEY_BASE: ${{ secrets.SECRET_KEY_BASE }}
                          DATABASE_URL: ${{ secrets.DATABASE_URL }}
                          MAILGUN_DOMAIN: ${{ secrets.MAILGUN_DOMAIN }}
                        run: mix release --version ${{ github.sha }}
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint,\n"
                        + "  secret_key_base: System.get_env(\"SECRET_KEY_BASE\"),\n"
                        + "  http: [port: String.to_integer(System.get_env(\"HTTP_PORT\") || \"4000\")]\n"
                        + "config :shop, Shop.Repo, url: System.get_env(\"DATABASE_URL\")\n"
                        + "config :shop, Shop.Mailer, domain: System.get_env(\"MAILGUN_DOMAIN\")\n")
                .with(".github/workflows/cd.yml", workflow);
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"SECRET_KEY_BASE\")", "System.get_env(\"HTTP_PORT\")",
                        "System.get_env(\"DATABASE_URL\")"),
                findings.stream().map(ProjectFixture::covered).toList(),
                "the release step's environment is the pipeline's choice, but a secret it gives ends in sys.config; "
                        + "a variable only the compile step has is not the pipeline's choice");
        assertTrue(findings.get(0).message().contains("which the workflow gives SECRET_KEY_BASE from its secrets: "
                + "`mix release` writes the value into the release's sys.config"), findings.get(0).message());
        project.with(".gitlab-ci.yml", "release:\n  variables:\n    HTTP_PORT: \"8080\"\n  script:\n"
                + "    - mix release\n");
        assertEquals(List.of("System.get_env(\"SECRET_KEY_BASE\")", "System.get_env(\"DATABASE_URL\")"),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "GitLab's variables of a job whose script runs it");
    }

    @Test
    void appEngineFlexsElixirRuntimeBuildsWithTheAppsEnvVariables() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, :slack, invite_url: System.get_env(\"SLACK_INVITE_URL\")\n")
                .with("lib/shop/slack.ex", "defmodule Shop.Slack do\n  def url, do: Application.get_env(:shop, :slack)[:invite_url]\nend\n")
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\nend\n");
        assertEquals(1, check(project).size(), "a Distillery release built where nothing says");
        project.with("app.yaml", """
                env: flex
                runtime: gs://elixir-runtime/elixir.yaml
                runtime_config:
                  release_app: shop
                env_variables:
                  SLACK_INVITE_URL: "https://join.slack.com/t/shop"
                """);
        assertEquals(List.of(), check(project), "the generated Dockerfile puts env_variables into the build stage's ENV");
        project.with("app.yaml", "env: flex\nruntime: custom\n").with("Dockerfile", DOCKERFILE);
        assertEquals(1, check(project).size(), "a custom runtime builds from the project's own Dockerfile");
    }

    @Test
    void aModuleWrittenThroughAnAliasOfTheConfigFileIsTheModuleItNames() {
        ProjectFixture project = release()
                .with("config/config.exs", """
                        import Config

                        alias Shop.{Accounts, Uploads}
                        alias Shop.Mailer, as: Mail

                        base_url = System.get_env("BASE_URL", "http://localhost:4000")
                        config :shop, Uploads, base_url: base_url <> "/uploads/"
                        config :shop, Mail, sender: System.get_env("MAIL_SENDER")

                        import_config "#{config_env()}.exs"
                        """)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :shop, Shop.Uploads, base_url: System.fetch_env!("BASE_URL") <> "/uploads/"
                          config :shop, Shop.Mailer, sender: System.fetch_env!("MAIL_SENDER")
                        end
                        """);
        assertEquals(List.of(), check(project), "Uploads is Shop.Uploads and Mail is Shop.Mailer, both set again at boot");
    }

    @Test
    void aVariableTheRuntimeConfigReadsAgainThroughComputedValuesReachesItsKeyAtBoot() {
        ProjectFixture project = release()
                .with("config/config.exs", """
                        import Config

                        config :shop, :plans, [%{id: "monthly", price: System.get_env("PRICE_MONTHLY") || "price_dev"}]
                        config :shop, :support, email: System.get_env("SUPPORT_EMAIL")

                        import_config "#{config_env()}.exs"
                        """)
                .with("config/runtime.exs", """
                        import Config

                        overrides = %{"monthly" => System.get_env("PRICE_MONTHLY"), "support" => System.get_env("SUPPORT_EMAIL")}

                        case Application.get_env(:shop, :plans) do
                          plans when is_list(plans) ->
                            updated =
                              Enum.map(plans, fn plan ->
                                price = overrides[plan.id] || plan.price
                                Map.put(plan, :price, price)
                              end)

                            config :shop, :plans, updated

                          _ ->
                            :ok
                        end
                        """);
        assertEquals(List.of("System.get_env(\"SUPPORT_EMAIL\")"),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "the plans are computed again at boot from PRICE_MONTHLY; nothing at boot configures :support");
    }

    @Test
    void aVariableMixExsReadsToChooseWhatIsCompiledIsABuildInput() {
        ProjectFixture project = release()
                .with("mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project
                          def project, do: [app: :shop, version: "0.1.0", deps: deps() ++ oauth_deps()]
                          defp deps, do: []

                          defp oauth_deps do
                            for strategy <- String.split(System.get_env("OAUTH_STRATEGIES", "")),
                                do: {String.to_atom("ueberauth_" <> strategy), ">= 0.0.0"}
                          end
                        end
                        """)
                .with("config/config.exs", """
                        import Config

                        config :shop, :auth, strategies: String.split(System.get_env("OAUTH_STRATEGIES", ""))
                        config :shop, :auth_providers, System.get_env("AUTH_PROVIDERS")

                        import_config "#{config_env()}.exs"
                        """);
        assertEquals(List.of("System.get_env(\"AUTH_PROVIDERS\")"),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "the strategies must match the dependencies compiled in; AUTH_PROVIDERS is read by config alone");
    }

    @Test
    void aVariableTheCodeFallsBackToWhereItReadsTheKeyReachesTheAppAtRunTime() {
        ProjectFixture project = release()
                .with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", """
                        import Config

                        config :shop, :google_oauth, client_id: System.get_env("GOOGLE_CLIENT_ID")
                        config :shop, :mailer, api_key: System.get_env("MAILER_API_KEY")

                        import_config "#{config_env()}.exs"
                        """)
                .with("lib/shop/oauth.ex", """
                        defmodule Shop.OAuth do
                          def client_id do
                            Application.get_env(:shop, :google_oauth)[:client_id] || System.get_env("GOOGLE_CLIENT_ID")
                          end

                          def mailer_key, do: Application.get_env(:shop, :mailer)[:api_key]
                          def mailer_key_set?, do: System.get_env("MAILER_API_KEY") != nil
                        end
                        """);
        assertEquals(List.of("System.get_env(\"MAILER_API_KEY\")"),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "client_id falls back to the variable where it is read; the mailer's key is read apart from it");
    }

    @Test
    void aBoundReadUsedOnlyInDevOrTestBranchesIsSilent() {
        assertEquals(List.of(), check(release()
                .with("config/config.exs", """
                        import Config

                        partition = System.get_env("TEST_PARTITION")

                        if config_env() == :test do
                          config :shop, Shop.Repo, database: "shop_test#{partition}"
                        end

                        import_config "#{config_env()}.exs"
                        """)));
    }

    @Test
    void keysReadWithCompileEnvOrOnlyByMixTasksAreBuildTimeByDesign() {
        List<Finding> findings = check(release()
                .with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", """
                        import Config

                        config :shop,
                          metrics_disabled: System.get_env("METRICS_DISABLED") == "true",
                          seed_count: System.get_env("SEED_COUNT"),
                          region: System.get_env("REGION")

                        import_config "#{config_env()}.exs"
                        """)
                .with("lib/shop/telemetry.ex", """
                        defmodule Shop.Telemetry do
                          @disabled Application.compile_env(:shop, :metrics_disabled, false)
                          def region, do: Application.get_env(:shop, :region)
                        end
                        """)
                .with("lib/mix/tasks/shop.seed.ex", """
                        defmodule Mix.Tasks.Shop.Seed do
                          use Mix.Task
                          def run(_args), do: Application.get_env(:shop, :seed_count)
                        end
                        """));
        assertEquals(List.of("System.get_env(\"REGION\")"), findings.stream().map(ProjectFixture::covered).toList());
    }

    @Test
    void aKeyReadOnlyInCommentedOutCodeIsReadByNothing() {
        // jfung2019/Transigo-admin: `#    cover_url = "#{Application.get_env(:transigo_admin, :eh_risk_url)}/…"`.
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", "import Config\n\nconfig :shop, risk_url: System.get_env(\"RISK_URL\")\n\n"
                        + "import_config \"#{config_env()}.exs\"\n")
                .with("lib/shop/risk.ex", "defmodule Shop.Risk do\n  def check(id) do\n"
                        + "    #    url = \"#{Application.get_env(:shop, :risk_url)}/covers/#{id}\"\n"
                        + "    id\n  end\nend\n");
        assertEquals(List.of(), check(project), "only a comment names the key");
        project.with("lib/shop/risk.ex", "defmodule Shop.Risk do\n  def check(id) do\n"
                + "    url = \"#{Application.get_env(:shop, :risk_url)}/covers/#{id}\"\n    url\n  end\nend\n");
        assertEquals(1, check(project).size());
    }

    @Test
    void aKeyTheCodeReadsIntoAModuleAttributeIsFixedWhenItCompiles() {
        List<Finding> findings = check(release()
                .with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", """
                        import Config

                        config :shop,
                          limit: System.get_env("RATE_LIMIT"),
                          region: System.get_env("REGION")

                        import_config "#{config_env()}.exs"
                        """)
                .with("lib/shop/limiter.ex", """
                        defmodule Shop.Limiter do
                          @limit Application.get_env(:shop, :limit)
                          @region Application.get_env(:shop, :region)
                          def limit, do: @limit
                          def region, do: Application.get_env(:shop, :region, @region)
                        end
                        """));
        assertEquals(List.of("System.get_env(\"RATE_LIMIT\")", "System.get_env(\"REGION\")"),
                findings.stream().map(ProjectFixture::covered).toList());
        assertEquals("System.get_env(\"RATE_LIMIT\") in config/config.exs is evaluated when the release is built "
                + "(Dockerfile runs `mix release`), and lib/shop/limiter.ex reads the key into @limit when it compiles: "
                + "the code keeps the build machine's value, and setting RATE_LIMIT where the release runs changes "
                + "nothing, from runtime config either. Read the key with Application.get_env in a function, when it "
                + "runs, and the variable in config/runtime.exs.", findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes(), "moving the config would not change what the code compiled in");
        assertTrue(findings.get(1).message().endsWith("read it in config/runtime.exs."), "REGION is read at run time too");
    }

    @Test
    void aKeyTheCodeCompilesInStaysTheBuildsWhateverTheRuntimeConfigReadsAgain() {
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", "import Config\nconfig :shop, :cors_origin, System.get_env(\"CORS_ORIGIN\")\n")
                .with("lib/shop_web/cors.ex",
                        "defmodule ShopWeb.Cors do\n  @origin Application.get_env(:shop, :cors_origin)\n"
                                + "  def origin, do: @origin\nend\n");
        for (String runtime : List.of("config :shop, :cors_origin, System.get_env(\"CORS_ORIGIN\")\n",
                "settings = case System.get_env(\"CORS_ORIGIN\") do\n  nil -> []\n"
                        + "  origin -> [cors_origin: origin]\nend\nconfig :shop, settings\n")) {
            assertEquals(1, check(project.with("config/runtime.exs", "import Config\n" + runtime)).size(), runtime);
        }
    }

    @Test
    void aKeyTheCodeReadsInAModuleBodyOutsideAnyFunctionIsFixedWhenItCompiles() {
        String endpoint = """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop
                  plug CORSPlug, origin: "https://" <> Application.fetch_env!(:shop, :client_host)
                end
                """;
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", "import Config\nconfig :shop, client_host: System.get_env(\"CLIENT_HOST\")\n")
                .with("lib/shop_web/endpoint.ex", endpoint);
        Finding finding = check(project).get(0);
        assertTrue(finding.message().contains("and lib/shop_web/endpoint.ex reads the key in the body of ShopWeb.Endpoint "
                + "(outside any function) when it compiles: the code keeps the build machine's value"), finding.message());
        assertEquals(List.of(), finding.fixes(), "moving the config would not change what the endpoint compiled in");
        project.with("lib/shop_web/endpoint.ex", endpoint.replace("origin: \"https://\" <> Application.fetch_env!(:shop, "
                + ":client_host)", "origin: fn -> Application.fetch_env!(:shop, :client_host) end"));
        assertTrue(check(project).get(0).message().endsWith("read it in config/runtime.exs."),
                "a function the plug calls reads the key when it runs");
        project.with("lib/shop_web/endpoint.ex", endpoint.replace("plug CORSPlug, origin:", "def origin, do:"));
        assertTrue(check(project).get(0).message().endsWith("read it in config/runtime.exs."), "read in a function");
    }

    @Test
    void aVariableTheLibraryReadsItselfWhenTheAppRunsIsOnlyItsFallback() {
        String config = """
                import Config
                config :auth_plug, api_key: System.get_env("AUTH_API_KEY")
                config :appsignal, :config, push_api_key: System.get_env("APPSIGNAL_PUSH_API_KEY")
                config :opentelemetry, :resource, service: %{name: System.get_env("OTEL_SERVICE_NAME", "shop")}
                config :elixir_auth_google,
                  client_id: System.get_env("GOOGLE_CLIENT_ID"),
                  client_secret: System.get_env("GOOGLE_CLIENT_SECRET")
                config :algolia,
                  application_id: System.get_env("ALGOLIA_APPLICATION_ID"),
                  api_key: System.get_env("ALGOLIA_API_KEY")
                """;
        assertEquals(List.of(), check(release().with("mix.exs", SHOP_MIX_EXS).with("config/config.exs", config)));
        List<Finding> findings = check(release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", config.replace("\"AUTH_API_KEY\"", "\"AUTH_KEY\"")));
        assertEquals(List.of("System.get_env(\"AUTH_KEY\")"), findings.stream().map(ProjectFixture::covered).toList(),
                "auth_plug reads AUTH_API_KEY, not a variable of the project's own naming");
    }

    @Test
    void theUrlOfARepoDecidesOverTheConnectionPartsBesideIt() {
        String prod = """
                import Config
                config :shop, Shop.Repo,
                  username: System.get_env("DB_USER_NAME"),
                  password: System.get_env("DB_USER_PASSWORD"),
                  url: System.get_env("DATABASE_URL"),
                  pool_size: String.to_integer(System.get_env("POOL") || "10")
                """;
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", prod)
                .with("lib/shop/repo.ex", "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres\nend\n");
        assertEquals(List.of("System.get_env(\"DATABASE_URL\")", "System.get_env(\"POOL\")"),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "Ecto takes the user and password from the URL");
        project.with("config/prod.exs", prod.replace("url: System.get_env(\"DATABASE_URL\")", "url: nil"));
        assertEquals(3, check(project).size(), "a nil URL gives nothing over them");
    }

    @Test
    void aRepoWhoseInitCallbackPutsTheUrlAtStartDropsTheBuildsParts() {
        String prod = """
                import Config
                config :shop, Shop.Repo,
                  username: System.get_env("DB_USER", "shop"),
                  hostname: System.get_env("DB_HOST", "localhost"),
                  pool_size: String.to_integer(System.get_env("POOL") || "10")
                """;
        String repo = """
                defmodule Shop.Repo do
                  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres

                  def init(:supervisor, config) do
                    case System.get_env("DATABASE_URL") do
                      nil -> {:ok, config}
                      url -> {:ok, config |> Keyword.drop([:username, :hostname]) |> Keyword.put(:url, url)}
                    end
                  end
                end
                """;
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", prod)
                .with("lib/shop/repo.ex", repo);
        assertEquals(List.of("System.get_env(\"POOL\")"), check(project).stream().map(ProjectFixture::covered).toList(),
                "the repo replaces the user and host when it starts; the pool size stays the build's");
        project.with("lib/shop/repo.ex", repo.replace("def init(:supervisor, config) do", "def config(config) do"));
        assertEquals(3, check(project).size(), "no init/2: the repo starts with what config ends with");
    }

    @Test
    void theOlderGeneratorsEndpointInitPutsThePortOnlyWhereProdSwitchesItOn() {
        String endpoint = """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop

                  def init(_key, config) do
                    if config[:load_from_system_env] do
                      port = System.get_env("PORT") || raise "expected the PORT environment variable to be set"
                      {:ok, Keyword.put(config, :http, [:inet6, port: port])}
                    else
                      {:ok, config}
                    end
                  end
                end
                """;
        String prod = "import Config\nconfig :shop, ShopWeb.Endpoint,\n  http: [port: System.get_env(\"PORT\")]\n";
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", prod)
                .with("lib/shop_web/endpoint.ex", endpoint);
        assertEquals(1, check(project).size(), "the comment of the generated prod.exs names the switch; nothing sets it");
        project.with("config/prod.exs", prod.replace("  http:", "  load_from_system_env: true,\n  http:"));
        assertEquals(List.of(), check(project), "switched on: init/2 puts the http port it reads at boot");
    }

    @Test
    void anEndpointSettingPhoenixReadsWhenItCompilesIsDecidedAtBuildOnPurpose() {
        String prod = """
                import Config
                config :shop, ShopWeb.Endpoint,
                  force_ssl: if(System.get_env("SHOP_FORCE_SSL") in ~w(1 true), do: [hsts: true], else: false)
                config :shop, ShopWeb.Other, force_ssl: System.get_env("OTHER_SSL")
                """;
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", prod)
                .with("lib/shop_web/endpoint.ex", "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n")
                .with("lib/shop_web/other.ex", "defmodule ShopWeb.Other do\n  def ssl, do: Application.get_env(:shop, __MODULE__)[:force_ssl]\nend\n");
        assertEquals(List.of("System.get_env(\"OTHER_SSL\")"), check(project).stream().map(ProjectFixture::covered).toList(),
                "the endpoint compiles force_ssl in; a module of the app's own reads its key when it runs");
    }

    @Test
    void aReleaseConfigProviderMaySetAnyKeyAtBoot() {
        String config = "import Config\nconfig :shop, :ldap, host: System.get_env(\"LDAP_HOST\")\n";
        assertEquals(1, check(release().with("mix.exs", SHOP_MIX_EXS).with("config/config.exs", config)).size());
        String providers = SHOP_MIX_EXS.replace("deps: []]", "deps: [], releases: [shop: [config_providers: "
                + "[{Shop.ReleaseRuntimeProvider, config_path: \"/etc/shop/config.exs\"}]]]]");
        assertEquals(List.of(), check(release().with("mix.exs", providers).with("config/config.exs", config)),
                "the operator's /etc/shop/config.exs, evaluated at boot, may set it");
    }

    @Test
    void aBuildToolsConfigIsReadByItsMixTaskWhileTheReleaseIsBuilt() {
        String config = """
                import Config
                config :esbuild, version: System.get_env("ESBUILD_VERSION", "0.25.4"), path: System.get_env("ESBUILD_BIN")
                config :tailwind, version: "4.1.7", path: System.get_env("TAILWIND_BIN")
                config :shop, :assets, path: System.get_env("ASSETS_BIN")
                """;
        List<Finding> findings = check(release().with("mix.exs", SHOP_MIX_EXS).with("config/config.exs", config));
        assertEquals(List.of("System.get_env(\"ASSETS_BIN\")"), findings.stream().map(ProjectFixture::covered).toList(),
                "mix esbuild and mix tailwind read their config in assets.deploy; the app's own key is another matter");
    }

    @Test
    void aCompiledInDefaultThatNoDeploymentOverridesIsWhatProductionRunsWith() {
        List<Finding> findings = check(release()
                .with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", """
                        import Config
                        config :shop, burst: System.get_env("BURST", "10")
                        """)
                .with("lib/shop/limiter.ex", """
                        defmodule Shop.Limiter do
                          @burst Application.get_env(:shop, :burst)
                          def burst, do: @burst
                        end
                        """));
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Severity.HINT, findings.get(0).severity());
        assertTrue(findings.get(0).message().endsWith("the code keeps \"10\" (or the build machine's BURST), and setting "
                + "BURST where the release runs changes nothing, from runtime config either. No deployment of this "
                + "repository sets BURST, so \"10\" is what production runs with today; to make it configurable, read "
                + "the key with Application.get_env in a function, when it runs, and the variable in "
                + "config/runtime.exs."), findings.get(0).message());
    }

    @Test
    void aSwitchTheRuntimeConfigTestsAgainAroundTheSameConfigIsDecidedAtBoot() {
        String block = """
                if System.get_env("ENABLE_BASIC_AUTH") do
                  config :shop, :basic_auth, realm: "shop"
                end
                """;
        ProjectFixture project = release()
                .with("config/prod.exs", "import Config\n" + block)
                .with("config/runtime.exs", "import Config\n" + block);
        assertEquals(List.of(), check(project));
        project.with("config/runtime.exs", "import Config\n" + block.replace(":basic_auth", ":admin_auth"));
        assertEquals(1, check(project).size(), "the runtime config decides about other settings");
        // mftlabs/amps tests its switch respelt: String.to_atom(String.downcase(System.get_env("AMPS_USE_SSL", "FALSE")))
        String respelt = block.replace("System.get_env(\"ENABLE_BASIC_AUTH\")",
                "String.to_atom(String.downcase(System.get_env(\"ENABLE_BASIC_AUTH\", \"FALSE\")))");
        project.with("config/prod.exs", "import Config\n" + respelt).with("config/runtime.exs", "import Config\n" + respelt);
        assertEquals(List.of(), check(project), "the same switch, respelt, decided again at boot");
    }

    @Test
    void aCaseOnAVariableThatTheRuntimeConfigTakesAgainForTheSameConfigIsDecidedAtBoot() {
        // LukasW01/db-brm: the OAuth provider's settings are chosen by a `case` in config.exs and in runtime.exs.
        String choice = """
                case System.get_env("OAUTH_PROVIDER") do
                  "KEYCLOAK" ->
                    config :shop, :pow_assent,
                      providers: [Keycloak: [client_id: System.get_env("OAUTH_CLIENT_ID"), strategy: Shop.Keycloak]]

                  "AUTHENTIK" ->
                    config :shop, :pow_assent,
                      providers: [Authentik: [client_id: System.get_env("OAUTH_CLIENT_ID"), strategy: Shop.Authentik]]

                  _ ->
                    nil
                end
                """;
        String build = "import Config\n" + choice;
        String runtime = "import Config\nif config_env() == :prod do\n"
                + "  config :shop, oauth_provider: System.get_env(\"OAUTH_PROVIDER\")\n\n"
                + choice.replace("_ ->", "nil ->").indent(2) + "end\n";
        ProjectFixture project = release().with("config/config.exs", build).with("config/runtime.exs", runtime);
        assertEquals(List.of(), check(project), "the runtime config chooses the providers again from the same variable");
        project.with("config/runtime.exs", runtime.replace(":pow_assent", ":ueberauth"));
        assertTrue(check(project).stream().anyMatch(finding -> finding.message().startsWith(
                "System.get_env(\"OAUTH_PROVIDER\")")), "the runtime config's case configures something else");
    }

    @Test
    void aKeyTheRuntimeConfigSetsInEveryBranchOfAnIfElseIsSetAtBoot() {
        // mftlabs/amps: the proxy's config is built again at boot and given whole, with or without TLS.
        String proxy = """
                proxy = [http: [port: String.to_integer(System.get_env("SHOP_PORT", "4080"))], log_requests: false]

                if System.get_env("SHOP_SSL") == "true" do
                  config :master_proxy, proxy ++ [https: [port: String.to_integer(System.get_env("SSL_PORT", "443"))]]
                else
                  config :master_proxy, proxy
                end
                """;
        String build = "import Config\n" + proxy;
        String runtime = "import Config\nif config_env() == :prod do\n" + proxy.indent(2) + "end\n";
        ProjectFixture project = release().with("config/config.exs", build).with("config/runtime.exs", runtime);
        assertEquals(List.of(), check(project), "either branch sets the port again at boot");
        project.with("config/runtime.exs", runtime.replace("    config :master_proxy, proxy\n", "    :ok\n")
                .replace("String.to_integer(System.get_env(\"SHOP_PORT\", \"4080\"))", "4080"));
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "without TLS the build's port stays");
        assertTrue(findings.get(0).message().startsWith("System.get_env(\"SHOP_PORT\""), findings.get(0).message());
    }

    @Test
    void aBranchThatRaisesLeavesNothingUnset() {
        String build = "import Config\nconfig :stripity_stripe, api_key: System.get_env(\"STRIPE_SECRET\")\n";
        String runtime = """
                import Config
                if config_env() == :prod do
                  stripe_secret = System.get_env("STRIPE_SECRET")

                  if stripe_secret do
                    config :stripity_stripe, api_key: stripe_secret
                  else
                    raise "Missing Stripe credentials: set STRIPE_SECRET"
                  end
                end
                """;
        ProjectFixture project = release().with("config/config.exs", build).with("config/runtime.exs", runtime);
        assertEquals(List.of(), check(project), "the release either sets the key at boot or does not boot");
        project.with("config/runtime.exs", runtime.replace("raise \"Missing Stripe credentials: set STRIPE_SECRET\"",
                "IO.puts(\"Stripe is off\")").replace("api_key: stripe_secret", "enabled: true"));
        assertEquals(1, check(project).size(), "a runtime config that only tests the variable keeps the build's key");
    }

    @Test
    void aSwitchWhoseEveryBranchIsSetAgainForProdDecidesNothingThere() {
        String prod = """
                import Config
                if System.get_env("SENDGRID_API_KEY") do
                  config :shop, Shop.Mailer, adapter: Swoosh.Adapters.Sendgrid, api_key: System.get_env("SENDGRID_API_KEY")
                  config :swoosh, :api_client, Swoosh.ApiClient.Hackney
                else
                  config :shop, Shop.Mailer, adapter: Swoosh.Adapters.Local
                  config :swoosh, :api_client, false
                end
                """;
        String runtime = """
                import Config
                if config_env() == :prod do
                  config :shop, Shop.Mailer, adapter: Swoosh.Adapters.Sendgrid, api_key: System.get_env("SENDGRID_API_KEY")
                  config :swoosh, :api_client, Swoosh.ApiClient.Hackney
                end
                """;
        ProjectFixture project = release().with("config/prod.exs", prod).with("config/runtime.exs", runtime);
        assertEquals(List.of(), check(project), "whichever way the build decides, the runtime config sets it all again");
        project.with("config/runtime.exs", runtime.replace("  config :swoosh, :api_client, Swoosh.ApiClient.Hackney\n", ""));
        assertEquals(1, check(project).size(), "the build's choice of API client is what production keeps");
    }

    @Test
    void aKeyNothingReadsIsNotReportedWhileTheCodeIsInSight() {
        List<Finding> findings = check(release()
                .with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", """
                        import Config

                        config :shop, bot_token: System.get_env("BOT_TOKEN", "bot"), region: System.get_env("REGION")

                        import_config "#{config_env()}.exs"
                        """)
                .with("lib/shop/region.ex", """
                        defmodule Shop.Region do
                          def name, do: Application.get_env(:shop, :region)
                        end
                        """));
        assertEquals(List.of("System.get_env(\"REGION\")"), findings.stream().map(ProjectFixture::covered).toList());
    }

    @Test
    void aSettingOfAKeyWhoseReadsTakeOnlyOtherSettingsReachesNothing() {
        String code = """
                defmodule Shop.Llm do
                  def base_url, do: Application.get_env(:shop, :llm, []) |> Keyword.get(:base_url)
                end
                """;
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", """
                        import Config

                        config :shop, :llm, model: System.get_env("OPENAI_MODEL", "gpt-4-turbo")

                        import_config "#{config_env()}.exs"
                        """);
        assertEquals(List.of(), check(project.with("lib/shop/llm.ex", code)),
                "the only read of :llm pipes it into Keyword.get(:base_url)");
        assertEquals(1, check(project.with("lib/shop/llm.ex", code.replace(":base_url", ":model"))).size());
    }

    @Test
    void aSettingOfAModulesKeyThatTheFunctionReadingItDoesNotLookUpReachesNothing() {
        // kimwlsgh33/tmp_phx: the module takes only access_token of its config; its OAuth flow reads the rest from
        // the environment when it runs, so the client id baked in at build is never used.
        String code = """
                defmodule Shop.Instagram do
                  def token do
                    case Application.get_env(:shop, Shop.Instagram) do
                      nil -> {:error, :unconfigured}
                      config -> Keyword.fetch(config, :access_token)
                    end
                  end
                end
                """;
        ProjectFixture project = release().with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", """
                        import Config

                        config :shop, Shop.Instagram, client_id: System.get_env("INSTAGRAM_CLIENT_ID")

                        import_config "#{config_env()}.exs"
                        """);
        assertEquals(List.of(), check(project.with("lib/shop/instagram.ex", code)));
        assertEquals(1, check(project.with("lib/shop/instagram.ex", code.replace(":access_token", ":client_id"))).size());
        assertEquals(1, check(project.with("lib/shop/instagram.ex",
                code.replace("Keyword.fetch(config, :access_token)", "Shop.OAuth.start(config)"))).size(),
                "the config is passed on whole");
    }

    @Test
    void theCommitTheBuildIsMadeFromAndVariablesNamedForTheBuildAreMeantToBeBakedIn() {
        assertEquals(List.of(), check(release()
                .with("config/config.exs", """
                        import Config

                        config :sentry, release: System.get_env("SOURCE_VERSION"), tags: %{version: System.get_env("RELEASE_VERSION")}
                        config :shop, :build, commit: System.get_env("GIT_COMMIT_SHA"), rev: System.get_env("APP_REVISION")
                        config :shop, :build_tag, System.get_env("GIT_VERSION_TAG", "version_not_found")
                        config :shop, :locales, all: System.get_env("COMPILE_ALL_LOCALES") == "1", at: System.get_env("BUILD_TIME")

                        import_config "#{config_env()}.exs"
                        """)));

        // GIT alone names no build: a Git host's storage root is where it keeps repositories when it runs.
        List<Finding> storage = check(release().with("config/prod.exs",
                "import Config\nconfig :shop, Shop.RepoStorage, git_root: System.get_env(\"GIT_ROOT\")\n"));
        assertEquals(List.of("System.get_env(\"GIT_ROOT\")"), storage.stream().map(ProjectFixture::covered).toList());
    }

    @Test
    void aSwitchIsTheMixPathsWhereTheProjectAlsoDeploysWithMix() {
        ProjectFixture project = release()
                .with("config/prod.exs", """
                        import Config

                        dbssl = if System.get_env("HEROKU"), do: true, else: false

                        config :shop, Shop.Repo, ssl: dbssl, url: System.get_env("DATABASE_URL")
                        config :shop, Shop.Scheduler, jobs: [sync: [state: (if System.get_env("NO_SYNC"), do: :inactive, else: :active)]]
                        config :shop, :mailer, enabled: System.get_env("MAILER") == "on", strict: !System.get_env("LAX")
                        config :shop, :ldap, enabled: System.get_env("LDAP") == "true", host: System.get_env("LDAP_HOST")
                        config :shop, :cdn, host: System.get_env("CDN_HOST")
                        """);
        List<String> all = List.of("System.get_env(\"HEROKU\")", "System.get_env(\"DATABASE_URL\")",
                "System.get_env(\"NO_SYNC\")", "System.get_env(\"MAILER\")", "System.get_env(\"LAX\")",
                "System.get_env(\"LDAP\")", "System.get_env(\"LDAP_HOST\")", "System.get_env(\"CDN_HOST\")");
        assertEquals(all, check(project).stream().map(ProjectFixture::covered).toList(), "a release path only");

        project.with("Procfile", "web: MIX_ENV=prod mix phx.server\n");
        assertEquals(List.of("System.get_env(\"DATABASE_URL\")", "System.get_env(\"CDN_HOST\")"),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "the Mix path reads its switches at boot, and the release gets LDAP off with its host; "
                + "a value passed on is still baked into the release");
    }

    @Test
    void aBranchTheImageBuildDoesNotTakeIsAnotherBuildFlavours() {
        ProjectFixture project = release()
                .with("config/prod.exs", """
                        import Config

                        yes? = ~w(true yes 1)
                        desktop? = System.get_env("DESKTOP") in yes?

                        if desktop? do
                          config :shop, Shop.DesktopEndpoint, secret_key_base: System.get_env("SECRET_KEY_BASE")
                        else
                          config :shop, ShopWeb.Endpoint, url: [host: System.get_env("HOST")]
                        end

                        if System.get_env("TRACING") != "off" and System.get_env("OTEL") do
                          config :shop, :tracing, key: System.get_env("OTEL_KEY")
                        end
                        """);
        assertEquals(List.of("System.get_env(\"DESKTOP\")", "System.get_env(\"HOST\")", "System.get_env(\"TRACING\")",
                        "System.get_env(\"OTEL\")"),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "the Dockerfile sets neither DESKTOP nor OTEL: their branches are not the image's");

        project.with("Dockerfile", DOCKERFILE.replace("ENV MIX_ENV=\"prod\"", "ENV MIX_ENV=\"prod\" DESKTOP=1 OTEL=1"));
        assertEquals(List.of("System.get_env(\"SECRET_KEY_BASE\")", "System.get_env(\"HOST\")", "System.get_env(\"TRACING\")",
                        "System.get_env(\"OTEL_KEY\")"),
                check(project).stream().map(ProjectFixture::covered).toList(), "set by the build: its branches may be taken");

        project.with("Dockerfile", DOCKERFILE).with("Procfile", "release: mix ecto.migrate\n");
        assertTrue(check(project).stream().map(ProjectFixture::covered).toList().contains("System.get_env(\"SECRET_KEY_BASE\")"),
                "a buildpack build sees the app's config vars: its environment is not known");
    }

    @Test
    void aReadThatChoosesWhichModuleTheAppUsesWithItsConfigIsABuildFlavour() {
        ProjectFixture project = release()
                .with("config/config.exs", """
                        import Config

                        yes? = ~w(true yes 1)
                        desktop? = System.get_env("DESKTOP") in yes?

                        config :shop,
                          endpoint_module: if(desktop?, do: Shop.Desktop.Endpoint, else: ShopWeb.Endpoint),
                          compact?: System.get_env("COMPACT") not in ~w(false 0)

                        if desktop? do
                          config :shop, Shop.Desktop.Endpoint, server: true, http: [port: 0]
                        end

                        if System.get_env("LOGGER_FORMAT", "json") == "json" do
                          config :logger, :default_handler, formatter: {:logger_formatter_json, %{}}
                        end

                        config :waffle, storage: if(System.get_env("S3_BUCKET"), do: Waffle.Storage.S3, else: Waffle.Storage.Local)
                        """);
        assertEquals(List.of("System.get_env(\"COMPACT\")", "System.get_env(\"LOGGER_FORMAT\", \"json\")",
                        "System.get_env(\"S3_BUCKET\")"),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "the desktop switch shapes the build; a flag, a log format and a storage adapter are settings");
    }

    @Test
    void aReadThatPicksTheModuleTheEndpointPlugsWhenItCompilesIsABuildFlavour() {
        String endpoint = "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\n"
                + "  plug Application.get_env(:shop, ShopWeb.Endpoint)[:router]\nend\n";
        ProjectFixture project = release()
                .with("config/config.exs", "import Config\n\nconfig :shop, ShopWeb.Endpoint,\n"
                        + "  router: if(System.get_env(\"ENABLE_ECI\"), do: ShopWeb.EciRouter, else: ShopWeb.Router)\n")
                .with("lib/shop_web/endpoint.ex", endpoint);
        assertEquals(List.of(), check(project), "only the build can choose the router the endpoint compiles in");
        project.with("lib/shop_web/cors.ex", "defmodule ShopWeb.Cors do\n"
                + "  def origin, do: Application.get_env(:shop, ShopWeb.Endpoint)[:allow_origin]\nend\n");
        assertEquals(List.of(), check(project), "a read of another setting of the endpoint's config at run time");
        project.with("lib/shop_web/endpoint.ex", endpoint.replace(
                "  plug Application.get_env(:shop, ShopWeb.Endpoint)[:router]\n",
                "  def call(conn, _), do: Application.get_env(:shop, ShopWeb.Endpoint)[:router].call(conn, [])\n"));
        assertEquals(1, check(project).size(), "a router looked up per request could be chosen at boot");
    }

    @Test
    void systemThroughImportOrAliasIsTheSameRead() {
        List<Finding> findings = check(release()
                .with("config/prod.exs", """
                        import Config
                        import System
                        alias System, as: Sys

                        config :shop, ShopWeb.Endpoint, secret_key_base: get_env("SECRET_KEY_BASE") || "fallback"
                        config :shop, Shop.Repo, url: Sys.fetch_env!("DATABASE_URL")
                        """));
        assertEquals(List.of("get_env(\"SECRET_KEY_BASE\")", "Sys.fetch_env!(\"DATABASE_URL\")"),
                findings.stream().map(ProjectFixture::covered).toList());
    }

    @Test
    void applicationConfigReadInBuildTimeConfigIsReportedWithoutAFix() {
        List<Finding> findings = check(release()
                .with("config/prod.exs", """
                        import Config

                        config :shop, ShopWeb.Endpoint, url: [host: Application.get_env(:shop, :host)]
                        """));
        assertEquals(1, findings.size());
        assertEquals("Application.get_env(:shop, :host) in config/prod.exs runs when the release is built (Dockerfile "
                + "runs `mix release`), before the config these files write is loaded: it returns nil or what the build "
                + "machine had loaded, and that is baked into the release; read the value where the app uses it, or in "
                + "config/runtime.exs.", findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes());
    }

    // ---- the fix ----

    @Test
    void fixMovesTheCallToTheEndOfTheProdBlockAndLeavesNoBlankPile() throws IOException {
        List<Finding> findings = check(release()
                .with("config/prod.exs", """
                        import Config

                        config :shop, ShopWeb.Endpoint, cache_static_manifest: "priv/static/cache_manifest.json"

                        # The database
                        config :shop, Shop.Repo,
                          url: System.get_env("DATABASE_URL"),
                          pool_size: 10

                        config :logger, level: :info
                        """)
                .with("config/runtime.exs", RUNTIME));
        assertEquals(1, findings.size());
        Fix fix = findings.get(0).fixes().get(0);
        assertTrue(fix.safe(), fix.title());
        assertEquals("Move `config :shop, Shop.Repo` into the `if config_env() == :prod` block of config/runtime.exs",
                fix.title());
        Map<Path, String> after = applyAndRecheck(findings.get(0), fix);
        assertEquals("""
                import Config

                config :shop, ShopWeb.Endpoint, cache_static_manifest: "priv/static/cache_manifest.json"

                config :logger, level: :info
                """, after.get(dir.resolve("config/prod.exs")));
        assertEquals("""
                import Config

                if System.get_env("PHX_SERVER") do
                  config :shop, ShopWeb.Endpoint, server: true
                end

                if config_env() == :prod do
                  host = System.get_env("PHX_HOST") || "example.com"

                  config :shop, ShopWeb.Endpoint, url: [host: host, port: 443, scheme: "https"]

                  # The database
                  config :shop, Shop.Repo,
                    url: System.get_env("DATABASE_URL"),
                    pool_size: 10
                end
                """, after.get(dir.resolve("config/runtime.exs")));
    }

    @Test
    void fixCreatesRuntimeExsWhenMissing() throws IOException {
        List<Finding> findings = check(release()
                .with("config/prod.exs", """
                        import Config

                        config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                        """));
        Fix fix = findings.get(0).fixes().get(0);
        assertTrue(fix.safe());
        Map<Path, String> after = applyAndRecheck(findings.get(0), fix);
        assertEquals("import Config\n", after.get(dir.resolve("config/prod.exs")));
        assertEquals("""
                import Config

                if config_env() == :prod do
                  config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                end
                """, after.get(dir.resolve("config/runtime.exs")));
    }

    @Test
    void fixAppendsAProdBlockWhenRuntimeExsHasNone() throws IOException {
        List<Finding> findings = check(release()
                .with("config/prod.exs", "import Config\nconfig :shop, :api, key: System.fetch_env!(\"API_KEY\")\nconfig :logger, level: :info\n")
                .with("config/runtime.exs", "import Config\n\nconfig :shop, :pool, 5\n"));
        Map<Path, String> after = applyAndRecheck(findings.get(0), findings.get(0).fixes().get(0));
        assertEquals("import Config\nconfig :logger, level: :info\n", after.get(dir.resolve("config/prod.exs")));
        assertEquals("""
                import Config

                config :shop, :pool, 5

                if config_env() == :prod do
                  config :shop, :api, key: System.fetch_env!("API_KEY")
                end
                """, after.get(dir.resolve("config/runtime.exs")));
    }

    @Test
    void configExsCallMovesToTheTopOfRuntimeExsForEveryEnvironmentAndIsNotSafe() throws IOException {
        List<Finding> findings = check(release()
                .with("config/config.exs", """
                        import Config

                        config :shop, ecto_repos: [Shop.Repo]

                        config :shop, :stripe,
                          api_key: System.get_env("STRIPE_KEY")

                        import_config "#{config_env()}.exs"
                        """)
                .with("config/prod.exs", "import Config\n")
                .with("config/runtime.exs", RUNTIME));
        Fix fix = findings.get(0).fixes().get(0);
        assertFalse(fix.safe(), "it now runs after dev.exs and test.exs");
        Map<Path, String> after = applyAndRecheck(findings.get(0), fix);
        assertEquals(CONFIG, after.get(dir.resolve("config/config.exs")));
        assertTrue(after.get(dir.resolve("config/runtime.exs")).startsWith("""
                import Config

                config :shop, :stripe,
                  api_key: System.get_env("STRIPE_KEY")

                if System.get_env("PHX_SERVER") do
                """), after.get(dir.resolve("config/runtime.exs")));
    }

    @Test
    void overriddenKeysOrCompileEnvReadsMakeTheMoveUnsafe() {
        List<Finding> overridden = check(release()
                .with("config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, url: [host: System.get_env(\"HOST\")]\n")
                .with("config/runtime.exs", RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"]",
                        "url: [port: 443, scheme: \"https\"]")));
        assertFalse(overridden.get(0).fixes().get(0).safe(), "runtime.exs sets url too; the moved call would win");

        List<Finding> compileEnv = check(release()
                .with("config/prod.exs", "import Config\nconfig :shop, :feature, enabled: System.get_env(\"FEATURE\")\n")
                .with("lib/shop/feature.ex", """
                        defmodule Shop.Feature do
                          @enabled Application.compile_env(:shop, :other_feature)
                          def enabled?, do: @enabled && Application.get_env(:shop, :feature)[:enabled]
                        end
                        """));
        assertFalse(compileEnv.get(0).fixes().get(0).safe(), "compile_env values of the app are checked at boot");
    }

    @Test
    void fixMovesIntoReleasesExsWhenTheProjectKeepsItsRuntimeSettingsThere() throws IOException {
        List<Finding> findings = check(releaseBuiltWith("1.10.4")
                .with("config/prod.exs", "import Config\nconfig :shop, key: System.get_env(\"KEY\")\n")
                .with("config/releases.exs", "import Config\n"));
        assertEquals(1, findings.size());
        Fix fix = findings.get(0).fixes().get(0);
        assertEquals("Move `config :shop` to config/releases.exs", fix.title());
        assertTrue(fix.changes().stream().noneMatch(change -> change instanceof Fix.CreateFile),
                "a new runtime.exs would silently disable releases.exs");
        Map<Path, String> after = applyAndRecheck(findings.get(0), fix);
        // Top level: releases.exs only runs in releases, and Elixir before 1.11 has no config_env() there.
        assertEquals("import Config\n\nconfig :shop, key: System.get_env(\"KEY\")\n",
                after.get(dir.resolve("config/releases.exs")));
    }

    @Test
    void onElixirWithConfigEnvTheMoveIntoReleasesExsGoesIntoAProdBlock() {
        List<Finding> findings = check(release()
                .with("config/prod.exs", "import Config\nconfig :shop, key: System.get_env(\"KEY\")\n")
                .with("config/releases.exs", "import Config\n"));
        Fix fix = findings.get(0).fixes().get(0);
        assertEquals("Move `config :shop` into the `if config_env() == :prod` block of config/releases.exs", fix.title());
        assertEquals("import Config\n\nif config_env() == :prod do\n  config :shop, key: System.get_env(\"KEY\")\nend\n",
                ProjectFixture.afterFix(fix, dir.resolve("config/releases.exs")));
    }

    // ---- the Elixir the release is built with decides its runtime config ----

    private static final String PROD_READ = "import Config\nconfig :shop, key: System.get_env(\"KEY\")\n";
    private static final String RUNTIME_SETS_KEY = "import Config\nconfig :shop, key: \"from runtime.exs\"\n";

    private ProjectFixture releaseBuiltWith(String elixir) {
        return new ProjectFixture(dir).requiringElixir("~> 1.8").with("Dockerfile", DOCKERFILE.replace("1.17.3", elixir))
                .with("config/config.exs", CONFIG);
    }

    /** A release built on an image without an Elixir tag: the version comes from elsewhere. */
    private ProjectFixture releaseOnPlainImage() {
        return new ProjectFixture(dir).requiringElixir("~> 1.8").with("Dockerfile", DOCKERFILE.replace(
                "hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim", "ubuntu:22.04")).with("config/config.exs", CONFIG);
    }

    private static String mixExs(String elixirRequirement) {
        return """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, version: "0.1.0", elixir: "%s", deps: []]
                end
                """.formatted(elixirRequirement);
    }

    @Test
    void onElixir110ReleasesExsIsTheRuntimeConfigEvenBesideRuntimeExs() {
        List<Finding> findings = check(releaseBuiltWith("1.10.4")
                .with("config/prod.exs", PROD_READ)
                .with("config/runtime.exs", RUNTIME_SETS_KEY)
                .with("config/releases.exs", "import Config\n"));
        Fix fix = findings.get(0).fixes().get(0);
        assertEquals("Move `config :shop` to config/releases.exs", fix.title());
        assertTrue(fix.safe(), "runtime.exs, which sets the key too, is not read by an Elixir 1.10 release");
    }

    @Test
    void onElixir116RuntimeExsIsTheRuntimeConfigBesideReleasesExs() {
        assertEquals(List.of(), check(releaseBuiltWith("1.16.2")
                .with("config/prod.exs", PROD_READ)
                .with("config/runtime.exs", RUNTIME_SETS_KEY)
                .with("config/releases.exs", "import Config\n")), "runtime.exs, which the release reads, sets the key again");

        List<Finding> findings = check(releaseBuiltWith("1.16.2")
                .with("config/prod.exs", PROD_READ)
                .with("config/runtime.exs", "import Config\nif System.get_env(\"KEY_OVERRIDE\") do\n  config :shop, key: \"x\"\nend\n")
                .with("config/releases.exs", "import Config\n"));
        Fix fix = findings.get(0).fixes().get(0);
        assertEquals("Move `config :shop` into the `if config_env() == :prod` block of config/runtime.exs", fix.title());
        assertFalse(fix.safe(), "runtime.exs may set the key too; the moved call would run before it");
    }

    @Test
    void onElixir18AReleaseReadsNoRuntimeConfigSoNothingIsMoved() {
        List<Finding> findings = check(releaseBuiltWith("1.8.2")
                .with("config/prod.exs", PROD_READ)
                .with("config/runtime.exs", "import Config\n")
                .with("config/releases.exs", "import Config\nconfig :shop, other: System.get_env(\"OTHER\")\n"));
        assertEquals(List.of("System.get_env(\"KEY\")"), findings.stream().map(ProjectFixture::covered).toList());
        assertEquals(List.of(), findings.get(0).fixes());
    }

    @Test
    void theVersionComesFromToolVersionsWhenTheImageHasNoElixirTag() {
        List<Finding> findings = check(releaseOnPlainImage()
                .with(".tool-versions", "erlang 22.3.4\nelixir 1.10.4-otp-22\n")
                .with("config/prod.exs", PROD_READ)
                .with("config/runtime.exs", RUNTIME_SETS_KEY)
                .with("config/releases.exs", "import Config\n"));
        assertEquals("Move `config :shop` to config/releases.exs", findings.get(0).fixes().get(0).title());
    }

    @Test
    void aMixRequirementFrom111OnIsALowerBoundThatDecides() {
        List<Finding> required112 = check(releaseOnPlainImage()
                .with("mix.exs", mixExs("~> 1.12"))
                .with("config/prod.exs", PROD_READ)
                .with("config/releases.exs", "import Config\n"));
        assertEquals("Move `config :shop` into the `if config_env() == :prod` block of config/releases.exs",
                required112.get(0).fixes().get(0).title(), "Elixir 1.12 or later has config_env() in releases.exs");

        List<Finding> required19 = check(releaseOnPlainImage()
                .with("mix.exs", mixExs("~> 1.9"))
                .with("config/prod.exs", PROD_READ)
                .with("config/releases.exs", "import Config\n"));
        assertEquals("Move `config :shop` to config/releases.exs", required19.get(0).fixes().get(0).title(),
                "~> 1.9 may build on 1.9 or 1.10, which lack config_env()");
    }

    /** Applies every change of the fix on disk, re-runs every rule, and checks the result. */
    private Map<Path, String> applyAndRecheck(Finding finding, Fix fix) throws IOException {
        Map<Path, String> texts = new LinkedHashMap<>();
        Map<Path, List<Fix.Edit>> edits = new LinkedHashMap<>();
        for (Fix.Change change : fix.changes()) {
            if (change instanceof Fix.Edit edit) {
                edits.computeIfAbsent(edit.path(), p -> new ArrayList<>()).add(edit);
            } else if (change instanceof Fix.CreateFile create) {
                assertFalse(Files.exists(create.path()), "creates an existing file " + create.path());
                texts.put(create.path(), create.content());
            }
        }
        for (Map.Entry<Path, List<Fix.Edit>> entry : edits.entrySet()) {
            List<Fix.Edit> fileEdits = new ArrayList<>(entry.getValue());
            fileEdits.sort(Comparator.comparingInt(Fix.Edit::start).reversed());
            String text = fileEdits.get(0).file().text().text();
            for (Fix.Edit edit : fileEdits) {
                text = text.substring(0, edit.start()) + edit.newText() + text.substring(edit.end());
            }
            texts.put(entry.getKey(), text);
        }
        List<Finding> before = analyseAll();
        for (Map.Entry<Path, String> file : texts.entrySet()) {
            Files.writeString(file.getKey(), file.getValue());
            SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(file.getValue()));
            assertFalse(tree.hasErrors(), "syntax error in " + file.getKey() + ":\n" + file.getValue());
        }
        List<Finding> after = analyseAll();
        String fixedCall = ProjectFixture.covered(finding);
        assertTrue(after.stream().noneMatch(f -> f.rule().id().equals("GT001") && f.file().path().equals(finding.file().path())
                && ProjectFixture.covered(f).equals(fixedCall)), "still reported: " + after);
        for (Finding f : after) {
            assertTrue(before.stream().anyMatch(b -> b.rule().id().equals(f.rule().id()) && b.message().equals(f.message())),
                    "new finding after the fix: " + f.message());
        }
        return texts;
    }

    private List<Finding> analyseAll() {
        Workspace workspace = new Workspace(List.of(dir));
        RuleEngine engine = new RuleEngine(Rules.all());
        List<Finding> findings = new ArrayList<>();
        for (MixProject project : workspace.projects()) {
            findings.addAll(engine.analyze(project, workspace));
        }
        return findings;
    }

    @Test
    void aKeyTheCodeCompilesInKeepsTheBuildsValueWhateverTheRuntimeConfigSets() {
        String discord = """
                defmodule ShopWeb.OAuth.Discord do
                  @client_id Application.get_env(:shop, __MODULE__)[:client_id]
                  @client_secret Application.get_env(:shop, __MODULE__)[:client_secret]

                  def token_params(code), do: %{client_id: @client_id, client_secret: @client_secret, code: code}
                end
                """;
        ProjectFixture project = new ProjectFixture(dir).with("Dockerfile", DOCKERFILE).with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", """
                        import Config

                        if discord_client_secret = System.get_env("DISCORD_CLIENT_SECRET") do
                          config :shop, ShopWeb.OAuth.Discord, client_secret: discord_client_secret
                        end

                        config :shop, TrackerGG, api_token: System.get_env("TRACKER_GG_TOKEN")
                        """)
                .with("config/runtime.exs", """
                        import Config

                        if System.get_env("RELEASE_MODE") do
                          config :shop, ShopWeb.OAuth.Discord,
                            client_secret: System.get_env("DISCORD_CLIENT_SECRET") || raise("DISCORD_CLIENT_SECRET?")
                        end
                        """)
                .with("lib/shop_web/oauth/discord.ex", discord);
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"DISCORD_CLIENT_SECRET\")"), findings.stream().map(ProjectFixture::covered).toList(),
                "TrackerGG is a module the project neither defines nor uses: its config is read by nothing");
        assertTrue(findings.get(0).message().contains("lib/shop_web/oauth/discord.ex reads the key into @client_secret "
                + "when it compiles"), findings.get(0).message());

        project.with("lib/shop_web/oauth/discord.ex", discord.replace("@client_id Application", "def client_id, do: Application")
                .replace("@client_secret Application", "def client_secret, do: Application")
                .replace("@client_id", "client_id()").replace("@client_secret", "client_secret()"));
        assertEquals(List.of(), check(project), "read when it runs, the key is what the runtime config sets");
    }

    @Test
    void theKeyOfAModuleNamedOnlyByItsPartsInOtherNamesIsReadByNothing() {
        ProjectFixture project = new ProjectFixture(dir).with("Dockerfile", DOCKERFILE).with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", "import Config\n")
                .with("config/prod.exs", """
                        import Config
                        config :shop, Shop.Endpoint, url: [host: System.get_env("PHX_HOST") || "shop.example.org"]
                        """)
                .with("lib/shop_web/endpoint.ex", """
                        defmodule ShopWeb.Endpoint do
                          use Phoenix.Endpoint, otp_app: :shop
                          plug Phoenix.Ecto.CheckRepoStatus, otp_app: :shop, repo: Shop.Repo
                        end
                        """);
        assertEquals(List.of(), check(project), "Shop.Endpoint, the endpoint's old name, is neither defined nor named");
    }

    @Test
    void aNixMixReleaseBuildsTheReleaseAndWhatItsDerivationSetsIsTheBuildsOwn() {
        String flake = """
                { beamPackages, ... }:
                beamPackages.mixRelease {
                  pname = "shop";
                  version = "0.1.0";
                  src = ./.;
                  TOP_SRC = ./.;
                }
                """;
        ProjectFixture project = new ProjectFixture(dir).with("mix.exs", SHOP_MIX_EXS).with("flake.nix", flake)
                .with("config/config.exs", """
                        import Config
                        config :shop, :ldap, schema_files: [System.get_env("TOP_SRC", "../..") <> "/core.schema"]
                        config :shop, :mailer, relay: System.get_env("SMTP_RELAY")
                        """)
                .with("lib/shop/ldap.ex", "defmodule Shop.Ldap do\n  def conf(k), do: Application.get_env(:shop, k)\n"
                        + "  def relay, do: conf(:mailer)[:relay]\n  def schemas, do: conf(:ldap)[:schema_files]\nend\n");
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"SMTP_RELAY\")"), findings.stream().map(ProjectFixture::covered).toList(),
                "TOP_SRC is set by the derivation for its build");
        assertTrue(findings.get(0).message().contains("(flake.nix builds it with Nix's `mixRelease`)"),
                findings.get(0).message());

        // A flake's check builds the release too, to test it: the package is what ships.
        ProjectFixture checked = new ProjectFixture(dir.resolve("checked")).with("mix.exs", SHOP_MIX_EXS)
                .with("nix/checks/formatted.nix", flake.replace("\"shop\"", "\"is-formatted\""))
                .with("nix/package.nix", flake)
                .with("config/config.exs", "import Config\nconfig :shop, :mailer, relay: System.get_env(\"SMTP_RELAY\")\n")
                .with("lib/shop/mailer.ex", "defmodule Shop.Mailer do\n  def relay, do: Application.get_env(:shop, :mailer)[:relay]\nend\n");
        List<Finding> withCheck = check(checked);
        assertEquals(1, withCheck.size(), withCheck.toString());
        assertTrue(withCheck.get(0).message().contains("(nix/package.nix builds it with Nix's `mixRelease`)"),
                withCheck.get(0).message());
    }

    @Test
    void aKeyTheAppAddsToItsEndpointThatNothingReadsIsNoBuildTimeRead() {
        ProjectFixture project = new ProjectFixture(dir).with("Dockerfile", DOCKERFILE).with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", """
                        import Config
                        config :shop, ShopWeb.Endpoint,
                          url: [host: "localhost"],
                          help_url: System.get_env("HELP_URL", "https://help.example.com"),
                          live_view: [signing_salt: "1cbMQEQA"],
                          signing_salt: System.get_env("SIGNING_SALT"),
                          feature_flags: System.get_env("FEATURE_FLAGS")
                        """)
                .with("lib/shop_web/endpoint.ex", "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\n"
                        + "  @session_options [store: :cookie, key: \"_shop_key\", signing_salt: \"v9pLaJR4\"]\nend\n")
                .with("lib/shop_web/flags.ex", "defmodule ShopWeb.Flags do\n  def all, do: ShopWeb.Endpoint.config(:feature_flags)\nend\n");
        assertEquals(List.of("System.get_env(\"FEATURE_FLAGS\")"), check(project).stream().map(ProjectFixture::covered).toList(),
                "nothing names help_url, nor reads a top-level signing_salt (LiveView's is under live_view:, the "
                        + "session's is the endpoint's own literal); the code reads feature_flags through Endpoint.config/1");
    }

    @Test
    void aCompileTimeReadOfOneSettingOfTheEndpointSaysNothingOfTheOthers() {
        ProjectFixture project = new ProjectFixture(dir).with("Dockerfile", DOCKERFILE).with("mix.exs", SHOP_MIX_EXS)
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", """
                        import Config

                        secret_key_base = System.get_env("SECRET_KEY_BASE") || raise "SECRET_KEY_BASE?"

                        port =
                          case System.fetch_env("PORT") do
                            {:ok, p} -> String.to_integer(p)
                            :error -> {:system, "PORT"}
                          end

                        config :shop, ShopWeb.Endpoint, http: [port: port], secret_key_base: secret_key_base
                        """)
                .with("lib/shop_web/endpoint.ex", """
                        defmodule ShopWeb.Endpoint do
                          use Phoenix.Endpoint, otp_app: :shop
                          plug PlugCanonicalHost, canonical_host: Application.compile_env(:shop, ShopWeb.Endpoint)[:url][:host]
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"SECRET_KEY_BASE\")"), findings.stream().map(ProjectFixture::covered).toList(),
                "where the build has no PORT, Phoenix reads {:system, \"PORT\"} when the endpoint starts");
        assertTrue(findings.get(0).message().contains("so the build machine's value is baked into the release"),
                "Phoenix reads secret_key_base when the endpoint starts, not in the endpoint's body: "
                        + findings.get(0).message());
    }
}
