package dev.gotchals.syntax;

import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long Dockerfile parsed in two halves must give the tree one parse of the whole gives, wherever the cut falls:
 * every cut {@link DockerfileHalves#cutNear} picks in the sample workspaces' Dockerfiles and in random ones (line
 * continuations, comment lines inside them, blank lines, trailing blanks, carriage returns, exec forms, errors) either
 * gives that tree or is refused.
 */
class DockerfileHalvesTest {
    private static final String[] LINES = {
            "FROM hexpm/elixir:1.17.3 AS builder", "RUN mix deps.get \\", "  && mix compile", "ENV A=1 \\", "  B=2",
            "# a comment", "# escape=`", "RUN echo a `", "", "  ", "COPY a b ", "COPY a b\t\r", "RUN echo \\ ",
            "CMD [\"/app/bin/server\", \"start\"]", "CMD [\"/app/bin/server\",", "  \"start\"]", "ARG X", "WORKDIR /app",
            "LABEL a=b \\", "RUN echo \"unclosed", "USER nobody", "HEALTHCHECK CMD curl -f http://localhost/ || exit 1",
            "EXPOSE 4000", "ENTRYPOINT [\"tini\", \"--\"]", "é"
    };

    @Test
    void everyCutOfTheSampleDockerfilesGivesTheWholeTreeOrIsRefused() throws IOException {
        List<Path> dockerfiles;
        try (Stream<Path> files = Files.walk(Path.of("..", "test-workspaces"))) {
            dockerfiles = files.filter(file -> file.getFileName().toString().startsWith("Dockerfile")).toList();
        }
        assertFalse(dockerfiles.isEmpty());
        int halved = 0;
        for (Path dockerfile : dockerfiles) {
            halved += checkEveryCut(Files.readString(dockerfile), dockerfile.toString());
        }
        assertTrue(halved > 0, "no sample Dockerfile was cut");
    }

    @Test
    void everyCutOfRandomDockerfilesGivesTheWholeTreeOrIsRefused() {
        Random random = new Random(Long.getLong("gotcha.fuzz.seed", 20260214L));
        int halved = 0;
        for (int file = 0; file < Integer.getInteger("gotcha.fuzz.sequences", 300); file++) {
            StringBuilder text = new StringBuilder();
            for (int line = random.nextInt(12); line >= 0; line--) {
                text.append(LINES[random.nextInt(LINES.length)]).append(random.nextInt(8) == 0 ? "\r\n" : "\n");
            }
            halved += checkEveryCut(text.toString(), "random file " + file);
        }
        assertTrue(halved > 0, "no random Dockerfile was cut");
    }

    @Test
    void aLongDockerfileIsParsedInHalves() {
        StringBuilder text = new StringBuilder("FROM hexpm/elixir:1.17.3 AS builder\n");
        for (int i = 0; text.length() < 2 * DockerfileHalves.MIN_BYTES; i++) {
            text.append("# step ").append(i).append("\nENV STEP_").append(i).append("=\"").append(i)
                    .append("\"\nRUN mkdir -p /app/").append(i).append(" \\\n  && echo ").append(i).append("\n\n");
        }
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(text.toString()));

        assertTrue(tree.isSpliced());
        assertFalse(tree.hasErrors());
        assertEquals(tree.copyWithoutReuse(), tree.root());
    }

    @Test
    void aShortDockerfileIsParsedWhole() {
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of("FROM alpine\nRUN echo hi\n"));

        assertFalse(tree.isSpliced());
    }

    /** Checks the cut picked from every line start of {@code text}; the number of cuts that were taken. */
    private static int checkEveryCut(String text, String name) {
        TextDocument document = TextDocument.of(text);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        SyntaxTree whole = SyntaxTree.parse(SourceLanguage.DOCKERFILE, document);
        assertFalse(whole.isSpliced(), name);
        List<Integer> cuts = new ArrayList<>();
        for (int at = 0; at < bytes.length; at++) {
            if (at == 0 || bytes[at - 1] == '\n') {
                int cut = DockerfileHalves.cutNear(bytes, at);
                if (cut > 0 && !cuts.contains(cut)) {
                    cuts.add(cut);
                }
            }
        }
        int taken = 0;
        for (int cut : cuts) {
            Node halves = DockerfileHalves.parse(document, cut);
            if (halves != null) {
                taken++;
                assertFalse(whole.hasErrors(), name + " cut at " + cut + " of a text with errors");
                assertEquals(whole.root(), halves, name + " cut at " + cut + ":\n" + text);
            }
        }
        assertNotNull(whole.root());
        return taken;
    }
}
