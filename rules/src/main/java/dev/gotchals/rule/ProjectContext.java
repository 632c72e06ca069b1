package dev.gotchals.rule;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.settings.Settings;
import dev.gotchals.settings.SettingsFile;
import dev.gotchals.settings.SettingsFileParser;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule sees of one project during one analysis. Each file is read once per analysis, so every rule of
 * the analysis sees the same version of it, and derived models (such as the config timeline) are built once.
 */
public final class ProjectContext {
    private final MixProject project;
    private final Workspace workspace;
    private final Settings overrides;
    /** The rules the project's settings file may name; null until given (see {@link #knownRules}). */
    private List<RuleInfo> knownRules;
    private final Map<Path, DocumentSnapshot> snapshots = new HashMap<>();
    private final Map<Class<?>, Object> models = new HashMap<>();

    public ProjectContext(MixProject project, Workspace workspace) {
        this(project, workspace, Settings.DEFAULT);
    }

    /**
     * A context whose settings file is checked against the rules of the {@link RuleEngine} that first analyses
     * it.
     *
     * @param overrides settings from outside the project (the editor, the command line) that win over its own
     */
    public ProjectContext(MixProject project, Workspace workspace, Settings overrides) {
        this(project, workspace, overrides, null);
    }

    /** @param knownRules the rules the project's {@code .gotcha.exs} may name; the others are reported unknown */
    public ProjectContext(MixProject project, Workspace workspace, Settings overrides, List<RuleInfo> knownRules) {
        this.project = project;
        this.workspace = workspace;
        this.overrides = overrides;
        this.knownRules = knownRules == null ? null : List.copyOf(knownRules);
    }

    /**
     * Gives the rules the settings file may name when the constructor did not: the engine analysing this context
     * passes its own.
     */
    synchronized void knownRules(List<RuleInfo> rules) {
        if (knownRules == null) {
            knownRules = List.copyOf(rules);
        }
    }

    /**
     * The settings the rules run with in this analysis: the project's {@code .gotcha.exs} (the editor's buffer
     * when it is open), overridden by the settings from outside the project. Without known rules (a context
     * that no engine analyses), the settings file is not read.
     */
    public Settings settings() {
        boolean known;
        synchronized (this) {
            known = knownRules != null;
        }
        // Asked for by the engine, the suppressions (once per file) and the rules: merged once per analysis.
        return known ? model(Settings.class, context -> context.settingsFile().settings().overriddenBy(overrides))
                : settingsFile().settings().overriddenBy(overrides);
    }

    /** The project's {@code .gotcha.exs} as read in this analysis, with its problems; read once per analysis. */
    public SettingsFile settingsFile() {
        List<RuleInfo> known;
        synchronized (this) {
            known = knownRules;
        }
        if (known == null) {
            return SettingsFile.NONE;
        }
        return model(SettingsFile.class, context -> SettingsFileParser.parse(context.file(project.settingsFile()), known));
    }

    public MixProject project() {
        return project;
    }

    /** Makes the analysis read this version of a file (the one it will publish for), whatever arrives later. */
    public synchronized void pin(DocumentSnapshot snapshot) {
        snapshots.put(snapshot.path(), snapshot);
    }

    /**
     * The file's content for this analysis, or null when it cannot be read or is too big to analyse (an editor
     * buffer over {@link OpenDocument#MAX_ANALYSED_BYTES}, like a file on disk over the workspace's limit).
     * Reading and parsing it is off the rule's clock ({@link Deadline#paused}): every rule of the analysis
     * shares it.
     */
    public synchronized DocumentSnapshot file(Path path) {
        if (path == null) {
            return null;
        }
        DocumentSnapshot snapshot = snapshots.computeIfAbsent(path, p -> Deadline.paused(() -> workspace.snapshot(p)));
        return snapshot == null || snapshot.text().byteLength() > OpenDocument.MAX_ANALYSED_BYTES ? null : snapshot;
    }

    /** The project's config file by name ("prod.exs"), or null. */
    public DocumentSnapshot configFile(String name) {
        return file(project.configFile(name));
    }

    public List<DocumentSnapshot> files(FileRole role) {
        List<DocumentSnapshot> result = new ArrayList<>();
        for (Path path : project.files(role)) {
            DocumentSnapshot snapshot = file(path);
            if (snapshot != null) {
                result.add(snapshot);
            }
        }
        return result;
    }

    /** A model derived from this project's files, built once per analysis by {@code factory}. */
    public synchronized <T> T model(Class<T> type, java.util.function.Function<ProjectContext, T> factory) {
        Object existing = models.get(type);
        if (existing == null) {
            existing = factory.apply(this);
            models.put(type, existing);
        }
        return type.cast(existing);
    }
}
