package dev.gotchals.engine;

import dev.gotchals.analysis.AnalysisService;
import dev.gotchals.document.InvalidChangeException;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.document.TextChange;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Settings;
import dev.gotchals.rules.Rules;
import dev.gotchals.rules.TestWorkspaces;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random edit sequences over copies of sample workspaces, through the path the language server takes (open
 * documents and their changes, disk writes, creations and deletions of files nobody has open, analyses that add up
 * the changes of several edits): after each analysis, every finding of every file, with its fixes and related
 * locations, must equal what a fresh analysis of the same text finds. Run more with
 * {@code -Dgotcha.fuzz.sequences=N -Dgotcha.fuzz.seed=S}; replay a failing sequence with the
 * {@code -Dgotcha.fuzz.sequenceSeed} and {@code -Dgotcha.fuzz.workspace} its failure prints.
 */
class IncrementalAnalysisPropertyTest {
    /** Workspaces with the files the deployment model reads: config, Dockerfiles, fly.toml, routers, rel/ scripts. */
    private static final List<String> WORKSPACES = List.of("naive-all-gotchas", "multi-stage-docker",
            "endpoint-not-served", "suppressed", "health-plug");
    /** More, for the long runs: an umbrella, settings files, path dependencies, two Dockerfiles. */
    private static final List<String> MORE_WORKSPACES = List.of("umbrella", "configured", "path-dependency",
            "two-dockerfiles", "fly-ipv6-repo", "phx-release-clean", "runtime-config-not-in-image",
            "releases-exs-shadowed", "mix-in-release", "secret-in-image-build");

    /**
     * Workspaces whose Dockerfiles build a release, copy config, set secrets and run Mix, and one whose Dockerfile
     * holds suppression comments (an edited text finds them again only around the edit).
     */
    private static final List<String> DOCKERFILE_WORKSPACES = List.of("naive-all-gotchas", "multi-stage-docker",
            "secret-in-image-build", "two-dockerfiles", "mix-in-release", "runtime-config-not-in-image", "suppressed");

    @TempDir
    Path dir;

    @Test
    void incrementalFindingsEqualFreshAnalysesAfterRandomEdits() throws IOException {
        run(WORKSPACES, 1, 20);
    }

    @Tag("stress")
    @Test
    void longRunsOfRandomEdits() throws IOException {
        List<String> all = new ArrayList<>(WORKSPACES);
        all.addAll(MORE_WORKSPACES);
        run(all, 8, 40);
    }

    /**
     * Edits of Dockerfiles alone, many in a row: what an instruction says is kept with its node across edits that
     * only move it ({@code Node.textReading}), and value models built from it compare in order, so a stale reading or
     * a wrong comparison would show here first.
     */
    @Test
    void incrementalFindingsEqualFreshAnalysesAfterRandomDockerfileEdits() throws IOException {
        run(DOCKERFILE_WORKSPACES, 1, 30, EditableFiles.Kind.DOCKERFILE);
    }

    private void run(List<String> workspaces, int defaultSequences, int steps) throws IOException {
        run(workspaces, defaultSequences, steps, null);
    }

    /** @param only the kind of files edited, or null for all of them */
    private void run(List<String> workspaces, int defaultSequences, int steps, EditableFiles.Kind only)
            throws IOException {
        long seed = Long.getLong("gotcha.fuzz.seed", 20261203L);
        int sequences = Integer.getInteger("gotcha.fuzz.sequences", defaultSequences);
        Long onlySequence = Long.getLong("gotcha.fuzz.sequenceSeed");
        String onlyWorkspace = System.getProperty("gotcha.fuzz.workspace");
        Random random = new Random(seed);
        int copies = 0;
        for (int sequence = 0; sequence < sequences; sequence++) {
            for (String workspace : workspaces) {
                long sequenceSeed = random.nextLong();
                if (onlySequence != null && (onlySequence != sequenceSeed || !workspace.equals(onlyWorkspace))) {
                    continue;
                }
                Path copy = TestWorkspaces.copy(workspace, dir.resolve("w" + copies++));
                EditSequence edits = new EditSequence(copy, new Random(sequenceSeed), only);
                try {
                    edits.run(steps);
                } catch (AssertionError | RuntimeException | IOException e) {
                    fail(workspace + ": sequence failed; replay it alone with -Dgotcha.fuzz.sequenceSeed=" + sequenceSeed
                            + " -Dgotcha.fuzz.workspace=" + workspace + " (run seed " + seed + ")\nsteps:\n"
                            + String.join("\n", edits.log) + "\n" + e.getMessage(), e);
                }
            }
        }
    }

    /** One workspace copy edited at random, analysed incrementally and checked against fresh analyses. */
    private static final class EditSequence {
        final Path root;
        final Random random;
        final Workspace workspace;
        final AnalysisService service;
        final EditableFiles files;
        final Map<Path, Changes> pending = new LinkedHashMap<>();
        final Map<Path, MixProject> pendingProjects = new HashMap<>();
        final Map<Path, List<Finding>> findingsByProject = new HashMap<>();
        final List<String> log = new ArrayList<>();
        int version;

        EditSequence(Path root, Random random, EditableFiles.Kind only) throws IOException {
            this.root = root;
            this.random = random;
            this.workspace = new Workspace(List.of(root));
            this.service = new AnalysisService(workspace, Rules.all());
            this.files = only == null ? EditableFiles.of(workspace) : EditableFiles.of(workspace).only(only);
            workspace.projects().forEach(project -> schedule(project, Changes.EVERYTHING));
        }

