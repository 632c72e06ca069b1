package dev.gotchals.model.deploy;

import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;

/**
 * The first production image that runs {@code mix release} of prod config, as the project names it ("Dockerfile"),
 * or null: what the release evidence says of the images. A value, so that a Dockerfile edit that leaves it as it was
 * changes nothing for the models and rules that only ask whether an image builds the release.
 *
 * @param dockerfile the image's Dockerfile, relative to the project; null when no production image builds a release
 */
public record ReleaseImage(String dockerfile) implements ValueModel {

    public static ReleaseImage of(ProjectContext project) {
        return project.model(ReleaseImage.class, ReleaseImage::read);
    }

    private static ReleaseImage read(ProjectContext project) {
        // The release images list those that run `mix release` first; one built with Distillery's own task is
        // Distillery's release, which rel/config.exs shows; one built with another MIX_ENV is not built from prod
        // config.
        DeployModel deploy = DeployModel.of(project);
        return new ReleaseImage(deploy.releaseImages().stream()
                .filter(image -> image.buildsRelease() && !image.buildsWithDistilleryTask()
                        && !deploy.buildsForAnotherEnvironment(image)).findFirst()
                .map(image -> project.project().relativize(image.file().path())).orElse(null));
    }
}
