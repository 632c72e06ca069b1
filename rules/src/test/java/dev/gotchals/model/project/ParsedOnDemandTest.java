package dev.gotchals.model.project;

import dev.gotchals.model.config.ConfigProject;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The models that read lib/ look in a file's text before they parse it. Each question here is answered only by a
 * file written the least obvious way the question allows: were its text check to leave that file out, the answer
 * would change. A file of the project that holds nothing asked for is never parsed.
 */
class ParsedOnDemandTest {
    /** A module no question of these tests is about. */
    private static final String UNRELATED = """
            defmodule Shop.Unrelated do
              alias Shop.Repo
              def run(input), do: input + 1
            end
            """;

    @TempDir
    Path temp;
    private int projects;

    private ProjectContext project(String... pathsAndSources) {
        Map<String, String> files = new HashMap<>();
        files.put("lib/shop/unrelated.ex", UNRELATED);
        for (int i = 0; i < pathsAndSources.length; i += 2) {
            files.put(pathsAndSources[i], pathsAndSources[i + 1]);
        }
        return ConfigProject.open(temp.resolve("project" + projects++), files);
    }

    private static void assertUnrelatedNotParsed(ProjectContext project) {
        assertTrue(project.files(FileRole.ELIXIR_SOURCE).stream()
                .filter(file -> file.path().endsWith("lib/shop/unrelated.ex"))
                .noneMatch(file -> file.treeParsed()), "a file with nothing asked for is not parsed");
    }

    @Test
    void aRouterThatUsesItsWebModuleIsFound() {
        ProjectContext project = project("lib/shop_web/router.ex", """
                defmodule ShopWeb.Router do
                  use ShopWeb, :router
                  get "/health", ShopWeb.HealthController, :show
                end
                """, "lib/shop_web/endpoint.ex", """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop
                  plug ShopWeb.Router
                end
                """);
        PhoenixApp phoenix = ProjectModel.of(project).phoenix();
        assertEquals(List.of("ShopWeb.Router"), phoenix.routers().stream().map(r -> r.module().name()).toList());
        assertEquals(List.of("ShopWeb.Endpoint"), phoenix.endpoints().stream().map(e -> e.module().name()).toList());
        assertUnrelatedNotParsed(project);
    }

    @Test
    void aChildSpecStartingTheServerIsFound() {
        ProjectContext project = project("lib/shop/application.ex", """
                defmodule Shop.Application do
                  use Application
                  alias ShopWeb.Endpoint, as: Web
                  def start(_type, _args), do: Supervisor.start_link([{Web, server: true}], strategy: :one_for_one)
                end
                """);
        assertEquals(dev.gotchals.elixir.Truth.TRUE, ProjectModel.of(project).phoenix().childServer("ShopWeb.Endpoint"));
        assertUnrelatedNotParsed(project);
    }

    @Test
    void aRepoAndAMigrationAreFound() {
        ProjectContext project = project("lib/shop/repo.ex", """
                defmodule Shop.Repo do
                  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres
                end
                """);
        assertEquals(List.of("Shop.Repo"), ProjectModel.of(project).repos().defined().stream()
                .map(repo -> repo.module().name()).toList());
        assertUnrelatedNotParsed(project);
    }

    @Test
    void appEnvReadsOfEveryKindAreFound() {
        ProjectContext project = project("lib/shop/limits.ex", """
                defmodule Shop.Limits do
                  def max, do: :shop |> Application.fetch_env!(:max_items)
                end
                """, "lib/mix/tasks/seed.ex", """
                defmodule Mix do
                  defmodule Tasks.Seed do
                    def run(_), do: Application.get_env(:shop, :seed_count)
                  end
                end
                """, "lib/shop/names.ex", """
                defmodule Shop.Names do
                  def keys, do: [feature_flag: true]
                end
                """);
        AppEnvReads reads = AppEnvReads.of(project);
        assertEquals(List.of("seed_count", "max_items"), reads.reads().stream().map(AppEnvReads.Read::key).toList());
        assertTrue(reads.readOnlyByBuildTools("shop", "seed_count"), "read by a Mix task, nested under Mix");
        assertFalse(reads.readByNothing("shop", "feature_flag"), "a module names the key");
        assertTrue(reads.readByNothing("shop", "never_named"));
        assertUnrelatedNotParsed(project);
    }

    @Test
    void whatSignsWithTheKeyIsFoundByEachKindOfWord() {
        String endpoint = """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop
                end
                """;
        assertTrue(EndpointSessions.of(project("lib/shop_web/endpoint.ex", endpoint, "lib/shop/token.ex", """
                defmodule Shop.Tokens do
                  alias Phoenix.Token
                  def sign(data), do: Token.sign(ShopWeb.Endpoint, "salt", data)
                end
                """)).signsOutsideRequests("ShopWeb.Endpoint"), "an alias");
        assertTrue(EndpointSessions.of(project("lib/shop_web/endpoint.ex", endpoint, "lib/shop/key.ex", """
                defmodule Shop.Key do
                  def key, do: ShopWeb.Endpoint.config(:secret_key_base)
                end
                """)).signsOutsideRequests("ShopWeb.Endpoint"), "an atom");
        ProjectContext session = project("lib/shop_web/endpoint.ex", endpoint, "lib/shop_web/auth.ex", """
                defmodule ShopWeb.Auth do
                  import Plug.Conn
                  def log_in(conn, user), do: put_session(conn, :user_id, user.id)
                end
                """);
        assertTrue(EndpointSessions.of(session).knowsVisitors(), "a call");
        assertUnrelatedNotParsed(session);
    }

    @Test
    void aRemoteCallIsFoundWhateverTheCaseOfItsWord() {
        ProjectContext project = project("lib/shop/secrets.ex", """
                defmodule Shop.Secrets do
                  def token, do: System.get_env!("TOKEN")
                end
                """);
        assertEquals(1, RemoteCalls.of(project).find(FileRole.ELIXIR_SOURCE, "System", "get_env!").size());
        assertUnrelatedNotParsed(project);
    }
}
