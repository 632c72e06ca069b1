package dev.gotchals.rule;

import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the rules over projects. Remembers each rule's findings per project, so that after a change only the
 * rules that read a changed role run again. A rule that throws is logged and reports nothing; the others
 * still report.
 */
public final class RuleEngine {
    private static final Logger LOG = Logger.getLogger(RuleEngine.class.getName());

    private final List<Rule> rules;
    private final Map<Path, Map<String, List<Finding>>> findingsByProject = new HashMap<>();

    public RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Runs every rule on a project. */
    public List<Finding> analyze(MixProject project, Workspace workspace) {
        return analyze(new ProjectContext(project, workspace), null);
    }

    /**
     * Reruns the rules that read any of {@code changed} (all rules when null) and returns the findings of every
     * rule for the project, fresh or remembered.
     */
    public synchronized List<Finding> analyze(ProjectContext context, Set<FileRole> changed) {
        MixProject project = context.project();
        Map<String, List<Finding>> byRule = findingsByProject.computeIfAbsent(project.root(), root -> new HashMap<>());
        for (Rule rule : rules) {
            boolean affected = changed == null || !byRule.containsKey(rule.info().id())
                    || rule.reads().stream().anyMatch(changed::contains);
            if (affected) {
                byRule.put(rule.info().id(), runIsolated(rule, context));
            }
        }
        List<Finding> all = new ArrayList<>();
        for (Rule rule : rules) {
            all.addAll(byRule.getOrDefault(rule.info().id(), List.of()));
        }
        return all;
    }

    /** Forgets a project whose layout changed or vanished. */
    public synchronized void forget(Path projectRoot) {
        findingsByProject.remove(projectRoot);
    }

    static List<Finding> runIsolated(Rule rule, ProjectContext context) {
        try {
            List<Finding> found = rule.check(context);
            return found == null ? List.of() : List.copyOf(found);
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
            LOG.log(Level.SEVERE, "rule " + rule.info().id() + " (" + rule.getClass().getSimpleName()
                    + ") failed on " + context.project().root() + "; its findings are left out", e);
            return List.of();
        }
    }
}
