package io.confidencegateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose.yaml and the files it mounts, read as Compose would (YAML merge keys included): two replicas behind
 * the proxy, both scraped, traces to Jaeger, the dashboard provisioned.
 */
class ComposeStackTest {

    private static final Path DEPLOY = Path.of("deploy");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        var services = (Map<String, Object>) yaml(DEPLOY.resolve("compose.yaml")).get("services");
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoReadOnlyGatewayReplicasShareOnePostgresqlAndSendTracesToJaeger() throws IOException {
        for (String replica : List.of("gateway-1", "gateway-2")) {
            Map<String, Object> gateway = service(replica);
            assertThat(gateway.get("read_only")).isEqualTo(true);
            assertThat((List<String>) gateway.get("tmpfs")).contains("/tmp", "/data");
            var env = (Map<String, Object>) gateway.get("environment");
            assertThat(env).containsEntry("GATEWAY_DATABASE_KIND", "postgresql")
                    .containsEntry("GATEWAY_DATABASE_URL", "jdbc:postgresql://postgres:5432/gateway")
                    .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                    .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4317");
            var build = (Map<String, Object>) gateway.get("build");
            assertThat(DEPLOY.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
                    .exists();
        }
        assertThat(service("postgres").get("image").toString()).startsWith("postgres:");
        assertThat(((Map<String, Object>) service("jaeger").get("environment")))
                .containsEntry("COLLECTOR_OTLP_ENABLED", "true");
    }

    @Test
    void theProxySpreadsOverBothReplicasWithoutBufferingStreams() throws IOException {
        assertThat(service("proxy").get("volumes").toString()).contains("./nginx/nginx.conf");
        String nginx = Files.readString(DEPLOY.resolve("nginx/nginx.conf"));
        assertThat(nginx).contains("server gateway-1:8080").contains("server gateway-2:8080")
                .contains("proxy_buffering off");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEachReplicaAndGrafanaProvisionsTheDashboard() throws IOException {
        var scrape = (List<Map<String, Object>>) yaml(DEPLOY.resolve("prometheus/prometheus.yml")).get("scrape_configs");
        assertThat(scrape).singleElement().satisfies(job -> {
            assertThat(job.get("metrics_path")).isEqualTo("/q/metrics");
            var targets = (List<Map<String, Object>>) job.get("static_configs");
            assertThat((List<String>) targets.get(0).get("targets")).containsExactlyInAnyOrder("gateway-1:8080",
                    "gateway-2:8080");
        });
        var volumes = (List<String>) service("grafana").get("volumes");
        assertThat(volumes).contains("./grafana/provisioning:/etc/grafana/provisioning:ro",
                "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
        var providers = (List<Map<String, Object>>) yaml(DEPLOY.resolve(
                "grafana/provisioning/dashboards/dashboards.yaml")).get("providers");
        assertThat(((Map<String, Object>) providers.get(0).get("options")).get("path"))
                .isEqualTo("/var/lib/grafana/dashboards");
        assertThat(DEPLOY.resolve("grafana/dashboards/confidence-gateway.json")).exists();
        var datasources = (List<Map<String, Object>>) yaml(DEPLOY.resolve(
                "grafana/provisioning/datasources/datasources.yaml")).get("datasources");
        assertThat(datasources).extracting(d -> d.get("uid")).contains("prometheus");
    }
}
