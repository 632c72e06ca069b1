package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

/**
 * The project's platform manifests: fly.toml and the Procfile. A model of its own, so that what asks only of them
 * does not depend on the Dockerfiles the rest of the {@link DeployModel} reads.
 */
public final class DeployManifests {
    private final FlyToml fly;
    private final Procfile procfile;

    private DeployManifests(ProjectContext project) {
        DocumentSnapshot flyFile = null;
        DocumentSnapshot procfileFile = null;
        for (DocumentSnapshot manifest : project.files(FileRole.DEPLOY_MANIFEST)) {
            String name = manifest.path().getFileName().toString();
            flyFile = name.equals("fly.toml") ? manifest : flyFile;
            procfileFile = name.equals("Procfile") ? manifest : procfileFile;
        }
        fly = FlyToml.read(flyFile);
        procfile = Procfile.read(procfileFile);
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
}
