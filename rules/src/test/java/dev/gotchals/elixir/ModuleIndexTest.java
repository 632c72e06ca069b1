package dev.gotchals.elixir;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleIndexTest {
    private static final String RELEASE = """
            defmodule Shop.Release do
              @app :shop
              alias Ecto.{Migrator}

              def migrate do
                for repo <- repos(), do: {:ok, _, _} = Migrator.with_repo(repo, &Migrator.run(&1, :up, all: true))
              end

              def rollback(repo, version), do: Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :down, to: version))

              defp repos, do: Application.fetch_env!(@app, :ecto_repos)
            end
            """;

    @Test
    void findsPublicFunctionsByArity() {
        ModuleIndex index = Sources.index("lib/shop/release.ex", RELEASE);
        assertTrue(index.definesPublic("Shop.Release", "migrate", 0));
        assertTrue(index.definesPublic("Shop.Release", "rollback", 2));
        assertTrue(index.definesPublic("Shop.Release", "rollback", -1));
        assertFalse(index.definesPublic("Shop.Release", "rollback", 0));
        assertFalse(index.definesPublic("Shop.Release", "repos", 0), "private");
        assertFalse(index.definesPublic("Shop.Missing", "migrate", 0));
    }

    @Test
    void parametersWithDefaultsMayBeLeftOut() {
        ModuleIndex index = Sources.index("lib/shop/release.ex",
                "defmodule Shop.Release do\n  def migrate(opts \\\\ []), do: opts\n  def seed(dir, quiet \\\\ false), do: {dir, quiet}\nend\n");
        assertTrue(index.definesPublic("Shop.Release", "migrate", 0));
        assertTrue(index.definesPublic("Shop.Release", "migrate", 1));
        assertTrue(index.definesPublic("Shop.Release", "seed", 1));
        assertFalse(index.definesPublic("Shop.Release", "seed", 0));
        assertFalse(index.definesPublic("Shop.Release", "seed", 3));
    }

    @Test
    void nestedModulesAliasesAndAttributes() {
        ModuleIndex index = Sources.index("lib/shop.ex", """
                defmodule Shop do
                  alias Shop.Accounts.User, as: Member
                  import Plug.Conn
                  @path "/health"

                  defmodule Inner do
                    def ping, do: :pong
                  end
                end
                """);
        ModuleIndex.Module shop = index.find("Shop");
        assertEquals("Shop.Accounts.User.Admin", shop.resolve("Member.Admin"));
        assertEquals("Shop.Inner", shop.resolve("__MODULE__.Inner"));
        assertEquals(List.of("Plug.Conn"), shop.imports());
        assertNotNull(shop.attribute("path"));
        assertTrue(index.definesPublic("Shop.Inner", "ping", 0));
        assertEquals("Inner", index.find("Shop.Inner").shortName());
    }

    @Test
    void migratorCallersThroughAnyAlias() {
        ModuleIndex index = Sources.index(
                "lib/shop/release.ex", RELEASE,
                "lib/shop/tasks.ex", "defmodule Shop.Tasks do\n  # later: call Ecto.Migrator here\n  def migrate, do: :ok\nend\n",
                "lib/shop/other.ex", "defmodule Shop.Other do\n  alias Ecto.Migrator, as: M\n  def up, do: M.run(Shop.Repo, :up)\nend\n");
        assertEquals(List.of("Shop.Release", "Shop.Other"),
                index.migratorCallers().stream().map(ModuleIndex.Module::name).toList());
    }

    @Test
    void aModuleNamedByAnAtomIsAModule() {
        // Distillery's custom commands call an Erlang-style module: `bin/shop command shop_tasks migrate!`.
        ModuleIndex index = Sources.index("lib/tasks/tasks.ex", """
                defmodule :shop_tasks do
                  def migrate!, do: Ecto.Migrator.run(Shop.Repo, "priv/repo/migrations", :up, all: true)
                end
                """);
        assertEquals(List.of(":shop_tasks"), index.migratorCallers().stream().map(ModuleIndex.Module::name).toList());
        assertTrue(index.definesPublic(":shop_tasks", "migrate!", 0));
    }
}
