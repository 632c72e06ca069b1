package dev.gotchals.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectScannerTest {
    @TempDir
    Path dir;

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void classifiesFilesByPath() {
        assertEquals(Optional.of(FileRole.CONFIG), FileClassifier.classify(Path.of("config/prod.exs")));
        assertEquals(Optional.of(FileRole.CONFIG), FileClassifier.classify(Path.of("config/envs/prod.exs")));
        assertEquals(Optional.of(FileRole.MIX_PROJECT), FileClassifier.classify(Path.of("mix.exs")));
        assertEquals(Optional.of(FileRole.ELIXIR_SOURCE), FileClassifier.classify(Path.of("lib/shop/release.ex")));
        assertEquals(Optional.of(FileRole.DOCKERFILE), FileClassifier.classify(Path.of("Dockerfile")));
        assertEquals(Optional.of(FileRole.DOCKERFILE), FileClassifier.classify(Path.of("docker/Dockerfile.prod")));
        assertEquals(Optional.of(FileRole.DOCKERFILE), FileClassifier.classify(Path.of("web.Dockerfile")));
        assertEquals(Optional.of(FileRole.DOCKERFILE), FileClassifier.classify(Path.of("Containerfile")));
        assertEquals(Optional.of(FileRole.RELEASE_SCRIPT), FileClassifier.classify(Path.of("rel/overlays/bin/migrate")));
        assertEquals(Optional.of(FileRole.RELEASE_CONFIG), FileClassifier.classify(Path.of("rel/env.exs")));
        assertEquals(Optional.of(FileRole.DEPLOY_MANIFEST), FileClassifier.classify(Path.of("fly.toml")));
        assertEquals(Optional.of(FileRole.DEPLOY_MANIFEST), FileClassifier.classify(Path.of("Procfile")));
        assertEquals(Optional.of(FileRole.ENTRYPOINT_SCRIPT), FileClassifier.classify(Path.of("docker-entrypoint.sh")));
        assertEquals(Optional.empty(), FileClassifier.classify(Path.of("deps/phoenix/config/config.exs")));
        assertEquals(Optional.empty(), FileClassifier.classify(Path.of("_build/prod/lib/x.ex")));
        assertEquals(Optional.empty(), FileClassifier.classify(Path.of("test/shop_test.exs")));
        assertEquals(Optional.empty(), FileClassifier.classify(Path.of("README.md")));
    }

    @Test
    void aFolderNameStandingInForTheAppNameGivesAValidModulePrefix() {
        assertEquals("MossPigletMetamorphic", MixfileReader.camelize("moss-piglet+metamorphic"));
        assertEquals("ShopCore", MixfileReader.camelize("shop_core"));
    }

    @Test
    void findsTheAppNameAndModulePrefixInMixExs() throws IOException {
        write("mix.exs", """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop_core, version: "0.1.0"]
                  def application, do: [mod: {ShopCore.Application, []}]
                end
                """);
        write("config/config.exs", "import Config\n");
        write("deps/dep/mix.exs", "defmodule Dep.MixProject do\nend\n");
        List<MixProject> projects = ProjectScanner.scan(dir);
        assertEquals(1, projects.size());
        assertEquals("shop_core", projects.get(0).appName());
        assertEquals("ShopCore", projects.get(0).modulePrefix());
        assertEquals(List.of(dir.resolve("config/config.exs")), projects.get(0).files(FileRole.CONFIG));
    }

    @Test
    void anUmbrellaIsOneProjectWhoseAppsShareItsConfig() throws IOException {
        write("mix.exs", "defmodule Acme.Umbrella.MixProject do\n  def project, do: [apps_path: \"apps\"]\nend\n");
        write("config/config.exs", "import Config\n");
        write("apps/core/mix.exs", "defmodule Core.MixProject do\n  def project, do: [app: :core, config_path: \"../../config/config.exs\"]\nend\n");
        write("apps/core/lib/core/release.ex", "defmodule Core.Release do\nend\n");
        write("apps/web/mix.exs", "defmodule Web.MixProject do\n  def project, do: [app: :web]\nend\n");
        List<MixProject> projects = ProjectScanner.scan(dir);
        assertEquals(1, projects.size());
        MixProject umbrella = projects.get(0);
        assertTrue(umbrella.umbrella());
        assertEquals(List.of("core", "web"), umbrella.apps().stream().map(MixProject.App::appName).sorted().toList());
        assertEquals(List.of(dir.resolve("apps/core/lib/core/release.ex")), umbrella.files(FileRole.ELIXIR_SOURCE));
        assertEquals(3, umbrella.files(FileRole.MIX_PROJECT).size());
    }

    @Test
    void aProjectBelowAnUmbrellaAppIsNoneOfItsApps() throws IOException {
        write("mix.exs", "defmodule Acme.Umbrella.MixProject do\n  def project, do: [apps_path: \"apps\"]\nend\n");
        write("apps/web/mix.exs", "defmodule Web.MixProject do\n  def project, do: [app: :web]\nend\n");
        write("apps/web/assets/tete/mix.exs", "defmodule Tete.MixProject do\n  def project, do: [app: :tete]\nend\n");
        write("apps/web/assets/tete/lib/tete_web/endpoint.ex", "defmodule TeteWeb.Endpoint do\nend\n");
        List<MixProject> projects = ProjectScanner.scan(dir);
        MixProject umbrella = projects.stream().filter(MixProject::umbrella).findFirst().orElseThrow();
        assertEquals(List.of("web"), umbrella.apps().stream().map(MixProject.App::appName).toList(),
                "Mix takes apps_path/*/mix.exs only: a stray project inside an app's assets/ is its own");
        assertEquals(List.of(), umbrella.files(FileRole.ELIXIR_SOURCE));
    }

    @Test
    void aMonorepoHoldsSeveralProjects() throws IOException {
        write("services/a/mix.exs", "defmodule A.MixProject do\n  def project, do: [app: :a]\nend\n");
        write("services/b/mix.exs", "defmodule B.MixProject do\n  def project, do: [app: :b]\nend\n");
        write("services/b/Dockerfile", "FROM debian\n");
        List<MixProject> projects = ProjectScanner.scan(dir);
        assertEquals(List.of("a", "b"), projects.stream().map(MixProject::appName).sorted().toList());
    }

    @Test
    void findsTheSettingsFileAtTheProjectRootOnly() throws IOException {
        assertEquals(Optional.of(FileRole.PROJECT_SETTINGS), FileClassifier.classify(Path.of(".gotcha.exs")));
        assertEquals(Optional.empty(), FileClassifier.classify(Path.of("lib/.gotcha.exs")));
        // An umbrella's settings sit beside its mix.exs; one in an app's folder is not the project's.
        write("mix.exs", "defmodule Acme.Umbrella.MixProject do\n  def project, do: [apps_path: \"apps\"]\nend\n");
        write(".gotcha.exs", "[]\n");
        write("apps/web/mix.exs", "defmodule Web.MixProject do\n  def project, do: [app: :web]\nend\n");
        write("apps/web/.gotcha.exs", "[]\n");
        write("services/b/.gotcha.exs", "[]\n"); // under no mix.exs but the umbrella's: not at its root
        List<MixProject> projects = ProjectScanner.scan(dir);
        assertEquals(1, projects.size());
        assertEquals(List.of(dir.resolve(".gotcha.exs")), projects.get(0).files(FileRole.PROJECT_SETTINGS));
        assertEquals(dir.resolve(".gotcha.exs"), projects.get(0).settingsFile());
    }

    @Test
    void eachProjectOfAMonorepoHasItsOwnSettingsFile() throws IOException {
        write("services/a/mix.exs", "defmodule A.MixProject do\n  def project, do: [app: :a]\nend\n");
        write("services/b/mix.exs", "defmodule B.MixProject do\n  def project, do: [app: :b]\nend\n");
        write("services/b/.gotcha.exs", "[]\n");
        write(".gotcha.exs", "[]\n"); // above every project: belongs to none
        List<MixProject> projects = ProjectScanner.scan(dir);
        assertEquals(2, projects.size());
        for (MixProject project : projects) {
            assertEquals(project.appName().equals("b") ? dir.resolve("services/b/.gotcha.exs") : null,
                    project.settingsFile(), project.appName());
        }
    }

    @Test
    void aFileBelongsToTheDeepestFolderWithAMixfileAboveIt() {
        Path umbrella = Path.of("/repo/shop");
        Path app = umbrella.resolve("apps/web");
        Set<Path> roots = Set.of(umbrella, app, Path.of("/repo/shop_tools"));

        assertEquals(app, ProjectScanner.innermost(roots, app.resolve("lib/web/router.ex")));
        assertEquals(umbrella, ProjectScanner.innermost(roots, umbrella.resolve("config/prod.exs")));
        assertEquals(umbrella, ProjectScanner.innermost(roots, umbrella.resolve("apps/webhooks/lib/hook.ex")));
        assertEquals(app, ProjectScanner.innermost(roots, app), "a root holds itself");
        assertNull(ProjectScanner.innermost(roots, Path.of("/repo/shop_tools_old/mix.exs")), "a sibling with a longer name");
        assertNull(ProjectScanner.innermost(roots, Path.of("/repo/README.md")));
    }

    @Test
    void aDockerfileOutsideEveryProjectIsTheImageOfTheProjectItsBuildCommandGivesAsContext() throws IOException {
        write("api/mix.exs", "defmodule Api.MixProject do\n  def project, do: [app: :api]\nend\n");
        write("tools/mix.exs", "defmodule Tools.MixProject do\n  def project, do: [app: :tools]\nend\n");
        write("ops/docker/api.dockerfile", "FROM elixir:1.9\nCOPY ./ ./\nCMD [\"mix\", \"phx.server\"]\n");
        write("ops/docker/ui.dockerfile", "FROM node:20\n");
        write("ops/docker/unused.dockerfile", "FROM elixir:1.9\n");
        write("bin/docker_release_api.sh", "#!/bin/sh\ndocker build -t me/api \\\n  -f ./ops/docker/api.dockerfile ./api\n"
                + "docker build -t me/ui -f ops/docker/ui.dockerfile ./ui\n");
        List<MixProject> projects = ProjectScanner.scan(dir);
        MixProject api = projects.stream().filter(project -> project.appName().equals("api")).findFirst().orElseThrow();
        MixProject tools = projects.stream().filter(project -> project.appName().equals("tools")).findFirst().orElseThrow();
        assertEquals(List.of(dir.resolve("ops/docker/api.dockerfile")), api.files(FileRole.DOCKERFILE));
        assertEquals(Optional.of(FileRole.DOCKERFILE), api.roleOf(dir.resolve("ops/docker/api.dockerfile")));
        assertEquals(List.of(), tools.files(FileRole.DOCKERFILE), "no build names tools/ as its context");
    }

    @Test
    void aDockerfileOutsideEveryProjectThatCopiesOneProjectsFilesIsItsImage() throws IOException {
        write("site/mix.exs", "defmodule Site.MixProject do\n  def project, do: [app: :site]\nend\n");
        write("examples/demo/mix.exs", "defmodule Demo.MixProject do\n  def project, do: [app: :demo]\nend\n");
        write("docker/site.dockerfile", "FROM elixir:1.10.3-alpine as builder\nADD site/mix.exs site/mix.lock ./site/\n"
                + "COPY [\"docker/entrypoint.sh\", \"/\"]\nADD site ./site\nRUN cd site && mix release\n"
                + "FROM alpine:3.11\nCOPY --from=builder /opt/app/site/_build/prod/rel/site /site\n");
        write("docker/all.dockerfile", "FROM elixir:1.10\nCOPY . .\nCOPY site ./site\n");
        write("docker/both.dockerfile", "FROM elixir:1.10\nCOPY site ./site\nCOPY examples/demo ./demo\n");
        List<MixProject> projects = ProjectScanner.scan(dir);
        MixProject site = projects.stream().filter(project -> project.appName().equals("site")).findFirst().orElseThrow();
        MixProject demo = projects.stream().filter(project -> project.appName().equals("demo")).findFirst().orElseThrow();
        assertEquals(List.of(dir.resolve("docker/site.dockerfile")), site.files(FileRole.DOCKERFILE),
                "the whole context, or two projects' files, belong to no single project");
        assertEquals(List.of(), demo.files(FileRole.DOCKERFILE));
    }

    @Test
    void aComposeStackOutsideEveryProjectBelongsToTheOneProjectItBuilds() throws IOException {
        write("www/mix.exs", "defmodule Www.MixProject do\n  def project, do: [app: :www]\nend\n");
        write("docs/mix.exs", "defmodule Docs.MixProject do\n  def project, do: [app: :docs]\nend\n");
        write("docker-compose.yml", "services:\n  db:\n    image: postgres\n  www:\n    links: [db]\n");
        write("docker-compose.override.yml", "services:\n  www:\n    build: ./www\n    ports: [\"4000:4000\"]\n");
        write("docker-compose.prod.yml", "services:\n  www:\n    image: me/www\n    restart: always\n");
        write("ops/compose.yaml", "services:\n  www:\n    build: {context: ../www}\n  docs:\n    build: ../docs\n");
        write("demo/compose.yml", "services:\n  app:\n    build: .\n");
        List<MixProject> projects = ProjectScanner.scan(dir);
        MixProject www = projects.stream().filter(project -> project.appName().equals("www")).findFirst().orElseThrow();
        MixProject docs = projects.stream().filter(project -> project.appName().equals("docs")).findFirst().orElseThrow();
        assertEquals(List.of(dir.resolve("docker-compose.override.yml"), dir.resolve("docker-compose.prod.yml"),
                        dir.resolve("docker-compose.yml")), www.files(FileRole.DEPLOY_ENVIRONMENT),
                "the base file and the override that builds www's image are one stack");
        assertEquals(List.of(), docs.files(FileRole.DEPLOY_ENVIRONMENT),
                "a stack that builds two projects, or a folder of no project, belongs to neither");
    }

    @Test
    void aComposeStackBelongsToTheOneMixProjectItBuildsBesideImagesOfOtherLanguages() throws IOException {
        write("backend/mix.exs", "defmodule Backend.MixProject do\n  def project, do: [app: :backend]\nend\n");
        write("frontend/package.json", "{}\n");
        write("docker-compose.base.yml", "services:\n  web:\n    build:\n      context: ./frontend\n"
                + "  phoenix:\n    build:\n      context: ./backend\n");
        write("docker-compose.prod.yml", "services:\n  web:\n    build:\n      target: prod\n"
                + "  phoenix:\n    build:\n      target: prod\n");
        MixProject backend = ProjectScanner.scan(dir).get(0);
        assertEquals(List.of(dir.resolve("docker-compose.base.yml"), dir.resolve("docker-compose.prod.yml")),
                backend.files(FileRole.DEPLOY_ENVIRONMENT),
                "the front end's image is no Mix project's, and the production file builds backend's with the base");
    }

    @Test
    void aComposeStackThatBuildsAProjectsOutsideDockerfileIsThatProjects() throws IOException {
        write("backend/mix.exs", "defmodule Backend.MixProject do\n  def project, do: [app: :backend]\nend\n");
        write("gateway/mix.exs", "defmodule Gateway.MixProject do\n  def project, do: [app: :gateway]\nend\n");
        write("Dockerfile", "FROM elixir:1.14\nCOPY backend/mix.exs backend/mix.lock ./\nCOPY backend/lib lib\n");
        write("docker-compose.yml", """
                services:
                  database:
                    image: postgres
                  backend:
                    build:
                      context: .
                      dockerfile: Dockerfile
                    restart: always
                """);
        write("ops/docker-compose.yml", "services:\n  web:\n    build: {context: .., dockerfile: ops/web.dockerfile}\n");
        List<MixProject> projects = ProjectScanner.scan(dir);
        MixProject backend = projects.stream().filter(project -> project.appName().equals("backend")).findFirst()
                .orElseThrow();
        assertEquals(List.of(dir.resolve("Dockerfile")), backend.files(FileRole.DOCKERFILE));
        assertEquals(List.of(dir.resolve("docker-compose.yml")), backend.files(FileRole.DEPLOY_ENVIRONMENT),
                "the stack builds backend's image from the root; a Dockerfile of no project makes no project's stack");
    }

    @Test
    void manifestsAtTheRootOfARepositoryWithOneMixProjectInASubfolderAreItsOwn() throws IOException {
        write("app/mix.exs", "defmodule App.MixProject do\n  def project, do: [app: :app]\nend\n");
        write("cli/Cargo.toml", "[package]\nname = \"cli\"\n");
        write("deploy/helm/app/templates/deployment.yaml", "kind: Deployment\n");
        write("deploy/helm/app/values.yaml", "replicaCount: 1\n");
        write("README.md", "# app\n");
        MixProject app = ProjectScanner.scan(dir).get(0);
        assertEquals(List.of(dir.resolve("deploy/helm/app/templates/deployment.yaml"),
                dir.resolve("deploy/helm/app/values.yaml")), app.files(FileRole.INFRA_MANIFEST));

        write("docs/mix.exs", "defmodule Docs.MixProject do\n  def project, do: [app: :docs]\nend\n");
        assertTrue(ProjectScanner.scan(dir).stream().allMatch(project -> project.files(FileRole.INFRA_MANIFEST).isEmpty()),
                "beside a second Mix project, whose they are is not known");
    }

    @Test
    void aBuildCommandGivesItsDockerfileAndContextWhateverTheOptionsAround() {
        assertEquals(List.of("ops/api.dockerfile api"), builds(
                "docker build --build-arg MIX_ENV=prod -t shop:latest --file=ops/api.dockerfile api"));
        assertEquals(List.of("./d/Dockerfile ."), builds(
                "run: docker buildx build --platform linux/amd64 -f ./d/Dockerfile --push ."));
        assertEquals(List.of(), builds("docker build -t shop ."), "no Dockerfile named");
        assertEquals(List.of(), builds("docker build -f $DOCKERFILE $CONTEXT"), "unknown paths");
    }

    @Test
    void aWorkflowsBuildPushStepOrAScriptInBinGivesAnOutsideDockerfileItsProject() throws IOException {
        write("api/mix.exs", "defmodule Api.MixProject do\n  def project, do: [app: :api]\nend\n");
        write("web/mix.exs", "defmodule Web.MixProject do\n  def project, do: [app: :web]\nend\n");
        write("ops/docker/api.dockerfile", "FROM elixir:1.14\nCOPY mix.exs ./\nCMD [\"mix\", \"phx.server\"]\n");
        write("ops/docker/web.dockerfile", "FROM elixir:1.14\nCOPY mix.exs ./\nCMD [\"mix\", \"phx.server\"]\n");
        write(".github/workflows/image.yml", """
                jobs:
                  build:
                    steps:
                    - uses: actions/checkout@v3
                    - name: Build and push
                      uses: docker/build-push-action@v3
                      with:
                        context: ./api
                        file: ./ops/docker/api.dockerfile
                        push: true
                    - name: Elsewhere
                      with:
                        context: ./web
                """);
        write("bin/docker-build", "docker build -t me/web -f ./ops/docker/web.dockerfile ./web\n");
        List<MixProject> projects = ProjectScanner.scan(dir);
        MixProject api = projects.stream().filter(project -> project.appName().equals("api")).findFirst().orElseThrow();
        MixProject web = projects.stream().filter(project -> project.appName().equals("web")).findFirst().orElseThrow();
        assertEquals(List.of(dir.resolve("ops/docker/api.dockerfile")), api.files(FileRole.DOCKERFILE));
        assertEquals(List.of(dir.resolve("ops/docker/web.dockerfile")), web.files(FileRole.DOCKERFILE),
                "a command in bin/ is a script whatever its name");
    }

    @Test
    void aBuildPushStepGivesItsFileAndContextOnlyWithBoth() {
        assertEquals(List.of("ops/app.dockerfile app"), OutsideDockerfiles.actionBuilds("""
                - uses: "docker/build-push-action@v5"
                  with:
                    file: ops/app.dockerfile   # the image
                    context: app
                - uses: docker/build-push-action@v5
                  with:
                    context: other
                """).stream().map(build -> build[0] + " " + build[1]).toList());
    }

    /** The builds {@link OutsideDockerfiles} reads in a text, as "file context" strings. */
    private static List<String> builds(String text) {
        return OutsideDockerfiles.builds(text).stream().map(build -> build[0] + " " + build[1]).toList();
    }
}
