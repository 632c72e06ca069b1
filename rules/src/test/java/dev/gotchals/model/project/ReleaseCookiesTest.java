package dev.gotchals.model.project;

import dev.gotchals.model.config.ConfigProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseCookiesTest {
    @TempDir
    Path dir;
    private int projects;

    private ReleaseCookies cookies(String deps, String releases, String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, deps: "
                + deps + ", releases: " + releases + "]\nend\n");
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        // A folder per project: several per test must not see each other's files.
        return ReleaseCookies.of(ConfigProject.open(dir.resolve("p" + projects++), files));
    }

    private static List<String> where(ReleaseCookies cookies) {
        return cookies.committed().stream().map(ReleaseCookies.Cookie::where).toList();
    }

    @Test
    void literalCookiesOfEverySourceAreFound() {
        ReleaseCookies cookies = cookies("[]", "[shop: [cookie: \"abc\"]]",
                "rel/env.sh.eex", "export RELEASE_COOKIE=def\n",
                "Dockerfile", "FROM debian\nENV RELEASE_COOKIE=\"ghi\"\nCMD [\"/app/bin/shop\", \"start\"]\n",
                "fly.toml", "app = \"shop\"\n[env]\n  RELEASE_COOKIE = \"jkl\"\n");
        assertEquals(List.of("mix.exs (`cookie:` of release `shop`)", "rel/env.sh.eex", "Dockerfile (`ENV RELEASE_COOKIE`)",
                "fly.toml (`[env]` RELEASE_COOKIE)"), where(cookies));
        assertNull(cookies.distribution(), "no sign of distribution");
        assertTrue(cookies.deployed());
    }

    @Test
    void literalsOfVariablesTheReleaseTurnsIntoTheCookieAreFound() {
        String manifest = """
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers:
                        - name: shop
                          env:
                            - name: NODE_COOKIE
                              value: "magiccookie"
                            - name: OTHER_SECRET
                              value: "not-the-cookie"
                """;
        ReleaseCookies throughEnvScript = cookies("[]", "[]",
                "rel/env.sh.eex", "export RELEASE_COOKIE=${NODE_COOKIE}\nexport RELEASE_NODE=shop@$POD_IP\n",
                "k8s/deployment.yaml", manifest,
                "fly.toml", "app = \"shop\"\n[env]\n  NODE_COOKIE = \"jkl\"\n");
        assertEquals(List.of("fly.toml (`[env]` NODE_COOKIE, the cookie through rel/env.sh.eex `RELEASE_COOKIE=$NODE_COOKIE`)",
                "k8s/deployment.yaml (`env` NODE_COOKIE, the cookie through rel/env.sh.eex `RELEASE_COOKIE=$NODE_COOKIE`)"),
                where(throughEnvScript));
        ReleaseCookies.Cookie cookie = throughEnvScript.committed().get(1);
        assertEquals("magiccookie", cookie.file().text().text().substring(cookie.start(), cookie.end()));

        ReleaseCookies throughVmArgs = cookies("[]", "[]", "rel/vm.args.eex", "-name shop@${HOST}\n-setcookie $ERL_COOKIE\n",
                "Dockerfile", "FROM debian\nENV ERL_COOKIE=ghi\nCMD [\"/app/bin/shop\", \"start\"]\n");
        assertEquals(List.of("Dockerfile (`ENV ERL_COOKIE`, the cookie through rel/vm.args.eex `-setcookie ${ERL_COOKIE}`)"),
                where(throughVmArgs));
        assertEquals(List.of(), cookies("[]", "[]", "k8s/deployment.yaml", manifest).committed(),
                "NODE_COOKIE means nothing to a release that does not map it to the cookie");
    }

    @Test
    void helmChartsAndSecretsInManifestsAreNotCommittedCookies() {
        String entry = "env:\n  - name: RELEASE_COOKIE\n    value: \"abc\"\n";
        assertEquals(List.of("k8s/dep.yaml (`env` RELEASE_COOKIE)"), where(cookies("[]", "[]", "k8s/dep.yaml", entry)));
        assertEquals(List.of(), cookies("[]", "[]", "k8s/dep.yaml",
                "env:\n  - name: RELEASE_COOKIE\n    valueFrom:\n      secretKeyRef: {name: shop, key: cookie}\n").committed());
        assertEquals(List.of(), cookies("[]", "[]", "deploy/shop/Chart.yaml", "name: shop\n",
                "deploy/shop/values.yaml", entry, "deploy/shop/templates/deployment.yaml", entry).committed(),
                "a chart's values are defaults meant to be overridden at install time");
        assertEquals(List.of(), cookies("[]", "[]", "k8s/dep.yaml", entry.replace("\"abc\"", "{{ .Values.cookie }}"))
                .committed());
    }

    @Test
    void aCookieCommittedInASecretManifestIsCommitted() {
        String secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop\ntype: Opaque\n";
        assertEquals(List.of("k8s/secret.yaml (the Secret's RELEASE_COOKIE)"), where(cookies("[]", "[]",
                "k8s/secret.yaml", secret + "stringData:\n  RELEASE_COOKIE: \"shop-cookie\"\n")));
        ReleaseCookies encoded = cookies("[]", "[]", "k8s/secret.yaml", secret + "data:\n  RELEASE_COOKIE: c2hvcA==\n");
        assertEquals(List.of("k8s/secret.yaml (the Secret's RELEASE_COOKIE)"), where(encoded));
        assertEquals("c2hvcA==", encoded.committed().get(0).file().text().text().substring(
                encoded.committed().get(0).start(), encoded.committed().get(0).end()));
        assertEquals(List.of(), cookies("[]", "[]", "k8s/secret.yaml",
                secret + "stringData:\n  DATABASE_URL: \"ecto://u:p@db/shop\"\n").committed(),
                "a Secret's other keys are not the cookie");
        assertEquals(List.of("k8s/kustomization.yaml (a `secretGenerator` literal RELEASE_COOKIE)"),
                where(cookies("[]", "[]", "k8s/kustomization.yaml", "kind: Kustomization\nsecretGenerator:\n"
                        + "  - name: shop\n    literals:\n      - RELEASE_COOKIE=shop-cookie\n")));
    }

    @Test
    void cookiesSubstitutedAtBuildOrBootAreNot() {
        ReleaseCookies cookies = cookies("[]", "[shop: [cookie: System.fetch_env!(\"COOKIE\")]]",
                "rel/env.sh.eex", "export RELEASE_COOKIE=\"<%= @release.options[:cookie] %>\"\n",
                "Dockerfile", "FROM debian\nARG COOKIE\nENV RELEASE_COOKIE=$COOKIE\n");
        assertEquals(List.of(), cookies.committed());
    }

    @Test
    void aDistilleryProdCookieCountsUnlessVmArgsSetsItsOwn() {
        String relConfig = """
                use Distillery.Releases.Config
                environment :dev do
                  set cookie: :"dev-cookie"
                end

                environment :prod do
                  set include_erts: true
                  set cookie: :"UmFgS>>q;?q`kqu"
                end

                release :shop do
                  set version: "0.1.0"
                end
                """;
        String distillery = "[{:distillery, \"~> 2.1\"}]";
        ReleaseCookies generated = cookies(distillery, "[]", "rel/config.exs", relConfig,
                "rel/vm.args", "-name shop@127.0.0.1\n-setcookie <%= release.profile.cookie %>\n");
        assertEquals(List.of("rel/config.exs (`set cookie:` of the prod environment)"), where(generated));
        ReleaseCookies.Cookie cookie = generated.committed().get(0);
        assertEquals(":\"UmFgS>>q;?q`kqu\"", cookie.file().text().text().substring(cookie.start(), cookie.end()));

        String ownVmArgs = "-name shop@127.0.0.1\n-setcookie ${ERLANG_COOKIE}\n";
        assertEquals(List.of("rel/config.exs (`set cookie:` of the prod environment)"),
                where(cookies(distillery, "[]", "rel/config.exs", relConfig, "rel/vm.args", ownVmArgs)),
                "no profile names rel/vm.args: Distillery writes its own vm.args with the profile's cookie");
        String namesVmArgs = relConfig.replace("  set include_erts: true\n",
                "  set include_erts: true\n  set vm_args: \"rel/vm.args\"\n");
        ReleaseCookies fromEnv = cookies(distillery, "[]", "rel/config.exs", namesVmArgs, "rel/vm.args", ownVmArgs);
        assertEquals(List.of(), fromEnv.committed(), "the profile's vm.args takes the cookie from the environment");
        String overlaid = relConfig.replace("  set include_erts: true\n", "  set include_erts: true\n"
                + "  set(overlays: [{:template, \"rel/templates/vm.args.eex\", \"releases/<%= release_version %>/vm.args\"}])\n");
        assertEquals(List.of(), cookies(distillery, "[]", "rel/config.exs", overlaid,
                "rel/templates/vm.args.eex", "-name shop@${POD_IP}\n-setcookie ${ERLANG_COOKIE}\n").committed(),
                "an overlay writes the release's vm.args");
        assertEquals(List.of(), cookies(distillery, "[]", "rel/config.exs",
                relConfig.replace("  set include_erts: true\n", "  set include_erts: true\n  set vm_args: \"rel/prod.vm.args\"\n"),
                "rel/prod.vm.args", "-setcookie ${ERLANG_COOKIE}\n").committed(), "the profile's own vm.args");
        assertEquals(List.of(), cookies(distillery, "[]", "rel/config.exs", relConfig.replace("set cookie: :\"UmFgS>>q;?q`kqu\"\n", ""))
                .committed(), "only the dev environment has one");
        assertEquals(List.of(), cookies(distillery, "[]", "rel/config.exs", relConfig.replace(":\"UmFgS>>q;?q`kqu\"", ":\"${MY_COOKIE}\""))
                .committed(), "replaced from the environment at boot (REPLACE_OS_VARS)");
        assertEquals(List.of(), cookies("[]", "[]", "rel/config.exs", relConfig).committed(),
                "a rel/config.exs left behind by a project that no longer builds with Distillery");
        assertEquals(List.of(), cookies(distillery, "[shop: [steps: [:assemble, :tar]]]", "rel/config.exs", relConfig,
                        "rel/vm.args", "-name shop@127.0.0.1\n-setcookie <%= release.profile.cookie %>\n").committed(),
                "mix.exs configures Elixir's own releases: the Distillery profile beside them is not known to build one");
        assertEquals(List.of("rel/config.exs (`set cookie:` of the prod environment)"),
                where(cookies(distillery, "[]", "rel/config.exs", relConfig.replace("set include_erts: true\n  set cookie: :\"UmFgS>>q;?q`kqu\"",
                        "set(include_erts: true)\n  set(cookie: :\"UmFgS>>q;?q`kqu\")"))), "the call with parentheses");
    }

    @Test
    void aCookieWrittenOutInTheReleasesVmArgsIsCommitted() {
        String relConfig = """
                use Mix.Releases.Config
                environment :prod do
                  set cookie: :"m*5;*B~L5tQcQ29"
                end

                release :shop do
                  set version: "0.1.0"
                  set vm_args: "./vm.args"
                end
                """;
        String distillery = "[{:distillery, \"~> 1.0\"}]";
        ReleaseCookies cookies = cookies(distillery, "[]", "rel/config.exs", relConfig,
                "vm.args", "-name shop@${MY_POD_IP}\n-setcookie mymagiccookie\n");
        assertEquals(List.of("vm.args (`-setcookie`)"), where(cookies), "the vm.args cookie wins over the profile's");
        ReleaseCookies.Cookie cookie = cookies.committed().get(0);
        assertEquals("mymagiccookie", cookie.file().text().text().substring(cookie.start(), cookie.end()));
        assertEquals(List.of("rel/vm.args.eex (`-setcookie`)"),
                where(cookies("[]", "[shop: []]", "rel/vm.args.eex", "-name shop@${HOST}\n-setcookie shopcookie\n")),
                "Elixir's release template");
        assertEquals(List.of(), cookies("[]", "[shop: []]", "rel/vm.args.eex",
                "-setcookie <%= @release.options[:cookie] %>\n").committed());
        assertEquals(List.of(), cookies("[]", "[shop: []]", "vm.args", "-setcookie shopcookie\n").committed(),
                "a vm.args Elixir's release does not read");
    }

    @Test
    void distillerysFilesAreReadOnlyWhereItsTaskBuildsTheRelease() {
        String relConfig = "use Mix.Releases.Config\nenvironment :prod do\n  set cookie: :\"m*5;*B~L5tQcQ29\"\nend\n"
                + "release :shop do\n  set version: \"0.1.0\"\nend\n";
        String lock = "%{\n  \"distillery\": {:hex, :distillery, \"2.0.14\", \"abc\", [:mix], [], \"hexpm\", \"def\"},\n}\n";
        String distillery = "[{:distillery, \"~> 2.0\"}]";
        assertEquals(List.of("rel/config.exs (`set cookie:` of the prod environment)"),
                where(cookies(distillery, "[]", "rel/config.exs", relConfig, "mix.lock", lock)), "Elixir unknown");
        assertEquals(List.of(), cookies(distillery, "[]", "rel/config.exs", relConfig, "mix.lock", lock,
                ".tool-versions", "elixir 1.15.7\nerlang 26.1\n").committed(),
                "Elixir 1.15's own mix release runs, and reads neither rel/config.exs nor rel/vm.args");
        assertEquals(1, cookies(distillery, "[]", "rel/config.exs", relConfig,
                "mix.lock", lock.replace("2.0.14", "2.1.1"), ".tool-versions", "elixir 1.15.7\n").committed().size(),
                "Distillery 2.1's task is distillery.release: a build that runs it reads its files");
    }

    @Test
    void aCookieVariablesFallbackWrittenInEnvScriptIsCommittedWhereTheEnvironmentDoesNotSetIt() {
        assertEquals(List.of("rel/env.sh.eex (the fallback of `RELEASE_COOKIE` wherever the environment does not set it: "
                        + "the release's name)"),
                where(cookies("[]", "[]", "rel/env.sh.eex",
                        "export RELEASE_COOKIE=\"${RELEASE_COOKIE:-<%= @release.name %>}\"\n")));
        assertEquals(List.of("rel/env.sh.eex (the fallback of `RELEASE_COOKIE` wherever the environment does not set it: "
                        + "a literal)"),
                where(cookies("[]", "[]", "rel/env.sh.eex", "export RELEASE_COOKIE=${RELEASE_COOKIE-s3cr3t}\n")));
        assertEquals(List.of(), cookies("[]", "[]", "rel/env.sh.eex",
                "export RELEASE_COOKIE=\"${RELEASE_COOKIE:-$(cat /run/secrets/cookie)}\"\n").committed(),
                "a fallback read from a file at boot");
        assertEquals(List.of(), cookies("[]", "[]", "rel/env.sh.eex",
                "export RELEASE_COOKIE=\"${NODE_COOKIE:-shop}\"\n").committed(),
                "another variable's fallback: not followed");
    }

    @Test
    void distributionIsShownByClusteringNodeNamesAndFlags() {
        assertNull(cookies("[{:libcluster, \"~> 3.3\"}]", "[]").distribution(), "libcluster with nothing to join");
        ReleaseCookies clustered = cookies("[{:libcluster, \"~> 3.3\"}]", "[]", "config/config.exs",
                "import Config\nconfig :libcluster, topologies: [k8s: [strategy: Cluster.Strategy.Kubernetes.DNS]]\n");
        assertEquals("depends on libcluster", clustered.distribution());
        assertFalse(clustered.deployed(), "no Dockerfile, fly.toml, Procfile or manifests");
        assertEquals("sets RELEASE_NODE", cookies("[]", "[]", "rel/env.sh.eex", "export RELEASE_NODE=shop@host\n")
                .distribution());
        assertEquals("sets DNS_CLUSTER_QUERY", cookies("[]", "[]", "fly.toml", "[env]\n  DNS_CLUSTER_QUERY = \"shop.internal\"\n")
                .distribution());
        assertEquals("starts with --sname", cookies("[]", "[]", "Dockerfile",
                "FROM elixir:1.17\nCMD [\"elixir\", \"--sname\", \"shop\", \"-S\", \"mix\", \"phx.server\"]\n").distribution());
        assertEquals("names its node for other hosts in rel/vm.args.eex", cookies("[]", "[]", "rel/vm.args.eex",
                "-name <%= @release.name %>@${NODE_HOST}\n").distribution());
        assertNull(cookies("[]", "[]", "rel/vm.args.eex", "-name shop@127.0.0.1\n").distribution(),
                "a node only this host reaches");
        assertNull(cookies("[]", "[]", "rel/vm.args", "-name shop@${NODE_HOST}\n").distribution(),
                "Elixir's releases never read rel/vm.args");
        assertEquals("names its node for other hosts in rel/vm.args", cookies("[{:exrm, \"~> 1.0\"}]", "[]",
                "rel/vm.args", "-name shop@${NODE_HOST}\n").distribution(), "exrm's releases do");
    }

    @Test
    void distributionTurnedOffWins() {
        assertNull(cookies("[{:libcluster, \"~> 3.3\"}]", "[]", "rel/env.sh.eex", "export RELEASE_DISTRIBUTION=none\n")
                .distribution());
    }
}
