package dev.gotchals.shell;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShellScriptTest {

    @Test
    void findsCommandsInsideIfChainsAndLoops() {
        // `[ … ]` is a test expression, not a simple command.
        ShellScript script = ShellScript.parse("""
                #!/bin/sh
                set -e
                if [ -n "$MIGRATE" ]; then
                  mix ecto.migrate && echo done
                fi
                while false; do mix run; done
                """);
        assertEquals(List.of("set -e", "mix ecto.migrate", "echo done", "false", "mix run"),
                script.commands().stream().map(SimpleCommand::text).toList());
    }

    @Test
    void runsSeesThroughWrappersAndCarriesTheScriptsVariables() {
        ShellScript script = ShellScript.parse("export PHX_SERVER=true\nexec tini -- sh -c 'mix ecto.migrate && ./app start'\n");
        List<SimpleCommand> runs = script.runs();
        assertEquals(List.of("mix ecto.migrate", "./app start"), runs.stream().map(SimpleCommand::text).toList());
        assertEquals("true", runs.get(1).assignments().get("PHX_SERVER"));
    }

    @Test
    void exportsAndAssignmentsSetVariablesForLaterCommands() {
        String text = "export PHX_SERVER=true\nRELEASE_NODE=app\nexec ./app start\n";
        ShellScript script = ShellScript.parse(text);
        SimpleCommand start = script.commands().get(0);
        assertEquals(Map.of("PHX_SERVER", "true", "RELEASE_NODE", "app"), script.variablesBefore(start.start()));
        assertEquals("true", script.withVariablesBefore(start).assignments().get("PHX_SERVER"));
    }

    @Test
    void aCommandSubstitutedIntoAnAssignmentRunsToo() {
        ShellScript script = ShellScript.parse("export SECRET_KEY_BASE=$(mix phx.gen.secret)\nKEY=`mix run -e 1`\n"
                + "exec ./app start\n");
        assertEquals(List.of("mix phx.gen.secret", "mix run -e 1", "./app start"), script.runs().stream()
                .map(command -> String.join(" ", command.words().stream().map(Word::text).toList())).toList());
        assertEquals("$(mix phx.gen.secret)", script.assignments().get(0).value());
    }

    @Test
    void prefixAssignmentsAndQuotesAreRead() {
        SimpleCommand command = ShellScript.parse("MIX_ENV=prod mix 'ecto.migrate' \"$@\"").commands().get(0);
        assertEquals(Map.of("MIX_ENV", "prod"), command.assignments());
        assertEquals(List.of("mix", "ecto.migrate", "$@"), command.words().stream().map(Word::text).toList());
        assertEquals(0, command.start());
    }

    @Test
    void theSameTextParsedAgainElsewhereGetsItsOwnOffsets() {
        String text = "FOO=1 mix release && cp a b";
        ShellScript first = ShellScript.parse(text, 100);
        ShellScript again = ShellScript.parse(text, 7);

        assertEquals(first.commands().stream().map(SimpleCommand::text).toList(),
                again.commands().stream().map(SimpleCommand::text).toList());
        for (int i = 0; i < first.commands().size(); i++) {
            SimpleCommand there = first.commands().get(i);
            SimpleCommand here = again.commands().get(i);
            assertEquals(there.start() - 93, here.start());
            assertEquals(there.end() - 93, here.end());
            assertEquals(there.words().stream().map(word -> word.start() - 93).toList(),
                    here.words().stream().map(Word::start).toList());
        }
        assertEquals(first.variablesBefore(200), again.variablesBefore(200));
        assertEquals(List.of("mix release", "cp a b"), ShellScript.parse(text).commands().stream()
                .map(SimpleCommand::text).toList());
        assertEquals(6, ShellScript.parse(text).commands().get(0).words().get(0).start());
    }

    @Test
    void offsetsAreRelativeToTheGivenBase() {
        SimpleCommand command = ShellScript.parse("mix run", 10).commands().get(0);
        assertEquals(10, command.words().get(0).start());
        assertEquals(17, command.end());
    }

    @Test
    void brokenTextNestedTooDeepForTheGrammarIsUnreadableInsteadOfParsedForMinutes() {
        String nested = "if config_env() == :prod do\n".repeat(6000) + "mix release\n" + "end\n".repeat(6000);
        ShellScript script = ShellScript.parse(nested);
        assertFalse(script.readable());
        assertTrue(script.commands().isEmpty());
        assertTrue(ShellScript.parse("mix release").readable());
    }

    @Test
    void aScriptFedToSshOrAShellOnItsInputIsRunToo() {
        String text = """
                ssh -A deploy@build.example.com << EOF
                  cd /srv/app
                  MIX_ENV=prod mix release && scp rel/app.tar.gz deploy@web.example.com:~
                EOF
                cat <<EOF > notes.txt
                mix release
                EOF
                """;
        List<SimpleCommand> commands = ShellScript.parse(text).commands();
        assertEquals(List.of("ssh", "cd", "mix", "scp", "cat"), commands.stream().map(SimpleCommand::program).toList(),
                "a heredoc that `cat` writes to a file runs nothing");
        SimpleCommand release = commands.get(2);
        assertEquals(Map.of("MIX_ENV", "prod"), release.assignments());
        assertEquals("mix", text.substring(release.words().get(0).start(), release.words().get(0).end()));
    }

    @Test
    void aCommandGivenToSshRunsOnTheRemoteHost() {
        List<SimpleCommand> runs = ShellScript.parse(
                "ssh -p 2222 -o StrictHostKeyChecking=no deploy@host 'cd app && bin/app eval \"App.Release.migrate\"'\n"
                + "ssh -i key.pem deploy@host\n").runs();
        assertEquals(List.of("cd", "app", "ssh"), runs.stream().map(SimpleCommand::program).toList(),
                "an ssh without a command opens a shell: it stays itself");
        assertEquals("App.Release.migrate", runs.get(1).word(2));
    }

    @Test
    void sshOptionsWrittenAfterTheHostAreOptionsToo() {
        ShellScript script = ShellScript.parse("ssh apps@203.0.113.7 -p 5123 \"cd shop/\n  MIX_ENV=prod mix release\"\n"
                + "ssh -p 22 deploy@host\n");
        assertEquals(List.of("cd", "mix", "ssh"), script.runs().stream().map(SimpleCommand::program).toList(),
                "OpenSSH takes `-p 5123` after the host: the quoted script is the remote command");
        assertEquals(Map.of("MIX_ENV", "prod"), script.runs().get(1).assignments());
        assertTrue(CommandWrappers.runsOnAnotherHost(script.commands().get(0)));
        assertFalse(CommandWrappers.runsOnAnotherHost(script.commands().get(1)), "a login shell runs nothing here");
    }

    @Test
    void branchesOnTheFirstArgumentSayWhichWordTheirCommandsNeed() {
        String text = """
                #!/bin/sh
                if [ "$1" = 'mix' ]; then
                  mix do deps.get, deps.compile
                  exec mix "$2"
                elif [[ $1 == release ]]; then
                  exec /app/bin/shop start
                elif [ "$1" != 'other' ]; then
                  echo not-tested
                else
                  echo fallback
                fi
                case "$1" in
                  migrate) /app/bin/shop eval Shop.Release.migrate ;;
                  *) exec "$@" ;;
                esac
                echo always
                """;
        ShellScript script = ShellScript.parse(text, 10);
        List<String> needs = script.commands().stream()
                .map(command -> command.words().get(0).text() + "=" + script.firstArgumentFor(command)).toList();
        assertEquals(List.of("mix=mix", "exec=mix", "exec=release", "echo=null", "echo=null", "/app/bin/shop=migrate",
                "exec=null", "echo=null"), needs);
    }
}
