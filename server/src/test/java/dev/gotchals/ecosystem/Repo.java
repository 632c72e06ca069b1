package dev.gotchals.ecosystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A row of {@code ecosystem/repos.tsv}: {@code owner/name}, the pinned commit, and what deploy style it exercises. */
record Repo(String name, String commit, String description) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][\\w.-]*/[A-Za-z0-9][\\w.-]*");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /** {@code owner+name}: the mirror's folder and the snapshot's file name. */
    String folderName() {
        return name.replace('/', '+');
    }

    String shortCommit() {
        return commit.substring(0, 7);
    }

    /** Reads the list; blank lines and {@code #} comments are skipped, a malformed row is an error naming its line. */
    static List<Repo> read(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv);
        List<Repo> repos = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length != 3 || !NAME.matcher(columns[0]).matches() || !COMMIT.matcher(columns[1]).matches()) {
                throw new IOException(tsv + ":" + (index + 1) + ": expected owner/name<TAB>40-hex commit<TAB>description");
            }
            repos.add(new Repo(columns[0], columns[1], columns[2].strip()));
        }
        return repos;
    }
}
