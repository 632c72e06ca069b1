package dev.gotchals.model.config;

import dev.gotchals.elixir.Truth;
import dev.gotchals.model.DistilleryConfig;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.MixLock;
import dev.gotchals.model.deploy.BuildScripts;
import dev.gotchals.model.deploy.CiWorkflows;
import dev.gotchals.model.deploy.DeployManifests;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DeploymentVariables;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.NixDeployment;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;
import dev.gotchals.shell.SimpleCommand;

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
     * Distillery where the project depends on it and has rel/config.exs, or builds with Distillery's command line
     * where rel/ is not in the repository, unless something shows Elixir's task runs:
     * a production image whose {@code mix release} is Elixir's (1.9 on, or a Distillery of 2.1 on, which renamed its own
     * {@code distillery.release}); where no image does, a build of {@code mix distillery.release} is Distillery's, and
     * so is Gigalixir's build where it alone deploys the project (no {@code .buildpacks} of its own) and nothing of the
     * repository builds the release. Then
     * mix.exs {@code releases:}, a CI workflow, build script or Nix build of {@code mix release} on an Elixir whose task
     * it is, or an older Distillery on such an Elixir (its task is shadowed) mean Elixir's.
     */
    private static ReleaseTool read(ProjectContext project) {
        List<DockerImage> images = DeployModel.of(project).productionImages();
        if (DistilleryConfig.of(project) == null) {
            // rel/config.exs that the build writes itself (`mix release.init` in a build script, rel/ gitignored):
            // Distillery's command line is Distillery's build.
            return MixFiles.of(project).brings("distillery", MixLock.of(project))
                    && runsDistilleryCommandLine(project, images) ? DISTILLERY : ELIXIR;
        }
        if (images.stream().anyMatch(image -> image.buildsRelease() && !image.buildsWithDistilleryTask()
                && DistilleryConfig.mixReleaseIsElixirs(project, image.elixirVersion()) == Truth.TRUE)) {
            return ELIXIR;
        }
        BuildScripts scripts = BuildScripts.of(project);
        if (images.stream().anyMatch(DockerImage::buildsWithDistilleryTask)
                || "distillery.release".equals(scripts.releaseTask())) {
            return DISTILLERY;
        }
        // Gigalixir builds Distillery wherever rel/config.exs is, unless .buildpacks names its own buildpacks; where
        // nothing of the repository builds the release itself.
        if (DeployManifests.of(project).buildpacks() == null && DeploymentVariables.of(project).deploysOnGigalixirOnly()
                && scripts.releaseTask() == null && CiWorkflows.of(project).releaseWorkflow() == null
                && images.stream().noneMatch(DockerImage::buildsRelease)) {
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

    /**
     * Whether a build script or production image runs what only Distillery takes: {@code mix distillery.release}, or
     * {@code mix release} with Distillery's options ({@code --env=prod}).
     */
    private static boolean runsDistilleryCommandLine(ProjectContext project, List<DockerImage> images) {
        BuildScripts scripts = BuildScripts.of(project);
        if ("distillery.release".equals(scripts.releaseTask())
                || scripts.releaseCommand() != null && scripts.releaseCommand().takesDistilleryOptions()) {
            return true;
        }
        return images.stream().anyMatch(image -> image.buildsWithDistilleryTask()
                || image.releaseBuild().stream().anyMatch(SimpleCommand::takesDistilleryOptions));
    }
}
