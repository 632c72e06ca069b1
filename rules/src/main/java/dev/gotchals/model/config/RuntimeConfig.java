package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.model.config.ReleaseBuild;
import dev.gotchals.rule.ProjectContext;

import java.nio.file.Path;

/**
 * The config file a release evaluates at boot, as the Elixir version that builds it chooses: none before 1.9;
 * {@code config/releases.exs} on 1.9 and 1.10; from 1.11 {@code config/runtime.exs} when it exists, else
 * {@code releases.exs}. An unknown version chooses like 1.11: a project with only {@code releases.exs} still has
 * it read on every version since 1.9.
 *
 * @param path    where the file is, or would be created
 * @param exists  whether the project has the file
 * @param file    its content, or null when it does not exist or cannot be read (too big to analyse)
 * @param version the Elixir version it was chosen for, or null when unknown
 */
public record RuntimeConfig(Path path, boolean exists, DocumentSnapshot file, ElixirVersion version) {
    public static final String RUNTIME_EXS = "runtime.exs";
    public static final String RELEASES_EXS = "releases.exs";

    /**
     * The runtime config the production release reads, for the Elixir it is built with ({@link ReleaseBuild}), or
     * null when that Elixir has none (before 1.9): then nothing may be moved into runtime config.
     */
    public static RuntimeConfig release(ProjectContext project) {
        return choose(project, ReleaseBuild.of(project).elixirVersion());
    }

    /**
     * The runtime config Mix evaluates when it runs the project (dev, test, {@code mix phx.server}):
     * {@code runtime.exs} when it exists and the Elixir may be 1.11 or later, else null. Mix never reads
     * {@code releases.exs}.
     */
    public static RuntimeConfig mix(ProjectContext project) {
        ElixirVersion version = ReleaseBuild.of(project).elixirVersion();
        boolean read = version == null || version.atLeast(ElixirVersion.RUNTIME_EXS);
        return read && exists(project, RUNTIME_EXS) ? of(project, RUNTIME_EXS, version) : null;
    }

    /** The runtime config for {@code version} (null: unknown), or null when that version has none. */
    public static RuntimeConfig choose(ProjectContext project, ElixirVersion version) {
        if (version != null && !version.atLeast(ElixirVersion.RELEASES)) {
            return null;
        }
        boolean runtimeExsKnown = version == null || version.atLeast(ElixirVersion.RUNTIME_EXS);
        if (runtimeExsKnown && exists(project, RUNTIME_EXS)) {
            return of(project, RUNTIME_EXS, version);
        }
        if (exists(project, RELEASES_EXS) || !runtimeExsKnown) {
            return of(project, RELEASES_EXS, version);
        }
        return of(project, RUNTIME_EXS, version);
    }

    private static boolean exists(ProjectContext project, String name) {
        return project.hasConfigFile(name);
    }

    private static RuntimeConfig of(ProjectContext project, String name, ElixirVersion version) {
        Path path = project.project().root().resolve("config").resolve(name);
        return new RuntimeConfig(path, exists(project, name), project.configFile(name), version);
    }

    /** The file's name ({@code runtime.exs}), for messages and fix titles. */
    public String name() {
        return path.getFileName().toString();
    }

    /**
     * Whether the file is the legacy {@code releases.exs}, which releases evaluate but Mix does not: a setting
     * there never reaches dev or test.
     */
    public boolean isReleasesExs() {
        return name().equals(RELEASES_EXS);
    }

    /**
     * Whether the file may call {@code config_env()}, which Elixir has since 1.11: always in {@code runtime.exs};
     * in {@code releases.exs} only on a version known to have it.
     */
    public boolean hasConfigEnv() {
        return !isReleasesExs() || version != null && version.atLeast(ElixirVersion.RUNTIME_EXS);
    }
}
