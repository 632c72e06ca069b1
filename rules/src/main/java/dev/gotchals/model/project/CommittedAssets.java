package dev.gotchals.model.project;

import dev.gotchals.rule.ProjectContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether the project keeps built front-end assets in the repository: JavaScript or CSS under
 * {@code priv/static/assets/} (Phoenix 1.6 and later) or {@code priv/static/js/}, {@code priv/static/css/} (the
 * webpack era), in a folder {@code .gitignore} does not leave out. Such a project ships them with any copy of
 * priv/static, built or not in the image.
 */
public final class CommittedAssets {
    private static final List<String> FOLDERS = List.of("assets", "js", "css");
    private static final String PRIV_STATIC = "priv/static";
    private static final int DEPTH = 3;

    private CommittedAssets() {
    }

    /** Whether the project has built JavaScript or CSS in priv/static that git keeps. */
    public static boolean present(ProjectContext project) {
        Path root = project.project().root();
        GitIgnore ignores = GitIgnore.of(project);
        for (String folder : FOLDERS) {
            String path = PRIV_STATIC + "/" + folder;
            if (!ignores.leavesOut(path) && holdsScriptsOrStyles(root.resolve(path))) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsScriptsOrStyles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(folder, DEPTH)) {
            return files.anyMatch(file -> {
                String name = file.getFileName().toString();
                return (name.endsWith(".js") || name.endsWith(".css")) && Files.isRegularFile(file);
            });
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
