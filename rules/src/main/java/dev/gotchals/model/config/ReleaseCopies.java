package dev.gotchals.model.config;

import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.rule.InOrder;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;

import java.util.List;
import java.util.Map;

/**
 * What each production image's release build copies onto project paths before {@code mix release}
 * ({@link DockerImage#copiesBeforeRelease}), in image order: the only thing the config timeline asks of the images.
 * A value, so that a Dockerfile edit that changes none of these copies rebuilds no timeline.
 *
 * @param byImage per production image, target path to source (a null source: a copy there cannot be followed)
 */
record ReleaseCopies(List<Map<String, String>> byImage) implements ValueModel {

    static ReleaseCopies of(ProjectContext project) {
        return project.model(ReleaseCopies.class, ReleaseCopies::read);
    }

    private static ReleaseCopies read(ProjectContext project) {
        return new ReleaseCopies(DeployModel.of(project).productionImages().stream()
                .map(DockerImage::copiesBeforeRelease).toList());
    }

    /** Equal maps in order first: a long Dockerfile's release copies thousands of files (see {@link InOrder}). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ReleaseCopies that && InOrder.sameMaps(byImage, that.byImage);
    }

    @Override
    public int hashCode() {
        return byImage.hashCode();
    }

    /** The sources the images copy onto {@code target} (relative to the project), first image first; none null. */
    List<String> sourcesOf(String target) {
        return byImage.stream().map(copies -> copies.get(target)).filter(source -> source != null).toList();
    }
}
