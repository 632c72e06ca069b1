package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.ConfigEdits;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.Truth;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigEntry;
import dev.gotchals.model.config.ConfigPhase;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.config.EndpointKeys;
import dev.gotchals.model.config.RuntimeConfig;
import dev.gotchals.model.project.LockedPhoenix;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.EndpointNotServedRule.Endpoint;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;

/**
 * GT009 compile-time-key-at-runtime: the runtime config sets an endpoint key that Phoenix reads when the endpoint
 * compiles ({@link EndpointKeys#COMPILE_TIME}).
 */
public final class CompileTimeKeyAtRuntimeRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT009", "compile-time-key-at-runtime",
            "Compile-time endpoint key set in runtime config", Severity.WARNING, """
            **What it finds.** `force_ssl`, `code_reloader` or `debug_errors` for a Phoenix endpoint set in the \
            runtime config production reads (`config/runtime.exs`, `config/releases.exs` where that is the one \
            the release reads, or a file a Distillery config provider evaluates at boot), outside branches that only run in dev or test. These are the keys \
            `Phoenix.Endpoint` documents as compile-time configuration. A runtime value equal to the one \
            build-time config already gives the key is not reported (it changes nothing); nor, where `mix.lock` \
            pins a Phoenix before 1.8, a value that is false in production for a key build-time config leaves \
            unset (`debug_errors: env == :dev` after `env = config_env()`): the endpoint is compiled without it, \
            which is the same. From Phoenix 1.8 even that value stops the release from booting.

            **Why it matters.** Phoenix builds the endpoint's plug pipeline from these keys when the endpoint \
            module compiles: `force_ssl` becomes a `Plug.SSL` plug, `debug_errors` a `Plug.Debugger`, \
            `code_reloader` the reloader plugs. Given at boot, the value comes too late: up to Phoenix 1.7 it \
            has no effect (a `force_ssl` in `runtime.exs` silently never redirects to HTTPS nor sends HSTS); from \
            Phoenix 1.8 the endpoint reads them with `Application.compile_env`, and a release whose runtime \
            value differs from the compiled one refuses to boot.

            **Instead.** Set them in `config/prod.exs` (or `config.exs`), which are evaluated when the release \
            is compiled. A value that must come from the environment is read there at build time, or the option \
            is given to the plug in the endpoint module.

            **Fix.** When the setting is a literal in production-only runtime config and `config/prod.exs` is \
            evaluated for prod: moves it to `config/prod.exs` (not marked safe: the setting starts to take \
            effect, `force_ssl` starts redirecting).""", """
            ```elixir
            # config/runtime.exs
            if config_env() == :prod do
              config :shop, ShopWeb.Endpoint,
                force_ssl: [hsts: true],
                secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
            end
            ```
            """, """
            ```elixir
            # config/prod.exs
            config :shop, ShopWeb.Endpoint,
              force_ssl: [hsts: true, rewrite_on: [:x_forwarded_proto]]

            # config/runtime.exs
            if config_env() == :prod do
              config :shop, ShopWeb.Endpoint,
                secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
            end
            ```
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        RuntimeConfig runtime = RuntimeConfig.release(project);
        boolean provided = !ConfigTimeline.providedFiles(project).isEmpty();
        if (!provided && (runtime == null || runtime.isReleasesExs() && !ProjectFacts.of(project).buildsRelease())) {
            return List.of(); // releases.exs is only read by a release; a Distillery provider's file is read at boot
        }
        ConfigTimeline prod = ConfigTimeline.prod(project);
        List<Endpoint> endpoints = EndpointNotServedRule.endpoints(project, prod);
        ConfigTimeline buildTime = null;
        List<Finding> findings = new ArrayList<>();
        for (ConfigCall call : prod.calls()) {
            if (call.phase() != ConfigPhase.RUNTIME || !endpoints.contains(new Endpoint(call.app(), call.subject()))) {
                continue;
            }
            for (ConfigEntry entry : ConfigEntry.of(call)) {
                if (entry.parent() != null || !EndpointKeys.readAtCompileTime(entry.key())) {
                    continue;
                }
                if (buildTime == null) {
                    buildTime = ConfigTimeline.of(project, "prod", null);
                }
                ConfigValue compiled = buildTime.effective(call.app(), call.subject(), entry.key());
                if (!sameValue(compiled, call, entry) && !falseLikeUnset(project, compiled, call, entry)) {
                    findings.add(finding(project, prod, call, entry, compiled));
                }
            }
        }
        return findings;
    }

    /** Whether build-time config gives the key the same expression, so the runtime call changes nothing. */
    private static boolean sameValue(ConfigValue compiled, ConfigCall call, ConfigEntry entry) {
        if (!compiled.isSet()) {
            return false;
        }
        Node given = call.resolve(entry.value());
        return normalized(compiled.call().tree().text(compiled.value())).equals(normalized(call.tree().text(given)));
    }

    /**
     * Whether Phoenix compiles the endpoint the same as the runtime value says: build-time config leaves the key
     * unset and the value is false in prod. Only before Phoenix 1.8, which checks at boot that the runtime value
     * is the compiled one, unset included.
     */
    private static boolean falseLikeUnset(ProjectContext project, ConfigValue compiled, ConfigCall call,
                                          ConfigEntry entry) {
        return compiled.state() == ConfigValue.State.UNSET
                && LockedPhoenix.of(project).checksCompileEnv() == Truth.FALSE
                && EnvCondition.evaluate(call.tree(), call.resolve(entry.value()), "prod") == Truth.FALSE;
    }

    private static String normalized(String code) {
        return code.replaceAll("\\s+", "");
    }

    private static Finding finding(ProjectContext project, ConfigTimeline prod, ConfigCall call, ConfigEntry entry,
                                   ConfigValue compiled) {
        DocumentSnapshot file = call.file();
        SyntaxTree tree = file.tree();
        String where = project.project().relativize(file.path()).toString();
        String built = compiled.isSet()
                ? "build-time config gives it `" + ProdDevEndpointFlagsRule.oneLine(compiled.call().tree().text(compiled.value())) + "` in "
                  + project.project().relativize(compiled.file().path())
                : compiled.state() == ConfigValue.State.UNKNOWN ? "build-time config may give it another value"
                : "build-time config does not set it, so the endpoint is compiled without it";
        String message = "`" + entry.key() + "` for " + call.subject() + " in " + where + " comes too late: Phoenix "
                + "reads it when the endpoint compiles, and " + built + ". The value given at boot has no effect "
                + "(up to Phoenix 1.7) or makes the app refuse to boot (Phoenix 1.8 checks it with "
                + "Application.compile_env); set it in config/prod.exs.";
        return new Finding(INFO, INFO.defaultSeverity(), file, tree.startOffset(entry.pair()),
                tree.endOffset(entry.pair()), message, moveFix(project, prod, call, entry));
    }

    /** Moves a literal setting of production-only runtime config to the end of config/prod.exs. */
    private static List<Fix> moveFix(ProjectContext project, ConfigTimeline prod, ConfigCall call, ConfigEntry entry) {
        DocumentSnapshot prodExs = prod.evaluated(project.project().root().resolve("config/prod.exs"));
        boolean prodOnly = !ConfigTimeline.forEnv(project, "dev").includes(call)
                && !ConfigTimeline.forEnv(project, "test").includes(call);
        String value = call.tree().text(entry.value());
        if (prodExs == null || !prodOnly || !isLiteral(entry.value()) || value.contains("\n")) {
            return List.of();
        }
        List<Fix.Edit> removal = ConfigEdits.removeSetting(call, entry);
        if (removal == null) {
            return List.of();
        }
        List<Fix.Change> changes = new ArrayList<>(removal);
        changes.add(ConfigEdits.append(prodExs, ConfigEdits.settingCode(call, entry, value) + "\n"));
        return List.of(new Fix("Move `" + entry.key() + "` to config/prod.exs (read when the endpoint compiles)",
                false, changes));
    }

    /** A value written out: atoms, numbers, strings without interpolation, lists and tuples of them. */
    private static boolean isLiteral(Node value) {
        boolean[] literal = {true};
        value.forEachDescendant(node -> {
            if (node.is("call") || node.is("identifier") || node.is("interpolation") || node.is("dot")) {
                literal[0] = false;
            }
        });
        return literal[0];
    }
}
