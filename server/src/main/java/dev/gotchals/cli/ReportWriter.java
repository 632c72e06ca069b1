package dev.gotchals.cli;

import dev.gotchals.rule.RuleInfo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Prints the findings of one {@code check} run in one format. */
interface ReportWriter {
    /**
     * @param findings         sorted by {@link ReportedFinding#ORDER}
     * @param rules            every rule the tool has, in id order
     * @param workingDirectory the folder the reported paths are relative to
     */
    void write(List<ReportedFinding> findings, List<RuleInfo> catalog, Path workingDirectory, PrintStream out);
}
