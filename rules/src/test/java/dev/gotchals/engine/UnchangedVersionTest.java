package dev.gotchals.engine;

import dev.gotchals.document.OpenDocument;
import dev.gotchals.document.TextChange;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Settings;
import dev.gotchals.rules.Rules;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextPosition;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.rules.TestWorkspaces;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A file reported changed of which the analysis holds the very version the last analysis read (an editor opened it
 * while that analysis read the document) reruns nothing; the next keystroke does.
 */
class UnchangedVersionTest {
    @TempDir
    Path dir;

    @Test
    void aFileReportedChangedButReadAtTheSameVersionRerunsNothing() throws Exception {
        Path root = TestWorkspaces.copy("naive-all-gotchas", dir.resolve("w"));
        Workspace workspace = new Workspace(List.of(root));
        MixProject project = workspace.projects().get(0);
        Path dockerfile = root.resolve("Dockerfile");
        OpenDocument document = workspace.open(dockerfile, 1, Files.readString(dockerfile), PositionEncoding.UTF16);
        RuleEngine engine = new RuleEngine(Rules.all());
        var first = engine.analyze(context(project, workspace), Changes.EVERYTHING);

        var again = engine.analyze(context(project, workspace), Changes.edited(List.of(dockerfile)));

        assertEquals(List.of(), engine.lastRecomputed(root).rulesRun());
        assertEquals(FindingsText.of(root, first), FindingsText.of(root, again));
        document.apply(2, List.of(TextChange.replace(new TextPosition(0, 0), new TextPosition(0, 0), "# typed\n")));
        engine.analyze(context(project, workspace), Changes.edited(List.of(dockerfile)));
        assertFalse(engine.lastRecomputed(root).rulesRun().isEmpty(), "a new version reruns the rules that read it");
    }

    /**
     * An editor opening a file the last analysis read from disk, with the same text, changes nothing a rule read: the
     * opened document takes the disk copy's text and parse, and the analysis it asks for reruns nothing.
     */
    @Test
    void openingFilesWithTheirDiskTextRerunsNothing() throws Exception {
        Path root = TestWorkspaces.copy("naive-all-gotchas", dir.resolve("w"));
        Workspace workspace = new Workspace(List.of(root));
        MixProject project = workspace.projects().get(0);
        RuleEngine engine = new RuleEngine(Rules.all());
        var first = engine.analyze(context(project, workspace), Changes.EVERYTHING);

        for (String name : List.of("Dockerfile", "fly.toml", "config/prod.exs")) {
            Path file = root.resolve(name);
            workspace.open(file, 1, Files.readString(file), PositionEncoding.UTF16);
            var opened = engine.analyze(context(project, workspace), Changes.edited(List.of(file)));

            assertEquals(List.of(), engine.lastRecomputed(root).rulesRun(), name);
            assertEquals(FindingsText.of(root, first), FindingsText.of(root, opened), name);
        }
        Path dockerfile = root.resolve("Dockerfile");
        workspace.close(dockerfile);
        workspace.open(dockerfile, 2, Files.readString(dockerfile) + "# typed\n", PositionEncoding.UTF16);
        engine.analyze(context(project, workspace), Changes.edited(List.of(dockerfile)));
        assertFalse(engine.lastRecomputed(root).rulesRun().isEmpty(), "another text reruns the rules that read it");
    }

    /** As the language server analyses: the open documents pinned at their current version. */
    private static ProjectContext context(MixProject project, Workspace workspace) {
        ProjectContext context = new ProjectContext(project, workspace, Settings.DEFAULT);
        workspace.openDocuments().forEach(document -> context.pin(workspace.snapshot(document)));
        return context;
    }
}
