package dev.gotchals.model.project;

import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.Sources;
import dev.gotchals.elixir.Truth;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatabaseReachTest {
    private static final String REPO = "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres\nend\n";
    private static final String HEALTH = """
            defmodule Shop.Health do
              alias Shop.Checks

              def shallow(conn), do: Plug.Conn.send_resp(conn, 200, format(:ok))
              def deep(conn), do: Checks.database() && conn
              def dynamic(conn, check), do: check.(conn)
              def by_mfa, do: Enum.map([{Checks, :database, []}], fn {m, f, a} -> {m, f, a} end)
              def by_apply, do: apply(Checks, :database, [])
              def by_variable(m, f), do: apply(m, f, [])
              def by_function(fun), do: apply(fun, [])

              defp format(status), do: to_string(status)
            end
            """;
    private static final String CHECKS = """
            defmodule Shop.Checks do
              def database, do: run("SELECT 1")
              defp run(sql), do: Ecto.Adapters.SQL.query(Shop.Repo, sql, [])
            end
            """;

    /** A health GenServer that runs its checks on a timer and caches the results in its ETS table. */
    private static final String MONITOR = """
            defmodule Shop.Monitor do
              use GenServer
              require Logger

              def ready?, do: :ets.lookup(:monitor, {__MODULE__, :ready}) == [{{__MODULE__, :ready}, :ok}]
              def status, do: GenServer.call(__MODULE__, :status)

              def init(state), do: {:ok, state}
              def handle_call(:status, _from, state), do: {:reply, state, state}
              def handle_info(:tick, state) do
                :ets.insert(:monitor, {{__MODULE__, :ready}, Shop.Checks.database()})
                {:noreply, state}
              end
            end
            """;
    /** A module that is no process names itself only to describe itself. */
    private static final String VERSION = """
            defmodule Shop.Version do
              def describe, do: inspect(__MODULE__) <> " " <> Application.spec(:shop, :vsn)
              def migrated?, do: Shop.Checks.database()
            end
            """;

    private static Truth reach(String function) {
        return reach("Shop.Health", function);
    }

    private static Truth reach(String module, String function) {
        ModuleIndex index = Sources.index("lib/shop/repo.ex", REPO, "lib/shop/health.ex", HEALTH,
                "lib/shop/checks.ex", CHECKS, "lib/shop/monitor.ex", MONITOR, "lib/shop/version.ex", VERSION);
        EctoRepos repos = EctoRepos.read(index, List.of(), List.of());
        ModuleIndex.Module start = index.find(module);
        return DatabaseReach.of(index, repos, start, start.clauses(function).get(0).runs());
    }

    @Test
    void countsWhatTheCallbacksOfAProcessDoWhenItsCodeAsksItsOwnProcess() {
        assertEquals(Truth.TRUE, reach("Shop.Monitor", "ready?"));
        assertEquals(Truth.TRUE, reach("Shop.Monitor", "status"));
        assertEquals(Truth.FALSE, reach("Shop.Version", "describe"));
    }

    @Test
    void followsHelpersAcrossModules() {
        assertEquals(Truth.TRUE, reach("deep"));
        assertEquals(Truth.FALSE, reach("shallow"));
        assertEquals(Truth.UNKNOWN, reach("dynamic"));
    }

    @Test
    void followsFunctionsNamedByMfaTuplesAndApply() {
        assertEquals(Truth.TRUE, reach("by_mfa"));
        assertEquals(Truth.TRUE, reach("by_apply"));
        assertEquals(Truth.UNKNOWN, reach("by_variable"));
        assertEquals(Truth.UNKNOWN, reach("by_function"));
    }
}
