package dev.gotchals.rule;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a rule sees of one project during one analysis. Each file is read once per analysis, so every rule of
 * the analysis sees the same version of it, and derived models (such as the config timeline) are built once.
 *
 * <p>The context records what each rule reads ({@link Dependencies}): the files it asks for, the roles it lists,
 * and what the models it uses read when they were built, even when an earlier rule built them. The engine reruns
 * a rule only when one of those changes.
 */
public final class ProjectContext {
    private final MixProject project;
    private final Workspace workspace;
    private final Settings overrides;
    /** Reads the project's settings file; null until given (see {@link #readSettingsWith}). */
    private Function<DocumentSnapshot, SettingsFile> settingsReader;
    private final Map<Path, DocumentSnapshot> snapshots = new HashMap<>();
    private final Map<Class<?>, Built> models = new HashMap<>();
    /** The rule being recorded, under the models it is building, innermost first. */
    private final Deque<Dependencies.Recorder> recording = new ArrayDeque<>();

    private record Built(Object model, Dependencies reads) {
    }

    public ProjectContext(MixProject project, Workspace workspace) {
        this(project, workspace, Settings.DEFAULT);
    }

    /**
     * A context whose settings file is read the way the engine that first analyses it reads one.
     *
     * @param overrides settings from outside the project (the editor, the command line) that win over its own
     */
    public ProjectContext(MixProject project, Workspace workspace, Settings overrides) {
        this(project, workspace, overrides, null);
    }

    /** @param settingsReader reads the project's {@code .gotcha.exs}, reporting the rules it names that do not exist */
    public ProjectContext(MixProject project, Workspace workspace, Settings overrides,
                          Function<DocumentSnapshot, SettingsFile> settingsReader) {
        this.project = project;
        this.workspace = workspace;
        this.overrides = overrides;
        this.settingsReader = settingsReader;
    }

    /** Gives the reader of the settings file when the constructor did not: the engine analysing this context passes its own. */
    public synchronized void readSettingsWith(Function<DocumentSnapshot, SettingsFile> reader) {
        if (settingsReader == null) {
            settingsReader = reader;
        }
    }

    /**
     * The settings the rules run with in this analysis: the project's {@code .gotcha.exs} (the editor's buffer
     * when it is open), overridden by the settings from outside the project. Without a settings reader (a
     * context that no engine analyses), the settings file is not read.
     */
    public Settings settings() {
        boolean readable;
        synchronized (this) {
            readable = settingsReader != null;
        }
        // Asked for by the engine, the suppressions (once per file) and the rules: merged once per analysis.
        return readable ? model(Settings.class, context -> context.settingsFile().settings().overriddenBy(overrides))
                : SettingsFile.NONE.settings().overriddenBy(overrides);
    }

    /** The project's {@code .gotcha.exs} as read in this analysis, with its problems; read once per analysis. */
    public SettingsFile settingsFile() {
        Function<DocumentSnapshot, SettingsFile> reader;
        synchronized (this) {
            reader = settingsReader;
        }
        if (reader == null) {
            return SettingsFile.NONE;
        }
        return model(SettingsFile.class, context -> reader.apply(context.file(project.settingsFile())));
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
        Path normalized = path.toAbsolutePath().normalize();
        recorded(recorder -> recorder.file(normalized));
        DocumentSnapshot snapshot = snapshots.computeIfAbsent(normalized,
                p -> Deadline.paused(() -> workspace.snapshot(p)));
        return snapshot == null || snapshot.text().byteLength() > OpenDocument.MAX_ANALYSED_BYTES ? null : snapshot;
    }

    /** The project's config file by name ("prod.exs"), or null. */
    public DocumentSnapshot configFile(String name) {
        Path path = project.configFile(name);
        if (path == null) {
            // Missing today: creating it must rerun whoever asked.
            Path wanted = project.root().resolve("config").resolve(name);
            synchronized (this) {
                recorded(recorder -> recorder.file(wanted));
            }
            return null;
        }
        return file(path);
    }

    public List<DocumentSnapshot> files(FileRole role) {
        List<Path> paths = project.files(role);
        synchronized (this) {
            recorded(recorder -> recorder.listing(role, paths));
        }
        List<DocumentSnapshot> result = new ArrayList<>();
        for (Path path : paths) {
            DocumentSnapshot snapshot = file(path);
            if (snapshot != null) {
                result.add(snapshot);
            }
        }
        return result;
    }

    /**
     * A model derived from this project's files, built once per analysis by {@code factory}. What building it
     * read counts as read by every rule that asks for it.
     */
    public synchronized <T> T model(Class<T> type, Function<ProjectContext, T> factory) {
        Built existing = models.get(type);
        if (existing == null) {
            recording.push(new Dependencies.Recorder());
            T model;
            Dependencies reads;
            try {
                model = factory.apply(this);
            } finally {
                reads = recording.pop().done();
            }
            existing = new Built(model, reads);
            models.put(type, existing);
        }
        Dependencies reads = existing.reads();
        recorded(recorder -> recorder.all(reads));
        return type.cast(existing.model());
    }

    /** Starts recording what the code about to run reads; {@link #stopRecording} returns it. */
    public synchronized void startRecording() {
        recording.clear();
        recording.push(new Dependencies.Recorder());
    }

    /** What was read since {@link #startRecording}, models' reads included. */
    public synchronized Dependencies stopRecording() {
        Dependencies.Recorder outermost = recording.peekLast();
        recording.clear();
        return outermost == null ? Dependencies.NONE : outermost.done();
    }

    /** Hands a read to the innermost recorder (a model being built, else the rule), if anything is recorded. */
    private void recorded(java.util.function.Consumer<Dependencies.Recorder> read) {
        Dependencies.Recorder innermost = recording.peek();
        if (innermost != null) {
            read.accept(innermost);
        }
    }
}
