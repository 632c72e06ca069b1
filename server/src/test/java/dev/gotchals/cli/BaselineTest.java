package dev.gotchals.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineTest {
    private static final String DEBUG_LINE = "config :logger, level: :debug\n";

    @TempDir
    Path temp;
    private Path project;
    private Path prodExs;

    @BeforeEach
    void copyTheSample() throws IOException {
        project = TestCopies.copy("naive-debug-logging", temp);
        prodExs = project.resolve("config/prod.exs");
    }

    private CliRun check(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.in(project, all);
    }

    private void recordBaseline() {
        CliRun written = check("--write-baseline", "gotcha-baseline.json");
        assertEquals(0, written.exit(), written.err());
        assertEquals("", written.out());
        assertTrue(written.err().contains("recorded 1 finding in gotcha-baseline.json"), written.err());
    }

    @Test
    void roundTripHidesTodaysFindingsAndSaysHowMany() throws IOException {
        recordBaseline();
        String baseline = Files.readString(project.resolve("gotcha-baseline.json"));
        JsonObject document = JsonParser.parseString(baseline).getAsJsonObject();
        assertEquals(Baseline.VERSION, document.get("version").getAsInt());
        JsonObject entry = document.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals("GT007", entry.get("rule").getAsString());
        assertEquals("config/prod.exs", entry.get("file").getAsString());
        assertEquals(LineFingerprint.hash(DEBUG_LINE), entry.get("lineHash").getAsString());
        assertEquals(1, entry.get("count").getAsInt());

        CliRun hidden = check("--baseline", "gotcha-baseline.json", "--fail-on", "warning");
        assertEquals(0, hidden.exit(), hidden.err());
        assertEquals("", hidden.out());
        assertTrue(hidden.err().contains("1 finding hidden by the baseline gotcha-baseline.json"), hidden.err());

        // Writing again gives the same bytes: the file is deterministic.
        recordBaseline();
        assertEquals(baseline, Files.readString(project.resolve("gotcha-baseline.json")));
        // And a baseline is found from another working directory: its paths are relative to its own folder.
        CliRun fromAbove = CliRun.in(temp, "check", "--baseline", project.resolve("gotcha-baseline.json").toString(),
                "--fail-on", "warning", project.getFileName().toString());
        assertEquals(0, fromAbove.exit(), fromAbove.out() + fromAbove.err());
    }

    @Test
    void aLineMovedOrReindentedByEditsElsewhereStaysHidden() throws IOException {
        recordBaseline();
        String text = Files.readString(prodExs);
        Files.writeString(prodExs, "# a new comment\n# and another\n\n" + text.replace(DEBUG_LINE, "   config :logger,   level: :debug\n"));
        CliRun run = check("--baseline", "gotcha-baseline.json", "--fail-on", "warning");
        assertEquals(0, run.exit(), run.out());
        assertEquals("", run.out());
    }

    @Test
    void anEditedLineShowsAgain() throws IOException {
        recordBaseline();
        Files.writeString(prodExs, Files.readString(prodExs).replace(DEBUG_LINE, "config :logger, level: :debug # still\n"));
        CliRun run = check("--baseline", "gotcha-baseline.json", "--fail-on", "warning");
        assertEquals(1, run.exit());
        assertTrue(run.out().startsWith("config/prod.exs:19:24: warning [GT007]"), run.out());
        assertTrue(run.err().contains("0 findings hidden"), run.err());
    }

    @Test
    void aNewFindingShows() throws IOException {
        recordBaseline();
        // The blog signs its users in, so a committed key forges their sessions: an error, not information.
        Files.writeString(project.resolve("lib/blog_web/user_auth.ex"), "defmodule BlogWeb.UserAuth do\n"
                + "  def log_in(conn, user), do: Plug.Conn.put_session(conn, :user_id, user.id)\nend\n");
        Files.writeString(prodExs, Files.readString(prodExs) + "\nconfig :blog, BlogWeb.Endpoint,\n"
                + "  secret_key_base: \"pR0dK3yTh4tSh0uldN3v3rB3H3r3pR0dK3yTh4tSh0uldN3v3rB3H3r3pR0dK3yT\"\n");
        CliRun run = check("--baseline", "gotcha-baseline.json");
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().startsWith("config/prod.exs:25:20: error [GT005]"), run.out());
        assertEquals(1, run.out().lines().count(), run.out());
        assertTrue(run.err().contains("1 finding hidden"), run.err());
    }

    @Test
    void identicalFindingsAreCountedSoAnExtraOneShows() throws IOException {
        // Two equal GT005 lines in the baseline; a third, equal, line brings one back.
        String secret = "config :blog, BlogWeb.Endpoint, secret_key_base: \"pR0dK3yTh4tSh0uldN3v3rB3H3r3pR0dK3yTh4tSh0uldN3v3rB3H3r3pR0dK3yT\"\n";
        Path runtime = project.resolve("config/prod.exs");
        String original = Files.readString(runtime);
        Files.writeString(runtime, original + secret + secret);
        CliRun before = check("--rule", "GT005", "--fail-on", "never");
        assertEquals(2, before.out().lines().count(), before.out());
        recordBaselineOf("GT005", 2);
        Files.writeString(runtime, original + secret + secret + secret);
        CliRun run = check("--rule", "GT005", "--baseline", "gotcha-baseline.json");
        assertEquals(1, run.out().lines().count(), run.out());
        assertTrue(run.err().contains("2 findings hidden"), run.err());
    }

    private void recordBaselineOf(String rule, int count) throws IOException {
        assertEquals(0, check("--rule", rule, "--write-baseline", "gotcha-baseline.json").exit());
        JsonObject entry = JsonParser.parseString(Files.readString(project.resolve("gotcha-baseline.json")))
                .getAsJsonObject().getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals(count, entry.get("count").getAsInt());
    }

    @Test
    void aMissingOrMalformedBaselineIsAClearError() throws IOException {
        CliRun missing = check("--baseline", "nope.json");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no baseline file nope.json"), missing.err());
        assertEquals("", missing.out());

        for (String bad : new String[] {"{not json", "[]", "{\"findings\": []}", "{\"version\": 2, \"findings\": []}",
                "{\"version\": 1, \"findings\": [{\"rule\": \"GT007\"}]}",
                "{\"version\": 1, \"findings\": [{\"rule\": \"GT007\", \"file\": \"a\", \"lineHash\": \"b\", \"count\": 0}]}"}) {
            Files.writeString(project.resolve("bad.json"), bad);
            CliRun run = check("--baseline", "bad.json");
            assertEquals(2, run.exit(), bad);
            assertTrue(run.err().contains("bad.json is not a gotcha-ls baseline"), bad + " → " + run.err());
        }
    }
}