        void run(int steps) throws IOException {
            analysePending();
            for (int step = 1; step <= steps; step++) {
                act();
                if (random.nextInt(3) != 0 || step == steps) {
                    analysePending();
                    Workspace freshWorkspace = freshWorkspace();
                    String fresh = FindingsText.of(root, freshFindings(freshWorkspace));
                    String incremental = FindingsText.of(root, allFindings());
                    if (!fresh.equals(incremental)) {
                        assertEquals(fresh, incremental, "incremental findings after step " + step
                                + " differ from a fresh analysis:\n" + FindingsText.difference(fresh, incremental)
                                + "\nfiles read differently: " + filesReadDifferently(freshWorkspace));
                    }
                }
            }
        }

        private void act() throws IOException {
            Path path = files.pick(random);
            OpenDocument open = workspace.openDocument(path);
            String relative = root.relativize(path).toString();
            int choice = random.nextInt(20);
            if (open != null && choice < 2) {
                log.add("close " + relative);
                workspace.close(path);
                edited(path);
            } else if (open != null && choice == 2) {
                // As after a didOpen that arrived while an analysis read the document: reported, not changed.
                log.add("report " + relative + " changed as it is");
                edited(path);
            } else if (open == null && choice < 5) {
                String text = Files.exists(path) ? Files.readString(path) : "";
                log.add("open " + relative);
                workspace.open(path, ++version, text, PositionEncoding.UTF16);
                edited(path);
            } else if (open == null && choice < 7) {
                boolean exists = Files.exists(path);
                log.add((exists ? "delete " : "create ") + relative);
                if (exists) {
                    Files.delete(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, files.original(path));
                }
                diskChanged(path, true);
            } else {
                String before = open != null ? open.text() : Files.exists(path) ? Files.readString(path) : null;
                if (before == null) {
                    log.add("nothing to edit in " + relative + ", which does not exist");
                    return;
                }
                TextEdit edit = choice < 9 ? TextEdit.restore(before, files.original(path))
                        : TextEdit.random(before, files.kind(path), random);
                log.add((open != null ? "type in " : "write ") + relative + ": " + edit);
                if (open != null) {
                    applyToDocument(open, edit);
                } else {
                    Files.writeString(path, edit.applyTo(before));
                    diskChanged(path, false);
                }
            }
        }

        private void applyToDocument(OpenDocument open, TextEdit edit) {
            TextDocument text = TextDocument.of(open.text());
            TextChange change = TextChange.replace(text.positionAt(edit.start(), PositionEncoding.UTF16),
                    text.positionAt(edit.end(), PositionEncoding.UTF16), edit.replacement());
            try {
                open.apply(++version, List.of(change));
            } catch (InvalidChangeException e) {
                throw new AssertionError("valid change rejected: " + e.getMessage(), e);
            }
            edited(open.path());
        }

        /** What the server does on a watched-file event: rescan if needed, and reanalyse the projects it touches. */
        private void diskChanged(Path path, boolean createdOrDeleted) {
            List<MixProject> before = workspace.projects();
            workspace.diskChanged(path, createdOrDeleted);
            AffectedProjects.afterDiskChanges(before, workspace.projects(), List.of(path)).forEach(this::schedule);
        }

        /** What the server does when an open document changes, opens or closes. */
        private void edited(Path path) {
            AffectedProjects.of(workspace, path).forEach(project -> schedule(project, Changes.edited(List.of(path))));
        }

        private void schedule(MixProject project, Changes changes) {
            pending.merge(project.root(), changes, Changes::and);
            pendingProjects.put(project.root(), project);
        }

        private void analysePending() {
            pending.forEach((projectRoot, changes) -> findingsByProject.put(projectRoot,
                    service.analyse(pendingProjects.get(projectRoot), Settings.DEFAULT, changes).findings()));
            pending.clear();
            pendingProjects.clear();
        }

        private List<Finding> allFindings() {
            List<Finding> all = new ArrayList<>();
            for (MixProject project : workspace.projects()) {
                all.addAll(findingsByProject.getOrDefault(project.root(), List.of()));
            }
            return all;
        }

        /** The workspace of a server started now, with the same documents open. */
        private Workspace freshWorkspace() {
            Workspace fresh = new Workspace(List.of(root));
            for (OpenDocument open : workspace.openDocuments()) {
                fresh.open(open.path(), open.version(), open.text(), PositionEncoding.UTF16);
            }
            return fresh;
        }

        /** The files whose text or syntax tree the two workspaces tell apart: where to look when findings differ. */
        private List<String> filesReadDifferently(Workspace fresh) {
            List<String> differing = new ArrayList<>();
            for (Path path : files.all()) {
                var before = workspace.snapshot(path);
                var now = fresh.snapshot(path);
                String name = root.relativize(path).toString();
                if (before == null || now == null) {
                    if (before != now) {
                        differing.add(name + (before == null ? " (missing here)" : " (missing in the fresh one)"));
                    }
                } else if (!before.text().text().equals(now.text().text())) {
                    differing.add(name + " (text)");
                } else if (before.tree() == null ? now.tree() != null : now.tree() == null
                        || !before.tree().treeSitterSexp().equals(now.tree().treeSitterSexp())) {
                    differing.add(name + (before.tree() == null ? " (not parsed here)" : now.tree() == null
                            ? " (not parsed in the fresh one)" : " (tree)"));
                }
            }
            return differing;
        }

        /** What a server started now, with the same documents open, would find. */
        private List<Finding> freshFindings(Workspace fresh) {
            AnalysisService freshService = new AnalysisService(fresh, Rules.all());
            List<Finding> all = new ArrayList<>();
            for (MixProject project : fresh.projects()) {
                all.addAll(freshService.analyse(project, Settings.DEFAULT, Changes.EVERYTHING).findings());
            }
            return all;
        }
    }
}
