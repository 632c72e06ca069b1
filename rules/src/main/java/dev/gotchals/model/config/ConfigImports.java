package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.docker.Stage;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.SuppliedConfigFiles;
import dev.gotchals.model.deploy.Edeliver;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.Glob;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The files an {@code import_config} loads: {@code import_config "prod.exs"}, {@code "#{config_env()}.exs"} (or
 * {@code Mix.env()}), a wildcard such as {@code "../apps/*}{@code /config/config.exs"}, and the umbrella loop
 * {@code for config <- Path.wildcard(…) do import_config config end}. Paths are relative to the importing file.
 */
final class ConfigImports {
    /** More files than any real umbrella has; bounds a wildcard over a huge tree. */
    private static final int MAX_MATCHES = 64;

    private ConfigImports() {
    }

    /** The file one {@code import_config "…"} call loads for {@code env}, or null when it cannot be told. */
    static DocumentSnapshot single(ProjectContext project, DocumentSnapshot file, Node call, String env) {
        return single(project, file, call, env, Map.of());
    }

    /** {@link #single}, with the variables bound before the call ({@code import_config(env_file)}). */
    static DocumentSnapshot single(ProjectContext project, DocumentSnapshot file, Node call, String env,
                                   Map<String, Node> bindings) {
        Path path = namedPath(file, call, env, bindings);
        if (path == null) {
            return null;
        }
        // An image builds the release for prod; dev and test run from the checkout, whatever an image copies.
        DocumentSnapshot copied = env.equals("prod") ? copiedForBuild(project, path) : null;
        if (copied == null && env.equals("prod") && (fromBuildHost(project, path) || fetchedByBuild(project, path))) {
            return null; // the build host's own file replaces the committed one: whoever builds supplies it
        }
        return copied != null ? copied : project.file(path);
    }

    /**
     * Whether the file at {@code path} exists where {@code env}'s config is evaluated: the repository holds it, or (for
     * prod) the build writes it from a file it holds.
     */
    static boolean existsForBuild(ProjectContext project, Path path, String env) {
        return project.file(path) != null || env.equals("prod") && copiedForBuild(project, path) != null;
    }

    /**
     * The file of the project that the prod build puts at {@code path}: what a production image copies there, or what
     * edeliver's build copies there from another file of its checkout; null when neither does.
     */
    private static DocumentSnapshot copiedForBuild(ProjectContext project, Path path) {
        DocumentSnapshot copied = copiedInImage(project, path);
        if (copied != null) {
            return copied;
        }
        Edeliver edeliver = Edeliver.of(project);
        Path root = project.project().root();
        String source = edeliver == null || !path.startsWith(root) ? null
                : edeliver.checkoutCopies().get(root.relativize(path).toString().replace('\\', '/'));
        return source == null ? null : project.file(root.resolve(source).normalize());
    }

    /**
     * Whether edeliver's build links (or copies) its own file onto {@code path} in the checkout it builds, and no
     * production image builds from the checkout's config besides.
     */
    private static boolean fromBuildHost(ProjectContext project, Path path) {
        Edeliver edeliver = Edeliver.of(project);
        Path root = project.project().root();
        return edeliver != null && path.startsWith(root)
                && edeliver.buildHostFiles().contains(root.relativize(path).toString().replace('\\', '/'))
                && noAppImage(DeployModel.of(project));
    }

    /**
     * Whether a CI step or build script fetches the file at {@code path} from outside the repository before the build
     * ({@code gsutil cp gs://…/prod.secret.exs ./config/prod.secret.exs}): the committed file is a stand-in.
     */
    private static boolean fetchedByBuild(ProjectContext project, Path path) {
        Path root = project.project().root();
        return path.startsWith(root)
                && SuppliedConfigFiles.of(project).supplies(root.relativize(path).toString().replace('\\', '/'));
    }

