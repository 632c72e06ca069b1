package dev.gotchals.model.config;

import dev.gotchals.mix.Release;
import dev.gotchals.model.MixFiles;
import dev.gotchals.rule.ProjectContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The runtime config file {@code mix release} puts into the release, relative to the project: the
 * {@code runtime_config_path} of the mix.exs releases when they set it, else the file the Elixir the release is
 * built with reads ({@link RuntimeConfig#release}).
 *
 * @param path   {@code config/runtime.exs}, {@code config/releases.exs} or a custom path
 * @param exists whether the project has that file
 */
public record ReleaseRuntimeFile(String path, boolean exists) {

    /**
     * The file, or null when the release reads none ({@code runtime_config_path: false}, an Elixir before 1.9) or
     * when it cannot be told: a computed path, or releases that read different files.
     */
    public static ReleaseRuntimeFile of(ProjectContext project) {
        List<Release> releases = MixFiles.of(project).all().stream().flatMap(mix -> mix.releases().stream()).toList();
        Set<String> custom = new LinkedHashSet<>();
        boolean someDefault = releases.isEmpty();
        for (Release release : releases) {
            if (!release.has("runtime_config_path")) {
                someDefault = true;
                continue;
            }
            String path = release.string("runtime_config_path");
            if (path == null) {
                return null; // `false`, or a path computed at build time
            }
            custom.add(path.startsWith("./") ? path.substring(2) : path);
        }
        if (custom.size() > 1 || !custom.isEmpty() && someDefault) {
            return null;
        }
        if (custom.size() == 1) {
            String path = custom.iterator().next();
            return new ReleaseRuntimeFile(path, project.file(project.project().root().resolve(path)) != null);
        }
        RuntimeConfig runtime = RuntimeConfig.release(project);
        return runtime == null ? null : new ReleaseRuntimeFile("config/" + runtime.name(), runtime.exists());
    }
}
