package dev.gotchals.docker;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.RecentTexts;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an instruction says is read once per text, and still lands where each instruction stands. */
class InstructionTextTest {
    private static final String RUN = "RUN MIX_ENV=prod mix release && sh -c \"mix phx.server\"";

    private static Dockerfile read(String text) {
        TextDocument document = TextDocument.of(text);
        return Dockerfile.read(new DocumentSnapshot(Path.of("/p/Dockerfile"), DocumentSnapshot.ON_DISK, document,
                SyntaxTree.parse(SourceLanguage.DOCKERFILE, document)));
    }

    private static Instruction run(Dockerfile dockerfile) {
        return dockerfile.finalStage().all("RUN").get(0);
    }

    @Test
    void commandsAskedOfTheTextAreMovedToWhereTheyStandOnlyWhenTheyPass() {
        Instruction run = run(read("FROM elixir AS build\nWORKDIR /app\nRUN apt-get update && mix ecto.migrate\n"));
        List<SimpleCommand> mix = run.runsWhere(SimpleCommand::isMix);
        assertEquals(1, mix.size());
        assertEquals(run.runs().get(1).start(), mix.get(0).start());
        assertEquals("mix ecto.migrate", mix.get(0).text());
        // The commands read for the text stand at offsets from the instruction's start.
        assertEquals(run.runs().get(1).start() - run.tree().startOffset(run.node()), run.runsByText().get(1).start());
    }

    @Test
    void theShellSeesTheCommandLineDockerJoins() {
        // Blanks and a carriage return after a continuing backslash, comment and empty lines inside the continuation:
        // Docker joins them away, so `compile, release` are tasks of the same `mix do`, not a command of their own.
        String text = "FROM elixir AS build\nRUN MIX_ENV=prod mix do deps.get, \\ \r\n  # then the release\n\n"
                + "  compile, \\\t\n  release\nCMD [\"bin/x\"]\n";
        List<SimpleCommand> commands = run(read(text)).runs();
        assertEquals(1, commands.size(), commands.toString());
        assertEquals("mix do deps.get, compile, release", commands.get(0).text());
        assertTrue(commands.get(0).runsMixTask("release"));
        assertEquals("prod", commands.get(0).assignments().get("MIX_ENV"));
        assertEquals(text.lastIndexOf("release\n"), commands.get(0).words().get(4).start(), "words keep their offsets");
    }

    @Test
    void settingsSayWhatTheVariablesSayAndAreSharedByInstructionsOfTheSameText() {
        String env = "ENV MIX_ENV=\"prod\" LANG=C.UTF-8";
        Instruction first = read("FROM elixir\n" + env + "\n").finalStage().all("ENV").get(0);
        Instruction moved = read("FROM elixir AS build\nWORKDIR /app\n" + env + "\n").finalStage().all("ENV").get(0);
        assertEquals(List.of(new Instruction.Setting("MIX_ENV", "prod"), new Instruction.Setting("LANG", "C.UTF-8")),
                moved.settings());
        assertEquals(moved.variables().stream().map(Instruction.Variable::name).toList(),
                moved.settings().stream().map(Instruction.Setting::name).toList());
        assertTrue(first.settings() == moved.settings(), "read once for the text");
        assertEquals(List.of(new Instruction.Setting("VERSION", null)),
                read("FROM elixir\nARG VERSION\n").finalStage().all("ARG").get(0).settings());
    }

    @Test
    void theSameTextIsReadOnceWhereverItStands() {
        Instruction first = run(read("FROM elixir\n" + RUN + "\n"));
        Instruction moved = run(read("FROM elixir AS build\n# the release\nWORKDIR /app\n" + RUN + "\n"));
        RecentTexts<List<String>> cache = new RecentTexts<>(100, 10_000);
        AtomicInteger reads = new AtomicInteger();
        Function<Instruction, List<String>> reader = instruction -> {
            reads.incrementAndGet();
            return instruction.runs().stream().map(SimpleCommand::text).toList();
        };

        List<String> once = first.readByText(cache, reader);
        assertEquals(once, moved.readByText(cache, reader));
        assertEquals(1, reads.get());
    }

