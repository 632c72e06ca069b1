package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.Rule;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A throwaway Mix project written to a folder, to run rules on inline files. */
final class ProjectFixture {
    /**
     * A Distillery rel/config.exs whose Elixir config provider evaluates {@code etc/runtime.exs} at boot, which an
     * overlay copies from the project's {@code runtime/shop.exs}.
     */
    static final String DISTILLERY_PROVIDER_REL_CONFIG = """
            use Distillery.Releases.Config
            environment :prod do
              set config_providers: [{Distillery.Releases.Config.Providers.Elixir, ["${RELEASE_ROOT_DIR}/etc/runtime.exs"]}]
            end
            release :shop do
              set applications: [:shop]
              set overlays: [{:copy, "runtime/shop.exs", "etc/runtime.exs"}]
            end
            """;

    private final Path root;
    private final Map<String, String> files = new LinkedHashMap<>();

    ProjectFixture(Path root) {
        this.root = root;
        files.put("mix.exs", """
                defmodule Shop.MixProject do
                  use Mix.Project

                  def project do
                    [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: []]
                  end

                  def application do
                    [mod: {Shop.Application, []}, extra_applications: [:logger]]
                  end
                end
                """);
    }

    /** Sets mix.exs's {@code elixir:} requirement: an old image's project must allow that Elixir, or Mix refuses it. */
    ProjectFixture requiringElixir(String requirement) {
        files.put("mix.exs", files.get("mix.exs").replace("\"~> 1.14\"", "\"" + requirement + "\""));
        return this;
    }

    /** Writes {@code path} with {@code content} on the next check; null removes the file. */
    ProjectFixture with(String path, String content) {
        if (content == null) {
            files.remove(path);
            try {
                Files.deleteIfExists(root.resolve(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
        files.put(path, content);
        return this;
    }

    /**
     * The rule's findings on the project, through the engine. A rule that throws is isolated by the engine, which
     * only logs it; here that fails the test, so that a crash never passes for "no finding".
     */
    List<Finding> check(Rule rule) {
        write();
        Workspace workspace = new Workspace(List.of(root));
        List<Finding> findings = new ArrayList<>();
        RuleEngine engine = new RuleEngine(List.of(rule));
        List<LogRecord> failures = new ArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue() && record.getThrown() != null) {
                    failures.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger engineLog = Logger.getLogger(RuleEngine.class.getName());
        engineLog.addHandler(recorder);
        try {
            for (MixProject project : workspace.projects()) {
                findings.addAll(engine.analyze(project, workspace));
            }
        } finally {
            engineLog.removeHandler(recorder);
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.get(0).getMessage(), failures.get(0).getThrown());
        }
        return findings;
    }

    /** Every shipped rule on the project, through the engine (suppressions included), with these settings. */
    List<Finding> checkAll(dev.gotchals.rule.Settings settings) {
        write();
        Workspace workspace = new Workspace(List.of(root));
        List<Finding> findings = new ArrayList<>();
        RuleEngine engine = new RuleEngine(Rules.all());
        for (MixProject project : workspace.projects()) {
            findings.addAll(engine.analyze(new dev.gotchals.rule.ProjectContext(project, workspace, settings), null));
        }
        return findings;
    }

    Path root() {
        return root;
    }

    /** The text of the finding's range. */
    static String covered(Finding finding) {
        return finding.file().text().text().substring(finding.start(), finding.end());
    }

    /** Each related location of a finding as {@code "path relative to the root: covered text: message"}. */
    List<String> related(Finding finding) {
        return finding.related().stream().map(location -> root.relativize(location.file().path()).toString().replace('\\', '/')
                + ": " + location.file().text().text().substring(location.start(), location.end()) + ": "
                + location.message()).toList();
    }

    /** A file's text after a fix's edits to it. */
    static String afterFix(Fix fix, Path file) {
        String text = null;
        List<Fix.Edit> edits = new ArrayList<>();
        for (Fix.Change change : fix.changes()) {
            if (change instanceof Fix.Edit edit && edit.path().equals(file)) {
                text = edit.file().text().text();
                edits.add(edit);
            }
        }
        if (text == null) {
            throw new AssertionError("fix does not edit " + file);
        }
        edits.sort((a, b) -> Integer.compare(b.start(), a.start()));
        for (Fix.Edit edit : edits) {
            text = text.substring(0, edit.start()) + edit.newText() + text.substring(edit.end());
        }
        return text;
    }

    void write() {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = root.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
