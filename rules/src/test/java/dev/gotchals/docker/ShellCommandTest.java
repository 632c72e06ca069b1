package dev.gotchals.docker;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShellCommandTest {
    @Test
    void splitsAtOperatorsAndKeepsEachCommandsPlaceInTheLine() {
        String line = "MIX_ENV=prod mix assets.deploy && \\\n  mix release; echo 'done here' # comment";
        List<ShellCommand> commands = ShellCommand.split(line);

        assertEquals(3, commands.size());
        assertEquals(Map.of("MIX_ENV", "prod"), commands.get(0).assignments());
        assertTrue(commands.get(0).isMix("assets.deploy"));
        assertTrue(commands.get(1).isMix("release"));
        assertEquals(List.of("echo", "done here"), commands.get(2).words());
        assertEquals("MIX_ENV=prod mix assets.deploy", line.substring(commands.get(0).start(), commands.get(0).end()));
        assertEquals("mix release", line.substring(commands.get(1).start(), commands.get(1).end()));
        assertEquals("echo 'done here'", line.substring(commands.get(2).start(), commands.get(2).end()));
    }

    @Test
    void envAndExecPrefixesRunTheCommandAfterThem() {
        ShellCommand command = ShellCommand.split("exec env PHX_SERVER=true /app/bin/shop start").get(0);
        assertEquals("shop", command.program());
        assertEquals(Map.of("PHX_SERVER", "true"), command.assignments());
    }

    @Test
    void anUnclosedQuoteEndsTheCommandAtTheEndOfTheLine() {
        String line = "echo \"unclosed";
        ShellCommand command = ShellCommand.split(line).get(0);
        assertEquals(line.length(), command.end());
        assertEquals(-1, new ShellCommand(Map.of(), List.of("mix", "release")).start());
    }
}
