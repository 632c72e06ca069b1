package dev.gotchals.model.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The wrappers of env reads are looked for only in files whose text names a read, and found there. */
class EnvWrappersOnDemandTest {
    @TempDir
    Path temp;

    @Test
    void aWrapperThatPipesIntoARead() {
        EnvWrappers wrappers = EnvWrappers.of(ConfigProject.open(temp, Map.of("lib/shop/env.ex", """
                defmodule Shop.Env do
                  def get(name, default \\\\ nil), do: name |> System.get_env() || default
                end
                """, "lib/shop/other.ex", """
                defmodule Shop.Other do
                  def get(name), do: name
                end
                """)));
        assertEquals(Map.of("get", Set.of(1, 2)), wrappers.functionsOf("Shop.Env"));
        assertEquals(Map.of(), wrappers.functionsOf("Shop.Other"));
    }
}
