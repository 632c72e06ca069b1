package dev.gotchals.model.project;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.mix.Release;
import dev.gotchals.model.DistilleryConfig;
import dev.gotchals.model.MixFiles;
import dev.gotchals.rule.ProjectContext;

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

    private final UmbrellaApps apps;
    /** The umbrella apps the releases ship, or null when that cannot be told (every app counts). */
    private final Set<String> shipped;
    /** The umbrella apps each mix.exs release that lists its applications ships, by the release's name. */
    private final Map<String, Set<String>> byRelease;

    private ReleasedApps(UmbrellaApps apps, Set<String> shipped, Map<String, Set<String>> byRelease) {
        this.apps = apps;
        this.shipped = shipped;
        this.byRelease = byRelease;
    }

    public static ReleasedApps of(ProjectContext project) {
        return project.model(ReleasedApps.class, ReleasedApps::read);
    }

    private static ReleasedApps read(ProjectContext project) {
        UmbrellaApps apps = UmbrellaApps.of(project);
        if (!apps.present()) {
            return new ReleasedApps(apps, null, Map.of());
        }
        Set<String> listed = new HashSet<>();
        Map<String, Set<String>> byRelease = new HashMap<>();
        for (Release release : MixFiles.of(project).own().releases()) {
            List<String> applications = release.applications();
            if (applications != null) {
                listed.addAll(applications);
                Set<String> ships = applications.stream().anyMatch(apps::contains) ? apps.withDependencies(applications)
                        : null;
                if (ships != null) {
                    byRelease.put(release.name(), ships);
                }
            }
        }
        DocumentSnapshot distillery = DistilleryConfig.of(project);
        if (distillery != null) {
            Matcher lists = DISTILLERY_APPLICATIONS.matcher(distillery.text().text());
            while (lists.find()) {
                Matcher names = NAME.matcher(lists.group(1));
                while (names.find()) {
                    listed.add(names.group(1));
                }
            }
        }
        boolean listsUmbrellaApps = listed.stream().anyMatch(apps::contains);
        return new ReleasedApps(apps, listsUmbrellaApps ? apps.withDependencies(listed) : null, Map.copyOf(byRelease));
    }

    /**
     * The umbrella apps the release of that name ships ({@code applications:} of its mix.exs entry and their umbrella
     * dependencies), or null when that cannot be told: no umbrella, no such release, or no list of applications.
     */
    public Set<String> shippedBy(String release) {
        return release == null ? null : byRelease.get(release);
    }

    /** Whether {@code app} is an umbrella app that no release ships. */
    public boolean leftOut(String app) {
        return shipped != null && apps.contains(app) && !shipped.contains(app);
    }
}
