package dev.gotchals.rule;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a rule sees of one project during one analysis. Each file is read once per analysis, so every rule of
 * the analysis sees the same version of it, and derived models (such as the config timeline) are built once.
 *
 * <p>The context records what each rule reads ({@link Dependencies}): the files it asks for, the roles it lists,
 * and everything the models it uses read, even when an earlier rule built them. A model is built with a view of the
 * context that records into the model itself, for as long as the analysis lasts: a model that reads a part of the
 * project only when first asked for it still has that read counted for every rule that uses the model. The
 * engine reruns a rule only when one of those changes, and hands the models whose reads did not change on to the
 * next analysis ({@link #inherit}), so a model must read only through the context it is given.
 */
public final class ProjectContext {
    /** The state of one analysis, shared by the context the rules get and the views the models are built with. */
    private static final class Analysis {
        final MixProject project;
        final Workspace workspace;
        final Settings overrides;
        /** Reads the project's settings file; null until given (see {@link #readSettingsWith}). */
        Function<DocumentSnapshot, SettingsFile> settingsReader;
        final Map<Path, DocumentSnapshot> snapshots = new HashMap<>();
        final Map<Object, Built> models = new LinkedHashMap<>();
        /** The ids of the models handed on from the previous analysis rather than built in this one. */
        final Set<Object> inherited = new HashSet<>();
        /** Inherited models that used value models not yet checked to be as they were. */
        final Set<Object> unverified = new HashSet<>();
        /** What the running rule reads; null while no rule is recorded. */
        Dependencies.Recorder rule;
        /** What the models being built read, the innermost first: a factory may read through any view. */
        final ArrayDeque<Dependencies.Recorder> building = new ArrayDeque<>();

        Analysis(MixProject project, Workspace workspace, Settings overrides,
                 Function<DocumentSnapshot, SettingsFile> settingsReader) {
            this.project = project;
            this.workspace = workspace;
            this.overrides = overrides;
            this.settingsReader = settingsReader;
        }
    }

    /**
     * A model, what it read, and the view of the context it was built with (which it may keep to read more later).
     */
    private record Built(Object model, Dependencies.Recorder reads, ProjectContext view) {
    }

    /**
     * The models of one analysis, handed on to the next analysis of the same project so that those whose reads did
     * not change are not built again ({@link #inherit}).
     */
    public static final class Models {
        public static final Models NONE = new Models(Map.of());

        private final Map<Object, Built> byId;
        /** What each model had read when {@link #keptIf} kept it: {@link #inherit} asks again, and nothing read since. */
        private final Map<Object, Dependencies> readWhenKept;

        private Models(Map<Object, Built> byId) {
            this(byId, Map.of());
        }

        private Models(Map<Object, Built> byId, Map<Object, Dependencies> readWhenKept) {
            this.byId = byId;
            this.readWhenKept = readWhenKept;
        }

        /** The models for which {@code stillValid} holds of everything they have read so far. */
        public Models keptIf(Predicate<Dependencies> stillValid) {
            Map<Object, Built> kept = new LinkedHashMap<>();
            Map<Object, Dependencies> read = new HashMap<>();
            byId.forEach((id, built) -> {
                Dependencies reads = built.reads().done();
                if (stillValid.test(reads)) {
                    kept.put(id, built);
                    read.put(id, reads);
                }
            });
            return new Models(kept, read);
        }

        /** Everything the model has read so far (worked out again unless {@link #keptIf} did). */
        private Dependencies read(Object id, Built built) {
            Dependencies known = readWhenKept.get(id);
            return known != null ? known : built.reads().done();
        }
    }

    /**
     * The analysis this context reads for. A model's view is moved to the next analysis when that analysis inherits
     * the model, so that what the model reads later comes from the new analysis; analyses of a project never overlap.
     */
    private volatile Analysis analysis;
    /** The model this view is building and keeps recording for; null for the context the rules get. */
    private final Dependencies.Recorder model;

    public ProjectContext(MixProject project, Workspace workspace) {
        this(project, workspace, Settings.DEFAULT);
    }

    /**
     * A context whose settings file is read with the reader of the {@code RuleEngine} that first analyses it.
     *
     * @param overrides settings from outside the project (the editor, the command line) that win over its own
     */
    public ProjectContext(MixProject project, Workspace workspace, Settings overrides) {
        this(project, workspace, overrides, null);
    }

    /** @param settingsReader reads the project's {@code .gotcha.exs}, reporting the rules it names that do not exist */
    public ProjectContext(MixProject project, Workspace workspace, Settings overrides,
                          Function<DocumentSnapshot, SettingsFile> settingsReader) {
        this(new Analysis(project, workspace, overrides, settingsReader), null);
    }

    private ProjectContext(Analysis analysis, Dependencies.Recorder model) {
        this.analysis = analysis;
        this.model = model;
    }

    /** Gives the reader of the settings file when the constructor did not: the engine analysing this context passes its own. */
    public void readSettingsWith(Function<DocumentSnapshot, SettingsFile> reader) {
        synchronized (analysis) {
            if (analysis.settingsReader == null) {
                analysis.settingsReader = reader;
            }
        }
    }

    /**
     * The settings the rules run with in this analysis: the project's {@code .gotcha.exs} (the editor's buffer
     * when it is open), overridden by the settings from outside the project. Without a settings reader (a
     * context that no engine analyses), the settings file is not read.
     */
    public Settings settings() {
        boolean readable;
        synchronized (analysis) {
            readable = analysis.settingsReader != null;
        }
        // Asked for by the engine, the suppressions (once per file) and the rules: merged once per analysis.
        return readable ? model(Settings.class, context -> context.settingsFile().settings().overriddenBy(analysis.overrides))
                : SettingsFile.NONE.settings().overriddenBy(analysis.overrides);
    }

    /** The project's {@code .gotcha.exs} as read in this analysis, with its problems; read once per analysis. */
    public SettingsFile settingsFile() {
        Function<DocumentSnapshot, SettingsFile> reader;
        synchronized (analysis) {
            reader = analysis.settingsReader;
        }
        if (reader == null) {
            return SettingsFile.NONE;
        }
        return model(SettingsFile.class, context -> reader.apply(context.file(analysis.project.settingsFile())));
    }

    public MixProject project() {
        return analysis.project;
    }

    /** Makes the analysis read this version of a file (the one it will publish for), whatever arrives later. */
    public void pin(DocumentSnapshot snapshot) {
        synchronized (analysis) {
            analysis.snapshots.put(snapshot.path(), snapshot);
        }
    }

    /**
     * The version of a file this analysis holds, pinned or read so far (whether or not it is too big to analyse);
     * null when it has neither.
     */
    public DocumentSnapshot held(Path path) {
        synchronized (analysis) {
            return analysis.snapshots.get(path.toAbsolutePath().normalize());
        }
    }

    /**
     * The file's content for this analysis, or null when it cannot be read or is too big to analyse (an editor
     * buffer over {@link OpenDocument#MAX_ANALYSED_BYTES}, like a file on disk over the workspace's limit).
     * Reading and parsing it is off the rule's clock ({@link Deadline#paused}): every rule of the analysis
     * shares it. A file on disk is parsed when its tree is first asked for.
     */
    public DocumentSnapshot file(Path path) {
        if (path == null) {
            return null;
        }
        Path normalized = path.toAbsolutePath().normalize();
        synchronized (analysis) {
            recorded(recorder -> recorder.file(normalized));
            DocumentSnapshot snapshot = analysis.snapshots.computeIfAbsent(normalized,
                    p -> Deadline.paused(() -> analysis.workspace.snapshot(p)));
            return snapshot == null || snapshot.text().byteLength() > OpenDocument.MAX_ANALYSED_BYTES ? null : snapshot;
        }
    }

    /** The project's config file by name ("prod.exs"), or null. */
    public DocumentSnapshot configFile(String name) {
        Path path = analysis.project.configFile(name);
        if (path == null) {
            // Missing today: creating it must rerun whoever asked.
            Path wanted = analysis.project.root().resolve("config").resolve(name);
            synchronized (analysis) {
                recorded(recorder -> recorder.file(wanted));
            }
            return null;
        }
        return file(path);
    }

    /**
     * Whether the project has the config file ("runtime.exs"), whatever its content; recorded like a read, so that
     * creating or deleting it reruns whoever asked.
     */
    public boolean hasConfigFile(String name) {
        Path path = analysis.project.configFile(name);
        Path asked = path != null ? path.toAbsolutePath().normalize()
                : analysis.project.root().resolve("config").resolve(name);
        synchronized (analysis) {
            recorded(recorder -> recorder.file(asked));
        }
        return path != null;
    }

    /**
     * The paths of a role's files, listed but not read: for a model that picks a few of them by name (the files an
     * {@code import_config} wildcard matches). Recorded like {@link #files}: a file of the role that appears or
     * vanishes reruns whoever asked.
     */
    public List<Path> paths(FileRole role) {
        List<Path> paths = analysis.project.files(role);
        synchronized (analysis) {
            recorded(recorder -> recorder.listing(role, paths));
        }
        return paths;
    }

    /**
     * The files of a role, read (in parallel) for this analysis. Their trees are parsed on first demand: a model
     * that reads many files looks in their text first for what it asks about, and parses only those that have it.
     */
    public List<DocumentSnapshot> files(FileRole role) {
        List<Path> paths = analysis.project.files(role);
        synchronized (analysis) {
            recorded(recorder -> recorder.listing(role, paths));
        }
        Deadline.paused(() -> {
            analysis.workspace.preload(paths);
            return null;
        });
        List<DocumentSnapshot> result = new ArrayList<>();
        for (Path path : paths) {
            DocumentSnapshot snapshot = file(path);
            if (snapshot != null) {
                result.add(snapshot);
            }
        }
        return result;
    }

    /** The modules of the project's Elixir sources ({@code lib/**}{@code /*.ex}), indexed once per analysis. */
    public ModuleIndex modules() {
        return model(ModuleIndex.class, context -> ModuleIndex.of(context.files(FileRole.ELIXIR_SOURCE)));
    }

    /**
     * A model derived from this project's files, built once per analysis by {@code factory}. Everything the model
     * reads, while being built or later through the context it was given, counts as read by every rule that asks
     * for it.
     */
    public <T> T model(Class<T> type, Function<ProjectContext, T> factory) {
        return model(type, null, factory);
    }

    /**
     * One of several models of a type, told apart by {@code key} (a timeline per environment): built once per
     * analysis and key, recorded like {@link #model(Class, Function)}.
     */
    public <T> T model(Class<T> type, Object key, Function<ProjectContext, T> factory) {
        Object id = key == null ? type : List.of(type, key);
        synchronized (analysis) {
            Built built = current(id, factory);
            if (built.model() instanceof ValueModel) {
                Dependencies.ValueRead value = new Dependencies.ValueRead(built.model(), type, key, factory);
                recorded(recorder -> recorder.usesValue(id, value));
            } else {
                Dependencies.Recorder reads = built.reads();
                recorded(recorder -> recorder.uses(reads));
            }
            return type.cast(built.model());
        }
    }

    /**
     * The model {@code id} of this analysis: inherited (once the value models it used are checked to be as they
     * were), or built now. Records nothing: the caller decides what the use counts as.
     */
    private Built current(Object id, Function<ProjectContext, ?> factory) {
        Built built = analysis.models.get(id);
        if (built != null && analysis.unverified.remove(id) && !valuesUnchanged(built.reads().done())) {
            analysis.models.remove(id);
            analysis.inherited.remove(id);
            built = null;
        }
        if (built == null) {
            Dependencies.Recorder reads = new Dependencies.Recorder();
            ProjectContext view = new ProjectContext(analysis, reads);
            analysis.building.push(reads);
            try {
                built = new Built(factory.apply(view), reads, view);
            } finally {
                analysis.building.pop();
            }
            analysis.models.put(id, built);
        }
        return built;
    }

    /**
     * Whether every value model in {@code read} has the value it had then, in this analysis (built again if what it
     * read changed). A value model that fails to build counts as changed: whoever used it runs again and meets the
     * failure itself.
     */
    public boolean valuesUnchanged(Dependencies read) {
        synchronized (analysis) {
            for (Map.Entry<Object, Dependencies.ValueRead> used : read.values().entrySet()) {
                Object now;
                try {
                    now = current(used.getKey(), used.getValue().factory()).model();
                } catch (RuntimeException | StackOverflowError e) {
                    return false;
                }
                if (!now.equals(used.getValue().value())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Every model of this analysis, built or inherited: what the next analysis of the project may inherit. */
    public Models models() {
        synchronized (analysis) {
            return new Models(new LinkedHashMap<>(analysis.models));
        }
    }

    /**
     * Uses {@code previous}, models of an earlier analysis of this project whose reads have not changed since, as if
     * built in this one; a model already built here is kept. What they read counts for the rules that use them as
     * if they had been built here.
     */
    public void inherit(Models previous) {
        Analysis current = analysis;
        synchronized (current) {
            previous.byId.forEach((id, built) -> {
                if (!current.models.containsKey(id)) {
                    built.view().analysis = current;
                    current.models.put(id, built);
                    current.inherited.add(id);
                    if (!previous.read(id, built).values().isEmpty()) {
                        current.unverified.add(id); // checked when first asked for
                    }
                }
            });
        }
    }

    /**
     * The models built in this analysis (not those inherited), by type (and key, for one of several models of a type),
     * in the order they were first asked for: what an analysis recomputed besides its rules.
     */
    public List<String> builtModels() {
        List<String> names = new ArrayList<>();
        synchronized (analysis) {
            for (Object id : analysis.models.keySet()) {
                if (analysis.inherited.contains(id)) {
                    continue;
                }
                names.add(id instanceof List<?> typeAndKey
                        ? ((Class<?>) typeAndKey.get(0)).getSimpleName() + "[" + typeAndKey.get(1) + "]"
                        : ((Class<?>) id).getSimpleName());
            }
        }
        return names;
    }

    /** Starts recording what the rule about to run reads; {@link #stopRecording} returns it. */
    public void startRecording() {
        synchronized (analysis) {
            analysis.rule = new Dependencies.Recorder();
        }
    }

    /** What was read since {@link #startRecording}, with everything the models it used have read so far. */
    public Dependencies stopRecording() {
        synchronized (analysis) {
            Dependencies.Recorder rule = analysis.rule;
            analysis.rule = null;
            return rule == null ? Dependencies.NONE : rule.done();
        }
    }

    /**
     * Hands a read to this view's model, else to the running rule, if anything is recorded; and to the innermost
     * model being built, whichever view its factory reads through (one that asks another model's view, or the rule's
     * context it was called with, still depends on what it reads there).
     */
    private void recorded(Consumer<Dependencies.Recorder> read) {
        Dependencies.Recorder building = analysis.building.peek();
        if (building != null) {
            read.accept(building);
        }
        Dependencies.Recorder target = model != null ? model : analysis.rule;
        if (target != null && target != building) {
            read.accept(target);
        }
    }
}
