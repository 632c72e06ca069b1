package dev.gotchals.server;

import java.net.URI;
import java.nio.file.Path;

/** file: URIs to paths and back. Other schemes (untitled:, vscode-notebook:) are not files Gotcha LS reads. */
final class Uris {
    private Uris() {
    }

    /** The path of a file: URI, or null. */
    static Path toPath(String uri) {
        try {
            URI parsed = URI.create(uri);
            if (!"file".equalsIgnoreCase(parsed.getScheme())) {
                return null;
            }
            return Path.of(parsed).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    static String toUri(Path path) {
        return path.toUri().toString();
    }
}
