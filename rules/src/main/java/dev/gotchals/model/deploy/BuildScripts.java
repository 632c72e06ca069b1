package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.workspace.FileRole;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The project's own shell scripts that build the release ({@code mix release}, on a build host or the production
 * host itself), and the variables they set for that build: exported or assigned before the command, or in its
 * prefix ({@code MIX_ENV=prod mix release}). Config read at build time gets those values by design.
 */
public final class BuildScripts {
    private final Set<String> releaseVariables;
    private final DocumentSnapshot releaseScript;

    private BuildScripts(Set<String> releaseVariables, DocumentSnapshot releaseScript) {
        this.releaseVariables = Set.copyOf(releaseVariables);
        this.releaseScript = releaseScript;
    }

    public static BuildScripts of(ProjectContext project) {
        return project.model(BuildScripts.class, BuildScripts::read);
    }

    private static BuildScripts read(ProjectContext project) {
        Set<String> variables = new LinkedHashSet<>();
        DocumentSnapshot releaseScript = null;
        for (DocumentSnapshot file : project.files(FileRole.BUILD_SCRIPT)) {
            ScriptFile script = ScriptFile.read(file);
            if (script == null) {
                continue;
            }
            for (SimpleCommand command : script.script().runs()) {
                if (command.runsMixTask("release")) {
                    variables.addAll(command.assignments().keySet());
                    releaseScript = releaseScript == null ? file : releaseScript;
                }
            }
        }
        return new BuildScripts(variables, releaseScript);
    }

    /** The variables a script sets for a {@code mix release} it runs. */
    public Set<String> releaseVariables() {
        return releaseVariables;
    }

    /** The first script that runs {@code mix release} (a Render build script, a deploy script), or null. */
    public DocumentSnapshot releaseScript() {
        return releaseScript;
    }
}
