package dev.gotchals.model.config;

import dev.gotchals.elixir.ElixirVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeConfigTest {
    private static final ElixirVersion V1_8 = new ElixirVersion(1, 8);
    private static final ElixirVersion V1_10 = new ElixirVersion(1, 10);
    private static final ElixirVersion V1_16 = new ElixirVersion(1, 16);
    private static final String CONFIG = "import Config\n";

    @TempDir
    Path temp;
    private int projects;

    /** A fresh folder for each project a test opens. */
    private Path dir() {
        return temp.resolve("project" + projects++);
    }

    private String chosen(Map<String, String> files, ElixirVersion version) {
        RuntimeConfig runtime = RuntimeConfig.choose(ConfigProject.open(dir(), files), version);
        return runtime == null ? null : runtime.name() + (runtime.exists() ? "" : " (new)");
    }

    private List<String> loadedFromOutside(String runtimeExs) {
        return RuntimeConfig.choose(ConfigProject.open(dir(), Map.of("config/runtime.exs", runtimeExs)), V1_16)
                .configLoadedFromOutside();
    }

    @Test
    void aRuntimeConfigThatEvaluatesAnOperatorsFileNamesTheFileItLoads() {
        assertEquals(List.of("/etc/shop.exs"), loadedFromOutside(
                "import Config\n\"CONFIG\" |> System.get_env(\"/etc/shop.exs\") |> Code.eval_file()\n"));
        assertEquals(List.of("/etc/shop/config.exs"), loadedFromOutside(
                "import Config\nfor {app, kv} <- Config.Reader.read!(\"/etc/shop/config.exs\"), do: config(app, kv)\n"));
        assertEquals(List.of("/etc/shop/prod.exs"), loadedFromOutside("import Config\nimport_config \"/etc/shop/prod.exs\"\n"));
        assertEquals(List.of(), loadedFromOutside("import Config\nimport_config \"#{config_env()}.runtime.exs\"\n"));
        assertEquals(List.of(), loadedFromOutside("import Config\nconfig :shop, key: System.get_env(\"KEY\")\n"));
    }

    @Test
    void aFileLoadedFromAPathTheRuntimeConfigDoesNotSpellIsUnknown() {
        assertNull(loadedFromOutside("import Config\nimport_config System.fetch_env!(\"SHOP_CONFIG\")\n"));
        assertNull(loadedFromOutside("import Config\npath = System.fetch_env!(\"SHOP_CONFIG\")\nCode.eval_file(path)\n"));
        assertNull(loadedFromOutside("import Config\nCode.eval_string(System.fetch_env!(\"SHOP_CONFIG\"))\n"));
    }

    @Test
    void aFileTheReleaseBuildCopiesOntoRuntimeExsIsTheRuntimeConfig() {
        String dockerfile = "FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder\n"
                + "WORKDIR /app\nENV MIX_ENV=prod\nCOPY config/config.exs config/prod.exs ./config/\n"
                + "COPY config/docker.exs ./config/runtime.exs\nRUN mix release\n";
        RuntimeConfig runtime = RuntimeConfig.choose(ConfigProject.open(dir(), Map.of("config/config.exs", CONFIG,
                "config/docker.exs", CONFIG, "Dockerfile", dockerfile)), V1_16);
        assertEquals("runtime.exs", runtime.name());
        assertTrue(runtime.exists());
        assertEquals("docker.exs", runtime.file().path().getFileName().toString());
    }

    @Test
    void beforeElixir19ThereIsNone() {
        assertNull(chosen(Map.of("config/runtime.exs", CONFIG, "config/releases.exs", CONFIG), V1_8));
    }

    @Test
    void elixir19And110ReadReleasesExsEvenBesideRuntimeExs() {
        assertEquals("releases.exs", chosen(Map.of("config/runtime.exs", CONFIG, "config/releases.exs", CONFIG), V1_10));
        assertEquals("releases.exs (new)", chosen(Map.of("config/runtime.exs", CONFIG), ElixirVersion.RELEASES));
    }

    @Test
    void from111RuntimeExsWinsWhenItExists() {
        assertEquals("runtime.exs", chosen(Map.of("config/runtime.exs", CONFIG, "config/releases.exs", CONFIG), V1_16));
        assertEquals("runtime.exs", chosen(Map.of("config/runtime.exs", CONFIG), ElixirVersion.RUNTIME_EXS));
    }

    @Test
    void from111ReleasesExsStaysWithoutRuntimeExs() {
        assertEquals("releases.exs", chosen(Map.of("config/releases.exs", CONFIG), V1_16));
    }

    @Test
    void from111WithNeitherFileRuntimeExsWouldBeCreated() {
        assertEquals("runtime.exs (new)", chosen(Map.of("config/config.exs", CONFIG), V1_16));
    }

    @Test
    void unknownVersionChoosesLike111() {
        assertEquals("runtime.exs", chosen(Map.of("config/runtime.exs", CONFIG, "config/releases.exs", CONFIG), null));
        assertEquals("releases.exs", chosen(Map.of("config/releases.exs", CONFIG), null));
        assertEquals("runtime.exs (new)", chosen(Map.of("config/config.exs", CONFIG), null));
    }

    @Test
    void configEnvIsOnlyAssumedInReleasesExsOnAVersionKnownToHaveIt() {
        RuntimeConfig unknown = RuntimeConfig.choose(ConfigProject.open(dir(), Map.of("config/releases.exs", CONFIG)), null);
        assertTrue(unknown.isReleasesExs());
        assertFalse(unknown.hasConfigEnv());
        assertTrue(RuntimeConfig.choose(ConfigProject.open(dir(), Map.of()), V1_16).hasConfigEnv());
        assertTrue(RuntimeConfig.choose(ConfigProject.open(dir(), Map.of("config/releases.exs", CONFIG)), V1_16).hasConfigEnv());
    }

    private static Map<String, String> bothFilesReleasedOn(String elixir) {
        return Map.of("Dockerfile", "FROM elixir:" + elixir + "\nRUN mix release\n",
                "config/runtime.exs", CONFIG, "config/releases.exs", CONFIG);
    }

    @Test
    void theReleasesRuntimeConfigFollowsTheElixirItIsBuiltWith() {
        assertEquals("releases.exs", RuntimeConfig.release(ConfigProject.open(dir(), bothFilesReleasedOn("1.10"))).name());
        assertEquals("runtime.exs", RuntimeConfig.release(ConfigProject.open(dir(), bothFilesReleasedOn("1.16"))).name());
        assertNull(RuntimeConfig.release(ConfigProject.open(dir(), bothFilesReleasedOn("1.8"))));
    }

    @Test
    void mixReadsRuntimeExsFrom111AndNeverReleasesExs() {
        assertEquals("runtime.exs", RuntimeConfig.mix(ConfigProject.open(dir(), bothFilesReleasedOn("1.16"))).name());
        assertNull(RuntimeConfig.mix(ConfigProject.open(dir(), bothFilesReleasedOn("1.10"))));
        assertNull(RuntimeConfig.mix(ConfigProject.open(dir(), Map.of("config/releases.exs", CONFIG))));
        assertEquals("runtime.exs", RuntimeConfig.mix(ConfigProject.open(dir(), Map.of("config/runtime.exs", CONFIG))).name());
    }
}
