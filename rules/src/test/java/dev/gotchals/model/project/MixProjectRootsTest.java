package dev.gotchals.model.project;

import dev.gotchals.elixir.Sources;
import dev.gotchals.mix.MixExs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixProjectRootsTest {
    private static final Path WORKSPACE = Path.of("/work/space");

    private static MixExs mix(String app, String deps) {
        return Sources.mix("defmodule M.MixProject do\n  use Mix.Project\n  def project, do: [app: :" + app
                + ", deps: " + deps + "]\nend\n");
    }

    private static final MixProjectRoots ROOTS = MixProjectRoots.of(Map.of(
            WORKSPACE.resolve("app"), mix("app", "[{:shared, path: \"../shared\"}, {:jason, \"~> 1.4\"}]"),
            WORKSPACE.resolve("shared"), mix("shared", "[]"),
            WORKSPACE.resolve("lib_x"), mix("lib_x", "[]"),
            WORKSPACE.resolve("lib_x/examples/demo"), mix("demo", "[{:lib_x, path: \"../..\"}]")));

    @Test
    void pathDependenciesAreNotDeployedRoots() {
        assertTrue(ROOTS.isPathDependencyOf(WORKSPACE.resolve("shared"), WORKSPACE.resolve("app")));
        assertFalse(ROOTS.isPathDependencyOf(WORKSPACE.resolve("app"), WORKSPACE.resolve("shared")));
        assertEquals(List.of(WORKSPACE.resolve("app")), ROOTS.dependentsOf(WORKSPACE.resolve("shared")));
        assertFalse(ROOTS.isDeployedRoot(WORKSPACE.resolve("shared")));
        assertTrue(ROOTS.isDeployedRoot(WORKSPACE.resolve("app")));
    }

    @Test
    void aPathDependencyThatDeclaresItsOwnReleaseIsDeployedToo() {
        MixExs ui = Sources.mix("defmodule Ui.MixProject do\n  use Mix.Project\n  def project, do: [app: :ui, "
                + "releases: [ui: [include_executables_for: [:unix]]], deps: []]\nend\n");
        MixProjectRoots roots = MixProjectRoots.of(Map.of(WORKSPACE.resolve("ui"), ui,
                WORKSPACE.resolve("firmware"), mix("firmware", "[{:ui, path: \"../ui\"}]")));
        assertTrue(roots.isDeployedRoot(WORKSPACE.resolve("ui")), "the firmware embeds it, and it ships alone too");
        assertTrue(roots.isDeployedRoot(WORKSPACE.resolve("firmware")));
    }

    @Test
    void aPathDependencyWithAReleaseFolderOfItsOwnIsDeployedToo() {
        Map<Path, MixExs> projects = Map.of(WORKSPACE.resolve("backend"), mix("backend", "[]"),
                WORKSPACE.resolve("firmware"), mix("firmware", "[{:backend, path: \"../backend\"}]"));
        assertFalse(MixProjectRoots.of(projects).isDeployedRoot(WORKSPACE.resolve("backend")));
        MixProjectRoots roots = MixProjectRoots.of(projects, root -> root.endsWith("backend"));
        assertTrue(roots.isDeployedRoot(WORKSPACE.resolve("backend")), "rel/overlays of phx.gen.release: it ships alone");
    }

    @Test
    void examplesOfAnotherProjectAreNotDeployedRoots() {
        assertEquals(WORKSPACE.resolve("lib_x"), ROOTS.exampleOf(WORKSPACE.resolve("lib_x/examples/demo")));
        assertNull(ROOTS.exampleOf(WORKSPACE.resolve("app")));
        assertFalse(ROOTS.isDeployedRoot(WORKSPACE.resolve("lib_x/examples/demo")));
        // the library an example depends on by path is not deployed either
        assertFalse(ROOTS.isDeployedRoot(WORKSPACE.resolve("lib_x")));
    }

    @Test
    void generatedAppsKeptAsDataAndFixturesAreExamples() {
        MixProjectRoots roots = MixProjectRoots.of(Map.of(
                WORKSPACE.resolve("site"), mix("site", "[]"),
                WORKSPACE.resolve("site/data/sample-app/1.7.0"), mix("sample_app", "[]"),
                WORKSPACE.resolve("site/test/fixtures/umbrella"), mix("umbrella", "[]"),
                WORKSPACE.resolve("site/services/billing"), mix("billing", "[]")));
        assertEquals(WORKSPACE.resolve("site"), roots.exampleOf(WORKSPACE.resolve("site/data/sample-app/1.7.0")));
        assertEquals(WORKSPACE.resolve("site"), roots.exampleOf(WORKSPACE.resolve("site/test/fixtures/umbrella")));
        assertNull(roots.exampleOf(WORKSPACE.resolve("site/services/billing")), "a service beside the site is its own");
    }

    @Test
    void aBenchmarkHarnessUnderTheProjectIsNotDeployed() {
        MixProjectRoots roots = MixProjectRoots.of(Map.of(
                WORKSPACE.resolve("rpc"), mix("rpc", "[]"),
                WORKSPACE.resolve("rpc/bench/platform_floor/floor_app"), mix("platform_floor", "[]"),
                WORKSPACE.resolve("rpc/benchmarks"), mix("rpc_bench", "[]"),
                WORKSPACE.resolve("rpc/apps/benchwarmer"), mix("benchwarmer", "[]")));
        assertFalse(roots.isDeployedRoot(WORKSPACE.resolve("rpc/bench/platform_floor/floor_app")));
        assertFalse(roots.isDeployedRoot(WORKSPACE.resolve("rpc/benchmarks")));
        assertTrue(roots.isDeployedRoot(WORKSPACE.resolve("rpc/apps/benchwarmer")), "a word of the name, not a part");
        assertTrue(roots.isDeployedRoot(WORKSPACE.resolve("rpc")));
    }
}
