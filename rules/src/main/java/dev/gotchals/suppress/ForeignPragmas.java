package dev.gotchals.suppress;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ForeignSuppression;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Other tools' suppression comments in a Dockerfile, honoured for the rules that declare them
 * ({@link dev.gotchals.rule.RuleInfo#foreign()}), read as those tools read them:
 * <ul>
 *   <li>hadolint: {@code # hadolint ignore=DL3002,DL3008} alone on the line directly above the instruction, or
 *       {@code # hadolint global ignore=DL3002} on any line of its own;</li>
 *   <li>Docker's build checks: the parser directive {@code # check=skip=SecretsUsedInArgOrEnv} (or
 *       {@code skip=all}) among the directives at the very top of the file, before any other comment, blank line
 *       or instruction.</li>
 * </ul>
 * They are never reported as unused: the other tool may still need them.
 */
final class ForeignPragmas {
    private static final Pattern HADOLINT = Pattern.compile(
            "#\\s*hadolint\\s+(global\\s+)?ignore\\s*=\\s*([A-Za-z0-9_,\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARSER_DIRECTIVE = Pattern.compile("#\\s*([A-Za-z]+)\\s*=\\s*(.*)");

    private ForeignPragmas() {
    }

    /** Whether a comment of another tool that the finding's rule honours suppresses it. */
    static boolean suppress(Finding finding) {
        if (finding.rule().foreign().isEmpty() || finding.file().tree() == null
                || finding.file().tree().language() != SourceLanguage.DOCKERFILE) {
            return false;
        }
        TextDocument text = finding.file().text();
        int line = text.positionAt(finding.start(), PositionEncoding.UTF16).line();
        for (ForeignSuppression foreign : finding.rule().foreign()) {
            boolean suppressed = foreign.tool() == ForeignSuppression.Tool.HADOLINT
                    ? hadolintIgnores(text, line, foreign.code()) : buildCheckSkips(text, foreign.code());
            if (suppressed) {
                return true;
            }
        }
        return false;
    }

    private static boolean hadolintIgnores(TextDocument text, int line, String code) {
        if (line > 0) {
            Matcher above = HADOLINT.matcher(text.lineText(line - 1).strip());
            if (above.matches() && above.group(1) == null && names(above.group(2), code)) {
                return true;
            }
        }
        for (int l = 0; l < text.lineCount(); l++) {
            String content = text.lineText(l).strip();
            if (content.startsWith("#")) {
                Matcher global = HADOLINT.matcher(content);
                if (global.matches() && global.group(1) != null && names(global.group(2), code)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean buildCheckSkips(TextDocument text, String code) {
        for (int l = 0; l < text.lineCount(); l++) {
            Matcher directive = PARSER_DIRECTIVE.matcher(text.lineText(l).strip());
            if (!directive.matches()) {
                return false;
            }
            if (!directive.group(1).equalsIgnoreCase("check")) {
                continue;
            }
            for (String setting : directive.group(2).split(";")) {
                String[] pair = setting.split("=", 2);
                if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("skip")
                        && (pair[1].strip().equalsIgnoreCase("all") || names(pair[1], code))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean names(String list, String code) {
        return Arrays.stream(list.split("[,\\s]+")).map(name -> name.strip().toLowerCase(Locale.ROOT))
                .anyMatch(code.toLowerCase(Locale.ROOT)::equals);
    }
}
