package dev.gotchals.model.project;

import dev.gotchals.mix.Dependency;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.MixFiles;
import dev.gotchals.rule.ProjectContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The apps of an umbrella and how they depend on each other ({@code in_umbrella: true} or a path into the umbrella):
 * which app a file belongs to, and which apps an app brings along. Empty outside an umbrella.
 */
public final class UmbrellaApps {
    /** Packages that build an app's front-end assets. */
    private static final Set<String> ASSET_BUILDERS = Set.of("esbuild", "tailwind", "dart_sass", "bun");

    private final Map<String, MixExs> byName;
    private final Map<Path, String> byRoot;

    private UmbrellaApps(Map<String, MixExs> byName, Map<Path, String> byRoot) {
        this.byName = byName;
        this.byRoot = byRoot;
    }

    public static UmbrellaApps of(ProjectContext project) {
        return project.model(UmbrellaApps.class, UmbrellaApps::read);
    }

    private static UmbrellaApps read(ProjectContext project) {
        MixFiles mixfiles = MixFiles.of(project);
        Map<String, MixExs> byName = new HashMap<>();
        Map<Path, String> byRoot = new HashMap<>();
        if (mixfiles.own().appsPath() != null) {
            for (MixExs app : mixfiles.all().subList(1, mixfiles.all().size())) {
                if (app.appName() != null && app.file() != null) {
                    byName.put(app.appName(), app);
                    byRoot.put(app.file().path().getParent(), app.appName());
                }
            }
        }
        return new UmbrellaApps(Map.copyOf(byName), Map.copyOf(byRoot));
    }

    /** Whether the project is an umbrella whose apps could be read. */
    public boolean present() {
        return !byName.isEmpty();
    }

    /** Whether {@code app} is one of the umbrella's apps. */
    public boolean contains(String app) {
        return byName.containsKey(app);
    }

    /**
     * Whether an umbrella app has a front end of its own: an {@code assets/} folder, or a dependency on an asset
     * builder ({@code esbuild}, {@code tailwind}, {@code dart_sass}).
     */
    public boolean hasFrontEnd(String app) {
        MixExs mix = byName.get(app);
        if (mix == null) {
            return false;
        }
        return Files.isDirectory(mix.file().path().resolveSibling("assets"))
                || mix.deps().stream().anyMatch(dependency -> ASSET_BUILDERS.contains(dependency.name()));
    }

    /** The umbrella app whose folder holds {@code file}, or null. */
    public String appOf(Path file) {
        for (Path folder = file.getParent(); folder != null; folder = folder.getParent()) {
            String app = byRoot.get(folder);
            if (app != null) {
                return app;
            }
        }
        return null;
    }

    /**
     * The umbrella apps {@code apps} bring along: themselves and their umbrella dependencies, transitively; null when
     * an app's dependencies cannot be read (any app may come along).
     */
    public Set<String> withDependencies(Collection<String> apps) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(apps);
        while (!pending.isEmpty()) {
            String app = pending.pop();
            MixExs mix = byName.get(app);
            if (mix == null || !reached.add(app)) {
                continue;
            }
            if (!mix.depsComplete()) {
                return null;
            }
            for (Dependency dependency : mix.deps()) {
                if (dependency.inUmbrella() || dependency.path() != null) {
                    pending.push(dependency.name());
                }
            }
        }
        return Set.copyOf(reached);
    }
}
