package dev.gotchals.edit;

import dev.gotchals.docker.Dockerfile;
import dev.gotchals.docker.Instruction;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Fix;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DockerfileEditsTest {
    private static DocumentSnapshot file(String text) {
        TextDocument document = TextDocument.of(text);
        return new DocumentSnapshot(Path.of("/p/Dockerfile"), DocumentSnapshot.ON_DISK, document,
                SyntaxTree.parse(SourceLanguage.DOCKERFILE, document));
    }

    /** The stage's instructions of a kind, in order. */
    private static List<Instruction> all(DocumentSnapshot file, String keyword) {
        return Dockerfile.read(file).stages().get(0).all(keyword);
    }

    private static String apply(DocumentSnapshot file, List<? extends Fix.Change> changes) {
        StringBuilder text = new StringBuilder(file.text().text());
        changes.stream().map(Fix.Edit.class::cast).sorted(Comparator.comparingInt(Fix.Edit::start).reversed())
                .forEach(edit -> text.replace(edit.start(), edit.end(), edit.newText()));
        return text.toString();
    }

    @Test
    void insertAboveGoesOverTheCommentsWithTheInstructionsIndentation() {
        DocumentSnapshot file = file("FROM elixir\n  RUN mix compile\n  # the release\n  RUN mix release\n");
        Instruction release = all(file, "RUN").get(1);
        assertEquals("FROM elixir\n  RUN mix compile\n  COPY assets assets\n  RUN mix assets.deploy\n"
                        + "  # the release\n  RUN mix release\n",
                apply(file, List.of(DockerfileEdits.insertAbove(file, release, List.of("COPY assets assets", "RUN mix assets.deploy")))));
    }

    @Test
    void insertAfterPutsTheLineBelowEvenAtTheEndOfTheFile() {
        DocumentSnapshot file = file("FROM elixir\nWORKDIR /app\nRUN mix release\n");
        Instruction workdir = all(file, "WORKDIR").get(0);
        assertEquals("FROM elixir\nWORKDIR /app\nENV MIX_ENV=\"prod\"\nRUN mix release\n",
                apply(file, List.of(DockerfileEdits.insertAfter(file, workdir, "ENV MIX_ENV=\"prod\""))));

        DocumentSnapshot unterminated = file("FROM elixir\nWORKDIR /app");
        assertEquals("FROM elixir\nWORKDIR /app\nENV A=1\n", apply(unterminated,
                List.of(DockerfileEdits.insertAfter(unterminated, all(unterminated, "WORKDIR").get(0), "ENV A=1"))));
    }

    @Test
    void moveAboveTakesTheCommentsAlongAndLeavesNoDoubleBlankLine() {
        DocumentSnapshot file = file("FROM elixir\nRUN mix release\n\n# assets\nRUN mix assets.deploy\n\nCMD [\"x\"]\n");
        List<Instruction> runs = all(file, "RUN");
        assertEquals("FROM elixir\n# assets\nRUN mix assets.deploy\nRUN mix release\n\nCMD [\"x\"]\n",
                apply(file, DockerfileEdits.moveAbove(file, runs.get(1), runs.get(0), List.of())));
    }

    @Test
    void chainBeforeFollowsTheLinesStyle() {
        for (String[] line : new String[][] {
                {"RUN mix compile && mix release\n", "RUN mix compile && mix assets.deploy && mix release\n"},
                {"RUN mix compile && \\\n    mix release\n", "RUN mix compile && \\\n    mix assets.deploy && \\\n    mix release\n"},
                {"RUN mix compile \\\n  && mix release\n", "RUN mix compile \\\n  && mix assets.deploy \\\n  && mix release\n"}}) {
            DocumentSnapshot file = file("FROM elixir\n" + line[0]);
            Instruction run = all(file, "RUN").get(0);
            assertEquals("FROM elixir\n" + line[1],
                    apply(file, List.of(DockerfileEdits.chainBefore(file, run.runs().get(1), "mix assets.deploy"))));
        }
    }

    @Test
    void removeCommandTakesItsOperatorAlongAndLeavesASingleCommandAlone() {
        DocumentSnapshot file = file("FROM elixir\nRUN mix release && mix phx.digest\nRUN mix phx.digest && mix release\n"
                + "RUN mix phx.digest\nRUN sh -c \"mix phx.digest && mix compile\" && mix release\n");
        List<Instruction> runs = all(file, "RUN");
        assertEquals("FROM elixir\nRUN mix release\nRUN mix phx.digest && mix release\nRUN mix phx.digest\n"
                        + "RUN sh -c \"mix phx.digest && mix compile\" && mix release\n",
                apply(file, List.of(DockerfileEdits.removeCommand(file, runs.get(0), runs.get(0).runs().get(1)))));
        assertEquals("FROM elixir\nRUN mix release && mix phx.digest\nRUN mix release\nRUN mix phx.digest\n"
                        + "RUN sh -c \"mix phx.digest && mix compile\" && mix release\n",
                apply(file, List.of(DockerfileEdits.removeCommand(file, runs.get(1), runs.get(1).runs().get(0)))));
        assertNull(DockerfileEdits.removeCommand(file, runs.get(2), runs.get(2).runs().get(0)));
        assertNull(DockerfileEdits.removeCommand(file, runs.get(3), runs.get(3).runs().get(0)));
    }
}
