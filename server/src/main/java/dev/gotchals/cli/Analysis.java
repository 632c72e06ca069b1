package dev.gotchals.cli;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One analysis of the Mix projects under some folders, read afresh from disk, with the command line's settings
 * on top of each project's own. {@code changedTexts} stand in for files as if they had been written (for
 * {@code --diff}, which writes nothing).
 */
record Analysis(Workspace workspace, List<Finding> findings) {

    static Analysis run(List<Rule> rules, List<Path> folders, Settings commandLine, Map<Path, String> changedTexts) {
        Workspace workspace = new Workspace(folders);
        int version = 1;
        for (Map.Entry<Path, String> changed : changedTexts.entrySet()) {
            if (Files.exists(changed.getKey())) { // new files are pinned below, with the role they will have
                workspace.open(changed.getKey(), version++, changed.getValue(), PositionEncoding.UTF16);
            }
        }
        RuleEngine engine = new RuleEngine(rules);
        List<Finding> findings = new ArrayList<>();
        for (MixProject project : workspace.projects()) {
            Map<Path, FileRole> newFiles = filesNotOnDisk(project, changedTexts.keySet());
            ProjectContext context = new ProjectContext(withFiles(project, newFiles), workspace, commandLine);
            newFiles.forEach((path, role) -> {
                TextDocument text = TextDocument.of(changedTexts.get(path));
                SyntaxTree tree = role.language() == null ? null : SyntaxTree.parse(role.language(), text);
                context.pin(new DocumentSnapshot(path, 1, text, tree));
            });
            findings.addAll(engine.analyze(context, null));
        }
        return new Analysis(workspace, List.copyOf(findings));
    }

    /**
     * The files of {@code paths} in this project that do not exist on disk yet (a dry run's new files), with the
     * role the project scan would give them once written.
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

    int projectCount() {
        return workspace.projects().size();
    }
}
