package dev.gotchals.cli;

import dev.gotchals.analysis.AnalysisService;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.Settings;
import dev.gotchals.workspace.Workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One analysis of the Mix projects under some folders, read afresh from disk, with the command line's settings
 * on top of each project's own. {@code changedTexts} stand in for files as if they had been written (for
 * {@code --diff}, which writes nothing). Rules get a batch check's budget: the findings must not depend on the load.
 */
record Analysis(Workspace workspace, List<Finding> findings) {

    static Analysis run(List<Rule> rules, List<Path> folders, Settings commandLine, Map<Path, String> changedTexts) {
        AnalysisService service = new AnalysisService(new Workspace(folders), rules, RuleEngine.batchBudgetMillis());
        return new Analysis(service.workspace(), service.analyseAll(commandLine, changedTexts));
    }

    int projectCount() {
        return workspace.projects().size();
    }
}
