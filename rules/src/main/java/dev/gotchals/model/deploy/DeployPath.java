package dev.gotchals.model.deploy;

import dev.gotchals.elixir.ElixirVersion;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One way the project reaches production.
 *
 * @param kind          how it is built
 * @param source        the file that defines it (the Dockerfile, the Procfile or {@code elixir_buildpack.config})
 * @param image         the production image of a Docker path, or null
 * @param launch        how the image starts, or null for a buildpack
 * @param elixirVersion the Elixir it is built with, or null when unknown
 * @param environment   the variables set when it runs: the image's ENV and the platform's
 */
public record DeployPath(Kind kind, Path source, DockerImage image, Launch launch, ElixirVersion elixirVersion,
                         Set<String> environment) {

    /** How a path builds. */
    public enum Kind { DOCKER, BUILDPACK }

    /** Whether it starts a Mix release rather than running Mix. */
    public boolean bootsRelease() {
        return launch != null && launch.releaseStart() != null;
    }

    /** Whether its image serves the app in prod with Mix, never starting the release ({@link DockerImage}). */
    public boolean servesWithMix() {
        return image != null && image.servesWithMix(launch);
    }

    /**
     * The variables set when the release starts: the platform's, the image's and those set on the launch on the way
     * (by an entrypoint script, a release script, {@code env X=1}); empty when the path does not start a release.
     */
    public Set<String> releaseEnvironment() {
        if (!bootsRelease()) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>(environment);
        names.addAll(launch.releaseStart().environment());
        return Set.copyOf(names);
    }
}
