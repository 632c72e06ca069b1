package dev.gotchals.elixir;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElixirVersionTest {
    @Test
    void readsTheFirstVersionOfADockerTagARequirementOrAToolVersionsLine() {
        assertEquals(new ElixirVersion(1, 16), ElixirVersion.find("1.16.2-erlang-26.2.5-debian-bookworm-20240612-slim"));
        assertEquals(new ElixirVersion(1, 14), ElixirVersion.find("~> 1.14"));
        assertEquals(new ElixirVersion(1, 10), ElixirVersion.find("elixir 1.10.4-otp-23"));
        assertNull(ElixirVersion.find("latest"));
        assertNull(ElixirVersion.find(null));
    }

    @Test
    void comparesByMinorVersion() {
        assertTrue(new ElixirVersion(1, 11).atLeast(ElixirVersion.RUNTIME_EXS));
        assertTrue(new ElixirVersion(2, 0).atLeast(ElixirVersion.RUNTIME_EXS));
        assertFalse(new ElixirVersion(1, 10).atLeast(ElixirVersion.RUNTIME_EXS));
        assertFalse(new ElixirVersion(1, 8).atLeast(ElixirVersion.RELEASES));
    }
}
