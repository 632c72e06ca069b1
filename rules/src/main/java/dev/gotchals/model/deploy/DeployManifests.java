package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

/**
 * The project's platform manifests: fly.toml, the Procfile, heroku.yml and {@code .buildpacks}. A model of its own, so
 * that what asks only of them does not depend on the Dockerfiles the rest of the {@link DeployModel} reads.
 */
public final class DeployManifests {
    private final FlyToml fly;
    private final Procfile procfile;
    private final HerokuManifest heroku;
    private final Buildpacks buildpacks;

    private DeployManifests(ProjectContext project) {
        DocumentSnapshot flyFile = null;
        DocumentSnapshot procfileFile = null;
        DocumentSnapshot herokuFile = null;
        for (DocumentSnapshot manifest : project.files(FileRole.DEPLOY_MANIFEST)) {
            String name = manifest.path().getFileName().toString();
            flyFile = name.equals("fly.toml") ? manifest : flyFile;
            procfileFile = name.equals("Procfile") ? manifest : procfileFile;
            herokuFile = name.equals("heroku.yml") ? manifest : herokuFile;
        }
        fly = FlyToml.read(flyFile);
        procfile = Procfile.read(procfileFile);
        heroku = HerokuManifest.read(herokuFile);
        buildpacks = Buildpacks.read(project.file(project.project().root().resolve(".buildpacks")));
    }

    public static DeployManifests of(ProjectContext project) {
        return project.model(DeployManifests.class, DeployManifests::new);
    }

    /** fly.toml at the project root, or null. */
    public FlyToml fly() {
        return fly;
    }

    /** The Procfile at the project root, or null. */
    public Procfile procfile() {
        return procfile;
    }

    /** {@code heroku.yml}, or null. */
    public HerokuManifest heroku() {
        return heroku;
    }

    /** {@code .buildpacks}, or null. */
    public Buildpacks buildpacks() {
        return buildpacks;
    }
}
