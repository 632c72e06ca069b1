package dev.gotchals.rules;

import dev.gotchals.engine.Changes;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Dependencies;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleSettings;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.Severity;
import dev.gotchals.rule.ValueModel;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class RuleEngineTest {
    @TempDir
    Path dir;

    private Workspace debugProject() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\n  def project, do: [app: :shop]\nend\n");
        Files.writeString(dir.resolve("config/config.exs"), "import Config\nconfig :logger, level: :debug\n");
        Files.writeString(dir.resolve("Dockerfile"), "FROM debian\n");
        return new Workspace(List.of(dir));
    }

    private static Rule mockRule(String id) {
        Rule rule = mock(Rule.class);
        when(rule.info()).thenReturn(new RuleInfo(id, id.toLowerCase(), "test rule", Severity.ERROR, "explained", "bad", "good"));
        return rule;
    }

    /** A rule that reads what {@code reads} reads and finds nothing. */
    private static Rule readingRule(String id, Consumer<ProjectContext> reads) {
        Rule rule = mockRule(id);
        when(rule.check(any())).thenAnswer(call -> {
            reads.accept(call.getArgument(0));
            return List.of();
        });
        return rule;
    }

    /** A model built from the Dockerfiles: what building it reads counts for every rule that uses it. */
    private record DockerModel(int files) {
        static DockerModel of(ProjectContext project) {
            return project.model(DockerModel.class, context -> new DockerModel(context.files(FileRole.DOCKERFILE).size()));
        }
    }

    @Test
    void aRuleThatThrowsIsIsolatedAndTheOthersStillReport() throws IOException {
        Workspace workspace = debugProject();
        Rule broken = mockRule("GT999");
        when(broken.check(any())).thenThrow(new IllegalStateException("boom"));
        Rule overflowing = mockRule("GT998");
        when(overflowing.check(any())).thenThrow(new StackOverflowError());
        RuleEngine engine = new RuleEngine(List.of(broken, new ProdDebugLoggingRule(), overflowing));

        List<Finding> findings = engine.analyze(workspace.projects().get(0), workspace);

        assertEquals(List.of("GT007"), findings.stream().map(f -> f.rule().id()).toList());
    }

    @Test
    void aSuppressionOfARuleThatThrewIsNotReportedUnusedButOneOfARuleThatRanIs() throws IOException {
        Workspace workspace = debugProject();
        Files.writeString(dir.resolve("config/config.exs"), """
                import Config
                # gotcha:disable-next-line GT999 the broken rule
                # gotcha:disable-next-line GT901 the quiet rule
                config :logger, level: :info
                """);
        Rule broken = mockRule("GT999");
        when(broken.check(any())).thenThrow(new IllegalStateException("boom"));
        Rule quiet = mockRule("GT901");
        when(quiet.check(any())).thenReturn(List.of());
        RuleEngine engine = new RuleEngine(List.of(broken, quiet));

        List<Finding> findings = engine.analyze(workspace.projects().get(0), workspace);

        assertEquals(List.of("GT101"), findings.stream().map(f -> f.rule().id()).toList());
        assertEquals(2, findings.get(0).file().text().positionAt(findings.get(0).start(),
                dev.gotchals.text.PositionEncoding.UTF16).line(), "on the quiet rule's directive");
    }

    @Test
    void onlyRulesThatReadAChangedFileRunAgain() throws IOException {
        Workspace workspace = debugProject();
        Rule configRule = readingRule("GT901", project -> project.configFile("config.exs"));
        Rule dockerRule = readingRule("GT902", project -> project.files(FileRole.DOCKERFILE));
        RuleEngine engine = new RuleEngine(List.of(configRule, dockerRule));
        MixProject project = workspace.projects().get(0);

        engine.analyze(new ProjectContext(project, workspace), Changes.EVERYTHING);
        engine.analyze(new ProjectContext(project, workspace), Changes.edited(Set.of(dir.resolve("Dockerfile"))));
        engine.analyze(new ProjectContext(project, workspace), Changes.edited(Set.of(dir.resolve("Dockerfile"))));
        engine.analyze(new ProjectContext(project, workspace), Changes.edited(Set.of(dir.resolve("lib/other.ex"))));

        verify(configRule, times(1)).check(any());
        verify(dockerRule, times(3)).check(any());
    }

    @Test
    void aRuleRunsAgainWhenAFileItAskedForAndWasMissingAppears() throws IOException {
        Workspace workspace = debugProject();
        Path envScript = dir.resolve("rel/env.sh.eex");
        Rule envRule = readingRule("GT901", project -> project.file(envScript));
        RuleEngine engine = new RuleEngine(List.of(envRule));
        MixProject project = workspace.projects().get(0);

        engine.analyze(new ProjectContext(project, workspace), Changes.EVERYTHING);
        engine.analyze(new ProjectContext(project, workspace), Changes.edited(Set.of(dir.resolve("config/config.exs"))));
        Files.createDirectories(envScript.getParent());
        Files.writeString(envScript, "export PHX_SERVER=true\n");
        workspace.diskChanged(envScript, true);
        engine.analyze(new ProjectContext(workspace.projects().get(0), workspace), Changes.createdOrDeleted(Set.of(envScript)));

        verify(envRule, times(2)).check(any());
    }

    @Test
    void aRuleThatListedARoleRunsAgainWhenAFileOfThatRoleAppears() throws IOException {
        Workspace workspace = debugProject();
        Rule dockerRule = readingRule("GT902", project -> project.files(FileRole.DOCKERFILE));
        Rule configRule = readingRule("GT901", project -> project.configFile("config.exs"));
        RuleEngine engine = new RuleEngine(List.of(dockerRule, configRule));

        engine.analyze(new ProjectContext(workspace.projects().get(0), workspace), Changes.EVERYTHING);
        Path added = dir.resolve("Dockerfile.prod");
        Files.writeString(added, "FROM debian\n");
        workspace.diskChanged(added, true);
        engine.analyze(new ProjectContext(workspace.projects().get(0), workspace), Changes.createdOrDeleted(Set.of(added)));

        verify(dockerRule, times(2)).check(any());
        verify(configRule, times(1)).check(any());
    }

    @Test
    void aModelsReadsCountForEveryRuleThatUsesItEvenWhenAnotherRuleBuiltIt() throws IOException {
        Workspace workspace = debugProject();
        Rule builder = readingRule("GT901", DockerModel::of);
        Rule user = readingRule("GT902", DockerModel::of);
        Rule bystander = readingRule("GT903", project -> project.configFile("config.exs"));
        RuleEngine engine = new RuleEngine(List.of(builder, user, bystander));
        MixProject project = workspace.projects().get(0);

        engine.analyze(new ProjectContext(project, workspace), Changes.EVERYTHING);
        engine.analyze(new ProjectContext(project, workspace), Changes.edited(Set.of(dir.resolve("Dockerfile"))));

        verify(builder, times(2)).check(any());
        verify(user, times(2)).check(any());
        verify(bystander, times(1)).check(any());
    }

    /** A value read from the Dockerfile: its base image. */
    private record BaseImage(String image) implements ValueModel {
        static BaseImage of(ProjectContext project) {
            return project.model(BaseImage.class, context -> new BaseImage(
                    context.file(context.project().root().resolve("Dockerfile")).text().text().lines().findFirst()
                            .orElse("")));
        }
    }

    /** A model built on the value model and config.exs. */
    private record Summary(String text) {
        static Summary of(ProjectContext project) {
            return project.model(Summary.class, context -> new Summary(BaseImage.of(context).image() + " "
                    + context.configFile("config.exs").text().text().length()));
        }
    }

    /** The models an analysis built, leaving out the settings, which every analysis reads again. */
    private static List<String> projectModelsBuilt(RuleEngine engine, MixProject project) {
        return engine.lastRecomputed(project.root()).modelsBuilt().stream()
                .filter(model -> !model.startsWith("Settings")).toList();
    }

    @Test
    void aValueModelBuiltAgainWithTheSameValueRerunsNothingThatUsedIt() throws IOException {
        Workspace workspace = debugProject();
        Rule valueUser = readingRule("GT901", BaseImage::of);
        Rule modelUser = readingRule("GT902", Summary::of);
        Rule reader = readingRule("GT903", project -> project.file(dir.resolve("Dockerfile")));
        RuleEngine engine = new RuleEngine(List.of(valueUser, modelUser, reader));
        MixProject project = workspace.projects().get(0);
        Changes dockerfile = Changes.edited(Set.of(dir.resolve("Dockerfile")));
        engine.analyze(new ProjectContext(project, workspace), Changes.EVERYTHING);

        Files.writeString(dir.resolve("Dockerfile"), "FROM debian\nUSER nobody\n");
        workspace.diskChanged(dir.resolve("Dockerfile"), false);
        engine.analyze(new ProjectContext(project, workspace), dockerfile);
        assertEquals(List.of("GT903"), engine.lastRecomputed(project.root()).rulesRun());
        assertEquals(List.of("BaseImage"), projectModelsBuilt(engine, project),
                "the summary is kept: the base image it was built from is the same");

        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine\nUSER nobody\n");
        workspace.diskChanged(dir.resolve("Dockerfile"), false);
        engine.analyze(new ProjectContext(project, workspace), dockerfile);
        assertEquals(List.of("GT901", "GT902", "GT903"), engine.lastRecomputed(project.root()).rulesRun());
        assertEquals(List.of("BaseImage", "Summary"), projectModelsBuilt(engine, project));

        verify(valueUser, times(2)).check(any());
        verify(modelUser, times(2)).check(any());
        verify(reader, times(3)).check(any());
    }

    /** A model that reads config.exs only when first asked for it, as models of large parts of a project do. */
    private static final class LazyConfigModel {
        private final ProjectContext context;
        private Boolean debug;

        private LazyConfigModel(ProjectContext context) {
            this.context = context;
        }

        static LazyConfigModel of(ProjectContext project) {
            return project.model(LazyConfigModel.class, LazyConfigModel::new);
        }

        boolean debug() {
            if (debug == null) {
                debug = context.configFile("config.exs").text().text().contains(":debug");
            }
            return debug;
        }
    }

    @Test
    void whatAModelReadsLaterCountsForEveryRuleThatUsesIt() throws IOException {
        Workspace workspace = debugProject();
        // The first rule builds the model without asking it anything; the second makes it read config.exs.
        Rule builder = readingRule("GT901", LazyConfigModel::of);
        Rule asker = readingRule("GT902", project -> LazyConfigModel.of(project).debug());
        Rule later = readingRule("GT903", project -> LazyConfigModel.of(project).debug());
        RuleEngine engine = new RuleEngine(List.of(builder, asker, later));
        MixProject project = workspace.projects().get(0);

        engine.analyze(new ProjectContext(project, workspace), Changes.EVERYTHING);
        engine.analyze(new ProjectContext(project, workspace), Changes.edited(Set.of(dir.resolve("config/config.exs"))));

        verify(builder, times(1)).check(any());
        verify(asker, times(2)).check(any());
        verify(later, times(2)).check(any());
    }

    @Test
    void theContextRecordsFilesListingsAndModelReads() throws IOException {
        Workspace workspace = debugProject();
        ProjectContext context = new ProjectContext(workspace.projects().get(0), workspace);

        context.startRecording();
        context.configFile("prod.exs");
        DockerModel.of(context);
        Dependencies read = context.stopRecording();

        assertEquals(Set.of(dir.resolve("config/prod.exs"), dir.resolve("Dockerfile")), read.files());
        assertEquals(Map.of(FileRole.DOCKERFILE, List.of(dir.resolve("Dockerfile"))), read.listings());
    }

    @Test
    void remembersFindingsOfRulesThatDidNotRunAgain() throws IOException {
        Workspace workspace = debugProject();
        RuleEngine engine = new RuleEngine(List.of(new ProdDebugLoggingRule()));
        MixProject project = workspace.projects().get(0);
        assertEquals(1, engine.analyze(new ProjectContext(project, workspace), Changes.EVERYTHING).size());
        assertEquals(1, engine.analyze(new ProjectContext(project, workspace),
                Changes.edited(Set.of(dir.resolve("Dockerfile")))).size());
    }

    @Test
    void settingsTurnRulesOffChangeTheirSeverityAndDropExcludedFiles() throws IOException {
        Workspace workspace = debugProject();
        MixProject project = workspace.projects().get(0);
        RuleEngine engine = new RuleEngine(List.of(new ProdDebugLoggingRule()));

        Settings warning = new Settings(Map.of("GT007", new RuleSettings(null, Severity.HINT, Map.of())), List.of());
        List<Finding> demoted = engine.analyze(new ProjectContext(project, workspace, warning), Changes.NOTHING);
        Settings off = new Settings(Map.of("GT007", new RuleSettings(false, null, Map.of())), List.of());
        List<Finding> disabled = engine.analyze(new ProjectContext(project, workspace, off), Changes.NOTHING);
        Settings excluded = new Settings(Map.of(), List.of("config/*.exs"));
        List<Finding> inExcludedFile = engine.analyze(new ProjectContext(project, workspace, excluded), Changes.NOTHING);
        List<Finding> defaults = engine.analyze(new ProjectContext(project, workspace, Settings.DEFAULT), Changes.NOTHING);

        assertEquals(List.of(Severity.HINT), demoted.stream().map(Finding::severity).toList());
        assertEquals(List.of(), disabled);
        assertEquals(List.of(), inExcludedFile);
        assertEquals(List.of(Severity.WARNING), defaults.stream().map(Finding::severity).toList());
    }

    @Test
    void changedSettingsRunEveryRuleAgain() throws IOException {
        Workspace workspace = debugProject();
        Rule configRule = readingRule("GT901", context -> context.configFile("config.exs"));
        RuleEngine engine = new RuleEngine(List.of(configRule));
        MixProject project = workspace.projects().get(0);
        Settings withOption = new Settings(Map.of("GT901",
                new RuleSettings(null, null, Map.of("secret_keys", List.of("stripe_key")))), List.of());

        Changes dockerfile = Changes.edited(Set.of(dir.resolve("Dockerfile")));
        engine.analyze(new ProjectContext(project, workspace), Changes.EVERYTHING);
        engine.analyze(new ProjectContext(project, workspace), dockerfile);
        engine.analyze(new ProjectContext(project, workspace, withOption), dockerfile);
        engine.analyze(new ProjectContext(project, workspace, withOption), dockerfile);

        verify(configRule, times(2)).check(any());
    }

    @Test
    void layeredSettingsLetTheUpperLayerWinAndAddUpExclusions() {
        Settings project = new Settings(Map.of("GT005", new RuleSettings(false, Severity.WARNING,
                Map.of("secret_keys", List.of("stripe_key")))), List.of("apps/legacy/**"));
        Settings editor = new Settings(Map.of("GT005", new RuleSettings(true, null, Map.of())), List.of("tmp/**"));

        Settings merged = project.overriddenBy(editor);

        assertEquals(new RuleSettings(true, Severity.WARNING, Map.of("secret_keys", List.of("stripe_key"))),
                merged.rules().get("GT005"));
        assertEquals(List.of("apps/legacy/**", "tmp/**"), merged.exclude());
        assertEquals(true, merged.excludes("apps/legacy/lib/old.ex"));
        assertEquals(false, merged.excludes("apps/shop/lib/new.ex"));
    }
}
