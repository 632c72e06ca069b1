package dev.gotchals.model.config;

import dev.gotchals.docker.Instruction;
import dev.gotchals.mix.Release;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.shell.SimpleCommand;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        Optional<String> declared = declaredPath(project);
        if (declared == null) {
            return null;
        }
        if (declared.isPresent()) {
            String path = declared.get();
            return new ReleaseRuntimeFile(path, project.file(project.project().root().resolve(path)) != null);
        }
        RuntimeConfig runtime = RuntimeConfig.release(project);
        return runtime == null ? null : new ReleaseRuntimeFile("config/" + runtime.name(), runtime.exists());
    }

    /**
     * Whether the runtime config file of the production release can be told: false where mix.exs's releases declare
     * different {@code runtime_config_path}s and no image shows which one is deployed, or a path computed at build time.
     */
    public static boolean told(ProjectContext project) {
        return declaredPath(project) != null;
    }

    /**
     * The {@code runtime_config_path} the production release declares in mix.exs, relative to the project: the one
     * every release declares, or where they differ the one of the release a production image builds
     * ({@code mix release shop_docker}). Empty when the releases keep Elixir's default; null when it cannot be told
     * (a path computed at build time, {@code false}, releases that differ with none of them known to be built, or
     * some that set one and some that do not).
     */
    static Optional<String> declaredPath(ProjectContext project) {
        List<Release> releases = MixFiles.of(project).all().stream().flatMap(mix -> mix.releases().stream()).toList();
        Map<String, String> byRelease = new LinkedHashMap<>();
        boolean someDefault = releases.isEmpty();
        for (Release release : releases) {
            if (!release.has("runtime_config_path")) {
                someDefault = true;
                continue;
            }
            String path = release.string("runtime_config_path");
            byRelease.put(release.name(), path == null ? null : path.startsWith("./") ? path.substring(2) : path);
        }
        if (byRelease.isEmpty()) {
            return Optional.empty();
        }
        Set<String> paths = new LinkedHashSet<>(byRelease.values());
        if (paths.size() == 1 && !someDefault) {
            String path = paths.iterator().next();
            return path == null ? null : Optional.of(path);
        }
        String built = releaseBuiltByImage(project);
        return built != null && byRelease.get(built) != null ? Optional.of(byRelease.get(built)) : null;
    }

    /** The release a production image names to {@code mix release NAME}, or null. */
    private static String releaseBuiltByImage(ProjectContext project) {
        for (DockerImage image : DeployModel.of(project).releaseImages()) {
            Instruction release = image.releaseRun();
            for (SimpleCommand command : release == null ? List.<SimpleCommand>of() : release.runsByText()) {
                if (command.releaseName() != null) {
                    return command.releaseName();
                }
            }
        }
        return null;
    }
}
