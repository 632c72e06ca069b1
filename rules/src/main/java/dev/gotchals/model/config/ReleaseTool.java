package dev.gotchals.model.config;

import dev.gotchals.elixir.Truth;
import dev.gotchals.model.DistilleryConfig;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.deploy.BuildScripts;
import dev.gotchals.model.deploy.CiWorkflows;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.NixDeployment;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;

import java.util.List;

/**
 * Which tool builds the production release: Elixir's own {@code mix release}, or Distillery (rel/config.exs, its
 * config providers, its vm.args and cookie). The one answer the config timeline, the cookie model, the placeholder
 * question and GT001's advice share; a value, so that an edit which leaves it as it was reruns nothing.
 */
public enum ReleaseTool implements ValueModel {
    /** Elixir's own releases, or no Distillery project (no rel/config.exs with the dependency). */
    ELIXIR,
    /** Distillery's release, configured by rel/config.exs. */
    DISTILLERY;

    public static ReleaseTool of(ProjectContext project) {
        return project.model(ReleaseTool.class, ReleaseTool::read);
    }

    /**
     * Distillery where the project has rel/config.exs and its dependency, unless something shows Elixir's task runs:
     * a production image whose {@code mix release} is Elixir's (1.9 on, or a Distillery of 2.1 on, which renamed its own
     * {@code distillery.release}); where no image does, a build of {@code mix distillery.release} is Distillery's. Then
     * mix.exs {@code releases:}, a CI workflow, build script or Nix build of {@code mix release} on an Elixir whose task
     * it is, or an older Distillery on such an Elixir (its task is shadowed) mean Elixir's.
     */
    private static ReleaseTool read(ProjectContext project) {
        if (DistilleryConfig.of(project) == null) {
            return ELIXIR;
        }
        List<DockerImage> images = DeployModel.of(project).productionImages();
        if (images.stream().anyMatch(image -> image.buildsRelease() && !image.buildsWithDistilleryTask()
                && DistilleryConfig.mixReleaseIsElixirs(project, image.elixirVersion()) == Truth.TRUE)) {
            return ELIXIR;
        }
        BuildScripts scripts = BuildScripts.of(project);
        if (images.stream().anyMatch(DockerImage::buildsWithDistilleryTask)
                || "distillery.release".equals(scripts.releaseTask())) {
            return DISTILLERY;
        }
        if (MixFiles.of(project).all().stream().anyMatch(mix -> !mix.releases().isEmpty())) {
            return ELIXIR;
        }
        ReleaseBuild build = ReleaseBuild.of(project);
        boolean runsMixRelease = "release".equals(scripts.releaseTask())
                || CiWorkflows.of(project).releaseWorkflow() != null
                || NixDeployment.of(project).releaseFile() != null;
        boolean elixirsTask = DistilleryConfig.mixReleaseIsElixirs(project, build.elixirVersion()) == Truth.TRUE;
        return runsMixRelease && elixirsTask || DistilleryConfig.shadowedByElixir(project, build.elixirVersion())
                ? ELIXIR : DISTILLERY;
    }
}
