package dev.gotchals.model.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseRuntimeFileTest {
    private static final String CONFIG = "import Config\n";

    @TempDir
    Path temp;
    private int projects;

    private ReleaseRuntimeFile file(Map<String, String> files) {
        return ReleaseRuntimeFile.of(ConfigProject.open(temp.resolve("project" + projects++), files));
    }

    private static String mixExs(String releases) {
        return """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: [], releases: [%s]]
                end
                """.formatted(releases);
    }

    private static Map<String, String> with(String releases, String... files) {
        Map<String, String> all = new HashMap<>();
        all.put("mix.exs", mixExs(releases));
        for (String file : files) {
            all.put(file, CONFIG);
        }
        return all;
    }

    @Test
    void withoutACustomPathTheElixirChoosesTheFile() {
        assertEquals(new ReleaseRuntimeFile("config/runtime.exs", true),
                file(Map.of("config/runtime.exs", CONFIG, "config/releases.exs", CONFIG)));
        assertEquals(new ReleaseRuntimeFile("config/releases.exs", true), file(Map.of("config/releases.exs", CONFIG)));
        assertFalse(file(Map.of("config/config.exs", CONFIG)).exists());
    }

    @Test
    void aCustomRuntimeConfigPathIsHonoured() {
        assertEquals(new ReleaseRuntimeFile("rel/runtime.exs", true),
                file(with("shop: [runtime_config_path: \"rel/runtime.exs\"]", "rel/runtime.exs", "config/runtime.exs")));
        assertEquals(new ReleaseRuntimeFile("config/prod_runtime.exs", false),
                file(with("shop: [runtime_config_path: \"./config/prod_runtime.exs\"]", "config/runtime.exs")));
    }

    @Test
    void noRuntimeConfigOrOneThatCannotBeToldIsNull() {
        assertNull(file(with("shop: [runtime_config_path: false]", "config/runtime.exs")));
        assertNull(file(with("shop: [runtime_config_path: Path.join(\"config\", \"rt.exs\")]", "config/runtime.exs")));
        assertNull(file(with("a: [runtime_config_path: \"rel/a.exs\"], b: []", "config/runtime.exs")));
    }

    @Test
    void releasesThatReadDifferentFilesGiveTheOneAProductionImageBuilds() {
        Map<String, String> files = with("shop: [runtime_config_path: \"config/rt.exs\"], "
                + "shop_docker: [runtime_config_path: \"config/rt_docker.exs\"]", "config/rt.exs", "config/rt_docker.exs");
        assertNull(file(files), "nothing says which release production runs");
        files.put("Dockerfile", "FROM elixir:1.14 AS build\nRUN mix release shop_docker\nFROM debian:bookworm-slim\n"
                + "COPY --from=build /app/_build/prod/rel/shop_docker ./\nCMD [\"bin/shop_docker\", \"start\"]\n");
        assertEquals(new ReleaseRuntimeFile("config/rt_docker.exs", true), file(files));
    }

    @Test
    void theReleasesRuntimeConfigIsTheFileMixExsNames() {
        RuntimeConfig runtime = RuntimeConfig.release(ConfigProject.open(temp.resolve("named"),
                with("shop: [runtime_config_path: \"config/rt.exs\"]", "config/rt.exs", "config/runtime.exs")));
        assertEquals("rt.exs", runtime.name());
        assertEquals(temp.resolve("named/config/rt.exs"), runtime.path());
        assertTrue(runtime.exists());
    }
}
