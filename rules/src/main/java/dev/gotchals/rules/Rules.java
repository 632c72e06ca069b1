package dev.gotchals.rules;

import dev.gotchals.rule.Rule;

import java.util.List;

/** Every rule Gotcha LS ships, in id order. An explicit list: adding a rule is one line here. */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(
                new CompileTimeEnvRule(),
                new MixInReleaseRule(),
                new EndpointNotServedRule(),
                new AssetsNotDeployedRule(),
                new HardcodedSecretRule(),
                new ShallowHealthCheckRule(),
                new ProdDebugLoggingRule(),
                new InvalidSettingsRule());
    }
}
