package dev.gotchals.suppress;

import dev.gotchals.rule.RuleInfo;

import java.util.List;

/**
 * One {@code # gotcha:…} comment of a file. Offsets are char offsets into the text of the file it was read from.
 *
 * @param scope     what it covers; null when the directive is not one Gotcha LS knows
 * @param line      the 0-based line the comment is on
 * @param start     where the comment starts (its {@code #})
 * @param end       where the comment ends (before the line break)
 * @param wholeLine whether the comment is alone on its line
 * @param keyword   the directive as written ("disable-next-line")
 * @param names     the rules it names, in order; empty when it names none
 */
public record Directive(Scope scope, int line, int start, int end, boolean wholeLine, String keyword,
                        List<Name> names) {

    /** The lines a directive covers. */
    public enum Scope {
        /** {@code # gotcha:disable-next-line}: findings starting on the next line that is not a directive. */
        NEXT_LINE("disable-next-line"),
        /** {@code # gotcha:disable}: findings starting on this line or any line below it. */
        REST_OF_FILE("disable");

        private final String keyword;

        Scope(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /**
     * One rule name of a directive.
     *
     * @param text  as written ("GT005", "hardcoded-secret", "GT099")
     * @param rule  the rule it names, or null when no rule is called that
     */
    public record Name(String text, int start, int end, RuleInfo rule) {
    }

    public Directive {
        names = List.copyOf(names);
    }

    /** Whether it can suppress anything: a known directive naming at least one known rule. */
    public boolean isUsable() {
        return scope != null && names.stream().anyMatch(name -> name.rule() != null);
    }
}
