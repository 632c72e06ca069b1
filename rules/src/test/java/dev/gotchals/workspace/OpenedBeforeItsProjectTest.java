package dev.gotchals.workspace;

import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.text.PositionEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A document opened while its project's mix.exs was missing is parsed once the project is back. */
class OpenedBeforeItsProjectTest {
    @TempDir
    Path dir;

    @Test
    void aDockerfileOpenedWithoutItsProjectGetsItsGrammarWhenTheMixExsComesBack() throws IOException {
        Path mix = dir.resolve("mix.exs");
        Workspace workspace = new Workspace(List.of(dir));
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM debian\n");
        var opened = workspace.open(dockerfile, 3, "FROM alpine\n", PositionEncoding.UTF16);
        assertNull(workspace.openDocument(dockerfile).snapshot().tree(), "no project: plain text");

        Files.writeString(mix, "defmodule Shop.MixProject do\n  def project, do: [app: :shop]\nend\n");
        workspace.diskChanged(mix, true);
        assertEquals(1, workspace.projects().size());

        var document = workspace.openDocument(dockerfile);
        assertSame(opened, document, "the same document, so that an edit arriving meanwhile is not lost");
        assertEquals(SourceLanguage.DOCKERFILE, document.language());
        assertEquals(3, document.version());
        assertEquals("FROM alpine\n", document.text(), "the editor's text, not the disk's");
        assertNotNull(document.snapshot().tree());
    }
}
