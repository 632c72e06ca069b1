package dev.gotchals.mix;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code mix.exs} declares, read from its syntax without evaluating it: the keyword list {@code project/0}
 * returns (following {@code deps()}, {@code aliases()}, {@code releases()} and module attributes), {@code mod:} of
 * {@code application/0} and {@code preferred_envs} of {@code cli/0}. A value that is not a literal is unknown
 * (null), never guessed.
 */
public final class MixExs {
    private static final MixExs EMPTY = new MixExs(null);

    private final DocumentSnapshot file;
    private String appName;
    private String modulePrefix;
    private String appsPath;
    private String elixirRequirement;
    private final List<Dependency> deps = new ArrayList<>();
    private boolean depsComplete;
    private MixAliases aliases = MixAliases.NONE;
    private final List<Release> releases = new ArrayList<>();
    private Node releasesKey;
    private final Map<String, String> preferredEnvs = new LinkedHashMap<>();
    /** The compiled paths of every environment; {@code lib} alone when not declared, null when not literal. */
    private List<String> compilePaths = List.of("lib");

    private MixExs(DocumentSnapshot file) {
        this.file = file;
    }

    /** Reads a parsed mix.exs; a file that is missing or not parsed declares nothing. */
    public static MixExs read(DocumentSnapshot file) {
        if (file == null || !file.isParsed()) {
            return EMPTY;
        }
        MixExs mix = new MixExs(file);
        // The module with `use Mix.Project`; else the first that defines project/0.
        Module module = null;
        for (Module candidate : ModuleIndex.of(List.of(file)).all()) {
            if (candidate.uses("Mix.Project", null)) {
                module = candidate;
                break;
            }
            if (module == null && !candidate.clauses("project", 0).isEmpty()) {
                module = candidate;
            }
        }
        if (module != null) {
            mix.readModule(new MixValues(module));
            if (mix.modulePrefix == null && mix.appsPath != null) {
                // An umbrella root has no mod: of its own; its module names the project (Shop.Umbrella.MixProject).
                String name = module.name();
                int dot = name.indexOf('.');
                mix.modulePrefix = dot > 0 ? name.substring(0, dot) : null;
            }
        }
        return mix;
    }

    /** Reads a mix.exs from its text (for the workspace scan, before any analysis). */
    public static MixExs parse(Path path, String source) {
        TextDocument text = TextDocument.of(source);
        return read(new DocumentSnapshot(path, DocumentSnapshot.ON_DISK, text,
                SyntaxTree.parse(SourceLanguage.ELIXIR, text)));
    }

    private void readModule(MixValues values) {
        List<Node> project = values.keywords(values.result("project"));
        depsComplete = project != null;
        if (project != null) {
            for (Node pair : project) {
                readProjectKey(values, values.key(pair), pair);
            }
        }
        List<Node> application = values.keywords(values.result("application"));
        for (Node pair : application == null ? List.<Node>of() : application) {
            Node value = values.resolve(pair.child("value"));
            if ("mod".equals(values.key(pair)) && value != null && value.is("tuple")) {
                // mod: {Shop.Application, []}
                Node module = value.firstOfType("alias");
                if (module != null) {
                    String name = values.tree().text(module);
                    int dot = name.indexOf('.');
                    modulePrefix = dot > 0 ? name.substring(0, dot) : name;
                }
            }
        }
        List<Node> cli = values.keywords(values.result("cli"));
        for (Node pair : cli == null ? List.<Node>of() : cli) {
            if ("preferred_envs".equals(values.key(pair))) {
                readPreferredEnvs(values, pair.child("value"));
            }
        }
    }

