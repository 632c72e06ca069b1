package dev.gotchals.ecosystem;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out one commit of a git mirror into a folder, without a work tree or index: {@code git ls-tree} lists the
 * files and one {@code git cat-file --batch} reads them all. A blob the mirror lacks (some mirrors leave out large
 * binaries) is skipped and counted rather than failing the whole checkout, as {@code git archive} would.
 */
final class MirrorCheckout {
    private record TreeEntry(String mode, String object, String path) {
    }

    private MirrorCheckout() {
    }

    /** The git directory of a mirror folder: {@code repo/.git} when the mirror has a work tree, else {@code repo}. */
    static Path gitDirectory(Path mirrors, Repo repo) {
        Path folder = mirrors.resolve(repo.folderName()).resolve("repo");
        return Files.isDirectory(folder.resolve(".git")) ? folder.resolve(".git") : folder;
    }

    /** Why the mirror cannot serve this repository's pinned commit, or null when it can. */
    static String problem(Path mirrors, Repo repo) throws IOException, InterruptedException {
        Path git = gitDirectory(mirrors, repo);
        if (!Files.isRegularFile(git.resolve("HEAD"))) {
            return "no git mirror of " + repo.name() + " at " + git;
        }
        var result = Processes.run(List.of("git", "--git-dir=" + git, "cat-file", "-e", repo.commit() + "^{commit}"),
                git, null, 1);
        return result.exitCode() == 0 ? null : "the mirror at " + git + " lacks commit " + repo.commit();
    }

    /** Writes every file of the commit under {@code target}; returns the paths whose blobs the mirror lacks. */
    static List<String> checkout(Path mirrors, Repo repo, Path target) throws IOException, InterruptedException {
        Path git = gitDirectory(mirrors, repo);
        var listing = Processes.run(List.of("git", "--git-dir=" + git, "ls-tree", "-r", "-z", repo.commit()), git,
                null, 5);
        if (listing.exitCode() != 0) {
            throw new IOException("git ls-tree failed in " + git + ":\n" + listing.stderrTail());
        }
        List<TreeEntry> files = new ArrayList<>();
        for (String record : listing.stdout().split("\0")) {
            if (record.isEmpty()) {
                continue;
            }
            int tab = record.indexOf('\t');
            String[] header = record.substring(0, tab).split(" ");
            if (header[1].equals("blob")) {
                files.add(new TreeEntry(header[0], header[2], record.substring(tab + 1)));
            }
        }
        return writeBlobs(git, files, target);
    }

    private static List<String> writeBlobs(Path git, List<TreeEntry> files, Path target)
            throws IOException, InterruptedException {
        Process batch = new ProcessBuilder("git", "--git-dir=" + git, "cat-file", "--batch")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Thread requests = new Thread(() -> {
            try (OutputStream input = batch.getOutputStream()) {
                for (TreeEntry file : files) {
                    input.write((file.object() + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        requests.start();
        List<String> missing = new ArrayList<>();
        try (InputStream output = new BufferedInputStream(batch.getInputStream(), 1 << 16)) {
            for (TreeEntry file : files) {
                String header = readLine(output);
                if (header.endsWith(" missing")) {
                    missing.add(file.path());
                    continue;
                }
                long size = Long.parseLong(header.substring(header.lastIndexOf(' ') + 1));
                byte[] content = output.readNBytes(Math.toIntExact(size));
                output.read();
                write(target, file, content);
            }
        } finally {
            requests.join();
            batch.waitFor();
        }
        return missing;
    }

    private static void write(Path target, TreeEntry file, byte[] content) throws IOException {
        Path path = target.resolve(file.path()).normalize();
        if (!path.startsWith(target)) {
            return;
        }
        Files.createDirectories(path.getParent());
        if (file.mode().equals("120000")) {
            Files.createSymbolicLink(path, Path.of(new String(content, StandardCharsets.UTF_8)));
            return;
        }
        Files.write(path, content);
        if (file.mode().equals("100755")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String readLine(InputStream input) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int next = input.read(); next != '\n'; next = input.read()) {
            if (next < 0) {
                throw new IOException("git cat-file --batch ended early");
            }
            line.write(next);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
