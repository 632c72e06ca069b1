package dev.gotchals.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.gotchals.product.Version;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.RuleDocs;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;
import dev.gotchals.text.TextPosition;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, as code scanning services (GitHub's upload-sarif) read it: one run whose driver lists every rule
 * with its documentation, and one result a finding. Paths relative to the working directory are URIs relative to
 * {@code %SRCROOT%}, which {@code originalUriBaseIds} maps to the working directory; files outside it get absolute
 * {@code file:} URIs. Columns count UTF-16 code units.
 *
 * <p>Fixes become SARIF {@code fixes}: each edit of a file is a replacement of its region. SARIF has no way to
 * say "create this file", so a fix that creates one is an artifact change of the new file that inserts its whole
 * content at line 1, column 1 (an empty deleted region), marked {@code "properties": {"createsFile": true}}. Each
 * fix also says in {@code properties.safe} whether {@code gotcha-ls check --fix} applies it. Related locations
 * become {@code relatedLocations}, numbered from 1 in the finding's order, each with its message.
 */
final class SarifReport implements ReportWriter {
    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String SOURCE_ROOT = "%SRCROOT%";
    /** The key of the line fingerprint (the one the baseline uses) in {@code partialFingerprints}. */
    static final String FINGERPRINT = "gotchaLineHash/v1";

    @Override
    public void write(List<ReportedFinding> findings, List<RuleInfo> catalog, Path workingDirectory, PrintStream out) {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        JsonArray ruleList = new JsonArray();
        for (RuleInfo rule : catalog) {
            ruleIndex.put(rule.id(), ruleList.size());
            ruleList.add(descriptor(rule));
        }
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "gotcha-ls");
        driver.addProperty("version", Version.get());
        driver.add("rules", ruleList);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);

        JsonArray results = new JsonArray();
        for (ReportedFinding finding : findings) {
            results.add(result(finding, ruleIndex.getOrDefault(finding.rule(), -1), workingDirectory));
        }

        JsonObject sourceRoot = new JsonObject();
        sourceRoot.addProperty("uri", directoryUri(workingDirectory));
        JsonObject baseIds = new JsonObject();
        baseIds.add(SOURCE_ROOT, sourceRoot);

        JsonObject run = new JsonObject();
        run.add("tool", tool);
        run.add("originalUriBaseIds", baseIds);
        run.add("results", results);
        run.addProperty("columnKind", "utf16CodeUnits");
        JsonArray runs = new JsonArray();
        runs.add(run);

        JsonObject log = new JsonObject();
        log.addProperty("$schema", SCHEMA);
        log.addProperty("version", "2.1.0");
        log.add("runs", runs);
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(log));
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO, HINT -> "note";
        };
    }

    private static JsonObject descriptor(RuleInfo info) {
        JsonObject rule = new JsonObject();
        rule.addProperty("id", info.id());
        rule.addProperty("name", info.slug());
        rule.add("shortDescription", text(info.title()));
        rule.add("fullDescription", text(firstParagraph(info.explanation())));
        JsonObject help = text(info.explanation().strip());
        help.addProperty("markdown", RuleDocs.markdown(info));
        rule.add("help", help);
        JsonObject configuration = new JsonObject();
        configuration.addProperty("level", level(info.defaultSeverity()));
        rule.add("defaultConfiguration", configuration);
        return rule;
    }

    private static JsonObject result(ReportedFinding finding, int ruleIndex, Path workingDirectory) {
        JsonObject result = new JsonObject();
        result.addProperty("ruleId", finding.rule());
        if (ruleIndex >= 0) {
            result.addProperty("ruleIndex", ruleIndex);
        }
        result.addProperty("level", level(finding.finding().severity()));
        result.add("message", text(finding.message()));
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", location(finding.finding().file().path(), workingDirectory));
        physical.add("region", region(finding.line(), finding.column(), finding.endLine(), finding.endColumn()));
        JsonObject location = new JsonObject();
        location.add("physicalLocation", physical);
        JsonArray locations = new JsonArray();
        locations.add(location);
        result.add("locations", locations);
        JsonArray related = new JsonArray();
        for (ReportedLocation place : finding.related()) {
            related.add(relatedLocation(place, related.size() + 1, workingDirectory));
        }
        if (!related.isEmpty()) {
            result.add("relatedLocations", related);
        }
        JsonObject fingerprints = new JsonObject();
        fingerprints.addProperty(FINGERPRINT, finding.lineHash());
        result.add("partialFingerprints", fingerprints);
        JsonArray fixes = new JsonArray();
        for (Fix fix : finding.finding().fixes()) {
            fixes.add(fix(fix, workingDirectory));
        }
        if (!fixes.isEmpty()) {
            result.add("fixes", fixes);
        }
        return result;
    }

    private static JsonObject relatedLocation(ReportedLocation place, int id, Path workingDirectory) {
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", location(place.location().file().path(), workingDirectory));
        physical.add("region", region(place.line(), place.column(), place.endLine(), place.endColumn()));
        JsonObject location = new JsonObject();
        location.addProperty("id", id);
        location.add("physicalLocation", physical);
        location.add("message", text(place.message()));
        return location;
    }

    private static JsonObject fix(Fix fix, Path workingDirectory) {
        Map<Path, JsonObject> changesByFile = new LinkedHashMap<>();
        for (Fix.Change change : fix.changes()) {
            JsonObject artifactChange = changesByFile.computeIfAbsent(change.path(), path -> {
                JsonObject created = new JsonObject();
                created.add("artifactLocation", location(path, workingDirectory));
                created.add("replacements", new JsonArray());
                return created;
            });
            JsonObject replacement = new JsonObject();
            if (change instanceof Fix.Edit edit) {
                TextDocument text = edit.file().text();
                TextPosition start = text.positionAt(edit.start(), PositionEncoding.UTF16);
                TextPosition end = text.positionAt(edit.end(), PositionEncoding.UTF16);
                replacement.add("deletedRegion", region(start.line() + 1, start.character() + 1, end.line() + 1,
                        end.character() + 1));
                replacement.add("insertedContent", text(edit.newText()));
            } else if (change instanceof Fix.CreateFile create) {
                replacement.add("deletedRegion", region(1, 1, 1, 1));
                replacement.add("insertedContent", text(create.content()));
                JsonObject properties = new JsonObject();
                properties.addProperty("createsFile", true);
                artifactChange.add("properties", properties);
            }
            artifactChange.getAsJsonArray("replacements").add(replacement);
        }
        JsonArray artifactChanges = new JsonArray();
        changesByFile.values().forEach(artifactChanges::add);
        JsonObject result = new JsonObject();
        result.add("description", text(fix.title()));
        result.add("artifactChanges", artifactChanges);
        JsonObject properties = new JsonObject();
        properties.addProperty("safe", fix.safe());
        result.add("properties", properties);
        return result;
    }

    private static JsonObject location(Path file, Path workingDirectory) {
        String shown = DisplayPath.of(file, workingDirectory);
        JsonObject location = new JsonObject();
        if (DisplayPath.isRelative(shown)) {
            location.addProperty("uri", relativeUri(shown));
            location.addProperty("uriBaseId", SOURCE_ROOT);
        } else {
            location.addProperty("uri", file.toAbsolutePath().normalize().toUri().toString());
        }
        return location;
    }

    private static JsonObject region(int startLine, int startColumn, int endLine, int endColumn) {
        JsonObject region = new JsonObject();
        region.addProperty("startLine", startLine);
        region.addProperty("startColumn", startColumn);
        region.addProperty("endLine", endLine);
        region.addProperty("endColumn", endColumn);
        return region;
    }

    private static JsonObject text(String value) {
        JsonObject message = new JsonObject();
        message.addProperty("text", value);
        return message;
    }

    /** A '/'-separated relative path as a relative URI reference: spaces and the like percent-encoded. */
    static String relativeUri(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    private static String directoryUri(Path directory) {
        String uri = directory.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    private static String firstParagraph(String markdown) {
        List<String> paragraph = new ArrayList<>();
        for (String line : markdown.strip().split("\n")) {
            if (line.isBlank()) {
                break;
            }
            paragraph.add(line.strip());
        }
        return String.join(" ", paragraph).replace("**", "");
    }
}
