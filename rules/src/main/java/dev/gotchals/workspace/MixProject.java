package dev.gotchals.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Mix project: a folder with a {@code mix.exs}, or an umbrella whose apps under {@code apps/} share its
 * config. Knows its files by role; their contents come from the {@link Workspace}.
 *
 * @param root         the folder that holds mix.exs
 * @param appName      the OTP app ({@code :shop} → "shop"); for an umbrella, the folder name
 * @param modulePrefix the app's module prefix ("Shop"), from {@code mod:} or the camelized app name
 * @param apps         umbrella children; empty for a plain project
 * @param files        every file of a known role, by role, as absolute paths
 */
public record MixProject(Path root, String appName, String modulePrefix, boolean umbrella, List<App> apps,
                         Map<FileRole, List<Path>> files) {

    /** An app of an umbrella project. */
    public record App(Path root, String appName, String modulePrefix) {
    }

    public List<Path> files(FileRole role) {
        return files.getOrDefault(role, List.of());
    }

    public Set<FileRole> roles() {
        return files.keySet();
    }

    public boolean contains(Path file) {
        for (List<Path> paths : files.values()) {
            if (paths.contains(file)) {
                return true;
            }
        }
        return false;
    }

    /** The project file at a path relative to the root ("config/prod.exs"), if the project has it. */
    public Path configFile(String name) {
        Path wanted = root.resolve("config").resolve(name);
        return files(FileRole.CONFIG).contains(wanted) ? wanted : null;
    }

    /** The project's {@code .gotcha.exs}, or null when it has none. */
    public Path settingsFile() {
        List<Path> found = files(FileRole.PROJECT_SETTINGS);
        return found.isEmpty() ? null : found.get(0);
    }

    public String relativize(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