    @Test
    void anInstructionOfATreeWithErrorsIsNotLookedUpByItsText() {
        String text = "FROM elixir\n" + RUN + "\nCOPY --from\n)(\n";
        Dockerfile broken = read(text);
        assertTrue(broken.file().tree().hasErrors(), "the test needs a tree with errors");
        RecentTexts<String> cache = new RecentTexts<>(100, 10_000);
        AtomicInteger reads = new AtomicInteger();
        Function<Instruction, String> reader = instruction -> {
            reads.incrementAndGet();
            return instruction.text();
        };

        run(broken).readByText(cache, reader);
        run(broken).readByText(cache, reader);
        assertEquals(1, reads.get(), "read once for its node");
        run(read(text)).readByText(cache, reader);
        assertEquals(2, reads.get(), "the same text in another tree with errors is read again");
        assertEquals(0, cache.size());
    }

    @Test
    void anInstructionThatAnEditOnlyMovesIsNotReadAgain() {
        String text = "FROM elixir AS build\nWORKDIR /app\nENV LANG=C.UTF-8\nENV MIX_ENV=prod\n" + RUN + "\n";
        TextDocument document = TextDocument.of(text);
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.DOCKERFILE, document);
        Instruction before = run(Dockerfile.read(new DocumentSnapshot(Path.of("/p/Dockerfile"), 1, document, tree)));
        RecentTexts<String> keepsNoText = new RecentTexts<>(100, 16);
        AtomicInteger reads = new AtomicInteger();
        Function<Instruction, String> reader = instruction -> {
            reads.incrementAndGet();
            return instruction.text();
        };
        before.readByText(keepsNoText, reader);

        TextDocument.Edited edit = document.withEdit(text.indexOf("/app"), text.indexOf("/app"), "/srv");
        TextDocument edited = edit.document();
        SyntaxTree reparsed = tree.reparse(edited, List.of(edit.edit()));
        Instruction moved = run(Dockerfile.read(new DocumentSnapshot(Path.of("/p/Dockerfile"), 2, edited, reparsed)));

        assertFalse(moved.node() == before.node(), "the test needs the RUN moved by the edit");
        assertEquals(before.text(), moved.readByText(keepsNoText, reader), "kept with its node");
        assertEquals(1, reads.get());
        assertEquals(edited.text().indexOf("RUN"), moved.tree().startOffset(moved.node()));
        assertEquals(List.of("mix release", "mix phx.server"), moved.runs().stream().map(SimpleCommand::text).toList());
    }

    @Test
    void commandsReadBeforeLandAtTheOffsetsOfTheirOwnInstruction() {
        run(read("FROM elixir\n" + RUN + "\n")).runs();
        String text = "FROM elixir AS build\n# the release\nWORKDIR /app\n" + RUN + "\n";
        Instruction moved = run(read(text));

        List<SimpleCommand> runs = moved.runs();
        assertEquals(List.of("mix release", "mix phx.server"), runs.stream().map(SimpleCommand::text).toList());
        assertEquals("MIX_ENV=prod mix release", text.substring(runs.get(0).start(), runs.get(0).end()));
        assertEquals("phx.server", text.substring(runs.get(1).words().get(1).start(), runs.get(1).words().get(1).end()));
        assertEquals("prod", runs.get(0).assignments().get("MIX_ENV"));
        assertEquals(runs.get(0).words().get(0).start(), moved.commandLine().get(0).words().get(0).start());
    }

    @Test
    void hashingAStageDoesNotReadItsInstructions() {
        Dockerfile dockerfile = read("FROM elixir AS build\n" + RUN + "\n");
        Stage stage = dockerfile.finalStage();
        List<Instruction> unreadable = new java.util.AbstractList<>() {
            @Override
            public Instruction get(int index) {
                return stage.instructions().get(index);
            }

            @Override
            public int size() {
                return stage.instructions().size();
            }

            @Override
            public int hashCode() {
                throw new AssertionError("hashed every instruction");
            }
        };
        Stage same = new Stage(stage.index(), stage.image(), stage.alias(), stage.from(), unreadable,
                stage.comments());

        assertEquals(stage.hashCode(), same.hashCode());
        assertEquals(stage, same);
        assertFalse(stage.equals(new Stage(1, stage.image(), stage.alias(), stage.from(), stage.instructions(),
                stage.comments())));
    }
}
