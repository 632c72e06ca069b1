package dev.gotchals.analysis;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.engine.Changes;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.project.MixProjectRoots;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Settings;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;
import dev.gotchals.workspace.FileClassifier;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Analyses the Mix projects of a {@link Workspace} with a set of rules: the one place where the workspace, the
 * rule engine and each analysis's {@link ProjectContext} meet. The command line and the language server both
 * analyse through it; neither speaks to the engine. Remembers each rule's last findings, so an analysis after a
 * change reruns only the rules that read what changed.
 */
public final class AnalysisService {
    private final Workspace workspace;
    private final RuleEngine engine;

    /**
     * What one analysis of a project found.
     *
     * @param openSnapshots the version of each open document of the project that the analysis read
     */
    public record ProjectAnalysis(MixProject project, Map<Path, DocumentSnapshot> openSnapshots, List<Finding> findings) {
        /** The findings by the file they are in. */
        public Map<Path, List<Finding>> findingsByFile() {
            Map<Path, List<Finding>> byFile = new HashMap<>();
            for (Finding finding : findings) {
                byFile.computeIfAbsent(finding.file().path(), path -> new ArrayList<>()).add(finding);
            }
            return byFile;
        }
    }

    /** A service for an editor, whose rules get the editor's budget ({@link RuleEngine#budgetMillis()}). */
    public AnalysisService(Workspace workspace, List<Rule> rules) {
        this(workspace, rules, RuleEngine.budgetMillis());
    }

    /** @param ruleBudgetMillis the time each rule may take per analysis */
    public AnalysisService(Workspace workspace, List<Rule> rules, long ruleBudgetMillis) {
        this.workspace = workspace;
        this.engine = new RuleEngine(rules, ruleBudgetMillis);
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The rules' identities and those the engine reports itself: what settings and suppressions may name. */
    public List<RuleInfo> catalog() {
        return engine.catalog();
    }

    /**
     * Analyses one project after {@code changes}, reading each open document at its current version (and only
     * that version, whatever the editor sends meanwhile).
     *
     * @param overrides settings from outside the project (the editor's, the command line's) that win over its own
     */
    public ProjectAnalysis analyse(MixProject project, Settings overrides, Changes changes) {
        if (!deployedRoot(project)) {
            engine.forget(project.root());
            return new ProjectAnalysis(project, Map.of(), List.of());
        }
        ProjectContext context = new ProjectContext(project, workspace, overrides);
        Map<Path, DocumentSnapshot> openSnapshots = new HashMap<>();
        for (OpenDocument document : workspace.openDocuments()) {
            if (project.contains(document.path())) {
                DocumentSnapshot snapshot = workspace.snapshot(document);
                context.pin(snapshot);
                openSnapshots.put(document.path(), snapshot);
            }
        }
        return new ProjectAnalysis(project, Map.copyOf(openSnapshots), engine.analyze(context, changes));
    }

    /**
     * Analyses every project with {@code texts} standing in for files as if they had been written: files that
     * exist are read from these texts, and those that do not are added to their project with the role the project
     * scan would give them once written (a dry run of fixes writes nothing).
     */
    public List<Finding> analyseAll(Settings overrides, Map<Path, String> texts) {
        int version = 1;
        for (Map.Entry<Path, String> text : texts.entrySet()) {
            if (Files.exists(text.getKey())) {
                workspace.open(text.getKey(), version++, text.getValue(), PositionEncoding.UTF16);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (MixProject project : workspace.projects()) {
            if (!deployedRoot(project)) {
                continue;
            }
            Map<Path, FileRole> newFiles = filesNotOnDisk(project, texts.keySet());
            ProjectContext context = new ProjectContext(withFiles(project, newFiles), workspace, overrides);
            newFiles.forEach((path, role) -> {
                TextDocument text = TextDocument.of(texts.get(path));
                SyntaxTree tree = role.language() == null ? null : SyntaxTree.parse(role.language(), text);
                context.pin(new DocumentSnapshot(path, 1, text, tree));
            });
            findings.addAll(engine.analyze(context, Changes.EVERYTHING));
        }
        return List.copyOf(findings);
    }

    /**
     * Whether the project is deployed for itself: not a path dependency of another project of the workspace (whose
     * build never loads its config) nor an example under another project's folder. Only deployed apps are analysed.
     */
    private boolean deployedRoot(MixProject project) {
        List<MixProject> projects = workspace.projects();
        if (projects.size() < 2) {
            return true;
        }
        Map<Path, MixExs> mixfiles = new LinkedHashMap<>();
        for (MixProject other : projects) {
            mixfiles.put(other.root(), MixExs.read(workspace.snapshot(other.root().resolve("mix.exs"))));
        }
        return MixProjectRoots.of(mixfiles, root -> Files.isDirectory(root.resolve("rel"))).isDeployedRoot(project.root());
    }

    /** Forgets what was found in a project that vanished or whose layout changed. */
    public void forget(Path projectRoot) {
        engine.forget(projectRoot);
    }

    /**
     * The files of {@code paths} in this project that do not exist on disk yet, with the role the project scan
     * would give them once written.
     */
    private static Map<Path, FileRole> filesNotOnDisk(MixProject project, Set<Path> paths) {
        Map<Path, FileRole> found = new LinkedHashMap<>();
        for (Path path : paths) {
            if (!path.startsWith(project.root()) || Files.exists(path) || project.contains(path)) {
                continue;
            }
            Path appRoot = project.apps().stream().map(MixProject.App::root).filter(path::startsWith).findFirst()
                    .orElse(project.root());
            FileClassifier.classifyInProject(project.root(), appRoot, path).ifPresent(role -> found.put(path, role));
        }
        return found;
    }

    private static MixProject withFiles(MixProject project, Map<Path, FileRole> newFiles) {
        if (newFiles.isEmpty()) {
            return project;
        }
        Map<FileRole, List<Path>> files = new LinkedHashMap<>();
        project.files().forEach((role, list) -> files.put(role, new ArrayList<>(list)));
        newFiles.forEach((path, role) -> files.computeIfAbsent(role, r -> new ArrayList<>()).add(path));
        return new MixProject(project.root(), project.appName(), project.modulePrefix(), project.umbrella(),
                project.apps(), files);
    }
}
