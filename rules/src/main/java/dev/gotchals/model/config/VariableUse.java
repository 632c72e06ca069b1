package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

/**
 * How the project itself reads an environment variable in production: whether its prod config requires it
 * ({@code System.fetch_env!/1}, {@code System.get_env("X") || raise …}), reads it where a missing value is allowed,
 * or neither config nor {@code lib/} names it. A value an image sets for a variable matters by this: a placeholder
 * defeats a required read, and stands in for nothing where nothing reads it.
 */
public enum VariableUse {
    REQUIRED, OPTIONAL, UNREAD;

    public static VariableUse of(ProjectContext project, String variable) {
        return of(project, variable, false);
    }

    /**
     * How the running app reads the variable. In a release only the config evaluated at boot reads what the running
     * image sets: a build-time read took the build's value ({@code ENV SECRET_KEY_BASE=nokey} in the runner means
     * nothing to a prod.secret.exs that `mix release` evaluated).
     *
     * @param releaseBuilt whether the app ships as a built release (else Mix evaluates all its config at boot)
     */
    public static VariableUse atBoot(ProjectContext project, String variable, boolean releaseBuilt) {
        return of(project, variable, releaseBuilt);
    }

    private static VariableUse of(ProjectContext project, String variable, boolean bootReadsOnly) {
        boolean read = false;
        ConfigTimeline prod = ConfigTimeline.prod(project);
        for (EnvRead envRead : prod.envReads()) {
            if (!variable.equals(envRead.variable()) || bootReadsOnly && envRead.phase() != ConfigPhase.RUNTIME
                    && !prod.evaluatedAtBoot(envRead.file().path())) {
                continue;
            }
            read = true;
            SyntaxTree tree = envRead.file().tree();
            String call = tree.text(envRead.call());
            if (call.contains("fetch_env!") || envRead.statement() != null && tree.mentions(envRead.statement(), "raise")) {
                return REQUIRED;
            }
        }
        if (read) {
            return OPTIONAL;
        }
        String quoted = "\"" + variable + "\"";
        for (DocumentSnapshot source : project.files(FileRole.ELIXIR_SOURCE)) {
            if (source.text().text().contains(quoted)) {
                return OPTIONAL;
            }
        }
        return UNREAD;
    }
}
