package dev.gotchals.model.deploy;

import dev.gotchals.model.config.ConfigProject;
import dev.gotchals.rule.ProjectContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ManifestEnvironmentTest {
    @TempDir
    Path root;

    private List<String> variables(Map<String, String> files) {
        ProjectContext project = ConfigProject.open(root, files);
        return ManifestEnvironment.of(project).variables().stream().map(variable -> variable.name() + "="
                + variable.file().text().text().substring(variable.start(), variable.end())).toList();
    }

    @Test
    void containerEnvEntriesWithWrittenValues() throws IOException {
        String deployment = """
                spec:
                  containers:
                    - name: shop
                      image: shop:latest
                      env:
                        - name: PORT
                          value: "4000"
                        - name: "POOL_SIZE"
                          value: 10 # per node
                        - name: RELEASE_COOKIE
                          valueFrom:
                            secretKeyRef: {name: shop, key: cookie}
                        - name: PHX_HOST
                          value: 'shop.example.com'
                """;
        assertEquals(List.of("PORT=4000", "POOL_SIZE=10", "PHX_HOST=shop.example.com"),
                variables(Map.of("k8s/deployment.yaml", deployment)));
    }

    @Test
    void manifestsForALocalOrTestClusterAreLeftOut() {
        String entry = "env:\n  - name: MINIO_ROOT_PASSWORD\n    value: \"minio-kind-pass\"\n";
        assertEquals(List.of("MINIO_ROOT_PASSWORD=minio-kind-pass"), variables(Map.of(
                "deploy/overlays/kind/minio.yaml", entry, "k8s/dev/app.yaml", entry, "k8s/app-e2e.yaml", entry,
                "deploy/overlays/production/minio.yaml", entry)), "only production's overlay counts");
    }

    @Test
    void aManifestWhoseImageIsNeverPulledOrThatServesALocalHostIsForALocalCluster() {
        // corybuecker/simple-budget-elixir: imagePullPolicy Never, PHX_HOST simple-budget.localhost.
        String deployment = """
                spec:
                  containers:
                    - name: shop
                      image: shop:latest
                      imagePullPolicy: IfNotPresent
                      env:
                        - name: SECRET_KEY_BASE
                          value: "u1gYGbDNgA5RwdKGFe9CdK"
                        - name: PHX_HOST
                          value: shop.fr
                """;
        assertEquals(List.of("SECRET_KEY_BASE=u1gYGbDNgA5RwdKGFe9CdK", "PHX_HOST=shop.fr"),
                variables(Map.of("k8s/deployment.yaml", deployment)));
        assertEquals(List.of(), variables(Map.of("k8s/deployment.yaml", deployment.replace("IfNotPresent", "Never"))));
        assertEquals(List.of(), variables(Map.of("k8s/deployment.yaml", deployment.replace("shop.fr", "shop.localhost"))));
        // MicroK8s runs production clusters too (aurora-ong/aurora_gov's deploy/weychafe_microk8s/): only its registry
        // on the node itself says the cluster is a local one.
        assertEquals(List.of("SECRET_KEY_BASE=u1gYGbDNgA5RwdKGFe9CdK", "PHX_HOST=shop.fr"),
                variables(Map.of("deploy/acme_microk8s/deployment.yaml", deployment)));
        assertEquals(List.of(), variables(Map.of("deploy/acme_microk8s/deployment.yaml",
                deployment.replace("image: shop:latest", "image: localhost:32000/shop:latest"))));
    }

    @Test
    void samplesToCopyAndEditAreLeftOut() {
        String entry = "env:\n  - name: SECRET_KEY_BASE\n    value: \"u1gYGbDNgA5RwdKGFe9CdK\"\n";
        assertEquals(List.of("SECRET_KEY_BASE=u1gYGbDNgA5RwdKGFe9CdK"), variables(Map.of(
                "kubernetes-sample-config.yaml", entry, "k8s/examples/app.yaml", entry, "deploy/template.yml", entry,
                "k8s-deployment.yaml", entry)), "only the manifest named for no sample counts");
    }

    @Test
    void helmChartsAreLeftOut() throws IOException {
        String entry = "env:\n  - name: PORT\n    value: \"4000\"\n";
        assertEquals(List.of(), variables(Map.of("charts/shop/Chart.yaml", "name: shop\n",
                "charts/shop/values.yaml", entry, "charts/shop/templates/deployment.yaml", entry)));
        assertEquals(List.of(), variables(Map.of("deploy/deployment.yaml",
                "env:\n  - name: PORT\n    value: {{ .Values.port | quote }}\n")));
    }
}
