package dev.gotchals.workspace;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Decides a file's {@link FileRole} from its path relative to its Mix project (or umbrella app) root. */
public final class FileClassifier {
    /** Folders never read: dependencies, build output, tooling caches. */
    public static final Set<String> SKIPPED_FOLDERS = Set.of("deps", "_build", "node_modules", ".git", ".elixir_ls",
            ".lexical", ".expert", "cover", ".hex", ".mix");

    /** The project settings file's name. */
    public static final String SETTINGS_FILE = ".gotcha.exs";

    private FileClassifier() {
    }

    /**
     * The role of a file of a Mix project, as the project scan gives it: inside an umbrella app, read from the app's
     * root (apps/web/lib/...), else from the project root; the settings file counts only at the project root (an
     * umbrella has one, beside its mix.exs).
     *
     * @param appRoot the innermost folder with a mix.exs that holds the file ({@code projectRoot} outside apps)
     */
    public static Optional<FileRole> classifyInProject(Path projectRoot, Path appRoot, Path file) {
        return classify(appRoot.relativize(file))
                .filter(role -> role != FileRole.PROJECT_SETTINGS || appRoot.equals(projectRoot))
                .or(() -> classify(projectRoot.relativize(file)));
    }

    public static Optional<FileRole> classify(Path relative) {
        if (relative == null || relative.getNameCount() == 0 || relative.isAbsolute()) {
            return Optional.empty();
        }
        for (Path part : relative) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return Optional.empty();
            }
        }
        String name = relative.getFileName().toString();
        String first = relative.getName(0).toString();
        int depth = relative.getNameCount();
        if (isDockerfile(name)) {
            return Optional.of(FileRole.DOCKERFILE);
        }
        if (depth == 1 && name.equals(SETTINGS_FILE)) {
            return Optional.of(FileRole.PROJECT_SETTINGS);
        }
        if (depth == 1 && name.equals("mix.exs")) {
            return Optional.of(FileRole.MIX_PROJECT);
        }
        if (first.equals("config") && depth >= 2 && name.endsWith(".exs")) {
            return Optional.of(FileRole.CONFIG);
        }
        if (first.equals("lib") && depth >= 2 && name.endsWith(".ex")) {
            return Optional.of(FileRole.ELIXIR_SOURCE);
        }
        if (first.equals("rel")) {
            if (depth == 4 && relative.getName(1).toString().equals("overlays")
                    && relative.getName(2).toString().equals("bin")) {
                return Optional.of(FileRole.RELEASE_SCRIPT);
            }
            if (name.endsWith(".exs")) {
                return Optional.of(FileRole.RELEASE_CONFIG);
            }
        }
        if (depth == 1 && (name.equals("fly.toml") || name.equals("Procfile"))) {
            return Optional.of(FileRole.DEPLOY_MANIFEST);
        }
        if (name.toLowerCase(Locale.ROOT).contains("entrypoint") && !name.endsWith(".ex") && !name.endsWith(".exs")) {
            return Optional.of(FileRole.ENTRYPOINT_SCRIPT);
        }
        return Optional.empty();
    }

    static boolean isDockerfile(String name) {
        return name.equals("Dockerfile") || name.startsWith("Dockerfile.") || name.endsWith(".Dockerfile")
                || name.equals("Containerfile") || name.startsWith("Containerfile.");
    }
}
