package dev.gotchals.engine;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Dependencies;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.Severity;
import dev.gotchals.settings.SettingsFileParser;
import dev.gotchals.suppress.Suppressions;
import dev.gotchals.suppress.UnusedSuppression;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the rules over projects. Remembers each rule's findings per project with what it read in that run
 * ({@link Dependencies}, recorded by the {@link ProjectContext}), so that after a change only the rules that read
 * something that changed run again; and the models of the last analysis, so that a model whose reads did not change
 * is not built again either. A {@link dev.gotchals.rule.ValueModel} built again with the value it had changes
 * nothing for the rules and models that used it. A rule that throws is logged and reports nothing; the others
 * still report. Each rule gets a budget per analysis (in an editor {@link #budgetMillis()}, 2 s unless the system
 * property {@code gotcha.ruleBudgetMillis} says otherwise; a batch check waits longer), enforced cooperatively
 * through {@link Deadline}: a rule still running when it is spent is stopped at its next check, logged, and
 * reports nothing this time. Rules
 * run on the calling thread; parsing the files they read is off the clock.
 *
 * <p>The project's {@link Settings} decide which rules run, at what severity, and which files' findings are
 * dropped; when they change, every rule runs again (options change what a rule finds), and so it does when the
 * project itself changes (its name, module prefix or apps). Last, the project's
 * {@code # gotcha:} directives drop the findings they suppress, and the directives that suppressed nothing are
 * reported ({@link #ENGINE_RULES}).
 */
public final class RuleEngine {
    private static final Logger LOG = Logger.getLogger(RuleEngine.class.getName());
    /** The default time a rule may take per analysis in an editor, where a stuck rule must not hold the others. */
    public static final long DEFAULT_BUDGET_MILLIS = 2000;
    /**
     * The default for a batch check (the command line, CI): its findings must not depend on how busy the machine is,
     * so a slow rule on a large project is waited for; only a rule stuck for this long is stopped.
     */
    public static final long BATCH_BUDGET_MILLIS = 60_000;
    private static final String BUDGET_PROPERTY = "gotcha.ruleBudgetMillis";

    /**
     * The rule identities that the engine reports itself rather than a {@link Rule}: they are about the other
     * rules' findings, so only the engine, once every rule ran, can tell. Settings enable and re-level them like
     * any rule; catalogs of rules (docs, {@code gotcha-ls rules}) list them after the rules.
     */
    public static final List<RuleInfo> ENGINE_RULES = List.of(UnusedSuppression.INFO);

    private final List<Rule> rules;
    private final Map<Path, Map<String, Run>> runsByProject = new HashMap<>();
    private final Map<Path, Settings> settingsByProject = new HashMap<>();
    private final Map<Path, MixProject> layoutByProject = new HashMap<>();
    private final Map<Path, Suppressions> suppressionsByProject = new HashMap<>();
    private final Map<Path, Recomputed> recomputedByProject = new HashMap<>();
    /** The context of each project's last analysis, which holds the versions of the files it read. */
    private final Map<Path, ProjectContext> lastContextByProject = new HashMap<>();
    /** The models of each project's last analysis: the next one inherits those whose reads did not change. */
    private final Map<Path, ProjectContext.Models> modelsByProject = new HashMap<>();
    private final List<RuleInfo> catalog;
    private final long budgetMillis;

    /**
     * A rule's findings of its last run, whether it ran to the end (one that throws reports nothing), and what it
     * read.
     */
    private record Run(List<Finding> findings, boolean completed, Dependencies read) {
    }

    /** An engine for an editor: each rule gets {@link #budgetMillis()}. */
    public RuleEngine(List<Rule> rules) {
        this(rules, budgetMillis());
    }

    public RuleEngine(List<Rule> rules, long budgetMillis) {
        this.rules = List.copyOf(rules);
        this.catalog = catalogOf(this.rules);
        this.budgetMillis = budgetMillis;
    }

    /**
     * The identities of {@code rules} followed by those the engine reports itself ({@link #ENGINE_RULES}): every
     * rule a finding, a setting or a suppression can name when those rules run.
     */
    public static List<RuleInfo> catalogOf(List<Rule> rules) {
        List<RuleInfo> infos = new ArrayList<>();
        rules.forEach(rule -> infos.add(rule.info()));
        infos.addAll(ENGINE_RULES);
        return List.copyOf(infos);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Runs every rule on a project. */
    public List<Finding> analyze(MixProject project, Workspace workspace) {
        return analyze(new ProjectContext(project, workspace), Changes.EVERYTHING);
    }

    /**
     * The identities of the rules this engine runs and of those it reports itself ({@link #ENGINE_RULES}): what
     * settings and suppressions may name.
     */
    public List<RuleInfo> catalog() {
        return catalog;
    }

    /**
     * Reruns the rules whose last run read something in {@code changed} (every rule when null) and returns the
     * findings of every rule for the project, fresh or remembered.
     */
    public synchronized List<Finding> analyze(ProjectContext context, Changes changed) {
        MixProject project = context.project();
        context.readSettingsWith(file -> SettingsFileParser.parse(file, catalog));
        Settings settings = context.settings();
        boolean newSettings = !settings.equals(settingsByProject.put(project.root(), settings));
        boolean newLayout = !sameLayout(layoutByProject.put(project.root(), project), project);
        if (changed == null || newSettings || newLayout) {
            changed = Changes.EVERYTHING;
        }
        if (!changed.everything()) {
            changed = changed.without(heldAsLastRead(project.root(), context, changed.files()));
            Changes since = changed;
            context.inherit(modelsByProject.getOrDefault(project.root(), ProjectContext.Models.NONE)
                    .keptIf(read -> !since.affect(read, project)));
        }
        Map<String, Run> byRule = runsByProject.computeIfAbsent(project.root(), root -> new HashMap<>());
        List<String> rulesRun = new ArrayList<>();
        int rulesKept = 0;
        for (Rule rule : rules) {
            if (!settings.enabled(rule.info())) {
                byRule.remove(rule.info().id());
                continue;
            }
            Run last = byRule.get(rule.info().id());
            if (last != null && !changed.affect(last.read(), project) && context.valuesUnchanged(last.read())) {
                rulesKept++;
            } else {
                rulesRun.add(rule.info().id());
                Run found = runIsolated(rule, context, budgetMillis);
                if (found == null) {
                    byRule.remove(rule.info().id()); // stopped: run it again next time, whatever changes
                } else {
                    byRule.put(rule.info().id(), found);
                }
            }
        }
        List<Finding> all = new ArrayList<>();
        Set<RuleInfo> ran = new HashSet<>();
        for (Rule rule : rules) {
            Run run = byRule.get(rule.info().id());
            if (run == null) {
                continue;
            }
            if (run.completed()) {
                ran.add(rule.info());
            }
            // A severity the settings give the rule applies to all its findings; otherwise each keeps its own (a rule
            // may report a finding below its default severity).
            Severity configured = settings.severity(rule.info()) != rule.info().defaultSeverity()
                    ? settings.severity(rule.info()) : null;
            for (Finding finding : run.findings()) {
                if (!settings.excludes(project.relativize(finding.file().path()))) {
                    all.add(configured != null ? finding.withSeverity(configured) : finding);
                }
            }
        }
        List<Finding> kept = suppressionsByProject.computeIfAbsent(project.root(), root -> new Suppressions(catalog))
                .apply(context, all, ran);
        modelsByProject.put(project.root(), context.models());
        lastContextByProject.put(project.root(), context);
        Recomputed recomputed = new Recomputed(rulesRun, rulesKept, context.builtModels());
        recomputedByProject.put(project.root(), recomputed);
        LOG.fine(() -> "analysed " + project.root() + ": " + recomputed);
        return kept;
    }

    /** What the last analysis of a project recomputed; {@link Recomputed#NOTHING} before its first. */
    public synchronized Recomputed lastRecomputed(Path projectRoot) {
        return recomputedByProject.getOrDefault(projectRoot, Recomputed.NOTHING);
    }

    /** Forgets a project whose layout changed or vanished. */
    public synchronized void forget(Path projectRoot) {
        runsByProject.remove(projectRoot);
        settingsByProject.remove(projectRoot);
        layoutByProject.remove(projectRoot);
        suppressionsByProject.remove(projectRoot);
        recomputedByProject.remove(projectRoot);
        modelsByProject.remove(projectRoot);
        lastContextByProject.remove(projectRoot);
    }

    /**
     * The changed files of which {@code context} holds the very content (the same snapshot, or the same text and
     * tree) that the project's last analysis read: nothing a rule or model read of them changed. An editor opens a
     * file the last analysis read from disk, or while an analysis reads it (the analysis reads the document, then
     * the didOpen asks for another analysis), or reports a change twice.
     */
    private Set<Path> heldAsLastRead(Path root, ProjectContext context, Set<Path> files) {
        ProjectContext last = lastContextByProject.get(root);
        if (last == null) {
            return Set.of();
        }
        Set<Path> same = new HashSet<>();
        for (Path file : files) {
            DocumentSnapshot now = context.held(file);
            if (now != null && now.sameContentAs(last.held(file))) {
                same.add(file);
            }
        }
        return same;
    }

    /** The time one rule may take per analysis in an editor, in milliseconds. */
    public static long budgetMillis() {
        return Long.getLong(BUDGET_PROPERTY, DEFAULT_BUDGET_MILLIS);
    }

    /** The time one rule may take per analysis in a batch check, in milliseconds: the property, when set, decides. */
    public static long batchBudgetMillis() {
        return Long.getLong(BUDGET_PROPERTY, BATCH_BUDGET_MILLIS);
    }

    /** Whether the project is still the one analysed last time, apart from its files. */
    private static boolean sameLayout(MixProject before, MixProject now) {
        return before != null && before.appName().equals(now.appName())
                && before.modulePrefix().equals(now.modulePrefix()) && before.umbrella() == now.umbrella()
                && before.apps().equals(now.apps());
    }

    /**
     * The rule's findings and reads; no findings, not completed, when it failed (it runs again when what it read
     * before failing changes); null when its budget ran out and it was stopped.
     */
    private static Run runIsolated(Rule rule, ProjectContext context, long budgetMillis) {
        context.startRecording();
        try {
            List<Finding> found = Deadline.within(budgetMillis, () -> rule.check(context));
            return new Run(found == null ? List.of() : List.copyOf(found), true, context.stopRecording());
        } catch (Deadline.Exceeded e) {
            context.stopRecording();
            LOG.warning("rule " + rule.info().id() + " (" + rule.getClass().getSimpleName() + ") " + e.getMessage()
                    + " on " + context.project().root() + ", over its budget of " + budgetMillis
                    + " ms; its findings are left out");
            return null;
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
            Dependencies read = context.stopRecording();
            LOG.log(Level.SEVERE, "rule " + rule.info().id() + " (" + rule.getClass().getSimpleName()
                    + ") failed on " + context.project().root() + "; its findings are left out", e);
            return new Run(List.of(), false, read);
        }
    }
}