    private void readProjectKey(MixValues values, String key, Node pair) {
        Node value = pair.child("value");
        if (key == null || value == null) {
            return;
        }
        switch (key) {
            case "app" -> appName = values.atom(value);
            case "apps_path" -> appsPath = values.string(value);
            case "elixir" -> elixirRequirement = values.string(value);
            case "deps" -> readDeps(values, value);
            case "aliases" -> readAliases(values, value);
            case "releases" -> readReleases(values, pair);
            case "preferred_cli_env", "preferred_envs" -> readPreferredEnvs(values, value);
            case "elixirc_paths" -> readCompilePaths(values, value);
            default -> {
            }
        }
    }

    private void readDeps(MixValues values, Node value) {
        List<Node> items = values.items(value);
        depsComplete = items != null;
        for (Node item : items == null ? List.<Node>of() : items) {
            Dependency dependency = item == null ? null : readDependency(values, item);
            if (dependency == null) {
                depsComplete = false;
            } else {
                deps.add(dependency);
            }
        }
    }

    private static Dependency readDependency(MixValues values, Node tuple) {
        if (!tuple.is("tuple") || tuple.namedChildren().isEmpty()) {
            return null;
        }
        List<Node> parts = tuple.namedChildren();
        String name = ElixirSyntax.atomName(values.tree(), parts.get(0));
        if (name == null) {
            return null;
        }
        String requirement = null;
        String path = null;
        List<String> only = List.of();
        Boolean runtime = null;
        boolean inUmbrella = false;
        for (Node part : parts.subList(1, parts.size())) {
            if (part.is("string")) {
                requirement = values.string(part);
                continue;
            }
            for (Node option : ElixirSyntax.pairsOf(part)) {
                Node optionValue = option.child("value");
                switch (String.valueOf(values.key(option))) {
                    case "path" -> path = values.string(optionValue);
                    case "only" -> only = values.atoms(optionValue);
                    case "runtime" -> runtime = values.bool(optionValue);
                    case "in_umbrella" -> inUmbrella = Boolean.TRUE.equals(values.bool(optionValue));
                    default -> {
                    }
                }
            }
        }
        return new Dependency(name, requirement, path, only, runtime, inUmbrella);
    }

    private void readAliases(MixValues values, Node value) {
        List<Node> pairs = values.keywords(value);
        if (pairs == null) {
            aliases = MixAliases.UNREADABLE;
            return;
        }
        LinkedHashMap<String, List<String>> steps = new LinkedHashMap<>();
        for (Node pair : pairs) {
            String name = values.key(pair);
            if (name == null) {
                aliases = MixAliases.UNREADABLE; // `"#{prefix}.setup": …`: an alias of a name not written out
                return;
            }
            List<String> alias = new ArrayList<>();
            Node resolved = values.resolve(pair.child("value"));
            List<Node> items = resolved != null && resolved.is("string") ? List.of(resolved) : values.items(resolved);
            for (Node item : items == null ? Collections.<Node>singletonList(null) : items) {
                alias.add(item == null ? null : values.string(item));
            }
            steps.put(name, Collections.unmodifiableList(alias));
        }
        aliases = MixAliases.of(steps);
    }

    private void readReleases(MixValues values, Node pair) {
        releasesKey = pair.child("key");
        List<Node> named = values.keywords(pair.child("value"));
        if (named != null) {
            for (Node release : named) {
                readRelease(values, values.key(release), release.child("key"), release.child("value"));
            }
            return;
        }
        // releases: [{@app, release()}]: a list of {name, options} tuples
        List<Node> items = values.items(pair.child("value"));
        for (Node item : items == null ? List.<Node>of() : items) {
            Node tuple = item == null ? null : values.resolve(item);
            List<Node> parts = tuple != null && tuple.is("tuple") ? tuple.namedChildren() : List.of();
            if (parts.size() == 2) {
                readRelease(values, values.atom(parts.get(0)), parts.get(0), parts.get(1));
            }
        }
    }

    private void readRelease(MixValues values, String name, Node nameNode, Node value) {
        if (name == null) {
            return;
        }
        Map<String, Node> options = new LinkedHashMap<>();
        List<Node> optionPairs = values.keywords(value);
        for (Node option : optionPairs == null ? List.<Node>of() : optionPairs) {
            String key = values.key(option);
            if (key != null && option.child("value") != null) {
                options.put(key, values.resolve(option.child("value")));
            }
        }
        releases.add(new Release(name, nameNode, Collections.unmodifiableMap(options), values.tree()));
    }

