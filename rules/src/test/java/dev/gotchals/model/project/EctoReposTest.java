package dev.gotchals.model.project;

import dev.gotchals.elixir.Sources;
import dev.gotchals.elixir.Truth;
import dev.gotchals.mix.MixExs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EctoReposTest {
    private static final String REPO = """
            defmodule Shop.Repo do
              use Ecto.Repo,
                otp_app: :shop,
                adapter: Ecto.Adapters.Postgres
            end
            """;

    private static MixExs mixWithDeps(String deps) {
        return Sources.mix("defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, deps: "
                + deps + "]\nend\n");
    }

    private static EctoRepos repos(String deps, String... sources) {
        return EctoRepos.read(Sources.index(sources), List.of(mixWithDeps(deps)), List.of());
    }

    @Test
    void aRepoWithAnAdapterDependencyUsesADatabase() {
        EctoRepos repos = repos("[{:ecto_sql, \"~> 3.10\"}, {:postgrex, \">= 0.0.0\"}]", "lib/shop/repo.ex", REPO);
        assertTrue(repos.usesDatabase());
        assertEquals(Truth.TRUE, repos.adapterDependency());
        EctoRepos.Repo repo = repos.defined().get(0);
        assertEquals("Shop.Repo", repo.module().name());
        assertEquals("shop", repo.otpApp());
        assertEquals("Ecto.Adapters.Postgres", repo.adapter());
        assertEquals("Shop.Repo", repos.main("Shop"));
        assertTrue(repos.isDatabaseModule("Shop.Repo"));
        assertTrue(repos.isDatabaseModule("Ecto.Adapters.SQL"));
        assertFalse(repos.isDatabaseModule("Shop.Accounts"));
    }

    @Test
    void aRepoWithoutAnAdapterDependencyDoesNot() {
        EctoRepos repos = repos("[{:ecto_sql, \"~> 3.10\"}]", "lib/shop/repo.ex", REPO);
        assertEquals(Truth.FALSE, repos.adapterDependency());
        assertFalse(repos.usesDatabase());
    }

    @Test
    void ectoForChangesetsOnlyDoesNot() {
        EctoRepos repos = repos("[{:ecto, \"~> 3.10\"}, {:postgrex, \">= 0.0.0\"}]", "lib/shop/user.ex",
                "defmodule Shop.User do\n  use Ecto.Schema\n  embedded_schema do\n    field :name, :string\n  end\nend\n");
        assertFalse(repos.usesDatabase());
        assertNull(repos.main("Shop"));
    }

    @Test
    void computedDepsOrPathDepsLeaveTheAdapterUnknown() {
        assertEquals(Truth.UNKNOWN, repos("deps()", "lib/shop/repo.ex", REPO).adapterDependency());
        EctoRepos throughPath = repos("[{:core, path: \"../core\"}]", "lib/shop/repo.ex", REPO);
        assertEquals(Truth.UNKNOWN, throughPath.adapterDependency());
        assertTrue(throughPath.usesDatabase(), "an adapter that cannot be ruled out");
    }

    @Test
    void anAshDataLayersRepoIsARepoWithItsAdapter() {
        String ash = "defmodule Shop.Repo do\n  use AshSqlite.Repo, otp_app: :shop\nend\n";
        EctoRepos sqlite = repos("[{:ash_sqlite, \"~> 0.2\"}, {:ecto_sqlite3, \">= 0.0.0\"}]", "lib/shop/repo.ex", ash);
        assertEquals("Shop.Repo", sqlite.defined().get(0).module().name());
        assertEquals("shop", sqlite.defined().get(0).otpApp());
        assertTrue(sqlite.embedded());
        EctoRepos postgres = repos("[{:ash_postgres, \"~> 2.0\"}, {:postgrex, \">= 0.0.0\"}]", "lib/shop/repo.ex",
                ash.replace("AshSqlite", "AshPostgres"));
        assertEquals("Ecto.Adapters.Postgres", postgres.defined().get(0).adapter());
        assertFalse(postgres.embedded());
    }

    @Test
    void sqliteReposKeepTheirDatabaseInsideTheInstance() {
        String deps = "[{:ecto_sqlite3, \">= 0.0.0\"}]";
        assertTrue(repos(deps, "lib/shop/repo.ex", REPO.replace("Postgres", "SQLite3")).embedded());
        assertFalse(repos(deps, "lib/shop/repo.ex", REPO).embedded());
        assertFalse(repos(deps, "lib/shop/repo.ex", REPO.replace("Postgres", "SQLite3"), "lib/shop/other_repo.ex",
                REPO.replace("Shop.Repo", "Shop.OtherRepo")).embedded(), "one repo over the network");
        assertTrue(repos(deps, "lib/shop/repo.ex", REPO).isDatabaseModule("Phoenix.Ecto.CheckRepoStatus"));
        assertFalse(repos(deps, "lib/shop/repo.ex", "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop\nend\n")
                .embedded(), "Ecto 2 names the adapter in config, not in the repo: not known to be embedded");
    }

    @Test
    void eachRepoSaysWhetherItIsEmbedded() {
        EctoRepos repos = repos("[{:ecto_sqlite3, \"~> 0.12\"}, {:postgrex, \">= 0.0.0\"}]", "lib/shop/repo.ex", REPO,
                "lib/shop/cache.ex", REPO.replace("Shop.Repo", "Shop.Cache").replace("Ecto.Adapters.Postgres", "Ecto.Adapters.SQLite3"));
        assertEquals(List.of(false, true), repos.defined().stream().map(EctoRepos::embedded).toList());
        assertFalse(repos.embedded());
    }
}
