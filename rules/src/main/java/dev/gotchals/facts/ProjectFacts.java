package dev.gotchals.facts;

import dev.gotchals.docker.Dockerfile;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ConfigTimeline;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * What kind of project this is, for the rules whose gotchas exist only in some projects: does it ship as a Mix
 * release, does it use Ecto, does it have front-end assets. Built once per analysis.
 */
public final class ProjectFacts {
    private final List<Dockerfile> dockerfiles;
    private final String releaseEvidence;
    private final boolean usesEcto;
    private final boolean hasAssets;

    private ProjectFacts(List<Dockerfile> dockerfiles, String releaseEvidence, boolean usesEcto, boolean hasAssets) {
        this.dockerfiles = dockerfiles;
        this.releaseEvidence = releaseEvidence;
        this.usesEcto = usesEcto;
        this.hasAssets = hasAssets;
    }

    public static ProjectFacts of(ProjectContext project) {
        return project.model(ProjectFacts.class, ProjectFacts::read);
    }

    private static ProjectFacts read(ProjectContext project) {
        List<Dockerfile> dockerfiles = new ArrayList<>();
        for (DocumentSnapshot file : project.files(FileRole.DOCKERFILE)) {
            dockerfiles.add(Dockerfile.read(file));
        }
        MixExs mix = MixExs.read(project.files(FileRole.MIX_PROJECT));

        String evidence = null;
        for (Dockerfile dockerfile : dockerfiles) {
            if (dockerfile.buildsRelease()) {
                evidence = project.project().relativize(dockerfile.file().path()) + " runs `mix release`";
                break;
            }
        }
        if (evidence == null && mix.declaresReleases) {
            evidence = "mix.exs declares `releases:`";
        }
        if (evidence == null && Files.isDirectory(project.project().root().resolve("rel"))) {
            evidence = "the project has a rel/ folder";
        }

        ConfigTimeline prod = ConfigTimeline.prod(project);
        boolean ecto = mix.dependsOn("ecto_sql") || mix.dependsOn("ecto")
                || prod.calls().stream().anyMatch(call -> call.value("ecto_repos") != null);
        boolean assets = Files.isDirectory(project.project().root().resolve("assets")) || mix.hasAlias("assets.deploy")
                || prod.calls().stream().anyMatch(call -> call.app().equals("esbuild") || call.app().equals("tailwind"));
        return new ProjectFacts(List.copyOf(dockerfiles), evidence, ecto, assets);
    }

    public List<Dockerfile> dockerfiles() {
        return dockerfiles;
    }

    /** Whether the project ships as a Mix release (a Dockerfile runs `mix release`, mix.exs declares releases, rel/). */
    public boolean buildsRelease() {
        return releaseEvidence != null;
    }

    /** Why the project counts as a release, for messages ("Dockerfile runs `mix release`"), or null. */
    public String releaseEvidence() {
        return releaseEvidence;
    }

    public boolean usesEcto() {
        return usesEcto;
    }

    /** Whether the project has front-end assets to digest (assets/, an assets.deploy alias, esbuild/tailwind config). */
    public boolean hasAssets() {
        return hasAssets;
    }

    /** Facts read from the project's mix.exs files (an umbrella's and its apps'). */
    static final class MixExs {
        private final List<String> dependencies = new ArrayList<>();
        private final List<String> aliases = new ArrayList<>();
        private boolean declaresReleases;

        static MixExs read(List<DocumentSnapshot> files) {
            MixExs mix = new MixExs();
            for (DocumentSnapshot file : files) {
                if (file.isParsed()) {
                    SyntaxTree tree = file.tree();
                    tree.root().forEachDescendant(node -> mix.visit(tree, node));
                }
            }
            return mix;
        }

        private void visit(SyntaxTree tree, Node node) {
            if (node.is("tuple")) {
                // {:ecto_sql, "~> 3.10"}
                List<Node> items = node.namedChildren();
                if (!items.isEmpty()) {
                    String atom = ElixirSyntax.atomName(tree, items.get(0));
                    if (atom != null && items.size() >= 2) {
                        dependencies.add(atom);
                    }
                }
            } else if (node.is("pair")) {
                Node key = node.child("key");
                String name = ElixirSyntax.keywordName(tree, node);
                if ("releases".equals(name)) {
                    declaresReleases = true;
                } else if (key != null && key.is("quoted_keyword")) {
                    // "assets.deploy": [...]
                    String text = tree.text(key).strip();
                    aliases.add(text.substring(1, Math.max(1, text.lastIndexOf('"'))));
                } else if (name != null) {
                    aliases.add(name);
                }
            }
        }

        boolean dependsOn(String app) {
            return dependencies.contains(app);
        }

        boolean hasAlias(String name) {
            return aliases.contains(name);
        }
    }
}
