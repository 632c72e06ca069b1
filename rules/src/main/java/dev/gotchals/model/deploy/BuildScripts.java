package dev.gotchals.model.deploy;

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

    private BuildScripts(Set<String> releaseVariables) {
        this.releaseVariables = Set.copyOf(releaseVariables);
    }

    public static BuildScripts of(ProjectContext project) {
        return project.model(BuildScripts.class, BuildScripts::read);
    }

    private static BuildScripts read(ProjectContext project) {
        Set<String> variables = new LinkedHashSet<>();
        project.files(FileRole.BUILD_SCRIPT).stream().map(ScriptFile::read).filter(script -> script != null)
                .flatMap(script -> script.script().runs().stream())
                .filter(command -> command.runsMixTask("release"))
                .map(SimpleCommand::assignments)
                .forEach(assignments -> variables.addAll(assignments.keySet()));
        return new BuildScripts(variables);
    }

    /** The variables a script sets for a {@code mix release} it runs. */
    public Set<String> releaseVariables() {
        return releaseVariables;
    }
}
