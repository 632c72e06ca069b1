package dev.gotchals.suppress;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Settings;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the {@code # gotcha:} directives of one project's files to its findings, and the other tools' comments
 * a rule honours ({@link ForeignPragmas}), and reports the directives that suppressed nothing
 * ({@link UnusedSuppression}). Keeps each file's directives for as long as the same version of
 * the file comes back, so an analysis rescans only the files that changed. Not thread-safe: the engine calls it
 * under its own lock.
 */
public final class Suppressions {
    private final DirectiveParser parser;
    private final Map<Path, Scanned> scanned = new HashMap<>();

    private record Scanned(DocumentSnapshot file, List<Directive> directives) {
    }

    /** @param rules every rule a directive may name (the engine's rules and {@link UnusedSuppression#INFO}) */
    public Suppressions(List<RuleInfo> rules) {
        this.parser = new DirectiveParser(rules);
    }

    /**
     * The findings that no directive suppresses, followed by the {@link UnusedSuppression} findings.
     *
     * @param findings the rules' findings, with the settings already applied
     * @param ran      the rules whose findings are complete in this analysis: only their silence makes a
     *                 suppression unused
     */
    public List<Finding> apply(ProjectContext context, List<Finding> findings, Set<RuleInfo> ran) {
        Map<Path, FileDirectives> byFile = directives(context);
        if (byFile.isEmpty() && findings.stream().allMatch(finding -> finding.rule().foreign().isEmpty())) {
            return findings;
        }
        Set<UnusedSuppression.NameRef> used = new HashSet<>();
        List<Finding> kept = new ArrayList<>();
        for (Finding finding : findings) {
            if (ForeignPragmas.suppress(finding)) {
                continue;
            }
            if (!byFile.getOrDefault(finding.file().path(), FileDirectives.NONE).suppress(finding, used)) {
                kept.add(finding);
            }
        }
        Settings settings = context.settings();
        if (!settings.enabled(UnusedSuppression.INFO)) {
            return kept;
        }
        for (FileDirectives file : byFile.values()) {
            for (Finding unused : UnusedSuppression.findings(file.snapshot, file.directives,
                    settings.severity(UnusedSuppression.INFO), used::contains, ran::contains)) {
                if (!file.suppress(unused, new HashSet<>())) {
                    kept.add(unused);
                }
            }
        }
        return kept;
    }

    /** The directives of every project file that has any, outside the excluded paths. */
    private Map<Path, FileDirectives> directives(ProjectContext context) {
        MixProject project = context.project();
        Map<Path, FileDirectives> byFile = new LinkedHashMap<>();
        Set<Path> seen = new HashSet<>();
        for (FileRole role : FileRole.values()) {
            for (Path path : project.files(role)) {
                if (!seen.add(path) || context.settings().excludes(project.relativize(path))) {
                    continue;
                }
                DocumentSnapshot file = context.file(path);
                if (file == null) {
                    continue;
                }
                Scanned known = scanned.get(path);
                if (known == null || known.file() != file) {
                    known = new Scanned(file, DirectiveScanner.scan(file, parser));
                    scanned.put(path, known);
                }
                if (!known.directives().isEmpty()) {
                    byFile.put(path, new FileDirectives(file, known.directives()));
                }
            }
        }
        scanned.keySet().retainAll(seen);
        return byFile;
    }

    /** The directives of one file, with the line each next-line directive covers. */
    private static final class FileDirectives {
        static final FileDirectives NONE = new FileDirectives(null, List.of());

        final DocumentSnapshot snapshot;
        final List<Directive> directives;
        final int[] targets;

        FileDirectives(DocumentSnapshot snapshot, List<Directive> directives) {
            this.snapshot = snapshot;
            this.directives = directives;
            Set<Integer> directiveLines = new HashSet<>();
            for (Directive directive : directives) {
                if (directive.wholeLine()) {
                    directiveLines.add(directive.line());
                }
            }
            targets = new int[directives.size()];
            for (int i = 0; i < directives.size(); i++) {
                // Stacked directives (one per rule, each with its reason) all cover the line below the stack.
                int target = directives.get(i).line() + 1;
                while (directiveLines.contains(target)) {
                    target++;
                }
                targets[i] = target;
            }
        }

        /** Whether a directive of this file suppresses the finding; records every name that does in {@code used}. */
        boolean suppress(Finding finding, Set<UnusedSuppression.NameRef> used) {
            if (directives.isEmpty()) {
                return false;
            }
            int line = finding.file().text().positionAt(finding.start(), PositionEncoding.UTF16).line();
            boolean suppressed = false;
            for (int i = 0; i < directives.size(); i++) {
                Directive directive = directives.get(i);
                boolean covers = directive.scope() == Directive.Scope.NEXT_LINE ? line == targets[i]
                        : directive.scope() == Directive.Scope.REST_OF_FILE && line >= directive.line();
                if (!covers) {
                    continue;
                }
                for (int n = 0; n < directive.names().size(); n++) {
                    RuleInfo named = directive.names().get(n).rule();
                    if (named != null && named.id().equals(finding.rule().id())) {
                        used.add(new UnusedSuppression.NameRef(directive, n));
                        suppressed = true;
                    }
                }
            }
            return suppressed;
        }
    }
}
