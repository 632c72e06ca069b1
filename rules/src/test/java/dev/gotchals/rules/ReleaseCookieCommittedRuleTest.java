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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseCookieCommittedRuleTest {
    private static final String MIX = """
            defmodule Shop.MixProject do
              use Mix.Project

              def project do
                [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: deps(), releases: releases()]
              end

              defp releases do
                [shop: [include_executables_for: [:unix], cookie: "shop-secret-cookie"]]
              end

              defp deps do
                [{:phoenix, "~> 1.7"}, {:libcluster, "~> 3.3"}]
              end
            end
            """;

    @TempDir
    Path dir;
    private int projects;

    /** A project of its own folder: several per test must not see each other's files. */
    private static final String FLY = "app = \"shop\"\n";

    /** A project deployed to fly.io, in a folder of its own: several per test must not see each other's files. */
    private ProjectFixture project(String mix) {
        ProjectFixture fixture = new ProjectFixture(dir.resolve("p" + projects++)).with("mix.exs", mix).with("fly.toml", FLY);
        return mix.contains(":libcluster") ? fixture.with("config/config.exs", TOPOLOGIES) : fixture;
    }

    /** What a project that clusters with libcluster configures: a topology to join. */
    private static final String TOPOLOGIES = """
            import Config
            config :libcluster, topologies: [fly6pn: [strategy: Cluster.Strategy.DNSPoll, config: [query: "shop.internal"]]]
            """;

    @Test
    void libclusterWithNothingToJoinIsNoClusterYet() {
        ProjectFixture fixture = project(MIX);
        assertEquals(1, check(fixture).size());
        assertEquals(List.of(), check(fixture.with("config/config.exs", "import Config\n")),
                "a dependency with no topology in config and no Cluster.Supervisor in the code joins nothing");
        assertEquals(1, check(fixture.with("lib/shop/application.ex", """
                defmodule Shop.Application do
                  use Application
                  def start(_type, _args) do
                    topologies = Application.get_env(:shop, :topologies, [])
                    Supervisor.start_link([{Cluster.Supervisor, [topologies, [name: Shop.ClusterSupervisor]]}],
                      strategy: :one_for_one)
                  end
                end
                """)).size(), "topologies handed to Cluster.Supervisor in the code");
    }

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new ReleaseCookieCommittedRule());
    }

    private static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    private static String withoutClustering(String mix) {
        return mix.replace(", {:libcluster, \"~> 3.3\"}", "");
    }

    private static String withoutCookie(String mix) {
        return mix.replace(", cookie: \"shop-secret-cookie\"", "");
    }

    @Test
    void aCookieTheCodeReplacesAtBootIsAPlaceholder() {
        ProjectFixture fixture = project(MIX).with("lib/shop/secrets_provider.ex", """
                defmodule Shop.SecretsProvider do
                  @behaviour Config.Provider
                  def init(path), do: path
                  def load(config, path) do
                    secrets = Shop.Vault.fetch!(path)
                    Node.set_cookie(Node.self(), String.to_atom(secrets["ERLANG_COOKIE"]))
                    config
                  end
                end
                """);
        assertEquals(List.of(), check(fixture), "the node runs with the cookie the provider fetched");
        assertEquals(1, check(fixture.with("lib/shop/secrets_provider.ex", """
                defmodule Shop.SecretsProvider do
                  def load(config, _path), do: Node.set_cookie(Node.self(), :shop_cookie) && config
                end
                """)).size(), "a literal set at boot is as committed as the one in mix.exs");
    }

    @Test
    void aManifestLiteralThatVmArgsTurnsIntoTheCookieIsReported() {
        ProjectFixture fixture = project(withoutCookie(MIX))
                .with("rel/vm.args.eex", "-name shop@${NODE_HOST}\n-setcookie ${NODE_COOKIE}\n")
                .with("k8s/shop.yaml", "env:\n  - name: NODE_COOKIE\n    value: \"magiccookie\"\n");
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("magiccookie", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().contains("k8s/shop.yaml (`env` NODE_COOKIE, the cookie through "
                + "rel/vm.args.eex `-setcookie ${NODE_COOKIE}`)"), findings.get(0).message());
    }

    @Test
    void dnsClusterJoinsNodesOnlyOnceADeploymentGivesItsQuery() {
        String mix = MIX.replace("libcluster", "dns_cluster");
        assertEquals(List.of(), check(project(mix)), "the generator's dependency, with no query: a single node");
        ProjectFixture queried = project(mix).with("fly.toml", FLY + "[env]\n  DNS_CLUSTER_QUERY = \"shop.internal\"\n");
        List<Finding> findings = check(queried);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("depends on dns_cluster"), findings.get(0).message());
    }

    @Test
    void aNixOsServiceThatRunsTheNixBuiltReleaseGivesItsEnvironment() {
        String mix = MIX.replace(", cookie: \"shop-secret-cookie\"", "").replace("libcluster", "dns_cluster");
        ProjectFixture project = new ProjectFixture(dir.resolve("nix")).with("mix.exs", mix)
                .with("nix/package.nix", """
                        { beamPackages, ... }:
                        beamPackages.mixRelease { pname = "shop"; version = "0.1.0"; src = ../.; }
                        """)
                .with("nix/modules/shop.nix", """
                        { config, pkgs, ... }:
                        {
                          systemd.services.shop = {
                            wantedBy = [ "multi-user.target" ];
                            environment = {
                              RELEASE_COOKIE = "shop_prod_cookie";
                              RELEASE_DISTRIBUTION = "name";
                              PHX_HOST = "shop.example.com";
                              SECRET_KEY_BASE_FILE = "${config.age.secrets.shop.path}";
                            };
                            serviceConfig.ExecStart = "${pkgs.shop}/bin/shop start";
                          };
                        }
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("shop_prod_cookie"), findings.stream().map(ProjectFixture::covered).toList());
        assertTrue(findings.get(0).message().contains("nix/modules/shop.nix (the environment of a NixOS service, "
                + "RELEASE_COOKIE)"), findings.get(0).message());

        project.with("nix/package.nix", "{ pkgs, ... }: pkgs.hello\n");
        assertEquals(List.of(), check(project), "a NixOS module of something else than this release");
    }

    @Test
    void aProductionComposeServiceThatRunsTheReleaseGivesItsEnvironment() {
        String compose = """
                services:
                  ui:
                    build: .
                    command: /app/bin/shop start
                    restart: unless-stopped
                    environment:
                      MIX_ENV: prod
                      RELEASE_COOKIE: "123"
                      NODE_NAME: ${NODE_NAME}
                """;
        ProjectFixture fixture = project(withoutClustering(withoutCookie(MIX)))
                .with("rel/env.sh.eex", "export RELEASE_DISTRIBUTION=name\n")
                .with("docker-compose.yml", compose);
        Finding finding = only(check(fixture));
        assertEquals("123", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("docker-compose.yml (`environment` RELEASE_COOKIE of service `ui`)"),
                finding.message());
        fixture.with("docker-compose.yml", compose.replace("/app/bin/shop start", "mix phx.server"));
        assertEquals(List.of(), check(fixture), "a service that runs Mix is not the release");
        fixture.with("docker-compose.yml", compose.replace("    restart: unless-stopped\n", ""));
        assertEquals(List.of(), check(fixture), "a release tried out on the developer's machine, not served");
        fixture.with("docker-compose.yml", "").with("docker-compose.dev.yml", compose);
        assertEquals(List.of(), check(fixture), "a development Compose file does not describe production");

        ProjectFixture named = project(withoutClustering(MIX)).with("docker-compose.yml", """
                services:
                  app:
                    command: ["/app/bin/shop", "start"]
                    hostname: shop.example
                    environment:
                      - RELEASE_DISTRIBUTION=name
                      - RELEASE_NODE=shop@shop.example
                """);
        assertTrue(only(check(named)).message().contains("the project sets RELEASE_NODE"),
                "the service's environment shows that the release runs distributed");
    }

    @Test
    void aBuildScriptThatShipsTheReleaseShowsADeployment() {
        ProjectFixture fixture = new ProjectFixture(dir.resolve("p" + projects++)).with("mix.exs", MIX)
                .with("config/config.exs", TOPOLOGIES);
        assertEquals(List.of(), check(fixture), "nothing shows where the release runs: a demo");
        fixture.with("build.sh", "#!/bin/sh\nMIX_ENV=prod mix release --overwrite\n_build/prod/rel/shop/bin/shop start\n");
        assertEquals(List.of(), check(fixture), "a script that builds the release and starts it where it runs ships nothing");
        fixture.with("build.sh", "#!/bin/sh\nMIX_ENV=prod mix release --overwrite\ntar czf shop.tar.gz _build/prod/rel/shop\n");
        assertEquals(1, check(fixture).size(), "a script that packages the release ships it somewhere");
    }

    @Test
    void mixExsCookieInAClusteredProjectIsReported() {
        List<Finding> findings = check(project(MIX));
        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals("GT019", finding.rule().id());
        assertEquals("\"shop-secret-cookie\"", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("libcluster"), finding.message());
        assertEquals(List.of(), finding.fixes());
    }

    @Test
    void envScriptDockerfileAndFlyTomlCookiesAreReported() {
        ProjectFixture fixture = project(withoutCookie(MIX))
                .with("rel/env.sh.eex", "#!/bin/sh\nexport RELEASE_DISTRIBUTION=name\nexport RELEASE_COOKIE=\"shop-cookie\"\n")
                .with("Dockerfile", """
                        FROM elixir:1.17 AS build
                        ENV MIX_ENV=prod
                        RUN mix release

                        FROM debian:bookworm-slim
                        ENV RELEASE_COOKIE=docker-cookie
                        COPY --from=build /app/_build/prod/rel/shop /app
                        CMD ["/app/bin/shop", "start"]
                        """)
                .with("fly.toml", FLY + "\n[env]\n  RELEASE_COOKIE = \"fly-cookie\"\n");
        List<String> covered = check(fixture).stream().map(ProjectFixture::covered).toList();
        assertEquals(List.of("RELEASE_COOKIE=\"shop-cookie\"", "docker-cookie", "fly-cookie"), covered);
    }

    @Test
    void aCookieInACommittedSecretIsReportedWithTheSecretsAdvice() {
        ProjectFixture fixture = project(withoutCookie(MIX)).with("k8s/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: shop
                stringData:
                  RELEASE_COOKIE: "k8s-cookie"
                """);
        List<Finding> findings = check(fixture);
        assertEquals(List.of("k8s-cookie"), findings.stream().map(ProjectFixture::covered).toList());
        assertTrue(findings.get(0).message().contains("Create the Secret outside the repository"),
                findings.get(0).message());
        assertFalse(findings.get(0).message().contains("Set RELEASE_COOKIE as a secret"), findings.get(0).message());
    }

    @Test
    void aCookieInADeploymentBesideMixExsIsReported() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  template:
                    spec:
                      containers:
                        - name: shop
                          env:
                            - name: RELEASE_COOKIE
                              value: "root-cookie"
                """;
        for (String name : List.of("deploy.yaml", "k8s.yml", "shop-deployment.yaml")) {
            List<Finding> findings = check(project(withoutCookie(MIX)).with(name, deployment));
            assertEquals(List.of("root-cookie"), findings.stream().map(ProjectFixture::covered).toList(), name);
        }
    }

    /** A release built in one stage and copied into the final one, whose start the test writes after. */
    private static final String RELEASE_IMAGE = """
            FROM elixir:1.17 AS build
            ENV MIX_ENV=prod
            RUN mix release

            FROM debian:bookworm-slim
            COPY --from=build /app/_build/prod/rel/shop /app
            """;

    @Test
    void aCookieTheImagesStartScriptExportsBeforeTheReleaseIsReported() {
        String dockerfile = RELEASE_IMAGE + "COPY container/prod-run.sh /run.sh\nCMD bash /run.sh\n";
        String script = "export NODE_NAME=\"${POD_IP}\" NODE_COOKIE=\"foobar\"\nexec /app/bin/shop start\n";
        ProjectFixture fixture = project(withoutCookie(MIX))
                .with("rel/env.sh.eex", "export RELEASE_COOKIE=$NODE_COOKIE\nexport RELEASE_NODE=shop@$NODE_NAME\n")
                .with("Dockerfile", dockerfile)
                .with("container/prod-run.sh", script);
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("NODE_COOKIE=\"foobar\"", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().contains("container/prod-run.sh (`NODE_COOKIE`, the cookie through "
                + "rel/env.sh.eex `RELEASE_COOKIE=$NODE_COOKIE`)"), findings.get(0).message());
        // A script the image does not start is no part of the deployment.
        assertEquals(List.of(), check(project(withoutCookie(MIX))
                .with("rel/env.sh.eex", "export RELEASE_COOKIE=$NODE_COOKIE\n")
                .with("Dockerfile", dockerfile.replace("CMD bash /run.sh", "CMD [\"/app/bin/shop\", \"start\"]"))
                .with("container/prod-run.sh", script)));
    }

    @Test
    void aLiteralFallbackOfTheCookieInTheReleasesOwnServerScriptIsReported() {
        String dockerfile = RELEASE_IMAGE + "CMD [\"/app/bin/server\"]\n";
        String server = "#!/bin/sh\nexport RELEASE_DISTRIBUTION=name\nexport RELEASE_NODE=\"shop@$(hostname -i)\"\n"
                + "export RELEASE_COOKIE=\"${RELEASE_COOKIE:-shop_cookie}\"\ncd -P -- \"$(dirname -- \"$0\")\"\n"
                + "PHX_SERVER=true exec ./shop start\n";
        ProjectFixture fixture = project(withoutCookie(MIX)).with("Dockerfile", dockerfile)
                .with("rel/overlays/bin/server", server);
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("rel/overlays/bin/server (the fallback of `RELEASE_COOKIE` "
                + "wherever the environment does not set it: a literal)"), findings.get(0).message());
        assertEquals(List.of(), check(fixture.with("rel/overlays/bin/server",
                server.replace("${RELEASE_COOKIE:-shop_cookie}", "${RELEASE_COOKIE:?set RELEASE_COOKIE}"))),
                "a cookie the environment must give");
    }

    @Test
    void distributionShownByNodeNameOrNodeConnectIsEnough() {
        assertEquals(1, check(project(withoutClustering(MIX))
                .with("rel/env.sh.eex", "export RELEASE_NODE=shop@127.0.0.1\n")).size());
        assertEquals(1, check(project(withoutClustering(MIX)).with("lib/shop/cluster.ex", """
                defmodule Shop.Cluster do
                  def join(node), do: Node.connect(node)
                end
                """)).size());
    }

    @Test
    void projectWithoutADeploymentInSightIsSilent() {
        ProjectFixture demo = new ProjectFixture(dir.resolve("demo")).with("mix.exs", MIX)
                .with("rel/env.sh.eex", "export RELEASE_NODE=\"demo_1@127.0.0.1\"\n");
        assertEquals(List.of(), check(demo));
        assertEquals(1, check(demo.with("k8s/deployment.yaml", "kind: Deployment\n")).size());
    }

    @Test
    void aSystemdUnitShippedWithTheReleaseShowsWhereItRuns() {
        ProjectFixture host = new ProjectFixture(dir.resolve("host")).with("mix.exs", withoutCookie(MIX))
                .with("rel/env.sh.eex", "export RELEASE_DISTRIBUTION=name\nexport RELEASE_COOKIE=backend-node\n");
        assertEquals(List.of(), check(host), "nothing shows where it runs");
        host.with("rel/overlays/shop.service", "[Service]\nExecStart=/opt/shop/bin/shop start\n");
        assertEquals(1, check(host).size(), "a systemd service on a host");
    }

    @Test
    void cookieWithoutDistributionIsSilent() {
        assertEquals(List.of(), check(project(withoutClustering(MIX))));
    }

    @Test
    void distributionTurnedOffIsSilent() {
        assertEquals(List.of(), check(project(MIX).with("rel/env.sh.eex", "export RELEASE_DISTRIBUTION=none\n")));
    }

    @Test
    void aNodeNameInABranchBesideOneThatTurnsDistributionOffProvesNothing() {
        String script = """
                if [ "$CONTAINER_MODE" = "true" ]; then
                  export RELEASE_DISTRIBUTION=none
                else
                  export RELEASE_DISTRIBUTION=sname
                  export RELEASE_NODE=<%= @release.name %>@${HOSTNAME:-localhost}
                fi
                export RELEASE_COOKIE=${RELEASE_COOKIE:-shop-cookie}
                """;
        assertEquals(List.of(), check(project(withoutClustering(withoutCookie(MIX))).with("rel/env.sh.eex", script)),
                "where it runs decides whether it is distributed");
        assertEquals(1, check(project(withoutCookie(MIX)).with("rel/env.sh.eex", script)).size(),
                "a clustering library still says it is");
    }

    @Test
    void cookiesReadFromTheEnvironmentAreSilent() {
        assertEquals(List.of(), check(project(MIX.replace("cookie: \"shop-secret-cookie\"",
                "cookie: System.get_env(\"RELEASE_COOKIE\")"))));
        assertEquals(List.of(), check(project(withoutCookie(MIX))
                .with("rel/env.sh.eex", "export RELEASE_COOKIE=\"${RELEASE_COOKIE:-}\"\n")
                .with("Dockerfile", "FROM elixir:1.17\nARG RELEASE_COOKIE\nENV RELEASE_COOKIE=$RELEASE_COOKIE\n"
                        + "CMD [\"mix\", \"phx.server\"]\n")));
    }

    @Test
    void cookieInADevelopmentImageIsSilent() {
        assertEquals(List.of(), check(project(withoutCookie(MIX)).with("Dockerfile.dev",
                "FROM elixir:1.17\nENV RELEASE_COOKIE=dev\nCMD [\"mix\", \"phx.server\"]\n")));
    }

    @Test
    void generatedLayoutsAreSilent() {
        for (String name : List.of("phx-release-clean", "phx18-release-clean")) {
            Workspace workspace = new Workspace(List.of(TestWorkspaces.root().resolve(name)));
            for (MixProject project : workspace.projects()) {
                assertEquals(List.of(), new RuleEngine(List.of(new ReleaseCookieCommittedRule())).analyze(project, workspace), name);
            }
        }
    }
}
