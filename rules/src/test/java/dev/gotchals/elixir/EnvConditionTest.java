package dev.gotchals.elixir;

import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnvConditionTest {
    /** The condition of the last top-level {@code if} of the source, evaluated for the environment. */
    private static Truth lastIf(String source, String env) {
        SyntaxTree tree = Sources.file("config/runtime.exs", source).tree();
        List<Node> statements = tree.statements();
        Node condition = ElixirSyntax.arguments(statements.get(statements.size() - 1)).get(0);
        return EnvCondition.evaluate(tree, condition, env);
    }

    @Test
    void conditionsOnTheEnvironmentItself() {
        assertEquals(Truth.TRUE, lastIf("if config_env() == :prod do\nend\n", "prod"));
        assertEquals(Truth.FALSE, lastIf("if Mix.env() != :prod do\nend\n", "prod"));
        assertEquals(Truth.TRUE, lastIf("if config_env() in [:dev, :test] do\nend\n", "test"));
        assertEquals(Truth.UNKNOWN, lastIf("if System.get_env(\"X\") == \"1\" do\nend\n", "prod"));
    }

    @Test
    void aVariableBoundToTheEnvironmentBeforeStandsForIt() {
        String bound = "import Config\n\nenv = config_env()\n\n";
        assertEquals(Truth.TRUE, lastIf(bound + "if env != :test do\nend\n", "prod"));
        assertEquals(Truth.FALSE, lastIf(bound + "if env != :test do\nend\n", "test"));
        assertEquals(Truth.FALSE, lastIf(bound + "if env == :dev do\nend\n", "prod"));
        assertEquals(Truth.TRUE, lastIf(bound + "if env in [:test, :prod] and true do\nend\n", "prod"));
        assertEquals(Truth.TRUE, lastIf("mix_env = Mix.env()\nif mix_env == :prod do\nend\n", "prod"));
    }

    @Test
    void aVariableBoundAgainOrToSomethingElseIsUnknown() {
        assertEquals(Truth.UNKNOWN, lastIf("env = config_env()\nenv = :prod\nif env == :prod do\nend\n", "prod"),
                "bound again");
        assertEquals(Truth.UNKNOWN, lastIf("env = System.get_env(\"ENV\")\nif env == :prod do\nend\n", "prod"),
                "bound to something else");
        assertEquals(Truth.UNKNOWN, lastIf("""
                env = config_env()
                Enum.each([:a], fn env -> env end)
                if env == :prod do
                end
                """, "prod"), "a parameter of the same name");
        assertEquals(Truth.UNKNOWN, lastIf("if env == :prod do\nend\n", "prod"), "never bound");
    }
}
