package dev.gotchals.model;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;

/**
 * A Distillery release configuration, {@code rel/config.exs}, of a project that builds with Distillery (it depends on
 * the package): only then is the file read; one left behind after a move to {@code mix release} configures nothing.
 * Its readers (release evidence, released apps, provider config files, the prod cookie) each take what they need.
 */
public final class DistilleryConfig {
    private DistilleryConfig() {
    }

    /** The file, or null when the project does not build with Distillery or has no rel/config.exs. */
    public static DocumentSnapshot of(ProjectContext project) {
        if (!MixFiles.of(project).dependsOn("distillery")) {
            return null;
        }
        return project.file(project.project().root().resolve("rel").resolve("config.exs"));
    }
}
