package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Rule;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.util.ArrayList;
import java.util.List;

/** What a rule finds in the projects `mix phx.new` + `mix phx.gen.release --docker` generate (1.7 and 1.8). */
final class GeneratedSamples {
    private GeneratedSamples() {
    }

    static List<Finding> check(Rule rule) {
        List<Finding> findings = new ArrayList<>();
        for (String name : List.of("phx-release-clean", "phx18-release-clean")) {
            Workspace workspace = new Workspace(List.of(TestWorkspaces.root().resolve(name)));
            for (MixProject project : workspace.projects()) {
                findings.addAll(new RuleEngine(List.of(rule)).analyze(project, workspace));
            }
        }
        return findings;
    }
}
