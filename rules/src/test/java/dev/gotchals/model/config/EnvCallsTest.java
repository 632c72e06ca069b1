package dev.gotchals.model.config;

import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EnvCallsTest {
    /** The variable and fallback of the last statement's defaulted read, as written, or null. */
    private static List<String> defaultedRead(String source) {
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(source));
        List<Node> statements = tree.statements();
        EnvCalls.DefaultedRead read = EnvCalls.of(tree).defaultedRead(statements.get(statements.size() - 1));
        return read == null ? null : List.of(tree.text(read.variable()), tree.text(read.fallback()));
    }

    @Test
    void getEnvWithADefaultAndTheSameLookupInTheWholeEnvironment() {
        assertEquals(List.of("\"KEY\"", "\"dev\""), defaultedRead("System.get_env(\"KEY\", \"dev\")\n"));
        assertEquals(List.of("\"KEY\"", "\"dev\""), defaultedRead("Map.get(System.get_env(), \"KEY\", \"dev\")\n"));
        assertEquals(List.of("\"KEY\"", "\"dev\""), defaultedRead("import System\nMap.get(get_env(), \"KEY\", \"dev\")\n"));
        assertEquals(List.of("\"KEY\"", "\"dev\""), defaultedRead("alias System, as: Sys\nSys.get_env(\"KEY\", \"dev\")\n"));
    }

    @Test
    void readsWithoutADefaultAndOtherMapsAreNone() {
        assertNull(defaultedRead("System.get_env(\"KEY\")\n"));
        assertNull(defaultedRead("Map.get(System.get_env(), \"KEY\")\n"));
        assertNull(defaultedRead("Map.get(settings, \"KEY\", \"dev\")\n"));
        assertNull(defaultedRead("Map.get(System.get_env(\"X\"), \"KEY\", \"dev\")\n"));
        assertNull(defaultedRead("get_env(\"KEY\", \"dev\")\n"), "no import System");
    }
}