    /** Whether no production image copies the checkout's config in: an image that does compiles the committed file. */
    private static boolean noAppImage(DeployModel deploy) {
        for (DockerImage image : deploy.productionImages()) {
            for (Stage stage : image.dockerfile().stages()) {
                if (image.copies(stage).stream().anyMatch(copy -> copy.bringsAnyOf("config"))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The one file an {@code import_config "…"} names, resolved against the importing file; null for a wildcard or a
     * name that cannot be told. When {@link #all} loads nothing for such a call, the file is missing: the project does
     * not hold it and (for prod) no production image copies one onto it. Elixir refuses to load config without it, so
     * whoever builds supplies it: the Phoenix 1.5 and older generators' {@code prod.secret.exs}, kept out of git
     * because it holds production's secrets.
     */
    static Path namedPath(DocumentSnapshot file, Node call, String env, Map<String, Node> bindings) {
        String name = importedName(file.tree(), call, env, bindings);
        return name == null || isWildcard(name) ? null : file.path().resolveSibling(name).normalize();
    }

    /**
     * The file a production image's release build copies onto {@code path} before {@code mix release}
     * ({@code COPY config/prod.secret.example.exs config/prod.secret.exs}): what the release is built with there,
     * whether or not the repository has a file at that path. Null when no image does.
     */
    static DocumentSnapshot copiedInImage(ProjectContext project, Path path) {
        Path root = project.project().root();
        if (!path.startsWith(root)) {
            return null;
        }
        String relative = root.relativize(path).toString().replace('\\', '/');
        for (String source : ReleaseCopies.of(project).sourcesOf(relative)) {
            DocumentSnapshot copied = project.file(root.resolve(source).normalize());
            if (copied != null) {
                return copied;
            }
        }
        return null;
    }

    /**
     * The config file of the project that a {@code Code.require_file} statement evaluates, or null: the file, named
     * relative to the config file's folder ({@code Code.require_file("host_runtime.exs", __DIR__)},
     * {@code Path.expand("host_runtime.exs", __DIR__)}) or, as a bare string, to the project's folder, where Mix
     * runs; and it must write config itself ({@code import Config}): a module of helpers required to be called is
     * not config.
     */
    static DocumentSnapshot required(ProjectContext project, DocumentSnapshot file, Node statement, String env,
                                     Map<String, Node> bindings) {
        SyntaxTree tree = file.tree();
        List<Node> arguments = ElixirSyntax.arguments(statement);
        if (!ElixirSyntax.isRemoteCall(tree, statement, "Code", "require_file") || arguments.isEmpty()
                || arguments.size() == 2 && !isOwnFolder(tree, arguments.get(1), bindings, 0)) {
            return null;
        }
        String name = pathName(tree, arguments.get(0), env, bindings, 0);
        if (name == null || isWildcard(name)) {
            return null;
        }
        Path path = arguments.size() == 1 && arguments.get(0).is("string")
                ? project.project().root().resolve(name).normalize()
                : file.path().resolveSibling(name).normalize();
        DocumentSnapshot required = OperatorConfig.asElixir(project.file(path));
        return required != null && required.tree() != null && writesConfig(required) ? required : null;
    }

    /** Whether a file imports Config (or uses Mix.Config) at its top level, as a config file does. */
    private static boolean writesConfig(DocumentSnapshot file) {
        SyntaxTree tree = file.tree();
        return tree.statements().stream().map(tree::text).map(String::strip)
                .anyMatch(text -> text.equals("import Config") || text.equals("use Mix.Config"));
    }

    /** Every file an {@code import_config} call loads, in the order Elixir loads them (wildcards sorted). */
    static List<DocumentSnapshot> all(ProjectContext project, DocumentSnapshot file, Node call, String env,
                                      Map<String, Node> bindings) {
        String name = importedName(file.tree(), call, env, bindings);
        if (name == null) {
            return List.of();
        }
        return isWildcard(name) ? matching(project, file, name) : nonNull(single(project, file, call, env, bindings));
    }

    /**
     * The files of {@code for var <- Path.wildcard(…"pattern"…) do import_config var end}, or null when the
     * statement is not such a loop. The pattern may name the environment ({@code "../apps/*}{@code
     * /config/{config,#{Mix.env()}}.exs"}, as Elixir's umbrella template wrote it), which is {@code env} here.
     */
    static List<DocumentSnapshot> loop(ProjectContext project, DocumentSnapshot file, Node statement, String env) {
        SyntaxTree tree = file.tree();
        List<Node> arguments = ElixirSyntax.arguments(statement);
        if (arguments.size() != 1 || !arguments.get(0).is("binary_operator")) {
            return null;
        }
        Node generator = arguments.get(0);
        Node operator = generator.child("operator");
        Node variable = generator.child("left");
        Node source = generator.child("right");
        if (operator == null || !tree.text(operator).equals("<-") || variable == null || !variable.is("identifier")
                || source == null || !tree.mentions(source, "wildcard")) {
            return null;
        }
        List<Node> body = ElixirSyntax.blockStatements(ElixirSyntax.doBlock(statement), false);
        if (body.isEmpty()) {
            return null;
        }
        for (Node inner : body) {
            List<Node> imported = ElixirSyntax.arguments(inner);
            if (!"import_config".equals(ElixirSyntax.localCallName(tree, inner)) || imported.size() != 1
                    || !tree.text(imported.get(0)).equals(tree.text(variable))) {
                return null;
            }
        }
        String pattern = firstWildcardString(tree, source, env);
        return pattern == null ? null : matching(project, file, pattern);
    }

    private static String firstWildcardString(SyntaxTree tree, Node node, String env) {
        String[] found = {null};
        node.forEachDescendant(n -> {
            String literal = found[0] == null && n.is("string") ? pathName(tree, n, env, Map.of(), 0) : null;
            if (literal != null && isWildcard(literal)) {
                found[0] = literal;
            }
        });
        return found[0];
    }

    private static String importedName(SyntaxTree tree, Node call, String env, Map<String, Node> bindings) {
        List<Node> arguments = ElixirSyntax.arguments(call);
        return arguments.size() == 1 ? pathName(tree, arguments.get(0), env, bindings, 0) : null;
    }

    /**
     * The path an expression names relative to the config file's folder: a string ({@code "#{config_env()}.exs"}), a
     * variable bound to one, or one joined to the file's own folder ({@code Path.join(config_dir, "prod.exs")} with
     * {@code config_dir = Path.dirname(__ENV__.file)}, {@code Path.expand("prod.exs", __DIR__)}); null otherwise.
     */
    static String pathName(SyntaxTree tree, Node node, String env, Map<String, Node> bindings, int depth) {
        if (depth > 3 || node == null) {
            return null;
        }
        if (node.is("identifier")) {
            return pathName(tree, bindings.get(tree.text(node)), env, bindings, depth + 1);
        }
        if (node.is("call")) {
            List<Node> arguments = ElixirSyntax.arguments(node);
            boolean join = ElixirSyntax.isRemoteCall(tree, node, "Path", "join");
            boolean expand = ElixirSyntax.isRemoteCall(tree, node, "Path", "expand");
            if (arguments.size() == 2 && (join && isOwnFolder(tree, arguments.get(0), bindings, depth)
                    || expand && isOwnFolder(tree, arguments.get(1), bindings, depth))) {
                return pathName(tree, arguments.get(join ? 1 : 0), env, bindings, depth + 1);
            }
            return null;
        }
        // `File.cwd!() <> "/config/prod.override.exs"`: Mix runs in the project's folder, the config folder's parent.
        Node operator = node.is("binary_operator") ? node.child("operator") : null;
        if (operator != null && tree.text(operator).equals("<>") && node.child("left") != null
                && tree.text(node.child("left")).replace(" ", "").matches("File\\.cwd!(\\(\\))?")) {
            String rest = pathName(tree, node.child("right"), env, bindings, depth + 1);
            return rest == null || !rest.startsWith("/") ? null : ".." + rest;
        }
        if (!node.is("string")) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        for (Node part : node.namedChildren()) {
            if (part.is("quoted_content")) {
                name.append(tree.text(part));
            } else if (part.is("interpolation") && part.namedChildren().size() == 1
                    && EnvCondition.isEnvExpression(tree, part.namedChildren().get(0))) {
                name.append(env);
            } else {
                return null;
            }
        }
        return name.toString();
    }

    /** {@code __DIR__}, {@code Path.dirname(__ENV__.file)}, or a variable bound to one: the config file's folder. */
    private static boolean isOwnFolder(SyntaxTree tree, Node node, Map<String, Node> bindings, int depth) {
        String text = tree.text(node).replace(" ", "");
        if (text.equals("__DIR__") || text.equals("Path.dirname(__ENV__.file)")
                || text.equals("Path.dirname(__ENV__.file())")) {
            return true;
        }
        Node bound = node.is("identifier") ? bindings.get(text) : null;
        return bound != null && depth < 3 && isOwnFolder(tree, bound, bindings, depth + 1);
    }

    private static boolean isWildcard(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
    }

    /**
     * The files a glob relative to the importing file's folder matches, sorted as {@code Path.wildcard} sorts: among
     * the project's config files ({@code config/**}{@code /*.exs} of the project and of each umbrella app), listed
     * through the context, so that a config file appearing or vanishing rebuilds whoever expanded the glob. The
     * glob's {@code *}, {@code ?}, {@code **}, {@code {a,b}} and {@code [ab]} are read as Elixir reads them.
     */
    private static List<DocumentSnapshot> matching(ProjectContext project, DocumentSnapshot file, String pattern) {
        Path root = project.project().root();
        String relative = withinProject(root, file.path().getParent(), pattern);
        Glob glob = relative == null ? null : globOf(relative);
        if (glob == null) {
            return List.of(); // outside the project, or a glob Elixir would refuse: nothing the model can see
        }
        List<Path> matches = new ArrayList<>();
        for (Path path : project.paths(FileRole.CONFIG)) {
            if (path.startsWith(root) && glob.matches(slashed(root.relativize(path)))) {
                matches.add(path);
            }
        }
        matches.sort(Comparator.comparing(path -> slashed(root.relativize(path))));
        List<DocumentSnapshot> files = new ArrayList<>();
        for (Path path : matches.subList(0, Math.min(matches.size(), MAX_MATCHES))) {
            DocumentSnapshot imported = project.file(path);
            if (imported != null) {
                files.add(imported);
            }
        }
        return files;
    }

    /**
     * The glob resolved against {@code folder} and written relative to the project root ({@code ".."} and
     * {@code "."} taken away as Elixir's path expansion does), or null when it leads out of the project.
     */
    private static String withinProject(Path root, Path folder, String pattern) {
        if (folder == null || !folder.startsWith(root) || pattern.startsWith("/")) {
            return null;
        }
        ArrayDeque<String> segments = new ArrayDeque<>();
        for (Path part : root.relativize(folder)) {
            if (!part.toString().isEmpty()) {
                segments.addLast(part.toString());
            }
        }
        for (String segment : pattern.split("/")) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return null;
                }
                segments.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }

    private static Glob globOf(String pattern) {
        try {
            return Glob.of(pattern);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    private static List<DocumentSnapshot> nonNull(DocumentSnapshot file) {
        return file == null ? List.of() : List.of(file);
    }
}
