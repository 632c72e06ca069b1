package dev.gotchals.cli;

import com.google.gson.GsonBuilder;
import dev.gotchals.product.Version;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.RuleInfo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code {"tool", "version", "findings": [{rule, slug, severity, file, line, column, endLine, endColumn, message,
 * fixes, related: [{file, line, column, endLine, endColumn, message}]}]}}: a stable, public format; new fields may be
 * added, none removed or renamed.
 */
final class JsonReport implements ReportWriter {
    @Override
    public void write(List<ReportedFinding> findings, List<RuleInfo> catalog, Path workingDirectory, PrintStream out) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ReportedFinding finding : findings) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("rule", finding.rule());
            entry.put("slug", finding.slug());
            entry.put("severity", finding.severity());
            entry.put("file", finding.file());
            entry.put("line", finding.line());
            entry.put("column", finding.column());
            entry.put("endLine", finding.endLine());
            entry.put("endColumn", finding.endColumn());
            entry.put("message", finding.message());
            entry.put("fixes", finding.finding().fixes().stream().map(Fix::title).toList());
            entry.put("related", finding.related().stream().map(JsonReport::related).toList());
            list.add(entry);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("tool", "gotcha-ls");
        document.put("version", Version.get());
        document.put("findings", list);
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(document));
    }

    private static Map<String, Object> related(ReportedLocation location) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", location.file());
        entry.put("line", location.line());
        entry.put("column", location.column());
        entry.put("endLine", location.endLine());
        entry.put("endColumn", location.endColumn());
        entry.put("message", location.message());
        return entry;
    }
}
