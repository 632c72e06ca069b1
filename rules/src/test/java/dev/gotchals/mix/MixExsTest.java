package dev.gotchals.mix;

import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.elixir.Sources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixExsTest {
    private static final String PHOENIX_APP = """
            defmodule Shop.MixProject do
              use Mix.Project

              @version "0.1.0"

              def project do
                [
                  app: :shop,
                  version: @version,
                  elixir: "~> 1.14",
                  deps: deps(),
                  aliases: aliases(),
                  releases: releases()
                ]
              end

              def application do
                [mod: {Shop.Application, []}, extra_applications: [:logger]]
              end

              def cli, do: [preferred_envs: [release: :prod]]

              defp deps do
                [
                  {:phoenix, "~> 1.7.14"},
                  {:ecto_sql, "~> 3.10"},
                  {:postgrex, ">= 0.0.0"},
                  {:esbuild, "~> 0.8", runtime: Mix.env() == :dev},
                  {:tailwind, "~> 0.2", runtime: false},
                  {:floki, ">= 0.30.0", only: :test},
                  {:credo, "~> 1.7", only: [:dev, :test]},
                  {:shared, path: "../shared"}
                ]
              end

              defp aliases do
                [
                  setup: ["deps.get", "ecto.setup", "assets.setup"],
                  "ecto.setup": ["ecto.create", "ecto.migrate", "run priv/repo/seeds.exs"],
                  "assets.deploy": ["tailwind default --minify", "esbuild default --minify", "phx.digest"]
                ]
              end

              defp releases do
                [
                  shop: [
                    include_executables_for: [:unix],
                    steps: [:assemble, :tar],
                    runtime_config_path: "config/prod_runtime.exs",
                    cookie: "not-so-secret"
                  ]
                ]
              end
            end
            """;

    @Test
    void readsTheProjectThroughItsPrivateFunctions() {
        MixExs mix = Sources.mix(PHOENIX_APP);
        assertEquals("shop", mix.appName());
        assertEquals("Shop", mix.modulePrefix());
        assertNull(mix.appsPath());
        assertEquals("~> 1.14", mix.elixirRequirement());
        assertEquals(new ElixirVersion(1, 14), mix.elixirVersion());
        assertEquals("prod", mix.preferredEnv("release"));
    }

    @Test
    void codeCompiledOutOfSightIsToldFromTheCompilePathsOfEveryEnvironment() {
        assertFalse(Sources.mix(PHOENIX_APP).compilesCodeOutOfSight(), "lib/ alone when nothing is declared");
        String project = "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, elixirc_paths: %s]\n%s\nend\n";
        assertFalse(Sources.mix(project.formatted("elixirc_paths(Mix.env())",
                "  defp elixirc_paths(:test), do: [\"lib\", \"test/support\"]\n  defp elixirc_paths(_), do: [\"lib\"]")).compilesCodeOutOfSight());
        assertTrue(Sources.mix(project.formatted("elixirc_paths(Mix.env())",
                "  defp elixirc_paths(:test), do: [\"lib\", \"test/support\"]\n  defp elixirc_paths(_), do: [\"lib\", \"priv/tasks\"]")).compilesCodeOutOfSight());
        assertFalse(Sources.mix(project.formatted("[\"lib\", \"web\"]", "")).compilesCodeOutOfSight(),
                "Phoenix 1.2's web/ is read like lib/");
        assertTrue(Sources.mix(project.formatted("[\"lib\", \"web\", \"src\"]", "")).compilesCodeOutOfSight());
        assertTrue(Sources.mix(project.formatted("paths()", "  defp paths, do: [\"lib\"] ++ extra()")).compilesCodeOutOfSight(),
                "not literal: unknown");
    }

    @Test
    void depsKeepTheirOptions() {
        MixExs mix = Sources.mix(PHOENIX_APP);
        assertTrue(mix.depsComplete());
        assertEquals(List.of("phoenix", "ecto_sql", "postgrex", "esbuild", "tailwind", "floki", "credo", "shared"),
                mix.deps().stream().map(Dependency::name).toList());
        assertEquals(new Dependency("postgrex", ">= 0.0.0", null, List.of(), null, false), mix.dependency("postgrex"));
        assertNull(mix.dependency("esbuild").runtime(), "Mix.env() == :dev is not a literal");
        assertEquals(Boolean.FALSE, mix.dependency("tailwind").runtime());
        assertEquals(List.of("test"), mix.dependency("floki").only());
        assertFalse(mix.dependency("credo").includedIn("prod"));
        assertTrue(mix.dependency("credo").includedIn("dev"));
        assertEquals("../shared", mix.dependency("shared").path());
        assertNull(mix.dependency("shared").requirement());
    }

    @Test
    void aCommentAfterTheListIsNotWhatDepsReturns() {
        MixExs mix = MixExs.parse(java.nio.file.Path.of("mix.exs"), """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, deps: deps()]

                  defp deps do
                    [{:phoenix, "~> 1.2.0"},
                     {:exrm, "~> 1.0"},
                     {:credo, "~> 0.5", only: [:dev, :test]}] # Static code analysis
                    # more to come
                  end
                end
                """);
        assertTrue(mix.depsComplete());
        assertEquals(List.of("phoenix", "exrm", "credo"), mix.deps().stream().map(Dependency::name).toList());
    }

    @Test
    void aCommentInsideTheProjectListIsNoValue() {
        MixExs mix = MixExs.parse(java.nio.file.Path.of("mix.exs"), """
                defmodule RIG.MixProject do
                  use Mix.Project
                  def project do
                    version = "3.0.0"
                    [
                      # OTP app:
                      app: :rig,
                      version: version,
                      deps: [{:phoenix, "~> 1.7"}]
                    ]
                  end
                end
                """);
        assertEquals("rig", mix.appName());
        assertEquals(List.of("phoenix"), mix.deps().stream().map(Dependency::name).toList());
    }

    @Test
    void anUmbrellaRootTakesItsModulePrefixFromItsOwnModule() {
        MixExs umbrella = MixExs.parse(java.nio.file.Path.of("mix.exs"),
                "defmodule Metamorphic.Umbrella.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [apps_path: \"apps\", deps: []]\nend\n");
        assertEquals("Metamorphic", umbrella.modulePrefix());
    }

    @Test
    void commentsBetweenDepsLeaveTheListComplete() {
        MixExs mix = MixExs.parse(java.nio.file.Path.of("mix.exs"), """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, version: "0.1.0", deps: deps()]
                  defp deps do
                    [
                      {:ok, in_umbrella: true},
                      # Dev/Test dependencies
                      {:credo, "~> 1.3", only: [:dev]}
                    ]
                  end
                end
                """);
        assertTrue(mix.depsComplete());
        assertEquals(List.of("ok", "credo"), mix.deps().stream().map(Dependency::name).toList());
    }

    @Test
    void aliasesWithQuotedNames() {
        MixAliases aliases = Sources.mix(PHOENIX_APP).aliases();
        assertEquals(List.of("tailwind default --minify", "esbuild default --minify", "phx.digest"),
                aliases.steps("assets.deploy"));
        assertEquals(List.of("deps.get", "ecto.create", "ecto.migrate", "run", "assets.setup"),
                aliases.expand("setup").tasks());
    }

    @Test
    void aliasesJoinedWithPlusPlusAreRead() {
        MixAliases aliases = Sources.mix("""
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, aliases: aliases()]
                  defp aliases do
                    [test: ["ecto.create --quiet", "test"]] ++
                      ["assets.setup": ["esbuild.install --if-missing"], "assets.deploy": ["esbuild default", "phx.digest"]]
                  end
                end
                """).aliases();
        assertTrue(aliases.readable());
        assertEquals(List.of("esbuild", "phx.digest"), aliases.expand("assets.deploy").tasks());
        assertTrue(aliases.has("test"));
    }

    @Test
    void aliasesTheModelCannotReadMayDefineAnyAlias() {
        MixAliases aliases = Sources.mix("""
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, aliases: [test: ["test"]] ++ Shop.Build.aliases()]
                end
                """).aliases();
        assertFalse(aliases.readable());
        assertTrue(aliases.mayDefine("assets.deploy"));
        assertFalse(aliases.has("assets.deploy"));
        MixAliases none = Sources.mix("defmodule Shop.MixProject do\n  use Mix.Project\n"
                + "  def project, do: [app: :shop]\nend\n").aliases();
        assertTrue(none.readable());
        assertFalse(none.mayDefine("assets.deploy"));
    }

    @Test
    void releasesWithTheirOptions() {
        MixExs mix = Sources.mix(PHOENIX_APP);
        assertTrue(mix.declaresReleases());
        assertEquals("releases", mix.file().tree().text(mix.releasesKey()).replace(":", "").strip());
        Release release = mix.releases().get(0);
        assertEquals("shop", release.name());
        assertEquals(List.of("assemble", "tar"), release.atoms("steps"));
        assertEquals("config/prod_runtime.exs", release.string("runtime_config_path"));
        assertEquals("not-so-secret", release.string("cookie"));
        assertTrue(release.has("include_executables_for"));
        assertFalse(release.has("overlays"));
    }

    @Test
    void releasesWrittenAsNameAndOptionsTuples() {
        MixExs mix = Sources.mix("""
                defmodule Club.MixProject do
                  use Mix.Project
                  @app :club

                  def project, do: [app: @app, version: "0.1.0", releases: [{@app, release()}, {:other, [steps: [:assemble]]}]]

                  defp release, do: [cookie: "club-cookie", steps: [:assemble]]
                end
                """);
        assertEquals(List.of("club", "other"), mix.releases().stream().map(Release::name).toList());
        assertEquals("club-cookie", mix.releases().get(0).string("cookie"));
        assertEquals(List.of("assemble"), mix.releases().get(1).atoms("steps"));
    }

    @Test
    void valuesThatAreNotLiteralsAreUnknown() {
        MixExs mix = Sources.mix("""
                defmodule Tool.MixProject do
                  use Mix.Project

                  @app :tool

                  def project do
                    [app: @app, elixir: elixir_requirement(), deps: deps() ++ extra_deps(Mix.env()),
                     releases: [tool: [cookie: System.get_env("COOKIE")]]]
                  end

                  defp elixir_requirement, do: System.get_env("ELIXIR_REQ", "~> 1.15")
                  defp deps, do: [{:jason, "~> 1.4"}]
                  defp extra_deps(_env), do: []
                end
                """);
        assertEquals("tool", mix.appName(), "a module attribute set to a literal is read");
        assertNull(mix.elixirRequirement());
        assertNull(mix.elixirVersion());
        assertEquals(List.of("jason"), mix.deps().stream().map(Dependency::name).toList());
        assertFalse(mix.depsComplete(), "extra_deps(Mix.env()) is computed");
        assertNull(mix.releases().get(0).string("cookie"));
        assertTrue(mix.releases().get(0).has("cookie"));
        assertNull(mix.modulePrefix(), "no application/0");
    }

    @Test
    void umbrellaRootAndInUmbrellaDeps() {
        MixExs root = Sources.mix("""
                defmodule Acme.Umbrella.MixProject do
                  use Mix.Project
                  def project, do: [apps_path: "apps", version: "0.1.0", deps: []]
                end
                """);
        assertEquals("apps", root.appsPath());
        assertNull(root.appName());
        assertTrue(root.depsComplete());
        assertEquals(List.of(), root.deps());

        MixExs web = Sources.mix("""
                defmodule AcmeWeb.MixProject do
                  use Mix.Project
                  def project, do: [app: :acme_web, deps: [{:acme, in_umbrella: true}]]
                end
                """);
        assertTrue(web.dependency("acme").inUmbrella());
        assertNull(web.dependency("acme").path());
    }

    @Test
    void aFileWithoutAMixProjectDeclaresNothing() {
        MixExs mix = Sources.mix("IO.puts(:hello)\n");
        assertNull(mix.appName());
        assertFalse(mix.depsComplete());
        assertFalse(mix.declaresReleases());
        assertEquals(List.of(), mix.deps());
        assertFalse(MixExs.read(null).declaresReleases());
    }
}
