package dev.gotchals.suppress;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.text.TextDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * GT101: a directive that suppresses nothing. No {@code Rule} class finds these: only the engine, after the
 * rules ran and their findings were matched against the directives, knows which directive was needed. The
 * identity is still a {@link RuleInfo}, so settings turn it off or re-level it and the docs describe it like
 * any rule.
 */
public final class UnusedSuppression {
    public static final RuleInfo INFO = new RuleInfo("GT101", "unused-suppression",
            "A `# gotcha:` suppression that suppresses nothing", Severity.HINT, """
            **What it finds.** A `# gotcha:disable-next-line` or `# gotcha:disable` comment, or one rule it \
            names, that suppressed no finding in this analysis: the rule reports nothing on the lines the \
            directive covers. Also a directive that names no rule (`# gotcha:disable-next-line because…`), names \
            a rule that does not exist (`GT099`), or is not a directive Gotcha LS knows (`# gotcha:disable-line`). \
            Suppressions of rules that did not run (turned off in the settings, or stopped by their time budget) \
            are never reported.

            **Why it matters.** A suppression outlives the finding it silenced: once the code is fixed it stays, \
            and hides the next real finding on that line. A misspelled one silences nothing while looking as if \
            it did.

            **Instead.** Remove it, or name the rule that reports on the next line. A suppression names rules by \
            id or slug, separated by commas or spaces, and may end with a reason: \
            `# gotcha:disable-next-line GT005 dev-only key, rotated in prod`. The names end at the first word \
            that is neither a rule's id or slug nor shaped like an id, unless a comma announces another name. So \
            a misspelled name never widens a directive to "every rule": it is reported here when it comes first \
            or after a comma, and otherwise starts the reason.

            **Fix.** Removes the directive's line, or only the unused name when the directive names other rules \
            that it still needs (safe: the directive had no effect).""", """
            ```elixir
            # config/prod.exs: the key moved to runtime.exs, the suppression stayed
            # gotcha:disable-next-line GT005 dev key
            config :shop, ShopWeb.Endpoint, cache_static_manifest: "priv/static/cache_manifest.json"
            ```
            """, """
            ```elixir
            # config/prod.exs: GT005 reports the literal key on the next line
            # gotcha:disable-next-line GT005 the shared key of the public sandbox
            config :shop, :sandbox, api_key: "d6c1e0b2a5f84c7e9b3a1f2e4d5c6b7a"
            ```
            """);

    private UnusedSuppression() {
    }

    /**
     * The findings for the directives of one file.
     *
     * @param used whether a name of a directive suppressed something
     * @param ran  whether the named rule ran in this analysis (so that its silence means something)
     */
    static List<Finding> findings(DocumentSnapshot file, List<Directive> directives, Severity severity,
                                  Predicate<NameRef> used, Predicate<RuleInfo> ran) {
        List<Finding> found = new ArrayList<>();
        for (Directive directive : directives) {
            if (directive.scope() == null) {
                found.add(onDirective(file, directive, severity, "`gotcha:" + directive.keyword()
                        + "` is not a directive (use `gotcha:disable-next-line` or `gotcha:disable`), so it suppresses nothing"));
                continue;
            }
            if (directive.names().isEmpty()) {
                found.add(onDirective(file, directive, severity, "`gotcha:" + directive.keyword()
                        + "` names no rule (an id such as GT005, or a slug), so it suppresses nothing"));
                continue;
            }
            List<Integer> needless = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < directive.names().size(); i++) {
                Directive.Name name = directive.names().get(i);
                if (name.rule() == null) {
                    needless.add(i);
                    reasons.add(name.text() + " is not a Gotcha LS rule");
                } else if (ran.test(name.rule()) && !used.test(new NameRef(directive, i))) {
                    needless.add(i);
                    reasons.add(name.rule().id() + " reports nothing " + where(directive));
                }
            }
            if (needless.isEmpty()) {
                continue;
            }
            if (needless.size() == directive.names().size()) {
                found.add(onDirective(file, directive, severity,
                        "This suppression suppresses nothing: " + String.join("; ", reasons)));
                continue;
            }
            for (int k = 0; k < needless.size(); k++) {
                int i = needless.get(k);
                Directive.Name name = directive.names().get(i);
                Fix fix = new Fix("Remove " + name.text() + " from this suppression", true,
                        List.of(removeName(file, directive, i)));
                found.add(new Finding(INFO, severity, file, name.start(), name.end(),
                        reasons.get(k) + ", so naming it here suppresses nothing", List.of(fix),
                        Set.of(Finding.Tag.UNNECESSARY)));
            }
        }
        return found;
    }

    /** One name of one directive. */
    record NameRef(Directive directive, int index) {
    }

    private static String where(Directive directive) {
        return directive.scope() == Directive.Scope.NEXT_LINE ? "on the next line" : "below it in this file";
    }

    private static Finding onDirective(DocumentSnapshot file, Directive directive, Severity severity, String message) {
        Fix fix = new Fix("Remove the unused suppression", true, List.of(removeDirective(file, directive)));
        return new Finding(INFO, severity, file, directive.start(), directive.end(), message, List.of(fix),
                Set.of(Finding.Tag.UNNECESSARY));
    }

    /** Removes the directive: its whole line when it is alone there, else the comment and the blanks before it. */
    static Fix.Edit removeDirective(DocumentSnapshot file, Directive directive) {
        TextDocument text = file.text();
        if (!directive.wholeLine()) {
            int start = directive.start();
            while (start > 0 && DirectiveScanner.isBlank(text.text().charAt(start - 1))) {
                start--;
            }
            return new Fix.Edit(file, start, directive.end(), "");
        }
        int line = directive.line();
        if (line + 1 < text.lineCount()) {
            return new Fix.Edit(file, text.lineStartOffset(line), text.lineStartOffset(line + 1), "");
        }
        // The last line, with no line break after it: take the one before it instead.
        int start = line > 0 ? text.lineContentEnd(line - 1) : text.lineStartOffset(line);
        return new Fix.Edit(file, start, text.length(), "");
    }

    /** Removes one name and the separator that joins it to a neighbour. */
    static Fix.Edit removeName(DocumentSnapshot file, Directive directive, int index) {
        List<Directive.Name> names = directive.names();
        Directive.Name name = names.get(index);
        return index > 0
                ? new Fix.Edit(file, names.get(index - 1).end(), name.end(), "")
                : new Fix.Edit(file, name.start(), names.get(1).start(), "");
    }
}
