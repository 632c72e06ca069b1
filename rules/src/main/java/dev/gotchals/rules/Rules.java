package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;

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
                new ProdDevEndpointFlagsRule(),
                new CompileTimeKeyAtRuntimeRule(),
                new MixInRuntimeConfigRule(),
                new RuntimeConfigNotInImageRule(),
                new ReleasesExsShadowedRule(),
                new ImageRunsAsRootRule(),
                new BuilderRunnerMismatchRule(),
                new MissingUtf8LocaleRule(),
                new SecretInImageBuildRule(),
                new FlyIpv6RepoRule(),
                new ForceSslHealthRedirectRule(),
                new ReleaseCookieCommittedRule(),
                new DigestWithoutBuiltAssetsRule(),
                new InvalidSettingsRule());
    }

    /**
     * Every rule identity a finding can carry, in id order: the rules' own, then those the engine reports itself
     * ({@link RuleEngine#ENGINE_RULES}). What settings, suppressions and the docs may name.
     */
    public static List<RuleInfo> catalog() {
        return RuleEngine.catalogOf(all());
    }
}
