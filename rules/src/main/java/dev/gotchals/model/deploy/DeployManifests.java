package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

import java.util.List;

/**
 * The project's platform manifests: fly.toml, the Procfile, heroku.yml, {@code .buildpacks}, Kamal's deploy configs and
 * Nanobox's boxfile.yml.
 * A model of its own, so that what asks only of them does not depend on the Dockerfiles the rest of the
 * {@link DeployModel} reads.
 */
public final class DeployManifests {
    private final FlyToml fly;
    private final Procfile procfile;
    private final HerokuManifest heroku;
    private final Buildpacks buildpacks;
    private final List<KamalDeploy> kamal;
    private final NanoboxBoxfile nanobox;

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
        buildpacks = Buildpacks.read(project.file(project.project().root().resolve(".buildpacks")), procfile != null);
        kamal = project.files(FileRole.KAMAL_DEPLOY).stream().map(KamalDeploy::read).toList();
        nanobox = NanoboxBoxfile.read(project.file(project.project().root().resolve("boxfile.yml")));
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

    /** Kamal's deploy configs (config/deploy.yml and its destinations'), in file order. */
    public List<KamalDeploy> kamal() {
        return kamal;
    }

    /** Nanobox's {@code boxfile.yml} at the project root, or null. */
    public NanoboxBoxfile nanobox() {
        return nanobox;
    }

    /** {@code .buildpacks}, or null. */
    public Buildpacks buildpacks() {
        return buildpacks;
    }
}
