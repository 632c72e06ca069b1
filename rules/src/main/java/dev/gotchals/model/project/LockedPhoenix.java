package dev.gotchals.model.project;

import dev.gotchals.elixir.Truth;
import dev.gotchals.model.MixLock;
import dev.gotchals.rule.ProjectContext;

/**
 * The Phoenix release that the project's {@code mix.lock} pins. From Phoenix 1.8 the endpoint reads its compile-time
 * keys with {@code Application.compile_env}, so a release whose runtime config gives one of them any value that
 * build-time config did not (even {@code false} for a key it left unset) refuses to boot; before 1.8 a runtime value
 * is only ignored.
 */
public final class LockedPhoenix {
    private final Truth checksCompileEnv;

    private LockedPhoenix(ProjectContext project) {
        checksCompileEnv = MixLock.of(project).atLeast("phoenix", 1, 8);
    }

    public static LockedPhoenix of(ProjectContext project) {
        return project.model(LockedPhoenix.class, LockedPhoenix::new);
    }

    /**
     * Whether the locked Phoenix checks the endpoint's compile-time keys at boot (1.8 and later); unknown without a
     * lock file that pins Phoenix.
     */
    public Truth checksCompileEnv() {
        return checksCompileEnv;
    }
}
