package dev.gotchals.facts;

import dev.gotchals.docker.Dockerfile;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * What kind of project this is, for the rules whose gotchas exist only in some projects: does it ship as a Mix
 * release, does it use Ecto, does it have front-end assets. Built once per analysis.
 * The mix.exs and code facts come from the {@link ProjectModel}.
 */
public final class ProjectFacts {
    private final List<Dockerfile> dockerfiles;
    private final String releaseEvidence;
    private final ProjectModel model;
    private final boolean hasAssets;

    private ProjectFacts(List<Dockerfile> dockerfiles, String releaseEvidence, ProjectModel model, boolean hasAssets) {
        this.dockerfiles = dockerfiles;
        this.releaseEvidence = releaseEvidence;
        this.model = model;
        this.hasAssets = hasAssets;
    }

    public static ProjectFacts of(ProjectContext project) {
        return project.model(ProjectFacts.class, ProjectFacts::read);
    }

    private static ProjectFacts read(ProjectContext project) {
        List<Dockerfile> dockerfiles = new ArrayList<>();
        for (DocumentSnapshot file : project.files(FileRole.DOCKERFILE)) {
            dockerfiles.add(Dockerfile.read(file));
        }
        ProjectModel model = ProjectModel.of(project);

        String evidence = null;
        for (Dockerfile dockerfile : dockerfiles) {
            if (dockerfile.buildsRelease()) {
                evidence = project.project().relativize(dockerfile.file().path()) + " runs `mix release`";
                break;
            }
        }
        if (evidence == null && model.mixfiles().stream().anyMatch(MixExs::declaresReleases)) {
            evidence = "mix.exs declares `releases:`";
        }
        if (evidence == null && Files.isDirectory(project.project().root().resolve("rel"))) {
            evidence = "the project has a rel/ folder";
        }

        ConfigTimeline prod = ConfigTimeline.prod(project);
        boolean assets = Files.isDirectory(project.project().root().resolve("assets")) || model.hasAlias("assets.deploy")
                || prod.calls().stream().anyMatch(call -> call.app().equals("esbuild") || call.app().equals("tailwind"));
        return new ProjectFacts(List.copyOf(dockerfiles), evidence, model, assets);
    }

    public List<Dockerfile> dockerfiles() {
        return dockerfiles;
    }

    /** Whether the project ships as a Mix release (a Dockerfile runs `mix release`, mix.exs declares releases, rel/). */
    public boolean buildsRelease() {
        return releaseEvidence != null;
    }

    /** Why the project counts as a release, for messages ("Dockerfile runs `mix release`"), or null. */
    public String releaseEvidence() {
        return releaseEvidence;
    }

    /**
     * Whether the project talks to a database through Ecto: a repo and a database adapter dependency (see
     * {@link dev.gotchals.model.project.EctoRepos#usesDatabase()}), read on first use.
     */
    public boolean usesEcto() {
        return model.repos().usesDatabase();
    }

    /** Whether the project has front-end assets to digest (assets/, an assets.deploy alias, esbuild/tailwind config). */
    public boolean hasAssets() {
        return hasAssets;
    }
}
