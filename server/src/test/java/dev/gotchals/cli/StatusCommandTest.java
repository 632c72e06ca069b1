package dev.gotchals.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusCommandTest {
    @TempDir
    Path temp;

    @Test
    void textListsTheProjectItsImageAndHowItStartsAndTheSettingsInForce() {
        Path workspace = CliRun.workspaces().resolve("configured");
        CliRun run = CliRun.in(workspace, "status");

        assertEquals(0, run.exit(), run.err());
        String text = run.out();
        assertTrue(text.startsWith("Gotcha LS "), text);
        assertTrue(text.contains("\nJava " + System.getProperty("java.version") + " ("), text);
        assertTrue(text.contains("\nProject ledger at " + workspace.toAbsolutePath().normalize()), text);
        assertTrue(text.contains("\n  release: Dockerfile runs `mix release`\n"), text);
        assertTrue(text.contains("\n  Elixir: 1.18 (from the image)\n"), text);
        assertTrue(text.contains("\n  runtime config the release reads: config/runtime.exs\n"), text);
        assertTrue(text.contains("\n  Dockerfile (production, builds the release, Elixir 1.18)\n"
                + "    starts with: CMD [\"/app/bin/server\"]\n"
                + "    release started by: /app/bin/server (through rel/overlays/bin/server)\n"), text);
        assertTrue(text.contains("\n  settings: .gotcha.exs\n"
                + "    ignored entry: unknown rule \"endpoint-not-serverd\" (`gotcha-ls rules` lists them)\n"
                + "    GT005: secret_keys: stripe_key\n"
                + "    GT006: severity info\n"
                + "    GT007: off\n"
                + "    exclude: lib/ledger/legacy/**\n"), text);
    }

    @Test
    void jsonCarriesTheSameFactsWithNullsForWhatIsAbsent() {
        Path workspace = CliRun.workspaces().resolve("naive-all-gotchas");
        CliRun run = CliRun.in(workspace, "status", "--format", "json");

        assertEquals(0, run.exit(), run.err());
        JsonObject status = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals("gotcha-ls", status.get("tool").getAsString());
        assertEquals(System.getProperty("java.version"), status.get("javaVersion").getAsString());
        JsonArray projects = status.getAsJsonArray("projects");
        assertEquals(1, projects.size());
        JsonObject project = projects.get(0).getAsJsonObject();
        assertEquals("market", project.get("app").getAsString());
        assertEquals("1.17", project.get("elixir").getAsString());
        assertEquals("image", project.get("elixirSource").getAsString());
        assertEquals("config/runtime.exs", project.get("runtimeConfig").getAsString());
        JsonObject image = project.getAsJsonArray("images").get(0).getAsJsonObject();
        assertEquals("Dockerfile", image.get("file").getAsString());
        assertEquals("CMD [\"/app/bin/market\", \"start\"]", image.get("start").getAsString());
        assertEquals("/app/bin/market start", image.get("releaseStart").getAsString());
        JsonObject fly = project.getAsJsonObject("fly");
        assertEquals("fly.toml", fly.get("file").getAsString());
        assertEquals("mix ecto.migrate", fly.get("releaseCommand").getAsString());
        assertTrue(project.get("procfile").isJsonNull(), "no Procfile");
        assertTrue(project.getAsJsonObject("settings").get("file").isJsonNull(), "no .gotcha.exs");
        assertEquals(0, project.getAsJsonObject("settings").getAsJsonObject("rules").size());
    }

    @Test
    void procfileProcessesAndAPathArgumentAreRead() throws IOException {
        Path app = temp.resolve("app");
        Files.createDirectories(app);
        Files.writeString(app.resolve("mix.exs"), """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, version: "0.1.0", elixir: "~> 1.15", deps: []]
                end
                """);
        Files.writeString(app.resolve("Procfile"), "web: mix phx.server\nrelease: mix ecto.migrate\n");

        CliRun run = CliRun.in(temp, "status", "app");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\n  Dockerfiles: none\n  Procfile:\n    web: mix phx.server\n"
                + "    release: mix ecto.migrate\n"), run.out());
        assertTrue(run.out().contains("\n  settings: no .gotcha.exs, every rule at its defaults\n"), run.out());
    }

    @Test
    void aWorkspaceWithoutMixProjectsSaysSo() {
        CliRun run = CliRun.in(temp, "status");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("\nNo Mix project found (a folder with a mix.exs).\n"), run.out());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, CliRun.in(temp, "status", "--format", "sarif").exit());
        assertEquals(2, CliRun.in(temp, "status", "--verbose").exit());
        assertEquals(2, CliRun.in(temp, "status", "a", "b").exit());
        CliRun missing = CliRun.in(temp, "status", "nowhere");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("not a folder"), missing.err());
    }
}
