package dev.gotchals.model.deploy;

import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.Sources;
import dev.gotchals.model.deploy.HealthProbes.Kind;
import dev.gotchals.model.deploy.HealthProbes.Probe;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthProbesTest {
    @TempDir
    Path root;

    private HealthProbes probes(Map<String, String> files) throws IOException {
        Files.writeString(root.resolve("mix.exs"), """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, version: "0.1.0", deps: []]
                end
                """);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Workspace workspace = new Workspace(List.of(root));
        return HealthProbes.of(new ProjectContext(workspace.projects().get(0), workspace));
    }

    private static List<String> described(HealthProbes probes) {
        return probes.probes().stream().map(probe -> probe.kind() + " " + probe.path() + " "
                + probe.file().getFileName()).sorted().toList();
    }

    @Test
    void flyServiceChecksAndTheProductionHealthcheckGateTrafficAndTopLevelChecksADeploy() throws IOException {
        HealthProbes probes = probes(Map.of("fly.toml", """
                app = "shop"

                [[http_service.checks]]
                  path = "/ready"

                [[services]]
                  internal_port = 4000

                  [[services.http_checks]]
                    path = "/health?deep=1"

                  [[services.tcp_checks]]
                    interval = "15s"

                [checks.alive]
                  type = "http"
                  path = "/livez"
                """, "Dockerfile", """
                FROM elixir:1.17 AS build
                HEALTHCHECK CMD curl -f http://127.0.0.1:9999/build-only

                FROM debian:bookworm-slim
                HEALTHCHECK --interval=30s CMD wget -qO- "http://localhost:${PORT}/status" || exit 1
                CMD ["/app/bin/server"]
                """, "Dockerfile.dev", """
                FROM elixir:1.17
                HEALTHCHECK CMD curl -f http://localhost:4000/dev-only
                """));
        // Fly routes no request by a top-level check: it watches the machine and gates deploys.
        assertEquals(Set.of("/ready", "/health", "/status"), probes.readinessPaths());
        assertTrue(described(probes).contains("STARTUP /livez fly.toml"), described(probes).toString());
        assertEquals(5, probes.probes().size(), "the TCP check counts as a probe without a path");
    }

    @Test
    void otherEnvironmentsFlyConfigsCountWhereverTheyAre() throws IOException {
        HealthProbes probes = probes(Map.of(
                "fly.staging.toml", "app = \"shop-staging\"\n[[http_service.checks]]\n  path = \"/staging\"\n",
                "fly.io/shop-2025/fly.toml", "app = \"shop\"\n[[services]]\n  [[services.http_checks]]\n    path = \"/health\"\n",
                "deploy/fly/prod.toml", "app = \"shop\"\n[[services]]\n  [[services.tcp_checks]]\n    interval = \"10s\"\n",
                "docs/fly.toml", "app = \"not-read\"\n[[http_service.checks]]\n  path = \"/docs-only\"\n"));
        assertEquals(Set.of("/staging", "/health"), probes.readinessPaths());
        assertEquals(3, probes.probes().size());
    }

    @Test
    void kubernetesProbesWithTheirKindsAndPaths() throws IOException {
        HealthProbes probes = probes(Map.of("k8s/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          livenessProbe:
                            httpGet:
                              path: /livez
                              port: 4000
                          readinessProbe:
                            httpGet: {path: "/_health", port: 4000}
                          startupProbe:
                            tcpSocket:
                              port: 4000
                        - readinessProbe:
                            exec:
                              command: ["bin/shop", "rpc", "Shop.ready?()"]
                """));
        assertEquals(List.of("LIVENESS /livez deployment.yaml", "READINESS /_health deployment.yaml",
                "READINESS null deployment.yaml", "STARTUP null deployment.yaml"), described(probes));
        assertEquals(Set.of("/_health"), probes.readinessPaths());
    }

    @Test
    void helmTemplatesLeaveProbesToTheirValuesAndAnEmptyProbeIsNone() throws IOException {
        HealthProbes probes = probes(Map.of("deploy/charts/shop/templates/deployment.yaml", """
                spec:
                  containers:
                    - name: {{ .Chart.Name }}
                      {{- if .Values.readinessProbe }}
                      readinessProbe:
                        {{- .Values.readinessProbe | toYaml | nindent 12 }}
                      {{- end }}
                      livenessProbe:
                        httpGet:
                          path: /health
                          port: http
                          httpHeaders:
                            - name: Host
                              value: {{ .Values.host }}
                """, "deploy/charts/shop/values.yaml", """
                # readinessProbe:
                #   httpGet:
                #     path: /commented-out
                livenessProbe:
                  initialDelaySeconds: 30
                  tcpSocket:
                    port: http

                readinessProbe: {}
                """));
        assertEquals(List.of("LIVENESS /health deployment.yaml", "LIVENESS null values.yaml"), described(probes));
        assertEquals(Set.of(), probes.readinessPaths());
        assertFalse(probes.probes().isEmpty());
    }

    @Test
    void aPathIsRequestedWhateverItsTrailingSlashOrQuery() throws IOException {
        HealthProbes probes = probes(Map.of("fly.toml", """
                app = "shop"

                [[http_service.checks]]
                  path = "/health/?full=1"
                """));
        assertTrue(probes.readinessRequests("/health"));
        assertTrue(probes.readinessRequests("health/"));
        assertFalse(probes.readinessRequests("/healthz"));
    }

    @Test
    void aModuleDocumentedAsTheLoadBalancersCheckIsPolledByIt() {
        ModuleIndex index = Sources.index(
                "lib/alb.ex", """
                        defmodule Web.AlbHealth do
                          @moduledoc \"""
                          Returns 200 OK while the site is running. This is used by the AWS ALB to determine the
                          health of the target.
                          \"""
                        end
                        """,
                "lib/ready.ex", "defmodule Web.Ready do\n  @moduledoc \"Our Kubernetes readiness check.\"\nend\n",
                "lib/live.ex", """
                        defmodule Web.Live do
                          @moduledoc "Liveness probe; the load balancer checks /readyz instead."
                        end
                        """,
                "lib/shared.ex", "defmodule Web.Shared do\n  @moduledoc \"For load balancer and container probes.\"\nend\n",
                "lib/plain.ex", "defmodule Web.Plain do\n  @moduledoc \"Answers 200.\"\nend\n",
                "lib/none.ex", "defmodule Web.None do\nend\n",
                "lib/balance.ex", "defmodule Web.Balance do\n  @moduledoc \"Account balances.\"\nend\n");
        assertTrue(HealthProbes.documentedAsPolledByLoadBalancer(index.find("Web.AlbHealth")));
        assertTrue(HealthProbes.documentedAsPolledByLoadBalancer(index.find("Web.Ready")));
        for (String module : List.of("Web.Live", "Web.Shared", "Web.Plain", "Web.None", "Web.Balance")) {
            assertFalse(HealthProbes.documentedAsPolledByLoadBalancer(index.find(module)), module);
        }
    }

    @Test
    void aDisabledHealthcheckAndNoManifestsDeclareNothing() throws IOException {
        HealthProbes probes = probes(Map.of("Dockerfile", """
                FROM debian:bookworm-slim
                HEALTHCHECK NONE
                CMD ["/app/bin/server"]
                """, "config/prod.yaml", "readinessProbe:\n  httpGet:\n    path: /not-a-manifest\n"));
        assertTrue(probes.probes().isEmpty());
        assertEquals(List.of(), probes.probes().stream().map(Probe::kind).filter(kind -> kind == Kind.READINESS).toList());
    }

    @Test
    void plainHttpProbesAreTheChecksARedirectFailsThatDoNotSayTheyCameThroughHttps() throws IOException {
        HealthProbes probes = probes(Map.of("fly.toml", """
                app = "shop"

                [[http_service.checks]]
                  path = "/plain"

                [[http_service.checks]]
                  path = "/secure"
                  protocol = "https"

                [[http_service.checks]]
                  path = "/forwarded"
                  headers = { X-Forwarded-Proto = "https" }
                """, "k8s/deployment.yaml", """
                spec:
                  containers:
                    - name: shop
                      readinessProbe:
                        httpGet:
                          path: /k8s-plain
                          port: 4000
                      livenessProbe:
                        httpGet:
                          path: /k8s-https
                          port: 4443
                          scheme: HTTPS
                """, "Dockerfile", "FROM debian\nHEALTHCHECK CMD curl -f http://localhost:4000/docker\n",
                "config/deploy.yml", "service: shop\nproxy:\n  ssl: true\n  healthcheck:\n    path: /kamal\n"));
        assertEquals(List.of("/kamal", "/plain"), probes.plainHttpProbes().stream().map(Probe::path).sorted().toList(),
                "kubelet counts force_ssl's redirect to another host as a success, curl any redirect");
    }
}
