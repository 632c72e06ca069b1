package dev.gotchals.workspace;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The Mix projects under the workspace folders, and the content of their files: an editor's open buffer wins
 * over the file on disk; files read from disk are parsed once, when their tree is first asked for, and kept until
 * the disk copy changes.
 * Thread-safe: the protocol thread changes it while the analysis thread reads it.
 */
public final class Workspace {
    private static final Logger LOG = Logger.getLogger(Workspace.class.getName());
    /** Larger files are not read: no config file or Dockerfile is this big, and parsing one would stall. */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final Set<Path> roots = new LinkedHashSet<>();
    private List<MixProject> projects = List.of();
    /** Files appeared or vanished since the last scan: the next question about the projects scans again. */
    private boolean stale;
    private final Map<Path, OpenDocument> open = new HashMap<>();
    private final Map<Path, DocumentSnapshot> fromDisk = new HashMap<>();
    /** Files refused by {@link #readFromDisk} (too large, or a link out of the workspace): logged once each. */
    private final Set<Path> refused = new HashSet<>();

    /** The folders are scanned on the first question about their projects, not here: an editor waits for this. */
    public Workspace(List<Path> folders) {
        for (Path folder : folders) {
            roots.add(folder.toAbsolutePath().normalize());
        }
        stale = true;
    }

    /** The folders searched for Mix projects, absolute and normalized. */
    public synchronized List<Path> folders() {
        return List.copyOf(roots);
    }

    /** Finds the projects again, after a mix.exs or the set of files changed. */
    public synchronized void rescan() {
        List<MixProject> found = new ArrayList<>();
        for (Path root : roots) {
            for (MixProject project : ProjectScanner.scan(root)) {
                if (found.stream().noneMatch(p -> p.root().equals(project.root()))) {
                    found.add(project);
                }
            }
        }
        projects = List.copyOf(found);
        stale = false;
        // A document is parsed as its file's role says now, as if opened now: one opened while its project (or the
        // file on disk) was missing was opened as plain text.
        open.forEach((path, document) -> document.parseAs(languageInProjects(path).orElse(null)));
    }

    /** The grammar of a file's role in the project that lists it, as {@link #open} gives it; empty when none does. */
    private Optional<SourceLanguage> languageInProjects(Path file) {
        for (MixProject project : projects) {
            if (project.contains(file)) {
                return project.roleOf(file).map(FileRole::language);
            }
        }
        return Optional.empty();
    }

    public synchronized List<MixProject> projects() {
        return current();
    }

    /** The projects, scanned again first if files appeared or vanished since the last scan. */
    private List<MixProject> current() {
        if (stale) {
            rescan();
        }
        return projects;
    }

    /**
     * The project a file belongs to: the one that lists it, else the one that would list it by its path once it is
     * on disk (an editor buffer not saved yet, such as a new rel/env.sh.eex, is read by the rules that ask for its
     * path). For a file outside every workspace folder, its project is looked up.
     */
    public synchronized Optional<MixProject> projectOf(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        for (MixProject project : current()) {
            if (project.contains(normalized)) {
                return Optional.of(project);
            }
        }
        Optional<MixProject> wouldList = projectThatWouldList(normalized);
        if (wouldList.isPresent()) {
            return wouldList;
        }
        if (roots.stream().noneMatch(normalized::startsWith)) {
            Path projectRoot = enclosingProjectRoot(normalized);
            if (projectRoot != null && roots.add(projectRoot)) {
                rescan();
                return projectOf(normalized);
            }
        }
        return Optional.empty();
    }

    /** The innermost project whose folder holds {@code file} and that gives the file a role by its path. */
    private Optional<MixProject> projectThatWouldList(Path file) {
        Map<Path, MixProject> byRoot = new HashMap<>();
        projects.forEach(project -> byRoot.put(project.root(), project));
        MixProject project = byRoot.get(ProjectScanner.innermost(byRoot.keySet(), file));
        if (project == null) {
            return Optional.empty();
        }
        Path appRoot = project.apps().stream().map(MixProject.App::root).filter(file::startsWith).findFirst()
                .orElse(project.root());
        return FileClassifier.classifyInProject(project.root(), appRoot, file).map(role -> project);
    }

    /** The role a file plays in its project, if any. */
    public synchronized Optional<FileRole> roleOf(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        return projectOf(normalized).flatMap(project -> project.roleOf(normalized));
    }

    public synchronized OpenDocument open(Path file, int version, String text, PositionEncoding encoding) {
        Path normalized = file.toAbsolutePath().normalize();
        OpenDocument document = new OpenDocument(normalized,
                roleOf(normalized).map(FileRole::language).orElse(null), encoding, version, text);
        document.reuseParse(fromDisk.get(normalized));
        open.put(normalized, document);
        return document;
    }

    public synchronized OpenDocument openDocument(Path file) {
        return open.get(file.toAbsolutePath().normalize());
    }

