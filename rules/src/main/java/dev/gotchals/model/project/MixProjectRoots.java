package dev.gotchals.model.project;

import dev.gotchals.mix.Dependency;
import dev.gotchals.mix.MixExs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which Mix projects of a workspace are deployed apps, and which only serve another one: a path dependency
 * ({@code {:shared, path: "../shared"}}) that declares no release of its own or an example, fixture, template or generated sample kept under another
 * project's folder ({@code examples/}, {@code test/fixtures/}, {@code data/sample-app/}), or a benchmark's harness
 * ({@code bench/platform_floor/floor_app/}: an app built to measure the project's code, not to serve). Their
 * config is not a deployed app's config.
 */
public final class MixProjectRoots {
    /**
     * Words of folder names under which a project holds Mix projects that are not deployed apps: sample apps of
     * itself, test fixtures, templates, generated apps kept as data ({@code data/sample-app/1.7.0}), benchmarks'
     * harnesses.
     */
    private static final Set<String> EXAMPLE_WORDS = Set.of("examples", "example", "samples", "sample", "demo",
            "demos", "fixtures", "fixture", "templates", "template", "bench", "benches", "benchmark", "benchmarks");

    private final Map<Path, MixExs> projects;
    private final Predicate<Path> keepsReleaseFolder;

    private MixProjectRoots(Map<Path, MixExs> projects, Predicate<Path> keepsReleaseFolder) {
        this.projects = projects;
        this.keepsReleaseFolder = keepsReleaseFolder;
    }

    /** @param projects each project's root folder (absolute, normalized) with its mix.exs */
    public static MixProjectRoots of(Map<Path, MixExs> projects) {
        return of(projects, root -> false);
    }

    /**
     * @param projects           each project's root folder (absolute, normalized) with its mix.exs
     * @param keepsReleaseFolder whether a project root holds a {@code rel/} folder
     */
    public static MixProjectRoots of(Map<Path, MixExs> projects, Predicate<Path> keepsReleaseFolder) {
        return new MixProjectRoots(Map.copyOf(projects), keepsReleaseFolder);
    }

    /** Whether {@code dependent}'s mix.exs names {@code dependency} as a path dependency. */
    public boolean isPathDependencyOf(Path dependency, Path dependent) {
        MixExs mix = projects.get(dependent);
        if (mix == null || dependency.equals(dependent)) {
            return false;
        }
        for (Dependency dep : mix.deps()) {
            if (dep.path() != null && !dep.inUmbrella()
                    && dependent.resolve(dep.path()).normalize().equals(dependency)) {
                return true;
            }
        }
        return false;
    }

    /** The projects that use {@code root} as a path dependency. */
    public List<Path> dependentsOf(Path root) {
        List<Path> dependents = new ArrayList<>();
        for (Path other : projects.keySet()) {
            if (isPathDependencyOf(root, other)) {
                dependents.add(other);
            }
        }
        dependents.sort(null);
        return dependents;
    }

    /** The project whose examples folder holds {@code root} ({@code lib_root/examples/demo}), or null. */
    public Path exampleOf(Path root) {
        Path best = null;
        for (Path other : projects.keySet()) {
            if (!root.startsWith(other) || root.equals(other)) {
                continue;
            }
            Path inside = other.relativize(root);
            if (heldAsExample(inside) && (best == null || other.getNameCount() > best.getNameCount())) {
                best = other;
            }
        }
        return best;
    }

    /** Whether a folder on the way to a nested project names it a sample, fixture, template, data or benchmark. */
    private static boolean heldAsExample(Path inside) {
        for (Path folder : inside) {
            for (String word : folder.toString().toLowerCase(Locale.ROOT).split("[-_.]")) {
                if (EXAMPLE_WORDS.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the project is deployed for itself: not another project's example, and not its path dependency unless
     * it is released on its own, as its mix.exs {@code releases:} or its {@code rel/} folder (phx.gen.release's
     * overlays, Distillery's config) shows: an app a firmware project also embeds is still built and shipped alone.
     */
    public boolean isDeployedRoot(Path root) {
        MixExs mix = projects.get(root);
        boolean releasedAlone = mix != null && mix.declaresReleases() || keepsReleaseFolder.test(root);
        return (releasedAlone || dependentsOf(root).isEmpty()) && exampleOf(root) == null;
    }
}
