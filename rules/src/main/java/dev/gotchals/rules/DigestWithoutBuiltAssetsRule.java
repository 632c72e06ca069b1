package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.DockerfileEdits;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.mix.MixAliases;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.deploy.AssetPipeline;
import dev.gotchals.model.deploy.BuildStep;
import dev.gotchals.model.deploy.CiWorkflows;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerIgnore;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.project.CommittedAssets;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.shell.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * GT020 digest-without-built-assets: a Dockerfile stage digests priv/static before {@code mix release} without
 * building the assets first, in a project that does not commit them. A release with no asset step at all is GT004's.
 */
public final class DigestWithoutBuiltAssetsRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT020", "digest-without-built-assets",
            "`mix phx.digest` with no assets built before it", Severity.ERROR, """
            **What it finds.** A stage of a production Dockerfile that runs `mix phx.digest` before \
            `mix release` (directly, chained with `mix do`, or through a Mix alias such as an \
            `assets.deploy` that only digests) with nothing before it, in that stage or the stages it builds \
            FROM, that builds the front-end assets: no `mix assets.deploy` that builds, no esbuild, tailwind or \
            `assets.build`, no `npm run …`/`yarn build`/vite, no `mix cmd …`, no built assets copied in from \
            another stage or image, no script the rule cannot read, no Mix task it does not know to build nothing (the \
            project's own `mix build_frontend` may run npm). Only for projects with front-end assets \
            (an `assets/` folder) that do not commit the built JavaScript and CSS: no `.js` or `.css` under \
            `priv/static/assets/` (or the older `priv/static/js/`, `priv/static/css/`) that `.gitignore` keeps. \
            Nor where a later step before the release builds the assets and digests them again (an early \
            `RUN mix phx.digest`, then `mix do compile, assets.deploy, release`): the manifest the release ships is \
            the later one. \
            Nor where a CI workflow builds the assets in its checkout (`npm run deploy`, `mix assets.deploy`) \
            before it builds the image, and the stage copies `priv/` from that context (`.dockerignore` not \
            leaving the built files out).

            **Why it matters.** `mix phx.digest` builds nothing: it fingerprints and compresses what \
            priv/static already holds and writes the cache manifest. Built CSS and JS are not in the \
            repository (and the generated `.dockerignore` keeps `priv/static/assets/` out of the image), so \
            the digest finds only the images and `robots.txt`, the manifest lists no app.css or app.js, and the \
            release serves pages without styles and scripts. It is easy to miss: the build succeeds, and \
            `mix phx.digest` reports success.

            **Instead.** Build before digesting: `mix assets.deploy` with the alias Phoenix generates \
            (`["tailwind … --minify", "esbuild … --minify", "phx.digest"]`), or the project's npm build \
            followed by `mix phx.digest`, or copy the built assets in from a stage that builds them. A stage \
            with no asset step at all, or one that digests only after `mix release`, is reported by \
            `assets-not-deployed` (GT004), not here.

            **Fix.** When the project has an `assets.deploy` alias that builds the assets and the stage has \
            copied `assets/` in, replaces `mix phx.digest` with `mix assets.deploy`.""", """
            ```dockerfile
            FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder
            WORKDIR /app
            ENV MIX_ENV="prod"
            COPY . .
            RUN mix deps.get --only prod && mix compile
            # digests an empty priv/static/assets: no app.css, no app.js
            RUN mix phx.digest
            RUN mix release
            ```
            """, """
            ```dockerfile
            FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder
            WORKDIR /app
            ENV MIX_ENV="prod"
            COPY . .
            RUN mix deps.get --only prod && mix compile
            RUN mix assets.deploy
            RUN mix release
            ```
            """);

    private static final String DEPLOY = "assets.deploy";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        if (!ProjectFacts.of(project).hasAssets() || CommittedAssets.present(project)) {
            return List.of();
        }
        List<MixAliases> aliases = MixFiles.of(project).all().stream().map(MixExs::aliases).toList();
        boolean deployBuilds = aliases.stream().anyMatch(alias -> !alias.readable() || alias.has(DEPLOY)
                && BuildStep.producing(alias.expand(DEPLOY).tasks()));
        List<Finding> findings = new ArrayList<>();
        for (DockerImage image : DeployModel.of(project).productionImages()) {
            if (!image.file().isParsed()) {
                continue;
            }
            // Assets a CI job builds in the checkout before it builds the image come with the build context.
            boolean builtInContext = CiWorkflows.of(project).buildsAssetsBeforeImage()
                    && !DockerIgnore.of(project, image).excludes("priv/static/assets")
                    && !DockerIgnore.of(project, image).excludes("priv/static/js");
            for (AssetPipeline pipeline : AssetPipeline.of(image, MixFiles.of(project).all())) {
                Finding finding = unbuiltDigest(image.file(), pipeline, deployBuilds, builtInContext);
                if (finding != null) {
                    findings.add(finding);
                }
            }
        }
        return findings;
    }

    /** The first digest before the release with nothing before it that builds or brings the assets, or null. */
    private static Finding unbuiltDigest(DocumentSnapshot file, AssetPipeline pipeline, boolean deployBuilds,
                                         boolean builtInContext) {
        List<BuildStep> steps = new ArrayList<>(pipeline.beforeRelease());
        steps.add(pipeline.release());
        boolean assetsCopied = false;
        for (int i = 0; i < steps.size(); i++) {
            BuildStep step = steps.get(i);
            if (step.copy() != null) {
                if (pipeline.bringsBuiltAssets(step.copy()) || builtInContext && step.copy().bringsAnyOf("priv")) {
                    return null;
                }
                assetsCopied |= step.copy().bringsAnyOf("assets");
                continue;
            }
            if (step.digestsUnbuilt()) {
                // A later `mix assets.deploy` before the release digests again what it built: this one changes nothing.
                boolean digestedAgain = steps.subList(i, steps.size()).stream().anyMatch(BuildStep::buildsThenDigests);
                return digestedAgain ? null : finding(file, pipeline, step, deployBuilds && assetsCopied);
            }
            if (step.producesAssets() || step.opaque()) {
                return null;
            }
        }
        return null;
    }

    private static Finding finding(DocumentSnapshot file, AssetPipeline pipeline, BuildStep step, boolean fixable) {
        SimpleCommand command = step.command();
        String where = AssetsNotDeployedRule.describe(pipeline.stage());
        String stage = Character.toUpperCase(where.charAt(0)) + where.substring(1);
        String through = command.isMix("phx.digest") ? "" : " (through `" + command.text().strip() + "`)";
        String message = stage + " runs `mix phx.digest`" + through + " with nothing before it that builds the "
                + "front-end assets, and the project does not commit them: the digest finds no app.css or app.js in "
                + "priv/static, so the release serves pages without styles and scripts.";
        List<Fix> fixes = List.of();
        if (fixable && command.isMix("phx.digest") && command.words().size() == 2) {
            Word task = command.words().get(1);
            fixes = List.of(new Fix("Run `mix assets.deploy` (build, then digest) instead", true,
                    List.of(DockerfileEdits.replace(file, task.start(), task.end(), DEPLOY))));
        }
        return new Finding(INFO, INFO.defaultSeverity(), file, command.start(), command.end(), message, fixes);
    }
}
