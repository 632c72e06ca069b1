package dev.gotchals.cli;

import java.nio.file.Path;

/**
 * How the command line names a file: '/'-separated and relative to a folder (the working directory, or the
 * baseline's folder) when inside it, absolute otherwise, so that a name never depends on how far up a
 * {@code ../} chain would have to climb.
 */
final class DisplayPath {
    private DisplayPath() {
    }

    static String of(Path file, Path base) {
        Path normalized = file.toAbsolutePath().normalize();
        Path from = base.toAbsolutePath().normalize();
        Path shown = normalized.startsWith(from) && !normalized.equals(from) ? from.relativize(normalized) : normalized;
        return shown.toString().replace('\\', '/');
    }

    static boolean isRelative(String displayed) {
        return !Path.of(displayed).isAbsolute();
    }
}
