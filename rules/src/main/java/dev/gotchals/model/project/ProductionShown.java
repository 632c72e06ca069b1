package dev.gotchals.model.project;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.PublicDomains;
import dev.gotchals.rule.ProjectContext;

/**
 * Whether the repository shows that the app runs in production, where rules that would say nothing of a demo run on
 * its author's machine speak up: it shows how the app is deployed ({@link DeployModel#showsDeployment}), or prod
 * config gives an endpoint's URL the public domain it is served at ({@code url: [host: "api.rollforguild.com"]}),
 * which such a demo has no use for (the generators write {@code example.com}; a deployment kept outside the
 * repository, a Distillery release copied to a host by hand, still serves that domain).
 */
public record ProductionShown(boolean shown) {
    public static ProductionShown of(ProjectContext project) {
        return project.model(ProductionShown.class, ProductionShown::read);
    }

    private static ProductionShown read(ProjectContext project) {
        return new ProductionShown(DeployModel.of(project).showsDeployment() || servedDomain(project) != null);
    }

    /** The first public domain that prod config gives an endpoint's {@code url: [host: …]}, or null. */
    private static String servedDomain(ProjectContext project) {
        ConfigTimeline prod = ConfigTimeline.prod(project);
        for (PhoenixApp.Endpoint endpoint : ProjectModel.of(project).phoenix().endpoints()) {
            String app = endpoint.otpApp();
            if (app == null) {
                continue;
            }
            ConfigValue host = prod.effective(app, endpoint.module().name(), "url", "host");
            String value = host.isSet() ? ElixirSyntax.stringLiteral(host.call().tree(), host.value()) : null;
            if (value != null && PublicDomains.isPublic(value)) {
                return value;
            }
        }
        return null;
    }
}
