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
    void anInstructionOfATreeWithErrorsIsReadAfresh() {
        Dockerfile broken = read("FROM elixir\n" + RUN + "\nCOPY --from\n)(\n");
        assertTrue(broken.file().tree().hasErrors(), "the test needs a tree with errors");
        RecentTexts<String> cache = new RecentTexts<>(100, 10_000);
        AtomicInteger reads = new AtomicInteger();
        Function<Instruction, String> reader = instruction -> {
            reads.incrementAndGet();
            return instruction.text();
        };

        run(broken).readByText(cache, reader);
        run(broken).readByText(cache, reader);
        assertEquals(2, reads.get());
        assertEquals(0, cache.size());
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
