package dev.gotchals.shell;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandWrappersTest {

    private static List<String> runs(String line) {
        return ShellScript.parse(line).commands().stream()
                .flatMap(command -> CommandWrappers.unwrap(command).stream()).map(SimpleCommand::text).toList();
    }

    @Test
    void seesThroughInitProcessesAndUserSwitches() {
        assertEquals(List.of("mix phx.server"), runs("tini -- mix phx.server"));
        assertEquals(List.of("/app/bin/server"), runs("/sbin/tini -s -g -- /app/bin/server"));
        assertEquals(List.of("mix ecto.migrate"), runs("gosu nobody mix ecto.migrate"));
        assertEquals(List.of("mix ecto.migrate"), runs("su-exec app:app mix ecto.migrate"));
        assertEquals(List.of("bin/app start"), runs("setpriv --reuid=1000 --init-groups bin/app start"));
        assertEquals(List.of("bin/app start"), runs("dumb-init exec bin/app start"));
    }

    @Test
    void runsTheScriptOfShShellAndSu() {
        assertEquals(List.of("mix ecto.migrate", "/app/bin/server"), runs("sh -c 'mix ecto.migrate && /app/bin/server'"));
        assertEquals(List.of("mix ecto.migrate"), runs("su -c \"mix ecto.migrate\" nobody"));
        assertEquals(List.of("mix run"), runs("bash -ec \"exec mix run\""));
    }

    @Test
    void elixirAndIexRunTheMixTaskTheirScriptNames() {
        assertEquals(List.of("mix phx.server"), runs("PORT=4000 elixir --name app@$POD_IP --cookie c -S mix phx.server"));
        assertEquals(List.of("mix phx.server"), runs("exec iex --sname app -S mix phx.server"));
        assertEquals(List.of("/usr/local/bin/mix run --no-halt"), runs("elixir -S /usr/local/bin/mix run --no-halt"));
        // A script of its own, or none: elixir itself is what runs.
        assertEquals(List.of("elixir -S script.exs"), runs("elixir -S script.exs"));
        assertEquals(List.of("elixir --name app@host run.exs"), runs("elixir --name app@host run.exs"));
    }

    @Test
    void envAssignmentsBelongToTheCommand() {
        SimpleCommand command = CommandWrappers.unwrap(ShellScript.parse("env PHX_SERVER=true /app/bin/app start")
                .commands().get(0)).get(0);
        assertEquals("true", command.assignments().get("PHX_SERVER"));
        assertEquals("/app/bin/app start", command.text());
    }

    @Test
    void innerScriptOffsetsPointIntoTheOuterText() {
        String line = "sh -c \"mix ecto.migrate && exec bin/server\"";
        SimpleCommand mix = CommandWrappers.unwrap(ShellScript.parse(line).commands().get(0)).get(0);
        assertEquals("mix", line.substring(mix.words().get(0).start(), mix.words().get(0).end()));
        assertTrue(mix.isMix("ecto.migrate"));
    }
}
