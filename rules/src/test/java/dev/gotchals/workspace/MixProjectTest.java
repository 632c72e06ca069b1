package dev.gotchals.workspace;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixProjectTest {
    private static final Path ROOT = Path.of("/work/shop");

    private static MixProject project(Map<FileRole, List<Path>> files) {
        return new MixProject(ROOT, "shop", "Shop", false, List.of(), files);
    }

    @Test
    void knowsEachListedFileByItsRole() {
        Path prod = ROOT.resolve("config/prod.exs");
        Path router = ROOT.resolve("lib/shop_web/router.ex");
        MixProject project = project(Map.of(FileRole.CONFIG, List.of(prod), FileRole.ELIXIR_SOURCE, List.of(router)));

        assertEquals(Optional.of(FileRole.CONFIG), project.roleOf(prod));
        assertEquals(Optional.of(FileRole.ELIXIR_SOURCE), project.roleOf(router));
        assertTrue(project.contains(router));
        assertFalse(project.contains(ROOT.resolve("lib/shop_web/endpoint.ex")), "not listed");
        assertEquals(Optional.empty(), project.roleOf(ROOT.resolve("README.md")));
    }

    @Test
    void aConfigFileIsFoundByNameOnlyWhenListedAsConfig() {
        Path prod = ROOT.resolve("config/prod.exs");
        MixProject project = project(Map.of(FileRole.CONFIG, List.of(prod)));

        assertEquals(prod, project.configFile("prod.exs"));
        assertNull(project.configFile("runtime.exs"));
    }

    @Test
    void aFileListedUnderTwoRolesHasTheFirstInRoleOrder() {
        Path script = ROOT.resolve("rel/overlays/bin/entrypoint");
        Map<FileRole, List<Path>> files = new LinkedHashMap<>();
        files.put(FileRole.ENTRYPOINT_SCRIPT, List.of(script));
        files.put(FileRole.RELEASE_SCRIPT, List.of(script));

        assertEquals(Optional.of(FileRole.RELEASE_SCRIPT), project(files).roleOf(script));
    }

    @Test
    void keepsItsOwnCopyOfTheListing() {
        Path prod = ROOT.resolve("config/prod.exs");
        List<Path> configs = new ArrayList<>(List.of(prod));
        Map<FileRole, List<Path>> files = new EnumMap<>(FileRole.class);
        files.put(FileRole.CONFIG, configs);
        MixProject project = project(files);
        configs.add(ROOT.resolve("config/dev.exs"));
        files.put(FileRole.DOCKERFILE, List.of(ROOT.resolve("Dockerfile")));

        assertEquals(List.of(prod), project.files(FileRole.CONFIG));
        assertFalse(project.contains(ROOT.resolve("Dockerfile")));
        assertThrows(UnsupportedOperationException.class, () -> project.files().put(FileRole.DOCKERFILE, List.of()));
    }

    @Test
    void projectsWithTheSameFilesAreEqual() {
        Path prod = ROOT.resolve("config/prod.exs");
        MixProject project = project(Map.of(FileRole.CONFIG, List.of(prod)));

        assertEquals(project, project(new LinkedHashMap<>(Map.of(FileRole.CONFIG, List.of(prod)))));
        assertEquals(project.hashCode(), project(Map.of(FileRole.CONFIG, List.of(prod))).hashCode());
        assertNotEquals(project, project(Map.of(FileRole.CONFIG, List.of(prod, ROOT.resolve("config/dev.exs")))));
    }
}
