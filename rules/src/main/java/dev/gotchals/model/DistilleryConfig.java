package dev.gotchals.model;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.elixir.Truth;
import dev.gotchals.rule.ProjectContext;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Distillery release configuration, {@code rel/config.exs}, of a project that builds with Distillery (it depends on
 * the package): only then is the file read; one left behind after a move to {@code mix release} configures nothing.
 * Its readers (release evidence, released apps, provider config files, the prod cookie) each take what they need.
 */
public final class DistilleryConfig {
    /** A {@code release :name do} block (or {@code release(:name) do}) at the start of a line. */
    private static final Pattern RELEASE = Pattern.compile("(?m)^\\s*release\\s*\\(?\\s*:([a-z_]\\w*)");

    /** A {@code set config_providers:} line that is not commented out. */
    private static final Pattern CONFIG_PROVIDERS = Pattern.compile("(?m)^[ \\t]*set\\b[\\s(]*config_providers\\b");

    private DistilleryConfig() {
    }

    /** The file, or null when the project does not build with Distillery or has no rel/config.exs. */
    public static DocumentSnapshot of(ProjectContext project) {
        if (!MixFiles.of(project).brings("distillery", MixLock.of(project))) {
            return null;
        }
        return project.file(project.project().root().resolve("rel").resolve("config.exs"));
    }

    /**
     * Whether {@code mix release}, run by a build on the given Elixir (null: not known), is Elixir's own task, not
     * Distillery's. Distillery 2.1 renamed its task {@code mix distillery.release} when Elixir 1.9 brought one; an older
     * Distillery's {@code Mix.Tasks.Release} is shadowed by Elixir's own from 1.9 on, so only an older Distillery on
     * an older Elixir builds with {@code mix release}. Unknown where neither the lock nor the Elixir version settles it.
     */
    public static Truth mixReleaseIsElixirs(ProjectContext project, ElixirVersion elixir) {
        Truth renamed = MixLock.of(project).atLeast("distillery", 2, 1);
        Truth elixirHasReleases = elixir == null ? Truth.UNKNOWN : Truth.of(elixir.atLeast(ElixirVersion.RELEASES));
        return renamed.or(elixirHasReleases);
    }

    /**
     * Whether an older Distillery (before 2.1, whose only task is {@code mix release}) meets an Elixir that has its
     * own: then Elixir's task runs and Distillery builds nothing, whatever rel/config.exs says.
     */
    public static boolean shadowedByElixir(ProjectContext project, ElixirVersion elixir) {
        return MixLock.of(project).atLeast("distillery", 2, 1) == Truth.FALSE
                && mixReleaseIsElixirs(project, elixir) == Truth.TRUE;
    }

    /**
     * Whether a release the file defines loads config when it boots through a config provider
     * ({@code set config_providers: [{Mix.Releases.Config.Providers.Elixir, […]}]}): settings written for the servers
     * it runs on, which {@code mix distillery.init} does not generate.
     */
    public static boolean loadsConfigAtBoot(DocumentSnapshot relConfig) {
        return CONFIG_PROVIDERS.matcher(relConfig.text().text()).find();
    }

    /** The names of the releases the file defines, in its order. */
    public static List<String> releaseNames(DocumentSnapshot relConfig) {
        List<String> names = new ArrayList<>();
        Matcher release = RELEASE.matcher(relConfig.text().text());
        while (release.find()) {
            if (!names.contains(release.group(1))) {
                names.add(release.group(1));
            }
        }
        return names;
    }
}
