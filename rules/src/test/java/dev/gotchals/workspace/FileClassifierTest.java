package dev.gotchals.workspace;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileClassifierTest {
    private static Optional<FileRole> role(String path) {
        return FileClassifier.classify(Path.of(path));
    }

    @Test
    void theDeploymentFilesTheModelReadsHaveKinds() {
        assertEquals(Optional.of(FileRole.RELEASE_ENV_SCRIPT), role("rel/env.sh.eex"));
        assertEquals(Optional.of(FileRole.TOOL_VERSIONS), role(".tool-versions"));
        assertEquals(Optional.of(FileRole.BUILDPACK_CONFIG), role("elixir_buildpack.config"));
        assertEquals(Optional.of(FileRole.BUILDPACK_CONFIG), role(".buildpacks"));
        assertEquals(Optional.of(FileRole.DEPLOY_MANIFEST), role("heroku.yml"));
        assertEquals(Optional.of(FileRole.DEPLOY_MANIFEST), role("app.json"));
        assertEquals(Optional.of(FileRole.CI_WORKFLOW), role(".github/workflows/deploy.yml"));
        assertEquals(Optional.of(FileRole.CI_WORKFLOW), role(".github/workflows/ci.yaml"));
        assertEquals(Optional.of(FileRole.CI_WORKFLOW), role(".gitlab-ci.yml"));
        assertEquals(Optional.of(FileRole.CI_WORKFLOW), role(".circleci/config.yml"));
        assertEquals(Optional.empty(), role(".circleci/images/config.yml"));
    }

    @Test
    void theyArePlainTextReadAtTheProjectRoot() {
        for (FileRole role : List.of(FileRole.RELEASE_ENV_SCRIPT, FileRole.TOOL_VERSIONS, FileRole.BUILDPACK_CONFIG,
                FileRole.CI_WORKFLOW)) {
            assertNull(role.language(), role + " has no grammar: the model reads its text");
        }
        assertEquals(Optional.empty(), role("lib/rel/env.sh.eex"));
        assertEquals(Optional.empty(), role("assets/.tool-versions"));
        assertEquals(Optional.empty(), role("assets/app.json"));
        assertEquals(Optional.empty(), role(".github/workflows/scripts/build.sh"));
        assertEquals(Optional.empty(), role(".github/dependabot.yml"));
        assertEquals(Optional.empty(), role("rel/vm.args.eex"));
    }

    @Test
    void entrypointsAreFoundInAnyCaseButNotInElixirFiles() {
        assertEquals(Optional.of(FileRole.ENTRYPOINT_SCRIPT), role("docker/Docker-Entrypoint.sh"));
        assertEquals(Optional.of(FileRole.ENTRYPOINT_SCRIPT), role("ENTRYPOINT"));
        assertEquals(Optional.empty(), role("priv/entrypoint.exs"));
        assertEquals(Optional.of(FileRole.ELIXIR_SOURCE), role("lib/shop/entrypoint.ex"));
        assertEquals(Optional.of(FileRole.ELIXIR_SOURCE), role("web/channels/user_socket.ex"), "Phoenix 1.2's web/");
        assertEquals(Optional.of(FileRole.INFRA_MANIFEST), role("Kubernetes/k8s-secret.yaml"), "a folder named in capitals");
        assertEquals(Optional.empty(), role("web/static/vendor/phoenix.ex.js"));
    }

    @Test
    void dockerfilesGoByManyNames() {
        for (String name : List.of("Dockerfile", "Dockerfile.prod", "Dockerfile-prod", "deploy/api.Dockerfile",
                "TurkeyDockerfile", "docker/prod.dockerfile", "dockerfile", "Containerfile", "Containerfile.release")) {
            assertEquals(Optional.of(FileRole.DOCKERFILE), role(name), name);
        }
        assertEquals(Optional.empty(), role("docs/Dockerfiles.md"));
        assertEquals(Optional.empty(), role("DockerfileLint.json"));
    }

    @Test
    void theFirstMatchingKindWins() {
        assertEquals(Optional.of(FileRole.RELEASE_SCRIPT), role("rel/overlays/bin/entrypoint"),
                "a release script before an entrypoint");
        assertEquals(Optional.of(FileRole.RELEASE_SCRIPT), role("rel/overlays/bin/migrate.exs"),
                "a release script before release config");
        assertEquals(Optional.of(FileRole.DOCKERFILE), role("rel/overlays/bin/Dockerfile"));
        assertEquals(Optional.of(FileRole.DOCKER_IGNORE), role("Dockerfile.dockerignore"), "not a Dockerfile variant");
        assertEquals(Optional.of(FileRole.DOCKER_IGNORE), role(".dockerignore"));
        assertEquals(Optional.of(FileRole.CI_WORKFLOW), role(".github/workflows/entrypoint.yml"));
        assertEquals(Optional.of(FileRole.ENTRYPOINT_SCRIPT), role("bin/entrypoint.sh"), "an entrypoint before a build script");
        assertEquals(Optional.empty(), role("assets/vendor/build.sh"), "only the project's own script folders");
    }

    @Test
    void deploymentManifestsMayLieOneFolderDown() {
        for (String path : List.of(".devops/helm/values.yaml", "scripts/kubernetes/deployment.yaml",
                "devops/k8s/web.yml", "infrastructure/prod/service.yaml", "k8s/base/kustomization.yaml")) {
            assertEquals(Optional.of(FileRole.INFRA_MANIFEST), role(path), path);
        }
        assertEquals(Optional.empty(), role("assets/charts/line.yaml"), "a folder named for charts of another kind");
    }

    @Test
    void kubernetesManifestsBesideMixExsAreNamedForWhatTheyAre() {
        for (String path : List.of("deploy.yaml", "k8s.yml", "kubernetes.yml", "web-deployment.yaml")) {
            assertEquals(Optional.of(FileRole.INFRA_MANIFEST), role(path), path);
        }
        assertEquals(Optional.of(FileRole.DEPLOY_ENVIRONMENT), role("docker-compose.deploy.yml"), "a Compose file");
        assertEquals(Optional.of(FileRole.KAMAL_DEPLOY), role("config/deploy.yml"), "Kamal's deploy config");
        assertEquals(Optional.of(FileRole.CI_WORKFLOW), role(".github/workflows/deploy.yml"));
        assertEquals(Optional.empty(), role("priv/deployment.yaml"), "only beside mix.exs");
        assertEquals(Optional.empty(), role("codecov.yml"));
    }

    @Test
    void composeFilesGoByManyNamesAndAreNeverKubernetesManifests() {
        for (String path : List.of("prod-compose.yml", "docker_compose/gwscan_compose.yml", "app.docker-compose.yml",
                "docker-stack.yml", "deploy/prod-docker-compose.yml", "deploy/docker-compose.yml")) {
            assertEquals(Optional.of(FileRole.DEPLOY_ENVIRONMENT), role(path), path);
            assertTrue(ComposeYaml.isComposeFile(Path.of(path)), path);
        }
        for (String path : List.of("process-compose.yaml", "docs/verboice.rancher-compose.yml", "composer.yml")) {
            assertFalse(ComposeYaml.isComposeFile(Path.of(path)), "another tool's file: " + path);
        }
    }

    @Test
    void scriptsInTheScriptFoldersNeedNoExtension() {
        for (String path : List.of("bin/build-deploy", "script/server", "scripts/release", "bin/deploy.prod.sh",
                "deploy.sh", "devops/deploy.sh", "deploy/build.sh")) {
            assertEquals(Optional.of(FileRole.BUILD_SCRIPT), role(path), path);
        }
        assertEquals(Optional.of(FileRole.RELEASE_CONFIG), role("rel/commands/migrate.exs"));
        assertEquals(Optional.of(FileRole.SYSTEMD_UNIT), role("bin/shop.service"), "a unit wherever it lies");
        for (String path : List.of("scripts/seeds.exs", "bin/release.py", "scripts/README.md", "deploy", "lib/x/run",
                "devops/hosts", "assets/vendor/build.sh")) {
            assertEquals(Optional.empty(), role(path), path + " is not a shell script of the project");
        }
    }

    @Test
    void pageScriptsAreTheProjectsOwnBrowserCode() {
        for (String path : List.of("assets/js/app.js", "assets/js/socket.ts", "assets/src/components/Chat.jsx",
                "web/static/js/app.js", "assets/js/hooks/index.mjs")) {
            assertEquals(Optional.of(FileRole.PAGE_SCRIPT), role(path), path);
        }
        for (String path : List.of("assets/vendor/topbar.js", "web/static/vendor/phoenix.js", "assets/webpack.config.js",
                "assets/brunch-config.js", "assets/tailwind.config.js", "assets/static/app.js", "assets/test/app.test.js",
                "assets/js/socket.spec.ts", "assets/node_modules/phoenix/priv/static/phoenix.js", "priv/static/js/app.js",
                "lib/shop_web/app.js")) {
            assertEquals(Optional.empty(), role(path), path);
        }
    }

    @Test
    void skippedFoldersHoldNoKind() {
        assertEquals(Optional.empty(), role("deps/shop/rel/env.sh.eex"));
        assertEquals(Optional.empty(), role("node_modules/x/app.json"));
        assertEquals(Optional.empty(), role(".git/hooks/entrypoint"));
    }

    @Test
    void watcherGlobsCoverEveryKindAnywhereInTheWorkspace() {
        List<String> globs = FileClassifier.watcherGlobs();
        assertEquals(FileRole.values().length + 1, globs.size(), "one role has two patterns");
        assertEquals(List.of("**/rel/env.sh.eex"), FileRole.RELEASE_ENV_SCRIPT.watcherGlobs());
        assertEquals(List.of("**/{*Dockerfile,Dockerfile.*,Dockerfile-*,dockerfile,*.dockerfile,Containerfile,Containerfile.*}"),
                FileRole.DOCKERFILE.watcherGlobs());
        for (FileRole role : FileRole.values()) {
            String sample = switch (role) {
                case DOCKERFILE -> "Dockerfile.prod";
                case PROJECT_SETTINGS -> ".gotcha.exs";
                case MIX_PROJECT -> "mix.exs";
                case CONFIG -> "config/runtime.exs";
                case ELIXIR_SOURCE -> "lib/shop/application.ex";
                case RELEASE_SCRIPT -> "rel/overlays/bin/server";
                case RELEASE_CONFIG -> "rel/env.exs";
                case RELEASE_ENV_SCRIPT -> "rel/env.sh.eex";
                case DEPLOY_MANIFEST -> "fly.toml";
                case KAMAL_DEPLOY -> "config/deploy.yml";
                case TOOL_VERSIONS -> ".tool-versions";
                case BUILDPACK_CONFIG -> "elixir_buildpack.config";
                case CI_WORKFLOW -> ".github/workflows/ci.yml";
                case DOCKER_IGNORE -> "Dockerfile.dockerignore";
                case INFRA_MANIFEST -> "deploy/charts/shop/templates/deployment.yaml";
                case DEPLOY_ENVIRONMENT -> "config/templates/public.env";
                case ENTRYPOINT_SCRIPT -> "docker-entrypoint.sh";
                case BUILD_SCRIPT -> "scripts/deploy_host.sh";
                case PAGE_SCRIPT -> "assets/js/app.js";
                case PAGE_TEMPLATE -> "lib/shop_web/components/layouts/root.html.heex";
                case SYSTEMD_UNIT -> "rel/overlays/shop.service";
                case NIX_EXPRESSION -> "nix/modules/shop.nix";
            };
            assertEquals(Optional.of(role), role(sample));
            for (String where : List.of("", "apps/web/", "services/shop/")) {
                assertEquals(true, role.watcherGlobs().stream().anyMatch(glob -> Glob.of(glob).matches(where + sample)),
                        role + " watched in " + where);
            }
        }
    }
}
