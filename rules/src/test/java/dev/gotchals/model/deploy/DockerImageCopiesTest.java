package dev.gotchals.model.deploy;

import dev.gotchals.docker.Dockerfile;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class DockerImageCopiesTest {
    private static DockerImage image(String text) {
        TextDocument document = TextDocument.of(text);
        return new DockerImage(Dockerfile.read(new DocumentSnapshot(Path.of("/p/Dockerfile"), DocumentSnapshot.ON_DISK,
                document, SyntaxTree.parse(SourceLanguage.DOCKERFILE, document))));
    }

    @Test
    void copiesBeforeTheReleaseLandWhereTheyAreWrittenAndRelativeToTheWorkdir() {
        DockerImage image = image("""
                FROM hexpm/elixir:1.17.3-erlang-27.1-alpine-3.20.3 AS build
                WORKDIR /app
                COPY config/docker.exs /app/config/runtime.exs
                COPY ./config/prod.secret.example.exs config/prod.secret.exs
                RUN cp config/a.exs config/b.exs && mv rel/x rel/y
                COPY config/*.exs /app/config/extra.exs
                COPY --from=assets /out config/from-stage.exs
                RUN MIX_ENV=prod mix release && cp config/late.exs config/late-copy.exs
                COPY config/after.exs config/after-copy.exs
                """);

        Map<String, String> expected = new HashMap<>();
        expected.put("/app/config/runtime.exs", "config/docker.exs");
        expected.put("config/runtime.exs", "config/docker.exs");
        expected.put("config/prod.secret.exs", "config/prod.secret.example.exs");
        expected.put("config/b.exs", "config/a.exs");
        expected.put("rel/y", "rel/x");
        expected.put("/app/config/extra.exs", null);
        expected.put("config/extra.exs", null);
        assertEquals(expected, image.copiesBeforeRelease());
        assertEquals("config/docker.exs", image.copiedOnto("config/runtime.exs"));
        assertNull(image.copiedOnto("config/extra.exs"), "a glob cannot be followed");
        assertNull(image.copiedOnto("config/late-copy.exs"), "after mix release");
    }

    @Test
    void anImageThatBuildsNoReleaseCopiesNothingOntoIt() {
        assertEquals(Map.of(), image("FROM debian\nCOPY config/a.exs config/b.exs\n").copiesBeforeRelease());
    }

    @Test
    void copiesOfTheSameTextShareWhatWasReadAndKeepTheirOwnInstruction() {
        DockerImage first = image("FROM elixir\nCOPY --from=assets priv/static lib /app/\n");
        DockerImage moved = image("FROM elixir AS build\nWORKDIR /app\nCOPY --from=assets priv/static lib /app/\n");
        Copy a = first.copies(first.finalStage()).get(0);
        Copy b = moved.copies(moved.finalStage()).get(0);

        assertEquals(List.of("priv/static", "lib"), b.sources());
        assertEquals("/app/", b.destination());
        assertEquals("assets", b.fromStage());
        assertSame(a.sources(), b.sources(), "read once for both");
        assertSame(moved.finalStage().instructions().get(1), b.instruction());
    }

    @Test
    void theEnvironmentOfAStageIsWorkedOutOnce() {
        DockerImage image = image("FROM elixir AS build\nENV A=1 B=${A}2\nFROM build\nENV C=$B\n");

        Map<String, String> environment = image.environment(image.finalStage());
        assertEquals(Map.of("A", "1", "B", "12", "C", "12"), environment);
        assertSame(environment, image.environment(image.finalStage()));
    }
}
