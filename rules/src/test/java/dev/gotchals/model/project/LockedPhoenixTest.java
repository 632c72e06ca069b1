package dev.gotchals.model.project;

import dev.gotchals.elixir.Truth;
import dev.gotchals.model.config.ConfigProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LockedPhoenixTest {
    @TempDir
    Path dir;
    private int projects;

    private Truth checksCompileEnv(String lock) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, deps: []]\nend\n");
        if (lock != null) {
            files.put("mix.lock", lock);
        }
        return LockedPhoenix.of(ConfigProject.open(dir.resolve("p" + projects++), files)).checksCompileEnv();
    }

    private static String lock(String version) {
        return "%{\n  \"phoenix_html\": {:hex, :phoenix_html, \"4.2.1\", \"35279e\", [:mix], [], \"hexpm\", \"cff108\"},\n"
                + "  \"phoenix\": {:hex, :phoenix, \"" + version + "\", \"36617e\", [:mix], [], \"hexpm\", \"ba4dc1\"},\n}\n";
    }

    @Test
    void phoenix18AndLaterCheckTheCompileTimeKeysAtBoot() {
        assertEquals(Truth.FALSE, checksCompileEnv(lock("1.7.19")));
        assertEquals(Truth.FALSE, checksCompileEnv(lock("1.6.16")));
        assertEquals(Truth.TRUE, checksCompileEnv(lock("1.8.0-rc.3")));
        assertEquals(Truth.TRUE, checksCompileEnv(lock("2.0.0")));
    }

    @Test
    void withoutALockThatPinsPhoenixItIsUnknown() {
        assertEquals(Truth.UNKNOWN, checksCompileEnv(null));
        assertEquals(Truth.UNKNOWN, checksCompileEnv("%{\n  \"phoenix_html\": {:hex, :phoenix_html, \"4.2.1\", \"3\", [:mix], [], \"hexpm\", \"c\"},\n}\n"));
    }
}
