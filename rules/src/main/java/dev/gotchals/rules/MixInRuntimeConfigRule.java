package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.ConfigEdits;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.RuntimeConfig;
import dev.gotchals.model.config.RuntimeMixUses;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;

/**
 * GT010 mix-in-runtime-config: the runtime config a release evaluates at boot calls Mix, or imports other config
 * files.
 */
public final class MixInRuntimeConfigRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT010", "mix-in-runtime-config",
            "Mix or `import_config` in the runtime config of a release", Severity.ERROR, """
            **What it finds.** In the runtime config a release evaluates at boot (`config/runtime.exs`, or \
            `config/releases.exs` where that is the one the release reads), in a project that ships as a Mix \
            release: a call on `Mix` or one of its modules (`Mix.env()`, `Mix.target()`, `Mix.Project.config()` \
            …) and `use Mix.Config`/`import Mix.Config`. And in any project, `import_config` there. Code in \
            branches a production release never takes is fine: `if config_env() == :dev do … end`, a \
            `case config_env()` clause for `:test`, and anything behind `if Code.ensure_loaded?(Mix)` or \
            `function_exported?(Mix, :env, 0) and …`. A file that Distillery's Elixir config provider \
            evaluates at boot (`rel/config.exs` naming it) is left alone: that provider starts Mix first.

            **Why it matters.** A release contains the compiled application and the Erlang runtime, not Mix: \
            `Mix.env()` in `runtime.exs` works on the developer's machine (where Mix runs the file) and \
            raises `UndefinedFunctionError` when the release boots, so the release never starts. \
            `import_config` is refused in runtime config (Elixir raises "import_config/1 is not enabled for \
            this configuration file"), because the release copies only that one file.

            **Instead.** `config_env()` (and `config_target()`) give the environment and target in runtime \
            config, from Elixir 1.11, in releases and under Mix alike. Settings from another file belong in that \
            file's place in the build-time chain (`config.exs` and its imports), or written out in the runtime \
            config itself. Start `releases.exs` with `import Config`.

            **Fix.** Replaces `Mix.env()` with `config_env()` and `Mix.target()` with `config_target()` where \
            the file may call them (always in `runtime.exs`; in `releases.exs` only when the release is known to \
            be built with Elixir 1.11 or later), and `use Mix.Config` with `import Config`. Other Mix calls and \
            `import_config` are left to you.""", """
            ```elixir
            # config/runtime.exs
            import Config

            if Mix.env() == :prod do
              config :shop, Shop.Repo, url: System.fetch_env!("DATABASE_URL")
            end
            ```
            """, """
            ```elixir
            # config/runtime.exs
            import Config

            if config_env() == :prod do
              config :shop, Shop.Repo, url: System.fetch_env!("DATABASE_URL")
            end

            # dev-only code may ask Mix: a release never runs it
            if config_env() == :dev and Code.ensure_loaded?(Mix) do
              config :shop, :build_path, Mix.Project.build_path()
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
        DocumentSnapshot file = runtime == null ? null : runtime.file();
        if (file == null || ConfigTimeline.providedFiles(project).stream().anyMatch(p -> p.path().equals(file.path()))) {
            // Distillery's Elixir config provider evaluates the file with Mix started: Mix.env() and import_config work.
            return List.of();
        }
        boolean release = ProjectFacts.of(project).buildsRelease();
        String where = project.project().relativize(file.path()).toString();
        List<Finding> findings = new ArrayList<>();
        for (RuntimeMixUses.Use use : RuntimeMixUses.of(file)) {
            if (use.kind() == RuntimeMixUses.Kind.IMPORT_CONFIG) {
                findings.add(finding(file, use, "`import_config` in " + where + " raises when the file is "
                        + "evaluated (\"import_config/1 is not enabled for this configuration file\"): runtime config "
                        + "cannot import other files, as a release copies only this one.", List.of()));
            } else if (release) {
                findings.add(mixUse(file, runtime, use, where));
            }
        }
        return findings;
    }

    private static Finding mixUse(DocumentSnapshot file, RuntimeConfig runtime, RuntimeMixUses.Use use, String where) {
        SyntaxTree tree = file.tree();
        if (use.kind() == RuntimeMixUses.Kind.MIX_CONFIG) {
            String written = tree.text(use.node());
            return finding(file, use, "`" + written + "` in " + where + " fails when the release boots: a release has "
                    + "no Mix, so no Mix.Config; runtime config starts with `import Config`.",
                    List.of(new Fix("Replace with `import Config`", true,
                            List.of(ConfigEdits.replaceValue(file, use.node(), "import Config")))));
        }
        String callee = use.callee(tree);
        String replacement = use.isMixCall(tree, "env") ? "config_env()"
                : use.isMixCall(tree, "target") ? "config_target()" : null;
        String instead = replacement != null ? " Use `" + replacement + "`, which runtime config has for this."
                : " Compute the value at build time (config.exs) or leave it out of runtime config.";
        List<Fix> fixes = replacement != null && runtime.hasConfigEnv()
                ? List.of(new Fix("Replace `" + callee + "` with `" + replacement + "`", true,
                        List.of(ConfigEdits.replaceValue(file, use.node(), replacement))))
                : List.of();
        return finding(file, use, "`" + callee + "` in " + where + " raises UndefinedFunctionError when the release "
                + "boots: the release evaluates this file without Mix, so the app never starts." + instead, fixes);
    }

    private static Finding finding(DocumentSnapshot file, RuntimeMixUses.Use use, String message, List<Fix> fixes) {
        SyntaxTree tree = file.tree();
        return new Finding(INFO, INFO.defaultSeverity(), file, tree.startOffset(use.node()), tree.endOffset(use.node()),
                message, fixes);
    }
}
