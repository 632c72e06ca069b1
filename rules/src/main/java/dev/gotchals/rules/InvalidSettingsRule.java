package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.SettingsFile;
import dev.gotchals.rule.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * GT100 invalid-settings: an entry of the project's {@code .gotcha.exs} that cannot be read, and so does not apply.
 * The reading itself is {@link dev.gotchals.settings.SettingsFileParser}'s; this rule reports what it found.
 */
public final class InvalidSettingsRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT100", "invalid-settings",
            "Entry of .gotcha.exs that cannot be read", Severity.ERROR, """
            **What it finds.** An entry of the project's `.gotcha.exs` that Gotcha LS cannot use: a syntax \
            error, a top-level key other than `rules` and `exclude`, a rule id or slug that does not exist, a \
            rule configured twice, a `severity` other than `:error`, `:warning`, `:info` or `:hint`, an \
            `enabled` that is not `true` or `false`, a setting the rule does not take, an option value that is \
            not a list of strings, an exclusion that is not a valid glob relative to the project root, or any \
            value that is not a literal (a variable, a function call, a module attribute, an interpolated \
            string).

            **Why it matters.** The entry is ignored, and the rest of the file still applies, so a typo would \
            otherwise go unnoticed: a rule you meant to turn off keeps reporting, or one you meant to keep quiet \
            on a legacy app fails CI. It is an error by default so that `gotcha-ls check` fails on it.

            **Instead.** Write the file as a literal keyword list (it is read, never run: the values cannot be \
            computed). `gotcha-ls init` writes one that lists every rule with its defaults; `gotcha-ls rules` \
            lists the ids and slugs. Lists of strings may be written `["a", "b"]` or `~w(a b)` (without \
            interpolation or modifiers).""", """
            ```elixir
            # .gotcha.exs
            [
              rules: [
                {"GT008", enabled: false},
                {"hardcoded-secret", severity: :warn, secret_keys: "stripe_key"}
              ],
              exclude: [Path.join("apps", "legacy")]
            ]
            ```
            """, """
            ```elixir
            # .gotcha.exs
            [
              rules: [
                {"GT007", enabled: false},
                {"hardcoded-secret", severity: :warning, secret_keys: ~w(stripe_key)}
              ],
              exclude: ["apps/legacy/**"]
            ]
            ```
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        SettingsFile settings = project.settingsFile();
        List<Finding> findings = new ArrayList<>();
        for (SettingsFile.Problem problem : settings.problems()) {
            findings.add(new Finding(INFO, INFO.defaultSeverity(), settings.file(), problem.start(), problem.end(),
                    problem.message(), List.of()));
        }
        return findings;
    }
}
