package dev.gotchals.workspace;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One Mix project: a folder with a {@code mix.exs}, or an umbrella whose apps under {@code apps/} share its
 * config. Knows its files by role, and each file's role by its path (asked once per file read, so a lookup must
 * not cost a scan of the project); their contents come from the {@link Workspace}. Two projects are equal when
 * everything they know is equal, their files included.
 */
public final class MixProject {
    private final Path root;
    private final String appName;
    private final String modulePrefix;
    private final boolean umbrella;
    private final List<App> apps;
    private final Map<FileRole, List<Path>> files;
    private final Map<Path, FileRole> roleByFile = new HashMap<>();

    /** An app of an umbrella project. */
    public record App(Path root, String appName, String modulePrefix) {
    }

    /**
     * @param root         the folder that holds mix.exs
     * @param appName      the OTP app ({@code :shop} → "shop"); for an umbrella, the folder name
     * @param modulePrefix the app's module prefix ("Shop"), from {@code mod:} or the camelized app name
     * @param umbrella     whether mix.exs names an {@code apps_path}
     * @param apps         umbrella children; empty for a plain project
     * @param files        every file of a known role, by role, as absolute paths; a file listed under two roles
     *                     has the first of them in {@link FileRole}'s order
     */
    public MixProject(Path root, String appName, String modulePrefix, boolean umbrella, List<App> apps,
                      Map<FileRole, List<Path>> files) {
        this.root = root;
        this.appName = appName;
        this.modulePrefix = modulePrefix;
        this.umbrella = umbrella;
        this.apps = List.copyOf(apps);
        Map<FileRole, List<Path>> byRole = new EnumMap<>(FileRole.class);
        files.forEach((role, paths) -> byRole.put(role, List.copyOf(paths)));
        this.files = Collections.unmodifiableMap(byRole);
        byRole.forEach((role, paths) -> paths.forEach(path -> roleByFile.putIfAbsent(path, role)));
    }

    public Path root() {
        return root;
    }

    public String appName() {
        return appName;
    }

    public String modulePrefix() {
        return modulePrefix;
    }

    public boolean umbrella() {
        return umbrella;
    }

    public List<App> apps() {
        return apps;
    }

    /** Every file of a known role, by role, in {@link FileRole}'s order. */
    public Map<FileRole, List<Path>> files() {
        return files;
    }

    public List<Path> files(FileRole role) {
        return files.getOrDefault(role, List.of());
    }

    public Set<FileRole> roles() {
        return files.keySet();
    }

    /** The role of one of the project's files (an absolute, normalized path), or empty when it lists no such file. */
    public Optional<FileRole> roleOf(Path file) {
        return Optional.ofNullable(roleByFile.get(file));
    }

    public boolean contains(Path file) {
        return roleByFile.containsKey(file);
    }

    /** The project file at a path relative to the root ("config/prod.exs"), if the project has it. */
    public Path configFile(String name) {
        Path wanted = root.resolve("config").resolve(name);
        return roleByFile.get(wanted) == FileRole.CONFIG ? wanted : null;
    }

    /** The project's {@code .gotcha.exs}, or null when it has none. */
    public Path settingsFile() {
        List<Path> found = files(FileRole.PROJECT_SETTINGS);
        return found.isEmpty() ? null : found.get(0);
    }

    public String relativize(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MixProject project && Objects.equals(root, project.root)
                && Objects.equals(appName, project.appName) && Objects.equals(modulePrefix, project.modulePrefix)
                && umbrella == project.umbrella
                && apps.equals(project.apps) && files.equals(project.files);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, appName, modulePrefix, umbrella, apps, files);
    }

    /** The project's root and app, without its files (which may be tens of thousands). */
    @Override
    public String toString() {
        return "MixProject[" + root + ", :" + appName + (umbrella ? ", umbrella of " + apps.size() + " apps" : "") + "]";
    }
}
