package dev.gotchals.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Finds the Mix projects under a folder and the files that matter to them. Skips dependency and build folders,
 * never follows symbolic links, and stops after {@link #MAX_FILES} files, saying so.
 */
public final class ProjectScanner {
    private static final Logger LOG = Logger.getLogger(ProjectScanner.class.getName());
    static final int MAX_FILES = 50_000;

    private ProjectScanner() {
    }

    public static List<MixProject> scan(Path folder) {
        return scan(folder, MAX_FILES);
    }

    /** {@link #scan(Path)} with another file limit, so that tests can reach it. */
    static List<MixProject> scan(Path folder, int maxFiles) {
        Path root = folder.toAbsolutePath().normalize();
        List<Path> mixfiles = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        walk(root, maxFiles, mixfiles, candidates);
        return build(root, mixfiles, candidates);
    }

    private static void walk(Path root, int maxFiles, List<Path> mixfiles, List<Path> candidates) {
        if (!Files.isDirectory(root)) {
            return;
        }
        int[] seen = {0};
        try {
            // The folder itself may be a link (a user's ~/code pointing at another disk): walk where it leads, links
            // below it not followed, and name the files under the folder's own path, as the editor does.
            Path start = root.toRealPath();
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(start) && FileClassifier.SKIPPED_FOLDERS.contains(name)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path found, BasicFileAttributes attrs) {
                    Path file = root.resolve(start.relativize(found));
                    if (++seen[0] > maxFiles) {
                        LOG.warning("stopped scanning " + root + " after " + maxFiles + " files (the limit): files past them"
                                + " are not analysed");
                        return FileVisitResult.TERMINATE;
                    }
                    if (attrs.isRegularFile()) {
                        if (file.getFileName().toString().equals("mix.exs")) {
                            mixfiles.add(file);
                        }
                        candidates.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    LOG.fine("cannot read " + file + ": " + e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warning("cannot scan " + root + ": " + e.getMessage());
        }
    }

    private static List<MixProject> build(Path root, List<Path> mixfiles, List<Path> files) {
        // Read every mix.exs; umbrella roots adopt the projects under their apps_path.
        Map<Path, MixfileReader> readers = new LinkedHashMap<>();
        mixfiles.sort(Comparator.comparingInt(Path::getNameCount));
        for (Path mixfile : mixfiles) {
            readers.put(mixfile.getParent(), readMixfile(mixfile));
        }
        Map<Path, Path> ownerOf = new LinkedHashMap<>();
        for (Path dir : readers.keySet()) {
            Path umbrella = null;
            for (Map.Entry<Path, MixfileReader> other : readers.entrySet()) {
                String appsPath = other.getValue().appsPath;
                // Mix takes the umbrella's apps from apps_path/*/mix.exs: a project further down (a stray
                // `mix phx.new` inside an app's assets/) is none of them.
                if (appsPath != null && other.getKey().resolve(appsPath).normalize().equals(dir.getParent())
                        && !dir.equals(other.getKey())) {
                    umbrella = other.getKey();
                    break;
                }
            }
            ownerOf.put(dir, umbrella != null ? umbrella : dir);
        }

        Map<Path, Map<FileRole, List<Path>>> filesByProject = new LinkedHashMap<>();
        for (Path dir : readers.keySet()) {
            if (ownerOf.get(dir).equals(dir)) {
                filesByProject.put(dir, new EnumMap<>(FileRole.class));
            }
        }
        // A Dockerfile outside every project is the image of the project a build command gives it as context, or
        // else of the one project whose files it copies.
        Set<Path> outside = OutsideDockerfiles.outside(files, readers.keySet());
        Function<Path, Path> projectOf = folder -> {
            Path appRoot = innermost(readers.keySet(), folder);
            return appRoot == null ? null : ownerOf.get(appRoot);
        };
        Map<Path, Path> adopted = OutsideDockerfiles.adopted(root, files, outside, projectOf);
        adopted.putAll(OutsideDockerfiles.adoptedByCopies(root, outside, adopted.keySet(), projectOf));
        adopted.forEach((dockerfile, project) -> filesByProject.get(project)
                .computeIfAbsent(FileRole.DOCKERFILE, r -> new ArrayList<>()).add(dockerfile));
        // So is a Compose file outside every project whose services build that project's image.
        OutsideComposeFiles.adopted(outside, projectOf, adopted).forEach((compose, project) -> filesByProject
                .get(project)
                .computeIfAbsent(FileRole.DEPLOY_ENVIRONMENT, r -> new ArrayList<>()).add(compose));
        // Deployment manifests at the root of a repository whose one Mix project lies in a subfolder (app/ beside a
        // CLI, SDKs and deploy/helm/) say how that project runs: its probes, its environment.
        if (filesByProject.size() == 1 && !filesByProject.containsKey(root)) {
            Map<FileRole, List<Path>> only = filesByProject.values().iterator().next();
            outside.stream().sorted()
                    .filter(file -> FileClassifier.classify(root.relativize(file)).orElse(null)
                            == FileRole.INFRA_MANIFEST)
                    .forEach(file -> only.computeIfAbsent(FileRole.INFRA_MANIFEST, r -> new ArrayList<>()).add(file));
        }
        for (Path file : files) {
            Path appRoot = innermost(readers.keySet(), file);
            if (appRoot == null) {
                continue;
            }
            Path project = ownerOf.get(appRoot);
            FileClassifier.classifyInProject(project, appRoot, file)
                    .ifPresent(role -> filesByProject.get(project).computeIfAbsent(role, r -> new ArrayList<>()).add(file));
        }

        List<MixProject> projects = new ArrayList<>();
        for (Map.Entry<Path, Map<FileRole, List<Path>>> entry : filesByProject.entrySet()) {
            Path dir = entry.getKey();
            MixfileReader reader = readers.get(dir);
            List<MixProject.App> apps = new ArrayList<>();
            for (Map.Entry<Path, Path> owned : ownerOf.entrySet()) {
                if (owned.getValue().equals(dir) && !owned.getKey().equals(dir)) {
                    MixfileReader app = readers.get(owned.getKey());
                    String name = app.appName != null ? app.appName : owned.getKey().getFileName().toString();
                    apps.add(new MixProject.App(owned.getKey(), name,
                            app.modulePrefix != null ? app.modulePrefix : MixfileReader.camelize(name)));
                }
            }
            String name = reader.appName != null ? reader.appName
                    : dir.getFileName() != null ? dir.getFileName().toString() : "app";
            String prefix = reader.modulePrefix != null ? reader.modulePrefix : MixfileReader.camelize(name);
            Map<FileRole, List<Path>> roles = new EnumMap<>(FileRole.class);
            entry.getValue().forEach((role, paths) -> {
                paths.sort(Comparator.naturalOrder());
                roles.put(role, List.copyOf(paths));
            });
            projects.add(new MixProject(dir, name, prefix, reader.appsPath != null, List.copyOf(apps), roles));
        }
        return projects;
    }

    /**
     * The longest of {@code roots} that holds {@code file}, or null. Walks up from the file, so that a workspace
     * with many mix.exs files (an umbrella's apps, vendored examples) costs each file its depth, not their number.
     */
    static Path innermost(Set<Path> roots, Path file) {
        for (Path folder = file; folder != null; folder = folder.getParent()) {
            if (roots.contains(folder)) {
                return folder;
            }
        }
        return null;
    }

    private static MixfileReader readMixfile(Path mixfile) {
        try {
            return MixfileReader.read(Files.readString(mixfile, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warning("cannot read " + mixfile + ": " + e.getMessage());
            return new MixfileReader();
        }
    }
}
