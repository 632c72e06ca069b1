package dev.gotchals.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Findings accepted as they are, so that a project can turn the check on in CI before it has fixed everything:
 * {@code --write-baseline FILE} records today's findings, {@code --baseline FILE} leaves those out.
 *
 * <p>A finding is recorded by rule, file and {@link LineFingerprint} (a hash of its line's text, not its line
 * number, so edits elsewhere in the file do not bring it back, while editing its line does). Several findings
 * with the same key are a count: with two recorded, a third is reported. Files are named relative to the
 * baseline's folder, so the check may run from anywhere. The file is JSON, sorted, one entry a key:
 * <pre>
 * {
 *   "version": 1,
 *   "findings": [
 *     {"rule": "GT007", "file": "config/prod.exs", "lineHash": "9f2c…", "count": 1}
 *   ]
 * }
 * </pre>
 */
final class Baseline {
    static final int VERSION = 1;

    /** Recorded counts by key. */
    private final Map<Key, Integer> counts;
    private final Path folder;

    private Baseline(Map<Key, Integer> counts, Path folder) {
        this.counts = counts;
        this.folder = folder;
    }

    /** A baseline file that cannot be used: missing, unreadable, not JSON, or not in this format. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private record Key(String rule, String file, String lineHash) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byFile = file.compareTo(other.file);
            if (byFile != 0) {
                return byFile;
            }
            int byRule = rule.compareTo(other.rule);
            return byRule != 0 ? byRule : lineHash.compareTo(other.lineHash);
        }
    }

    private static Key key(ReportedFinding finding, Path folder) {
        return new Key(finding.rule(), DisplayPath.of(finding.finding().file().path(), folder), finding.lineHash());
    }

    /** The baseline's JSON for these findings: deterministic, whatever their order. */
    static String render(List<ReportedFinding> findings, Path baselineFile) {
        Path folder = folderOf(baselineFile);
        Map<Key, Integer> counts = new TreeMap<>();
        for (ReportedFinding finding : findings) {
            counts.merge(key(finding, folder), 1, Integer::sum);
        }
        JsonArray entries = new JsonArray();
        counts.forEach((key, count) -> {
            JsonObject entry = new JsonObject();
            entry.addProperty("rule", key.rule());
            entry.addProperty("file", key.file());
            entry.addProperty("lineHash", key.lineHash());
            entry.addProperty("count", count);
            entries.add(entry);
        });
        JsonObject document = new JsonObject();
        document.addProperty("version", VERSION);
        document.add("findings", entries);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(document) + "\n";
    }

    static void write(List<ReportedFinding> findings, Path baselineFile) throws IOException {
        FileWrites.replace(baselineFile, render(findings, baselineFile));
    }

    /** @param name the file as the user named it, for messages */
    static Baseline read(Path baselineFile, String name) throws Invalid {
        String text;
        try {
            text = Files.readString(baselineFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Invalid("no baseline file " + name + " (write one with --write-baseline)");
        } catch (IOException e) {
            throw new Invalid("cannot read the baseline " + name + ": " + e.getMessage());
        }
        String problem = "the baseline " + name + " is not a gotcha-ls baseline: ";
        Map<Key, Integer> counts = new TreeMap<>();
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new Invalid(problem + "it is not a JSON object");
            }
            JsonObject document = parsed.getAsJsonObject();
            JsonElement version = document.get("version");
            if (version == null || !version.isJsonPrimitive() || !version.getAsJsonPrimitive().isNumber()) {
                throw new Invalid(problem + "it has no \"version\" number");
            }
            if (version.getAsInt() != VERSION) {
                throw new Invalid(problem + "its version is " + version + "; this gotcha-ls reads version " + VERSION);
            }
            JsonElement findings = document.get("findings");
            if (findings == null || !findings.isJsonArray()) {
                throw new Invalid(problem + "it has no \"findings\" list");
            }
            int index = 0;
            for (JsonElement element : findings.getAsJsonArray()) {
                String where = problem + "finding " + index++ + " ";
                if (!element.isJsonObject()) {
                    throw new Invalid(where + "is not an object");
                }
                JsonObject entry = element.getAsJsonObject();
                Key key = new Key(string(entry, "rule", where), string(entry, "file", where),
                        string(entry, "lineHash", where));
                JsonElement count = entry.get("count");
                if (count == null || !count.isJsonPrimitive() || !count.getAsJsonPrimitive().isNumber()
                        || count.getAsDouble() < 1 || count.getAsDouble() != Math.floor(count.getAsDouble())) {
                    throw new Invalid(where + "has no whole \"count\" of 1 or more");
                }
                counts.merge(key, count.getAsInt(), Integer::sum);
            }
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new Invalid(problem + "it is not valid JSON (" + e.getMessage() + ")");
        }
        return new Baseline(counts, folderOf(baselineFile));
    }

    private static String string(JsonObject entry, String name, String where) throws Invalid {
        JsonElement value = entry.get(name);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new Invalid(where + "has no \"" + name + "\" string");
        }
        return value.getAsString();
    }

    /** The findings the baseline does not cover, in their order; per key, the first recorded count are covered. */
    List<ReportedFinding> newFindings(List<ReportedFinding> findings) {
        Map<Key, Integer> left = new TreeMap<>(counts);
        List<ReportedFinding> shown = new ArrayList<>();
        for (ReportedFinding finding : findings) {
            Key key = key(finding, folder);
            Integer remaining = left.get(key);
            if (remaining != null && remaining > 0) {
                left.put(key, remaining - 1);
            } else {
                shown.add(finding);
            }
        }
        return shown;
    }

    private static Path folderOf(Path baselineFile) {
        Path parent = baselineFile.toAbsolutePath().normalize().getParent();
        return parent != null ? parent : baselineFile.toAbsolutePath().getRoot();
    }
}
