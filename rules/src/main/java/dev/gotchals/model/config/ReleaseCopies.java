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
 */
final class ReleaseCopies implements ValueModel {
    /** Per production image, target path to source (a null source: a copy there cannot be followed). */
    private final List<Map<String, String>> byImage;
    /** The same in order: a long Dockerfile's release copies thousands of files (see {@link InOrder}). */
    private final List<InOrder> inOrder;

    private ReleaseCopies(List<Map<String, String>> byImage) {
        this.byImage = byImage;
        this.inOrder = byImage.stream().map(InOrder::of).toList();
    }

    static ReleaseCopies of(ProjectContext project) {
        return project.model(ReleaseCopies.class, ReleaseCopies::read);
    }

    private static ReleaseCopies read(ProjectContext project) {
        return new ReleaseCopies(DeployModel.of(project).productionImages().stream()
                .map(DockerImage::copiesBeforeRelease).toList());
    }

    /** The sources the images copy onto {@code target} (relative to the project), first image first; none null. */
    List<String> sourcesOf(String target) {
        return byImage.stream().map(copies -> copies.get(target)).filter(source -> source != null).toList();
    }

    /**
     * Whether an image puts another file (or one it cannot follow) onto a file of a config folder. A copy into the
     * folder itself ({@code COPY config/config.exs config/prod.exs config/}) puts each file under its own name.
     */
    boolean rewritesConfig() {
        return byImage.stream().flatMap(copies -> copies.entrySet().stream())
                .anyMatch(copy -> (copy.getKey().startsWith("config/") || copy.getKey().contains("/config/"))
                        && !copy.getKey().endsWith("/") && !copy.getKey().equals(copy.getValue()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReleaseCopies that && (sameInOrder(that) || byImage.equals(that.byImage));
    }

    private boolean sameInOrder(ReleaseCopies that) {
        if (inOrder.size() != that.inOrder.size()) {
            return false;
        }
        for (int i = 0; i < inOrder.size(); i++) {
            if (!inOrder.get(i).same(that.inOrder.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return byImage.hashCode();
    }
}
