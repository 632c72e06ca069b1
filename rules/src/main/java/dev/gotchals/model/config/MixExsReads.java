package dev.gotchals.model.config;

import dev.gotchals.mix.MixExs;
import dev.gotchals.model.MixFiles;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;

import java.util.Set;
import java.util.TreeSet;

/**
 * The environment variables the project's {@code mix.exs} files read ({@code System.get_env("OAUTH_STRATEGIES")}
 * choosing which dependencies to fetch and compile). Such a variable is an input of the build by design: the release
 * is compiled for the value it had then, and config reading the same variable at build time agrees with what was
 * compiled, where a boot-time value could name code the release does not hold.
 */
public record MixExsReads(Set<String> variables) implements ValueModel {
    public MixExsReads {
        variables = Set.copyOf(variables);
    }

    public static MixExsReads of(ProjectContext project) {
        return project.model(MixExsReads.class, context -> {
            Set<String> variables = new TreeSet<>();
            for (MixExs mix : MixFiles.of(context).all()) {
                if (mix.file() == null || !mix.file().isParsed()) {
                    continue;
                }
                EnvCalls calls = EnvCalls.of(context, mix.file());
                mix.file().tree().root().forEachDescendant(node -> {
                    String variable = calls.variableRead(node);
                    if (variable != null) {
                        variables.add(variable);
                    }
                });
            }
            return new MixExsReads(variables);
        });
    }

    public boolean reads(String variable) {
        return variables.contains(variable);
    }
}
