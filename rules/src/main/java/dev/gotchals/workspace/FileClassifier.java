package dev.gotchals.workspace;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/** Decides a file's {@link FileRole} from its path relative to its Mix project (or umbrella app) root. */
public final class FileClassifier {
    /** Folders never read: dependencies, build output, tooling caches. */
    public static final Set<String> SKIPPED_FOLDERS = Set.of("deps", "_build", "node_modules", ".git", ".elixir_ls",
            ".lexical", ".expert", "cover", ".hex", ".mix");

    /** The project settings file's name. */
    public static final String SETTINGS_FILE = FileRole.PROJECT_SETTINGS.pattern().text();

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

    /** The role of a file from its path relative to its project root: the first {@link FileRole} whose pattern matches. */
    public static Optional<FileRole> classify(Path relative) {
        if (relative == null || relative.getNameCount() == 0 || relative.isAbsolute()) {
            return Optional.empty();
        }
        StringJoiner slashed = new StringJoiner("/");
        for (Path part : relative) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return Optional.empty();
            }
            slashed.add(part.toString());
        }
        String path = slashed.toString();
        for (FileRole role : FileRole.values()) {
            if (role.matches(path)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The globs a client watches for the server: every role's files, wherever a project lies in the workspace. */
    public static List<String> watcherGlobs() {
        return Arrays.stream(FileRole.values()).flatMap(role -> role.watcherGlobs().stream()).distinct().toList();
    }
}
