package dev.gotchals.model;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.Truth;
import dev.gotchals.rule.ProjectContext;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Hex package versions a project's {@code mix.lock} pins ({@code "phoenix": {:hex, :phoenix, "1.7.19", …}}), read
 * once per analysis. What a dependency does can depend on its version: Phoenix 1.8 checks the endpoint's compile-time
 * keys at boot, Distillery 2.1 renamed its release task so that {@code mix release} became Elixir's own.
 */
public final class MixLock {
    private static final Pattern PINNED =
            Pattern.compile("\"([a-z][a-z0-9_]*)\":\\s*\\{:hex,\\s*:[a-z][a-z0-9_]*,\\s*\"(\\d{1,4})\\.(\\d{1,4})");
    /** A locked package's dependency that is not optional: {@code {:distillery, "~> 1.2", […, optional: false]}}. */
    private static final Pattern NEEDED =
            Pattern.compile("\\{:([a-z][a-z0-9_]*),\\s*\"[^\"]*\",\\s*\\[[^\\]]*optional:\\s*false");
    /** A locked package's dependency, optional or not: {@code {:ex_aws, "~> 2.1", [hex: :ex_aws, …]}}. */
    private static final Pattern DEPENDENCY = Pattern.compile("\\{:([a-z][a-z0-9_]*),\\s*\"[^\"]*\",\\s*\\[");
    /** Any entry, from Hex, git or a path: {@code "exandra": {:git, …}}. */
    private static final Pattern LOCKED = Pattern.compile("(?:^|[{,])\\s*\"([a-z][a-z0-9_]*)\":\\s*\\{:", Pattern.MULTILINE);

    /** Major and minor version per package. */
    private final Map<String, int[]> versions = new HashMap<>();
    /** Every package the lock holds, direct or not; null when the project has no mix.lock. */
    private final Set<String> packages;
    /** The packages each locked package needs (not optionally). */
    private final Map<String, Set<String>> needed = new HashMap<>();
    /** The locked packages that list each package among their dependencies, optional ones too. */
    private final Map<String, Set<String>> dependents = new HashMap<>();

    private MixLock(ProjectContext project) {
        DocumentSnapshot lock = project.file(project.project().root().resolve("mix.lock"));
        if (lock == null) {
            packages = null;
            return;
        }
        for (String line : lock.text().text().split("\n")) {
            Matcher entry = LOCKED.matcher(line);
            if (entry.find()) {
                Matcher dependency = NEEDED.matcher(line);
                while (dependency.find()) {
                    needed.computeIfAbsent(entry.group(1), name -> new HashSet<>()).add(dependency.group(1));
                }
                Matcher any = DEPENDENCY.matcher(line);
                while (any.find()) {
                    dependents.computeIfAbsent(any.group(1), name -> new HashSet<>()).add(entry.group(1));
                }
            }
        }
        Set<String> locked = new HashSet<>();
        Matcher entry = LOCKED.matcher(lock.text().text());
        while (entry.find()) {
            locked.add(entry.group(1));
        }
        packages = Set.copyOf(locked);
        Matcher pinned = PINNED.matcher(lock.text().text());
        while (pinned.find()) {
            versions.putIfAbsent(pinned.group(1),
                    new int[] {Integer.parseInt(pinned.group(2)), Integer.parseInt(pinned.group(3))});
        }
    }

    public static MixLock of(ProjectContext project) {
        return project.model(MixLock.class, MixLock::new);
    }

    /**
     * The packages the lock holds, every dependency of the build and theirs, whichever environment they are for;
     * null when the project has no mix.lock.
     */
    public Set<String> packages() {
        return packages;
    }

    /**
     * Whether a package the lock holds needs {@code pkg}, not as an optional dependency ({@code "mix_docker": {…,
     * [{:distillery, "~> 1.2", [hex: :distillery, repo: "hexpm", optional: false]}], …}}): the lock's dependency
     * lists, one entry a line as Mix writes them.
     */
    public boolean needs(String dependent, String pkg) {
        return needed.getOrDefault(dependent, Set.of()).contains(pkg);
    }

    /**
     * The locked packages that list {@code pkg} among their dependencies, optional ones included ({@code waffle} lists
     * {@code ex_aws}, which it calls when its storage is S3).
     */
    public Set<String> dependents(String pkg) {
        return dependents.getOrDefault(pkg, Set.of());
    }

    /** Whether the lock pins {@code pkg} at {@code major.minor} or later; unknown when it does not pin it. */
    public Truth atLeast(String pkg, int major, int minor) {
        int[] version = versions.get(pkg);
        if (version == null) {
            return Truth.UNKNOWN;
        }
        return Truth.of(version[0] > major || version[0] == major && version[1] >= minor);
    }
}
