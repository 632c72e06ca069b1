package dev.gotchals.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The only place the command line writes files, and only when asked to ({@code check --fix},
 * {@code --write-baseline}, {@code init}). Each file is written whole to a temporary file in its own folder and renamed over
 * the old one, so a reader (or a crash) never sees half a file; a rewritten file keeps its permissions.
 */
final class FileWrites {
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> NEW_SCRIPT = PosixFilePermissions.fromString("rwxr-xr-x");

    private FileWrites() {
    }

    /** Replaces (or creates) the file with {@code text}, atomically. */
    static void replace(Path file, String text) throws IOException {
        Path temp = temporaryBeside(file, text);
        try {
            if (Files.exists(file)) {
                copyPermissions(file, temp);
            } else {
                setPermissions(temp, text);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Creates a file that must not exist yet, with its folders; a text starting with {@code #!} becomes an
     * executable script. Fails with {@link FileAlreadyExistsException} rather than replace an existing file.
     */
    static void create(Path file, String text) throws IOException {
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = temporaryBeside(file, text);
        try {
            setPermissions(temp, text);
            Files.move(temp, file); // no REPLACE_EXISTING: refuses a file that appeared meanwhile
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path temporaryBeside(Path file, String text) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        if (Files.getFileAttributeView(from, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        }
    }

    /** A temporary file is private (rw-------); a new project file is readable like the files beside it. */
    private static void setPermissions(Path file, String text) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, text.startsWith("#!") ? NEW_SCRIPT : NEW_FILE);
        }
    }
}
