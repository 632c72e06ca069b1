package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.model.config.ReleaseBuild;
import dev.gotchals.model.deploy.SuppliedConfigFiles;
import dev.gotchals.rule.ProjectContext;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The config file a release evaluates at boot, as the Elixir version that builds it chooses: none before 1.9;
 * {@code config/releases.exs} on 1.9 and 1.10; from 1.11 {@code config/runtime.exs} when it exists, else
 * {@code releases.exs}. An unknown version chooses like 1.11: a project with only {@code releases.exs} still has
 * it read on every version since 1.9.
 *
 * @param path    where the file is, or would be created
 * @param exists  whether the project has the file
 * @param file    its content, or null when it does not exist or cannot be read (too big to analyse)
 * @param version the Elixir version it was chosen for, or null when unknown
 */
public record RuntimeConfig(Path path, boolean exists, DocumentSnapshot file, ElixirVersion version) {
    public static final String RUNTIME_EXS = "runtime.exs";
    public static final String RELEASES_EXS = "releases.exs";
    /** Calls that evaluate config from a file or string at boot: module and function. */
    private static final List<List<String>> EXTERNAL_LOADERS = List.of(List.of("Code", "eval_file"),
            List.of("Code", "eval_string"), List.of("Config.Reader", "read!"), List.of("Config.Reader", "eval!"));

    /**
     * The runtime config the production release reads: the file mix.exs names with {@code runtime_config_path}, else
     * the one the Elixir it is built with ({@link ReleaseBuild}) reads; null when that Elixir has none (before 1.9):
     * then nothing may be moved into runtime config.
     */
    public static RuntimeConfig release(ProjectContext project) {
        ElixirVersion version = ReleaseBuild.of(project).elixirVersion();
        Optional<String> declared = version != null && !version.atLeast(ElixirVersion.RELEASES) ? Optional.empty()
                : ReleaseRuntimeFile.declaredPath(project);
        if (declared != null && declared.isPresent()) {
            // mix.exs names the file (`runtime_config_path: "config/rt.exs"`): the release reads it instead.
            Path path = project.project().root().resolve(declared.get()).normalize();
            DocumentSnapshot file = project.file(path);
            return new RuntimeConfig(path, file != null, file, version);
        }
        return choose(project, version);
    }

    /**
     * The runtime config Mix evaluates when it runs the project (dev, test, {@code mix phx.server}):
     * {@code runtime.exs} when it exists and the Elixir may be 1.11 or later, else null. Mix never reads
     * {@code releases.exs}.
     */
    public static RuntimeConfig mix(ProjectContext project) {
        ElixirVersion version = ReleaseBuild.of(project).elixirVersion();
        boolean read = version == null || version.atLeast(ElixirVersion.RUNTIME_EXS);
        return read && exists(project, RUNTIME_EXS) ? of(project, RUNTIME_EXS, version) : null;
    }

    /**
     * The runtime config for {@code version} (null: unknown), or null when that version has none. A file the release
     * build copies onto it ({@code COPY config/docker.exs ./config/runtime.exs}) is what the release reads.
     */
    public static RuntimeConfig choose(ProjectContext project, ElixirVersion version) {
        if (version != null && !version.atLeast(ElixirVersion.RELEASES)) {
            return null;
        }
        boolean runtimeExsKnown = version == null || version.atLeast(ElixirVersion.RUNTIME_EXS);
        DocumentSnapshot copiedRuntimeExs = copiedInImage(project, RUNTIME_EXS);
        if (runtimeExsKnown && copiedRuntimeExs != null) {
            return new RuntimeConfig(configPath(project, RUNTIME_EXS), true, copiedRuntimeExs, version);
        }
        if (runtimeExsKnown && exists(project, RUNTIME_EXS)) {
            return of(project, RUNTIME_EXS, version);
        }
        if (runtimeExsKnown && suppliedByBuild(project, RUNTIME_EXS)) {
            return new RuntimeConfig(configPath(project, RUNTIME_EXS), true, null, version);
        }
        DocumentSnapshot copiedReleasesExs = copiedInImage(project, RELEASES_EXS);
        if (copiedReleasesExs != null) {
            return new RuntimeConfig(configPath(project, RELEASES_EXS), true, copiedReleasesExs, version);
        }
        if (exists(project, RELEASES_EXS) || !runtimeExsKnown) {
            return of(project, RELEASES_EXS, version);
        }
        if (suppliedByBuild(project, RELEASES_EXS)) {
            return new RuntimeConfig(configPath(project, RELEASES_EXS), true, null, version);
        }
        return of(project, RUNTIME_EXS, version);
    }

    /**
     * Whether the build writes the runtime config of that name from outside the repository, where the repository
     * has none ({@code echo '${{ secrets.RELEASES_SECRETS }}' >> config/releases.exs} before {@code docker build}):
     * the release reads it, and what it holds is not known (a template of it may say: {@link OperatorConfig}).
     */
    static boolean suppliedByBuild(ProjectContext project, String name) {
        return !exists(project, name) && SuppliedConfigFiles.of(project).supplies("config/" + name);
    }

