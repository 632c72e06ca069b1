package dev.gotchals.rule;

import dev.gotchals.settings.Settings;
import dev.gotchals.syntax.Deadline;
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
 * still report. Each rule gets {@link #budgetMillis()} per analysis (2 s unless the system property
 * {@code gotcha.ruleBudgetMillis} says otherwise), enforced cooperatively through {@link Deadline}: a rule
 * still running when it is spent is stopped at its next check, logged, and reports nothing this time. Rules
 * run on the calling thread; parsing the files they read is off the clock.
 *
 * <p>The project's {@link Settings} decide which rules run, at what severity, and which files' findings are
 * dropped; when they change, every rule runs again (options change what a rule finds).
 */
public final class RuleEngine {
    private static final Logger LOG = Logger.getLogger(RuleEngine.class.getName());
    /** The default time a rule may take per analysis. */
    public static final long DEFAULT_BUDGET_MILLIS = 2000;

    private final List<Rule> rules;
    private final Map<Path, Map<String, List<Finding>>> findingsByProject = new HashMap<>();
    private final Map<Path, Settings> settingsByProject = new HashMap<>();

    public RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Runs every rule on a project. */
    public List<Finding> analyze(MixProject project, Workspace workspace) {
        return analyze(new ProjectContext(project, workspace, Settings.DEFAULT, catalog()), null);
    }

    /** The identities of the rules this engine runs: what a settings file may name. */
    public List<RuleInfo> catalog() {
        return rules.stream().map(Rule::info).toList();
    }

    /**
     * Reruns the rules that read any of {@code changed} (all rules when null) and returns the findings of every
     * rule for the project, fresh or remembered.
     */
    public synchronized List<Finding> analyze(ProjectContext context, Set<FileRole> changed) {
        MixProject project = context.project();
        context.knownRules(catalog());
        Settings settings = context.settings();
        if (!settings.equals(settingsByProject.put(project.root(), settings))) {
            changed = null;
        }
        Map<String, List<Finding>> byRule = findingsByProject.computeIfAbsent(project.root(), root -> new HashMap<>());
        for (Rule rule : rules) {
            if (!settings.enabled(rule.info())) {
                byRule.remove(rule.info().id());
                continue;
            }
            boolean affected = changed == null || !byRule.containsKey(rule.info().id())
                    || rule.reads().stream().anyMatch(changed::contains);
            if (affected) {
                List<Finding> found = runIsolated(rule, context);
                if (found == null) {
                    byRule.remove(rule.info().id()); // stopped: run it again next time, whatever changes
                } else {
                    byRule.put(rule.info().id(), found);
                }
            }
        }
        List<Finding> all = new ArrayList<>();
        for (Rule rule : rules) {
            Severity severity = settings.severity(rule.info());
            for (Finding finding : byRule.getOrDefault(rule.info().id(), List.of())) {
                if (!settings.excludes(project.relativize(finding.file().path()))) {
                    all.add(finding.withSeverity(severity));
                }
            }
        }
        return all;
    }

    /** Forgets a project whose layout changed or vanished. */
    public synchronized void forget(Path projectRoot) {
        findingsByProject.remove(projectRoot);
        settingsByProject.remove(projectRoot);
    }

    /** The time one rule may take per analysis, in milliseconds. */
    public static long budgetMillis() {
        return Long.getLong("gotcha.ruleBudgetMillis", DEFAULT_BUDGET_MILLIS);
    }

    /** The rule's findings; none when it failed; null when its budget ran out and it was stopped. */
    static List<Finding> runIsolated(Rule rule, ProjectContext context) {
        try {
            List<Finding> found = Deadline.within(budgetMillis(), () -> rule.check(context));
            return found == null ? List.of() : List.copyOf(found);
        } catch (Deadline.Exceeded e) {
            LOG.warning("rule " + rule.info().id() + " (" + rule.getClass().getSimpleName() + ") " + e.getMessage()
                    + " on " + context.project().root() + ", over its budget of " + budgetMillis()
                    + " ms; its findings are left out");
            return null;
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
            LOG.log(Level.SEVERE, "rule " + rule.info().id() + " (" + rule.getClass().getSimpleName()
                    + ") failed on " + context.project().root() + "; its findings are left out", e);
            return List.of();
        }
    }
}
