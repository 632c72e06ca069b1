package dev.gotchals.rule;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadFilesTest {
    private static final Path PROD = Path.of("/shop/config/prod.exs");
    private static final Path ROUTER = Path.of("/shop/lib/shop_web/router.ex");
    private static final Path DOCKERFILE = Path.of("/shop/Dockerfile");

    @Test
    void holdsEveryPathOfEveryPartOnce() {
        Set<Path> union = ReadFiles.union(List.of(Set.of(PROD, ROUTER), Set.of(), Set.of(ROUTER, DOCKERFILE)));

        assertTrue(union.contains(DOCKERFILE));
        assertFalse(union.contains(Path.of("/shop/config/dev.exs")));
        assertEquals(3, union.size());
        List<Path> iterated = new ArrayList<>();
        union.forEach(iterated::add);
        assertEquals(3, iterated.size());
        assertEquals(Set.of(PROD, ROUTER, DOCKERFILE), union);
        assertEquals(Set.of(PROD, ROUTER, DOCKERFILE), Set.copyOf(iterated));
    }

    @Test
    void aSinglePartIsSharedAsItIs() {
        Set<Path> part = Set.of(PROD);

        assertSame(part, ReadFiles.union(List.of(Set.of(), part)));
        assertEquals(Set.of(), ReadFiles.union(List.of(Set.of(), Set.of())));
    }

    @Test
    void cannotBeChanged() {
        Set<Path> union = ReadFiles.union(List.of(Set.of(PROD), Set.of(ROUTER)));

        assertThrows(UnsupportedOperationException.class, () -> union.add(DOCKERFILE));
        assertThrows(UnsupportedOperationException.class, () -> union.remove(PROD));
    }

    @Test
    void dependenciesKeepTheUnionWithoutCopyingIt() {
        Set<Path> union = ReadFiles.union(List.of(Set.of(PROD), Set.of(ROUTER)));

        assertSame(union, new Dependencies(union, Map.of()).files());
    }
}
