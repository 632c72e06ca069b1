package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code heroku.yml}: the Dockerfiles Heroku's container runtime builds and runs ({@code build: docker: web:
 * Dockerfile}). Read by indentation, like the other YAML files the model reads. The runtime starts every container
 * as an unprivileged user, whatever the image's {@code USER} says.
 */
public final class HerokuManifest {
    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z_][\\w-]*):\\s*(.*?)\\s*$");

    private final DocumentSnapshot file;
    private final Set<Path> dockerfiles;

    private HerokuManifest(DocumentSnapshot file, Set<Path> dockerfiles) {
        this.file = file;
        this.dockerfiles = Set.copyOf(dockerfiles);
    }

    /** The manifest in the file, or null without a file. */
    static HerokuManifest read(DocumentSnapshot file) {
        if (file == null) {
            return null;
        }
        Path folder = file.path().toAbsolutePath().normalize().getParent();
        Set<Path> dockerfiles = new LinkedHashSet<>();
        String[] lines = file.text().text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher build = KEY.matcher(lines[i]);
            if (!build.matches() || !build.group(1).isEmpty() || !build.group(2).equals("build")) {
                continue;
            }
            String[] block = IndentedLines.blockBelow(lines, i, 0).toArray(String[]::new);
            for (int j = 0; j < block.length; j++) {
                Matcher docker = KEY.matcher(block[j]);
                if (!docker.matches() || !docker.group(2).equals("docker")) {
                    continue;
                }
                int processIndent = -1;
                for (String line : IndentedLines.blockBelow(block, j, docker.group(1).length())) {
                    Matcher entry = KEY.matcher(line);
                    if (!entry.matches()) {
                        continue;
                    }
                    processIndent = processIndent < 0 ? entry.group(1).length() : processIndent;
                    // `web: Dockerfile`, or the long form's `dockerfile:` below `web:` (beside `target:`)
                    boolean names = entry.group(1).length() == processIndent || entry.group(2).equals("dockerfile");
                    String value = entry.group(3).replaceAll("^[\"']|[\"']$", "");
                    if (names && !value.isEmpty()) {
                        dockerfiles.add(folder.resolve(value).normalize());
                    }
                }
            }
        }
        return new HerokuManifest(file, dockerfiles);
    }

    public DocumentSnapshot file() {
        return file;
    }

    /** Whether the manifest has Heroku build and run this Dockerfile. */
    public boolean builds(Path dockerfile) {
        return dockerfiles.contains(dockerfile.toAbsolutePath().normalize());
    }
}
