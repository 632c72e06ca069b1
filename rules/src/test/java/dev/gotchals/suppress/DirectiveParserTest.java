package dev.gotchals.suppress;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rules.Rules;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectiveParserTest {
    private final DirectiveParser parser = new DirectiveParser(Rules.catalog());

    private Directive parse(String comment) {
        return parser.parse(comment, 100, 3, true);
    }

    /** Each name as "written→rule id", or "written→?" for a name no rule has. */
    private static List<String> names(Directive directive) {
        return directive.names().stream()
                .map(n -> n.text() + "→" + (n.rule() == null ? "?" : n.rule().id())).toList();
    }

    @Test
    void aNextLineDirectiveNamesOneRuleByIdAndTheRestIsItsReason() {
        Directive directive = parse("# gotcha:disable-next-line GT005 dev-only key, rotated in prod");

        assertEquals(Directive.Scope.NEXT_LINE, directive.scope());
        assertEquals(List.of("GT005→GT005"), names(directive));
        Directive.Name name = directive.names().get(0);
        assertEquals(100 + "# gotcha:disable-next-line ".length(), name.start());
        assertEquals(name.start() + 5, name.end());
        assertEquals(3, directive.line());
        assertEquals(100, directive.start());
        assertEquals(100 + "# gotcha:disable-next-line GT005 dev-only key, rotated in prod".length(), directive.end());
    }

    @Test
    void idsAreCaseInsensitiveAndSlugsNameRulesToo() {
        assertEquals(List.of("gt005→GT005"), names(parse("# gotcha:disable-next-line gt005")));
        assertEquals(List.of("hardcoded-secret→GT005"), names(parse("# gotcha:disable hardcoded-secret")));
        assertEquals(List.of("Prod-Debug-Logging→GT007"), names(parse("#gotcha:disable Prod-Debug-Logging")));
        assertEquals(List.of("GT101→GT101"), names(parse("# gotcha:disable GT101")), "the engine's own rules too");
    }

    @Test
    void severalRulesAreListedWithCommasOrSpaces() {
        assertEquals(List.of("GT005→GT005", "GT001→GT001"), names(parse("# gotcha:disable-next-line GT005, GT001 legacy")));
        assertEquals(List.of("GT005→GT005", "GT001→GT001"), names(parse("# gotcha:disable-next-line GT005 GT001 legacy")));
        assertEquals(List.of("GT005→GT005", "compile-time-env→GT001"),
                names(parse("# gotcha:disable-next-line GT005,compile-time-env")));
    }

    @Test
    void theReasonStartsAtTheFirstWordThatIsNoRuleName() {
        Directive directive = parse("# gotcha:disable-next-line GT007 debug while we chase GT005-like leaks");
        assertEquals(List.of("GT007→GT007"), names(directive));
        assertEquals(List.of("GT002→GT002"), names(parse("# gotcha:disable-next-line GT002: Heroku runs this")));
    }

    @Test
    void aMisspelledFirstNameLeavesADirectiveThatNamesNoRuleAndSuppressesNothing() {
        Directive directive = parse("# gotcha:disable hardcoded-secrte dev key");

        assertEquals(Directive.Scope.REST_OF_FILE, directive.scope());
        assertEquals(List.of(), names(directive));
        assertFalse(directive.isUsable());
        assertFalse(parse("# gotcha:disable-next-line").isUsable());
        assertFalse(parse("# gotcha:disable-next-line , GT005").isUsable());
    }

    @Test
    void anUnknownIdOrAMisspelledNameAfterACommaIsKeptAsAnUnknownName() {
        assertEquals(List.of("GT099→?"), names(parse("# gotcha:disable-next-line GT099 whatever")));
        assertEquals(List.of("GT005→GT005", "hardcoded-secrte→?"),
                names(parse("# gotcha:disable-next-line GT005, hardcoded-secrte")));
        Directive unknownOnly = parse("# gotcha:disable-next-line GT099");
        assertFalse(unknownOnly.isUsable());
        assertTrue(parse("# gotcha:disable-next-line GT099, GT005").isUsable());
    }

    @Test
    void anUnknownDirectiveIsKeptWithoutAScope() {
        Directive directive = parse("# gotcha:disable-line GT005");
        assertNull(directive.scope());
        assertEquals("disable-line", directive.keyword());
        assertNull(parse("# gotcha:disable-next-lineGT005").scope(), "the names must be set apart from the keyword");
    }

    @Test
    void commentsThatOnlyMentionGotchaAreNoDirectives() {
        assertNull(parse("# gotcha: runtime.exs is evaluated at boot"));
        assertNull(parse("# see the gotcha:disable-next-line docs"));
        assertNull(parse("# Gotcha LS"));
    }

    @Test
    void theEngineCanNameItsOwnRulesInDirectives() {
        List<RuleInfo> nameable = new java.util.ArrayList<>(RuleEngine.ENGINE_RULES);
        Directive directive = new DirectiveParser(nameable).parse("# gotcha:disable unused-suppression", 0, 0, true);
        assertEquals(List.of("unused-suppression→GT101"), names(directive));
    }
}
