package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForceSslHealthRedirectRuleTest {
    private static final String ENDPOINT = """
            defmodule ShopWeb.Endpoint do
              use Phoenix.Endpoint, otp_app: :shop
            end
            """;
    private static final String CONFIG = """
            import Config

            config :shop, ShopWeb.Endpoint, url: [host: "localhost"]

            import_config "#{config_env()}.exs"
            """;
    private static final String FLY = """
            app = "shop"

            [http_service]
              internal_port = 8080
              force_https = true
            """;
    private static final String FLY_CHECK = FLY + """

            [[http_service.checks]]
              path = "/health"
            """;

    @TempDir
    Path dir;
    private Path root;

    private int projects;

    /** A project of its own folder: several per test must not see each other's files. */
    private ProjectFixture project(String prodExs) {
        root = dir.resolve("p" + projects++);
        return new ProjectFixture(root).with("lib/shop_web/endpoint.ex", ENDPOINT).with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\n\n" + prodExs);
    }

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new ForceSslHealthRedirectRule());
    }

    @Test
    void forceSslWithoutRewriteOnBehindFlysProxyLoopsAndIsFixed() {
        ProjectFixture fixture = project("config :shop, ShopWeb.Endpoint, force_ssl: [hsts: true]\n").with("fly.toml", FLY);
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals("GT018", finding.rule().id());
        assertEquals("[hsts: true]", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("redirect loop"), finding.message());
        Fix fix = finding.fixes().get(0);
        assertTrue(fix.safe());
        String fixed = ProjectFixture.afterFix(fix, root.resolve("config/prod.exs"));
        assertEquals("import Config\n\nconfig :shop, ShopWeb.Endpoint, force_ssl: [rewrite_on: [:x_forwarded_proto], hsts: true]\n",
                fixed);
        assertEquals(List.of(), check(fixture.with("config/prod.exs", fixed)));
    }

    @Test
    void kamalProxyTerminatesTlsAndChecksEachNewContainerOverPlainHttp() {
        String kamal = """
                service: shop
                image: acme/shop
                servers:
                  - 192.0.2.10
                proxy:
                  ssl: true
                  host: shop.example.com
                  healthcheck:
                    interval: 3
                    path: /login
                env:
                  clear:
                    PHX_HOST: shop.example.com
                """;
        ProjectFixture fixture = project("config :shop, ShopWeb.Endpoint, force_ssl: [hsts: true]\n")
                .with("config/deploy.yml", kamal);
        List<Finding> findings = check(fixture);
        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("but kamal-proxy"), findings.get(0).message());
        assertTrue(findings.get(1).message().contains("the health check /login (config/deploy.yml) requests the app "
                + "over plain HTTP"), findings.get(1).message());

        fixture.with("config/prod.exs", "import Config\n\nconfig :shop, ShopWeb.Endpoint, force_ssl: [rewrite_on: "
                + "[:x_forwarded_proto]]\n");
        assertEquals(1, check(fixture).size(), "the rewrite ends the loop, not the redirect of the check");
        assertTrue(check(fixture.with("config/deploy.yml", kamal.replace("    path: /login\n", "")))
                .get(0).message().contains("/up (config/deploy.yml)"), "kamal-proxy requests /up unless told otherwise");
        assertEquals(List.of(), check(fixture.with("config/deploy.yml", kamal.replaceAll("(?s)proxy:.*?env:", "env:"))),
                "Kamal 1 checks inside the container, on localhost, which Plug.SSL leaves alone");
    }

    @Test
    void emptyForceSslListGetsTheRewrite() {
        ProjectFixture fixture = project("config :shop, ShopWeb.Endpoint, force_ssl: []\n").with("fly.toml", FLY);
        Fix fix = check(fixture).get(0).fixes().get(0);
        assertEquals("import Config\n\nconfig :shop, ShopWeb.Endpoint, force_ssl: [rewrite_on: [:x_forwarded_proto]]\n",
                ProjectFixture.afterFix(fix, root.resolve("config/prod.exs")));
    }

    @Test
    void buildpackDeployIsAProxyToo() {
        ProjectFixture fixture = project("config :shop, ShopWeb.Endpoint, force_ssl: [hsts: true]\n")
                .with("elixir_buildpack.config", "elixir_version=1.15.7\n").with("Procfile", "web: mix phx.server\n");
        assertEquals(1, check(fixture).size());
    }

    @Test
    void flyHttpCheckWithoutExcludeGetsRedirected() {
        ProjectFixture fixture = project("config :shop, ShopWeb.Endpoint, force_ssl: [rewrite_on: [:x_forwarded_proto]]\n")
                .with("fly.toml", FLY_CHECK);
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("/health (fly.toml)"), findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes());
    }

    @Test
    void aKubernetesHttpGetProbeCountsTheRedirectToThePublicHostAsASuccess() {
        ProjectFixture fixture = project("config :shop, ShopWeb.Endpoint, force_ssl: [rewrite_on: [:x_forwarded_proto]]\n")
                .with("k8s/deployment.yaml", """
                        spec:
                          containers:
                            - name: shop
                              readinessProbe:
                                httpGet:
                                  path: /health
                                  port: 4000
                        """);
        assertEquals(List.of(), check(fixture), "force_ssl sends it to the endpoint's host, not the pod's: kubelet "
                + "counts a redirect to another host as a success");
    }

    @Test
    void anExclusionOfLoopbackHostsOnlyLetsNoPlatformCheckThrough() {
        String loopback = "config :shop, ShopWeb.Endpoint,\n  force_ssl: [rewrite_on: [:x_forwarded_proto], "
                + "exclude: [hosts: [\"localhost\", \"127.0.0.1\"]]]\n";
        List<Finding> findings = check(project(loopback).with("fly.toml", FLY_CHECK));
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("lets through only requests to localhost"), findings.get(0).message());
        assertEquals(1, check(project(loopback.replace("exclude: [hosts: [\"localhost\", \"127.0.0.1\"]]",
                "exclude: [\"localhost\"]")).with("fly.toml", FLY_CHECK)).size(), "Plug's older list of hosts");
        assertEquals(List.of(), check(project(loopback.replace("exclude: [hosts: [\"localhost\", \"127.0.0.1\"]]",
                "exclude: [paths: [\"/health\"], hosts: [\"localhost\"]]")).with("fly.toml", FLY_CHECK)),
                "a path exclusion may be the check's");
        assertEquals(List.of(), check(project(loopback.replace("\"127.0.0.1\"", "\"shop.internal\""))
                .with("fly.toml", FLY_CHECK)), "a host the rule cannot place may be the check's");
        assertEquals(List.of(), check(project(loopback.replace("\"127.0.0.1\"", "System.get_env(\"PHX_HOST\")"))
                .with("fly.toml", FLY_CHECK)), "a host read from the environment may be the check's");
    }

    @Test
    void probesThatSayHttpsOrAreExcludedAreSilent() {
        String rewrite = "config :shop, ShopWeb.Endpoint, force_ssl: [rewrite_on: [:x_forwarded_proto]]\n";
        assertEquals(List.of(), check(project(rewrite).with("fly.toml", FLY_CHECK
                + "  headers = { X-Forwarded-Proto = \"https\" }\n")));
        assertEquals(List.of(), check(project(rewrite).with("fly.toml", FLY_CHECK + "  protocol = \"https\"\n")));
        assertEquals(List.of(), check(project("config :shop, ShopWeb.Endpoint,\n"
                + "  force_ssl: [rewrite_on: [:x_forwarded_proto], exclude: {ShopWeb.Health, :excluded?, []}]\n")
                .with("fly.toml", FLY_CHECK)));
        assertEquals(List.of(), check(project(rewrite).with("k8s/deployment.yaml", """
                spec:
                  containers:
                    - name: shop
                      livenessProbe:
                        httpGet:
                          path: /health
                          port: 4000
                          httpHeaders:
                            - name: X-Forwarded-Proto
                              value: https
                """)));
    }

    @Test
    void dockerHealthcheckIsSilent() {
        ProjectFixture fixture = project("config :shop, ShopWeb.Endpoint, force_ssl: [rewrite_on: [:x_forwarded_proto]]\n")
                .with("Dockerfile", """
                        FROM elixir:1.17
                        HEALTHCHECK CMD curl -f http://localhost:4000/health || exit 1
                        CMD ["mix", "phx.server"]
                        """);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void noForceSslComputedOrSelfServedHttpsIsSilent() {
        assertEquals(List.of(), check(project("config :shop, ShopWeb.Endpoint, server: true\n").with("fly.toml", FLY_CHECK)));
        assertEquals(List.of(), check(project("config :shop, ShopWeb.Endpoint, force_ssl: Shop.Ssl.options()\n")
                .with("fly.toml", FLY_CHECK)));
        assertEquals(List.of(), check(project("config :shop, ShopWeb.Endpoint,\n  force_ssl: [hsts: true],\n"
                + "  https: [port: 443, keyfile: \"priv/key.pem\", certfile: \"priv/cert.pem\"]\n").with("fly.toml", FLY_CHECK)));
    }

    @Test
    void forceSslOnlyInRuntimeConfigIsLeftToTheCompileTimeRule() {
        ProjectFixture fixture = project("")
                .with("config/runtime.exs", "import Config\n\nif config_env() == :prod do\n"
                        + "  config :shop, ShopWeb.Endpoint, force_ssl: [hsts: true]\nend\n")
                .with("fly.toml", FLY);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void withoutProxyOrProbeItIsSilent() {
        assertEquals(List.of(), check(project("config :shop, ShopWeb.Endpoint, force_ssl: [hsts: true]\n")));
    }

    @Test
    void generatedLayoutsAreSilent() {
        for (String name : List.of("phx-release-clean", "phx18-release-clean")) {
            Workspace workspace = new Workspace(List.of(TestWorkspaces.root().resolve(name)));
            for (MixProject project : workspace.projects()) {
                assertEquals(List.of(), new RuleEngine(List.of(new ForceSslHealthRedirectRule())).analyze(project, workspace), name);
            }
        }
    }
}
