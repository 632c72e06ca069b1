package dev.gotchals.mix;

import dev.gotchals.elixir.Sources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixAliasesTest {
    private static MixAliases aliases(String list) {
        return Sources.mix("""
                defmodule App.MixProject do
                  use Mix.Project
                  def project, do: [app: :app, aliases: aliases()]
                  defp aliases, do: %s
                  defp seed(_args), do: :ok
                end
                """.formatted(list)).aliases();
    }

    @Test
    void expandsNestedAliasesInOrder() {
        MixAliases aliases = aliases("""
                ["assets.deploy": ["assets.build", "phx.digest"], "assets.build": ["tailwind app", "esbuild app"],
                 release: ["assets.deploy", "release"]]""");
        assertEquals(List.of("tailwind", "esbuild", "phx.digest", "release"), aliases.expand("release").tasks());
        assertTrue(aliases.runs("release", "phx.digest"));
        assertFalse(aliases.runs("assets.build", "phx.digest"));
        assertEquals(List.of("compile"), aliases.expand("compile").tasks(), "not an alias: the task itself");
    }

    @Test
    void anUmbrellasCmdStepRunsTheMixTaskItNamesInItsApps() {
        MixAliases aliases = aliases("""
                ["assets.deploy": ["cmd --app shop_web mix assets.deploy"], setup: ["cmd mix setup"],
                 "assets.npm": ["cmd npm run deploy --prefix apps/shop_web/assets"],
                 "assets.cd": ["cmd --cd apps/shop_web mix phx.digest"]]""");
        assertEquals(List.of("assets.deploy"), aliases.expand("assets.deploy").tasks());
        assertEquals(List.of("setup"), aliases.expand("setup").tasks());
        assertEquals(List.of("cmd"), aliases.expand("assets.npm").tasks(), "another program: the shell task itself");
        assertEquals(List.of("phx.digest"), aliases.expand("assets.cd").tasks());
    }

    @Test
    void anAliasNamingItselfRunsTheTask() {
        MixAliases aliases = aliases("[test: [\"ecto.create --quiet\", \"ecto.migrate --quiet\", \"test\"]]");
        assertEquals(List.of("ecto.create", "ecto.migrate", "test"), aliases.expand("test").tasks());
    }

    @Test
    void cyclesEndAtTheTaskOfTheRepeatedName() {
        MixAliases aliases = aliases("[a: [\"b\", \"x\"], b: [\"a\", \"y\"]]");
        MixAliases.Expansion expansion = aliases.expand("a");
        assertEquals(List.of("a", "y", "x"), expansion.tasks());
        assertTrue(expansion.complete());
    }

    @Test
    void functionStepsAreUnknown() {
        MixAliases aliases = aliases("[setup: [\"deps.get\", &seed/1], single: \"phx.digest\"]");
        assertEquals(java.util.Arrays.asList("deps.get", null), aliases.steps("setup"));
        MixAliases.Expansion expansion = aliases.expand("setup");
        assertEquals(List.of("deps.get"), expansion.tasks());
        assertFalse(expansion.complete());
        assertEquals(List.of("phx.digest"), aliases.expand("single").tasks());
    }
}