    private static DocumentSnapshot copiedInImage(ProjectContext project, String name) {
        return ConfigImports.copiedInImage(project, configPath(project, name));
    }

    private static Path configPath(ProjectContext project, String name) {
        return project.project().root().resolve("config").resolve(name);
    }

    private static boolean exists(ProjectContext project, String name) {
        return project.hasConfigFile(name);
    }

    private static RuntimeConfig of(ProjectContext project, String name, ElixirVersion version) {
        Path path = configPath(project, name);
        return new RuntimeConfig(path, exists(project, name), project.configFile(name), version);
    }

    /** The file's name ({@code runtime.exs}), for messages and fix titles. */
    public String name() {
        return path.getFileName().toString();
    }

    /**
     * Whether the file is the legacy {@code releases.exs}, which releases evaluate but Mix does not: a setting
     * there never reaches dev or test.
     */
    public boolean isReleasesExs() {
        return name().equals(RELEASES_EXS);
    }

    /**
     * The files this runtime config loads at boot from outside the repository: it evaluates another file
     * ({@code Code.eval_file/1}, {@code Config.Reader.read!/1}) or imports a path that is not a literal under config/
     * ({@code import_config System.get_env("CONFIG", "/etc/app.exs")}, an absolute path). Each is the literal path
     * written with the call ({@code "CONFIG" |> System.get_env("/etc/app.exs") |> Code.eval_file()}, its default
     * included); empty when it loads none; null when one is loaded from a path or string the file does not spell
     * ({@code Code.eval_string/1}, {@code import_config System.get_env("CONFIG")}).
     */
    public List<String> configLoadedFromOutside() {
        if (file == null || file.tree() == null) {
            return List.of();
        }
        SyntaxTree tree = file.tree();
        List<String> paths = new ArrayList<>();
        boolean[] unknown = {false};
        for (Node statement : tree.statements()) {
            statement.forEachDescendant(node -> {
                if (unknown[0] || !node.is("call")) {
                    return;
                }
                boolean loads = isExternalLoader(tree, node) || importsFromOutside(tree, node);
                if (loads) {
                    List<String> written = pathsWritten(tree, pipeline(tree, statement, node));
                    unknown[0] = written.isEmpty() || ElixirSyntax.isRemoteCall(tree, node, "Code", "eval_string");
                    paths.addAll(written);
                }
            });
        }
        return unknown[0] ? null : paths;
    }

    /** Whether a call evaluates config from a file or string ({@code Code.eval_file/1}, {@code Config.Reader.read!/1}). */
    static boolean isExternalLoader(SyntaxTree tree, Node call) {
        return EXTERNAL_LOADERS.stream().anyMatch(loader -> ElixirSyntax.isRemoteCall(tree, call, loader.get(0),
                loader.get(1)));
    }

    /** The call with the pipes that feed it ({@code "CONFIG" |> System.get_env(…) |> Code.eval_file()}). */
    private static Node pipeline(SyntaxTree tree, Node statement, Node call) {
        List<Node> path = statement.pathDownTo(call);
        Node expression = call;
        for (int i = path.size() - 2; i >= 0 && isPipe(tree, path.get(i)); i--) {
            expression = path.get(i);
        }
        return expression;
    }

    private static boolean isPipe(SyntaxTree tree, Node node) {
        Node operator = node.is("binary_operator") ? node.child("operator") : null;
        return operator != null && tree.text(operator).equals("|>");
    }

    /** The literal {@code .exs} paths written in an expression, an env read's default included. */
    private static List<String> pathsWritten(SyntaxTree tree, Node expression) {
        List<String> paths = new ArrayList<>();
        expression.forEachDescendant(node -> {
            if (node.is("string")) {
                String text = tree.text(node);
                if (text.length() > 2 && text.endsWith(".exs\"") && !text.contains("#{")) {
                    paths.add(text.substring(1, text.length() - 1));
                }
            }
        });
        return paths;
    }

    private static boolean importsFromOutside(SyntaxTree tree, Node call) {
        if (!"import_config".equals(ElixirSyntax.localCallName(tree, call))) {
            return false;
        }
        List<Node> arguments = ElixirSyntax.arguments(call);
        if (arguments.isEmpty()) {
            return false;
        }
        Node path = arguments.get(0);
        if (!path.is("string")) {
            return true; // a variable or a call: chosen at boot
        }
        // A literal or interpolated path ("#{config_env()}.exs") is under config/ unless it is absolute.
        return tree.text(path).startsWith("\"/");
    }

    /**
     * Whether the file may call {@code config_env()}, which Elixir has since 1.11: always in {@code runtime.exs};
     * in {@code releases.exs} only on a version known to have it.
     */
    public boolean hasConfigEnv() {
        return !isReleasesExs() || version != null && version.atLeast(ElixirVersion.RUNTIME_EXS);
    }
}
