package dev.gotchals.rules;

import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ServerSwitchTest {
    private static final Path RUNTIME = Path.of("config/runtime.exs");

    private static String requirement(String expression) {
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(expression + "\n"));
        return ServerSwitch.envRequirement(tree, tree.statements().get(0));
    }

    private static ServerSwitch value(String expression) {
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(expression + "\n"));
        return ServerSwitch.ofValue(tree, tree.statements().get(0), RUNTIME);
    }

    @Test
    void envRequirementsAreThePresenceOfOneVariable() {
        assertEquals("PHX_SERVER", requirement("System.get_env(\"PHX_SERVER\")"));
        assertEquals("WEB", requirement("System.get_env(\"WEB\") == \"true\""));
        assertEquals("WEB", requirement("\"1\" == System.get_env(\"WEB\")"));
        assertEquals("WEB", requirement("System.get_env(\"WEB\") in ~w(true 1)"));
        assertEquals("WEB", requirement("System.get_env(\"WEB\") != nil"));
        assertNull(requirement("System.get_env(\"WEB\", \"false\")"), "with a default it is always truthy");
        assertNull(requirement("System.get_env(\"WEB\") != \"false\""), "true when unset too");
        assertNull(requirement("web_node?()"));
    }

    @Test
    void valuesMeanOnDeclinedConditionalOrUnknown() {
        assertEquals(ServerSwitch.ON, value("true"));
        assertEquals(ServerSwitch.DECLINED, value("false"));
        assertEquals(ServerSwitch.when("WEB", RUNTIME), value("System.get_env(\"WEB\") == \"1\""));
        assertEquals(ServerSwitch.UNKNOWN, value("Shop.Deploy.web?()"));
    }

    @Test
    void orServesWhenEitherDoesAndStaysSilentWhenEitherIsUndecided() {
        ServerSwitch phx = ServerSwitch.when("PHX_SERVER", RUNTIME);
        assertEquals(ServerSwitch.ON, phx.or(ServerSwitch.ON));
        assertEquals(phx, ServerSwitch.OFF.or(phx));
        assertEquals(phx, phx.or(ServerSwitch.OFF));
        assertEquals(ServerSwitch.UNKNOWN, phx.or(ServerSwitch.UNKNOWN));
        assertEquals(ServerSwitch.DECLINED, ServerSwitch.DECLINED.or(phx));
        assertEquals(Set.of("PHX_SERVER", "WEB"), phx.or(ServerSwitch.when("WEB", RUNTIME)).vars());
        assertEquals(ServerSwitch.OFF, ServerSwitch.of(Truth.FALSE));
        assertEquals(ServerSwitch.ON, ServerSwitch.of(Truth.TRUE));
    }
}