    public synchronized List<OpenDocument> openDocuments() {
        return List.copyOf(open.values());
    }

    public synchronized void close(Path file) {
        open.remove(file.toAbsolutePath().normalize());
    }

    /**
     * The file's content now: the open buffer's, else the disk's (parsed once, on demand). Null when the file is neither
     * open nor readable.
     */
    public DocumentSnapshot snapshot(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        OpenDocument document;
        synchronized (this) {
            document = open.get(normalized);
            if (document == null) {
                DocumentSnapshot cached = fromDisk.get(normalized);
                if (cached != null) {
                    return cached;
                }
            }
        }
        if (document != null) {
            return snapshot(document);
        }
        DocumentSnapshot read = readFromDisk(normalized);
        synchronized (this) {
            if (read != null) {
                fromDisk.put(normalized, read);
            }
        }
        return read;
    }

    /**
     * The open document's text, version and tree. An editor often opens a file while the first analysis reads it
     * from disk: a document not parsed yet takes that parse when the text is the same, so a large file is not
     * parsed twice.
     */
    public DocumentSnapshot snapshot(OpenDocument document) {
        DocumentSnapshot onDisk;
        synchronized (this) {
            onDisk = fromDisk.get(document.path());
        }
        document.reuseParse(onDisk);
        return document.snapshot();
    }

    /**
     * Reads, in parallel, those of {@code files} that are neither open nor read yet, so that {@link #snapshot} then
     * finds them: a project's first analysis reads thousands of them. They are parsed when a model asks for a tree.
     */
    public void preload(List<Path> files) {
        List<Path> unread = new ArrayList<>();
        synchronized (this) {
            for (Path file : files) {
                Path normalized = file.toAbsolutePath().normalize();
                if (!open.containsKey(normalized) && !fromDisk.containsKey(normalized)) {
                    unread.add(normalized);
                }
            }
        }
        if (unread.size() > 1) {
            unread.parallelStream().forEach(this::snapshot);
        }
    }

    /**
     * A file changed, appeared or vanished on disk: forget its old content, and find the projects again if needed,
     * when next asked about them (a checkout reports thousands of files at once, and one scan sees them all).
     */
    public synchronized void diskChanged(Path file, boolean createdOrDeleted) {
        Path normalized = file.toAbsolutePath().normalize();
        fromDisk.remove(normalized);
        refused.remove(normalized);
        if (createdOrDeleted || normalized.getFileName().toString().equals("mix.exs")) {
            stale = true;
        }
    }

    /**
     * Whether {@code file} lies inside a workspace folder once {@code ..} and symbolic links are resolved (it need
     * not exist: the longest existing part of its path is resolved). Fixes may only create or edit such files.
     */
    public boolean isInside(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        Path real = realPath(normalized);
        if (real == null) {
            return false;
        }
        List<Path> folders;
        synchronized (this) {
            folders = List.copyOf(roots);
        }
        for (Path root : folders) {
            Path realRoot = realPath(root);
            if (realRoot != null && normalized.startsWith(root) && real.startsWith(realRoot)) {
                return true;
            }
        }
        return false;
    }

    /** The real path of an absolute, normalized path whose last parts may not exist yet; null when unresolvable. */
    private static Path realPath(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return null;
        }
        try {
            // A dangling link among the existing parts throws here, and so is refused.
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            return null;
        }
    }

    /** Logs a refusal the first time only: analyses ask for the same file again on every change. */
    private void refuse(Path file, String why) {
        boolean first;
        synchronized (this) {
            first = refused.add(file);
        }
        if (first) {
            LOG.warning("not reading " + file + ": " + why);
        }
    }

    private DocumentSnapshot readFromDisk(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            if (!isInside(file)) {
                refuse(file, "it resolves to " + file.toRealPath() + ", outside the workspace folders");
                return null;
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                refuse(file, size + " bytes is over the limit of " + MAX_FILE_BYTES);
                return null;
            }
            // Malformed UTF-8 becomes U+FFFD, as an editor would show it.
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            TextDocument document = TextDocument.of(text);
            var language = roleOf(file).map(FileRole::language).orElse(null);
            return DocumentSnapshot.parsedOnDemand(file, DocumentSnapshot.ON_DISK, document, language);
        } catch (IOException e) {
            LOG.warning("cannot read " + file + ": " + e.getMessage());
            return null;
        }
    }

    /** The nearest folder above {@code file} with a mix.exs, or the umbrella that holds it. */
    private static Path enclosingProjectRoot(Path file) {
        Path nearest = null;
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mix.exs"))) {
                nearest = dir;
                break;
            }
        }
        if (nearest == null) {
            return null;
        }
        Path appsDir = nearest.getParent();
        Path umbrella = appsDir == null ? null : appsDir.getParent();
        if (umbrella != null && Files.isRegularFile(umbrella.resolve("mix.exs"))) {
            return umbrella;
        }
        return nearest;
    }
}
