package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileTimeKeyAtRuntimeRuleTest {
    private static final String ENDPOINT = """
            defmodule ShopWeb.Endpoint do
              use Phoenix.Endpoint, otp_app: :shop
            end
            """;
    private static final String CONFIG = "import Config\nimport_config \"#{config_env()}.exs\"\n";

    @TempDir
    Path dir;

    private ProjectFixture project(String prod, String runtime) {
        return new ProjectFixture(dir).with("lib/shop_web/endpoint.ex", ENDPOINT).with("config/config.exs", CONFIG)
                .with("config/dev.exs", "import Config\n").with("config/test.exs", "import Config\n")
                .with("config/prod.exs", prod).with("config/runtime.exs", runtime);
    }

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new CompileTimeKeyAtRuntimeRule());
    }

    @Test
    void forceSslInTheRuntimeProdBlockIsReportedAndMovedToProdExs() {
        ProjectFixture fixture = project("import Config\n", """
                import Config

                if config_env() == :prod do
                  config :shop, ShopWeb.Endpoint,
                    force_ssl: [hsts: true],
                    secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                end
                """);
        List<Finding> findings = check(fixture);

        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("GT009", finding.rule().id());
        assertEquals("force_ssl: [hsts: true]", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("does not set it"), finding.message());
        Fix move = finding.fixes().get(0);
        assertFalse(move.safe(), "the setting starts to take effect");
        assertEquals("import Config\n\nconfig :shop, ShopWeb.Endpoint, force_ssl: [hsts: true]\n",
                ProjectFixture.afterFix(move, dir.resolve("config/prod.exs")));
        assertFalse(ProjectFixture.afterFix(move, dir.resolve("config/runtime.exs")).contains("force_ssl"));
    }

    @Test
    void aDistilleryProvidersFileIsRuntimeConfigToo() {
        // Elixir 1.8 has no runtime.exs of its own: only the provider's file is read at boot.
        ProjectFixture fixture = new ProjectFixture(dir).with("lib/shop_web/endpoint.ex", ENDPOINT)
                .with(".tool-versions", "elixir 1.8.1\nerlang 21.3\n")
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                        + "version: \"0.1.0\", deps: [{:phoenix, \"~> 1.4.8\"}, {:distillery, \"~> 2.0\"}]]\nend\n")
                .with("config/config.exs", "use Mix.Config\nimport_config \"#{Mix.env()}.exs\"\n")
                .with("config/prod.exs", "use Mix.Config\nconfig :shop, ShopWeb.Endpoint, server: true\n")
                .with("rel/config.exs", """
                        use Distillery.Releases.Config
                        environment :prod do
                          set config_providers: [{Distillery.Releases.Config.Providers.Elixir, ["${RELEASE_ROOT_DIR}/etc/config.exs"]}]
                          set overlays: [{:copy, "rel/config/config.exs", "etc/config.exs"}]
                        end
                        release :shop do
                          set applications: [:shop]
                        end
                        """)
                .with("rel/config/config.exs", """
                        use Mix.Config
                        config :shop, ShopWeb.Endpoint,
                          secret_key_base: System.get_env("SECRET_KEY_BASE"),
                          force_ssl: true
                        """);
        List<Finding> findings = check(fixture);
        assertEquals(List.of("force_ssl: true"), findings.stream().map(ProjectFixture::covered).toList());
        assertTrue(findings.get(0).message().contains("in rel/config/config.exs comes too late"), findings.get(0).message());

        fixture.with("config/prod.exs", "use Mix.Config\nconfig :shop, ShopWeb.Endpoint, server: true, force_ssl: true\n");
        assertEquals(List.of(), check(fixture), "build-time config compiles the endpoint with the same value");
    }

    @Test
    void everyCompileTimeKeyCountsAndAValueFromTheEnvironmentGetsNoFix() {
        ProjectFixture fixture = project("import Config\nconfig :shop, ShopWeb.Endpoint, debug_errors: false\n", """
                import Config
                config :shop, ShopWeb.Endpoint,
                  debug_errors: System.get_env("DEBUG_ERRORS") == "true",
                  code_reloader: false,
                  render_errors: [formats: [html: ShopWeb.ErrorHTML]],
                  check_origin: false
                """);
        List<Finding> findings = check(fixture);

        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("gives it `false` in config/prod.exs"), findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes());
        assertEquals(List.of(), findings.get(1).fixes(), "top-level runtime.exs also runs in dev and test");
    }

    @Test
    void theSameValueAsAtBuildTimeChangesNothing() {
        ProjectFixture fixture = project(
                "import Config\nconfig :shop, ShopWeb.Endpoint, force_ssl: [rewrite_on: [:x_forwarded_proto]]\n",
                "import Config\nconfig :shop, ShopWeb.Endpoint,\n  force_ssl: [rewrite_on: [ :x_forwarded_proto ]]\n");
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void aValueFalseInProdThroughABindingOfTheEnvironmentChangesNothingBeforePhoenix18() {
        String lock = "%{\n  \"phoenix\": {:hex, :phoenix, \"VERSION\", \"36617e\", [:mix], [], \"hexpm\", \"ba4dc1\"},\n}\n";
        ProjectFixture fixture = project("import Config\n", """
                import Config

                env = config_env()

                if env != :test do
                  config :shop, ShopWeb.Endpoint,
                    debug_errors: env == :dev,
                    code_reloader: false,
                    force_ssl: env == :prod
                end
                """).with("mix.lock", lock.replace("VERSION", "1.7.19"));
        assertEquals(List.of("force_ssl: env == :prod"), check(fixture).stream().map(ProjectFixture::covered).toList(),
                "Phoenix 1.7 compiles the endpoint without debug_errors and code_reloader, as the runtime config says");

        fixture.with("mix.lock", lock.replace("VERSION", "1.8.1"));
        assertEquals(3, check(fixture).size(), "Phoenix 1.8 refuses to boot: unset at compile time, false at boot");
    }

    @Test
    void devAndTestBranchesOfRuntimeExsAndOtherSubjectsAreSilent() {
        ProjectFixture fixture = project("import Config\n", """
                import Config
                if config_env() == :dev do
                  config :shop, ShopWeb.Endpoint, debug_errors: true
                end
                config :shop, Shop.Mailer, force_ssl: true
                config :shop, force_ssl: true
                """);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void generatedProjectsAreSilent() {
        assertEquals(List.of(), GeneratedSamples.check(new CompileTimeKeyAtRuntimeRule()));
    }
}
