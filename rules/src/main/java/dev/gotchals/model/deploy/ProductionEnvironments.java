package dev.gotchals.model.deploy;

import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Mix environments other than {@code prod} that production runs the app in, each with what shows it: the
 * {@code MIX_ENV} a Compose service that serves the public gives it (restarts on its own, publishes HTTP's port, is
 * routed or deployed as a Swarm service), where the project has config of that name ({@code config/docker.exs}). An
 * image's own {@code ENV MIX_ENV=docker} is not enough: it is as often a local "almost production" setup. Names of
 * development, tests, staging and CI are not production's, whatever runs them.
 *
 * <p>A value: a keystroke in a Compose file rebuilds it, and the rules that asked run again only when it changed.
 *
 * @param custom each environment's name, with a short account of where it is set
 *               ({@code docker-compose.yml gives the app MIX_ENV=docker})
 */
public record ProductionEnvironments(Map<String, String> custom) implements ValueModel {
    /** Environments that are not production's even where an image or a service sets them. */
    private static final Set<String> NOT_PRODUCTION = Set.of("prod", "dev", "development", "test", "testing", "staging",
            "stage", "qa", "uat", "ci", "e2e", "bench", "local", "demo", "preview");

    public static ProductionEnvironments of(ProjectContext project) {
        return project.model(ProductionEnvironments.class, ProductionEnvironments::read);
    }

    private static ProductionEnvironments read(ProjectContext project) {
        Map<String, String> custom = new LinkedHashMap<>();
        // Not an image's own ENV alone: `ENV MIX_ENV=docker` is as often a local "almost production" setup.
        for (ComposeServices.Variable variable : ComposeServices.of(project).mixEnvironments()) {
            add(project, custom, variable.value(), project.project().relativize(variable.file().path())
                    + " gives the app MIX_ENV=" + variable.value());
        }
        return new ProductionEnvironments(Map.copyOf(custom));
    }

    private static void add(ProjectContext project, Map<String, String> custom, String env, String evidence) {
        if (env != null && env.matches("[a-z][a-z0-9_]*") && !NOT_PRODUCTION.contains(env)
                && project.hasConfigFile(env + ".exs")) {
            custom.putIfAbsent(env, evidence);
        }
    }
}
