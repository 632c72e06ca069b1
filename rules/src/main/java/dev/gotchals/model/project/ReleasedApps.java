package dev.gotchals.model.project;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.mix.Dependency;
import dev.gotchals.mix.MixExs;
import dev.gotchals.mix.Release;
import dev.gotchals.model.MixFiles;
import dev.gotchals.rule.ProjectContext;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which apps of an umbrella its releases ship: those a release lists ({@code applications:} of a mix.exs release, or
 * {@code set applications:} of a Distillery release in rel/config.exs) and the umbrella apps they depend on
 * ({@code in_umbrella: true}), transitively. An umbrella app no release ships (a skeleton new services are copied
 * from, a tool) is not deployed, so its config is no production config. Outside an umbrella, or when no release
 * lists its applications, every app counts as shipped.
 */
public final class ReleasedApps {
    /** A Distillery release's application list: {@code set applications: [:runtime_tools, :andi]}. */
    private static final Pattern DISTILLERY_APPLICATIONS = Pattern.compile("set\\s+applications:\\s*\\[([^\\]]*)]");
    private static final Pattern NAME = Pattern.compile(":?([a-z_][a-zA-Z0-9_]*)");

    /** The umbrella's apps, by name, with their mix.exs; empty outside an umbrella. */
    private final Map<String, MixExs> umbrellaApps;
    /** The umbrella apps the releases ship, or null when that cannot be told (every app counts). */
    private final Set<String> shipped;

    private ReleasedApps(Map<String, MixExs> umbrellaApps, Set<String> shipped) {
        this.umbrellaApps = umbrellaApps;
        this.shipped = shipped;
    }

    public static ReleasedApps of(ProjectContext project) {
        return project.model(ReleasedApps.class, ReleasedApps::read);
    }

    private static ReleasedApps read(ProjectContext project) {
        MixFiles mixfiles = MixFiles.of(project);
        if (mixfiles.own().appsPath() == null) {
            return new ReleasedApps(Map.of(), null);
        }
        Map<String, MixExs> apps = new HashMap<>();
        for (MixExs app : mixfiles.all().subList(1, mixfiles.all().size())) {
            if (app.appName() != null) {
                apps.put(app.appName(), app);
            }
        }
        Set<String> listed = new HashSet<>();
        for (Release release : mixfiles.own().releases()) {
            List<String> applications = release.applications();
            if (applications != null) {
                listed.addAll(applications);
            }
        }
        DocumentSnapshot distillery = project.file(project.project().root().resolve("rel").resolve("config.exs"));
        if (distillery != null) {
            Matcher lists = DISTILLERY_APPLICATIONS.matcher(distillery.text().text());
            while (lists.find()) {
                Matcher names = NAME.matcher(lists.group(1));
                while (names.find()) {
                    listed.add(names.group(1));
                }
            }
        }
        if (listed.stream().noneMatch(apps::containsKey)) {
            return new ReleasedApps(Map.copyOf(apps), null);
        }
        return new ReleasedApps(Map.copyOf(apps), withUmbrellaDependencies(listed, apps));
    }

    private static Set<String> withUmbrellaDependencies(Set<String> listed, Map<String, MixExs> apps) {
        Set<String> shipped = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(listed);
        while (!pending.isEmpty()) {
            String app = pending.pop();
            MixExs mix = apps.get(app);
            if (mix == null || !shipped.add(app)) {
                continue;
            }
            if (!mix.depsComplete()) {
                return null; // deps that cannot be read may bring in any app
            }
            for (Dependency dependency : mix.deps()) {
                if (dependency.inUmbrella() || dependency.path() != null) {
                    pending.push(dependency.name());
                }
            }
        }
        return Set.copyOf(shipped);
    }

    /** Whether {@code app} is an umbrella app that no release ships. */
    public boolean leftOut(String app) {
        return shipped != null && umbrellaApps.containsKey(app) && !shipped.contains(app);
    }
}
