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
        boolean read = false;
        for (EnvRead envRead : ConfigTimeline.prod(project).envReads()) {
            if (!variable.equals(envRead.variable())) {
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