    private void readCompilePaths(MixValues values, Node value) {
        List<String> paths = new ArrayList<>();
        List<Node> outcomes = values.outcomes(value);
        for (Node outcome : outcomes) {
            List<Node> items = values.items(outcome);
            for (Node item : items == null ? Collections.<Node>singletonList(null) : items) {
                String path = item == null ? null : values.string(item);
                if (path == null) {
                    compilePaths = null;
                    return;
                }
                paths.add(path);
            }
        }
        compilePaths = outcomes.isEmpty() ? null : List.copyOf(paths);
    }

    private void readPreferredEnvs(MixValues values, Node value) {
        List<Node> pairs = values.keywords(value);
        for (Node pair : pairs == null ? List.<Node>of() : pairs) {
            String task = values.key(pair);
            String env = values.atom(pair.child("value"));
            if (task != null && env != null) {
                preferredEnvs.put(task, env);
            }
        }
    }

    /**
     * Whether the project compiles code for production outside the folders the model reads ({@code lib/}, and
     * Phoenix 1.2's {@code web/}), or may (its {@code elixirc_paths} are not literal): paths under {@code test/}
     * aside, which only tests compile.
     */
    public boolean compilesCodeOutOfSight() {
        return compilePaths == null || compilePaths.stream()
                .map(path -> path.replaceFirst("^\\./", "").replaceFirst("/+$", ""))
                .anyMatch(path -> !path.equals("lib") && !path.equals("web") && !path.equals("test")
                        && !path.startsWith("test/"));
    }

    /** The file it was read from; null for a project without a readable mix.exs. */
    public DocumentSnapshot file() {
        return file;
    }

    /** The OTP app ({@code app: :shop} → "shop"), or null. */
    public String appName() {
        return appName;
    }

    /**
     * The first segment of the {@code mod:} module ({@code Shop.Application} → "Shop"); for an umbrella root, that of
     * its own module ({@code Shop.Umbrella.MixProject} → "Shop"); or null.
     */
    public String modulePrefix() {
        return modulePrefix;
    }

    /** The {@code apps_path} of an umbrella, or null for a plain project. */
    public String appsPath() {
        return appsPath;
    }

    /** The {@code elixir:} requirement as written ({@code "~> 1.14"}), or null. */
    public String elixirRequirement() {
        return elixirRequirement;
    }

    /** The lowest Elixir version the {@code elixir:} requirement names, or null. */
    public ElixirVersion elixirVersion() {
        return ElixirVersion.find(elixirRequirement);
    }

    /** The dependencies the reader could read; see {@link #depsComplete()}. */
    public List<Dependency> deps() {
        return List.copyOf(deps);
    }

    /** Whether {@link #deps()} is the whole list: false when part of it is computed or missing. */
    public boolean depsComplete() {
        return depsComplete;
    }

    /** The dependency on that app, or null when the readable deps do not name it. */
    public Dependency dependency(String name) {
        for (Dependency dependency : deps) {
            if (dependency.name().equals(name)) {
                return dependency;
            }
        }
        return null;
    }

    public MixAliases aliases() {
        return aliases;
    }

    /** Whether {@code project/0} has a {@code releases:} key, whatever its value. */
    public boolean declaresReleases() {
        return releasesKey != null;
    }

    /** The {@code releases:} key node, or null. */
    public Node releasesKey() {
        return releasesKey;
    }

    /** The releases whose names can be read, in order. */
    public List<Release> releases() {
        return List.copyOf(releases);
    }

    /** The environment a task runs in by default ({@code preferred_envs: [release: :prod]}), or null. */
    public String preferredEnv(String task) {
        return preferredEnvs.get(task);
    }
}
