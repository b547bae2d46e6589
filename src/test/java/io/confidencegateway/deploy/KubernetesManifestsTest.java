package io.confidencegateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;

/**
 * The Kustomize base and overlay under deploy/kubernetes, read into fabric8's Kubernetes model as kubectl would
 * apply them: every file parses as the kind it claims, and the Deployment has what an ops review asks for.
 */
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("deploy/kubernetes/base");
    private static final Path PRODUCTION = Path.of("deploy/kubernetes/overlays/production");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Map<String, String> POD_LABELS = Map.of("app.kubernetes.io/name", "confidence-gateway");

    private static <T> T read(Path file, Class<T> type) {
        try {
            return YAML.unmarshal(Files.readString(file), type);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static Kustomization kustomization(Path dir) {
        return read(dir.resolve("kustomization.yaml"), Kustomization.class);
    }

    private static Deployment deployment() {
        return read(BASE.resolve("deployment.yaml"), Deployment.class);
    }

    private static Container gateway() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void theBaseListsEveryManifestItHoldsAndEachParsesAsItsKind() throws IOException {
        List<String> listed = kustomization(BASE).getResources();
        List<String> present;
        try (Stream<Path> files = Files.list(BASE)) {
            present = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).sorted().toList();
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
        var kinds = new ArrayList<String>();
        for (String file : listed) {
            HasMetadata resource = read(BASE.resolve(file), HasMetadata.class);
            assertThat(resource.getMetadata().getName()).as(file).isEqualTo("confidence-gateway");
            kinds.add(resource.getKind());
        }
        assertThat(kinds).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Deployment", "Service",
                "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor");
        assertThat(read(BASE.resolve("servicemonitor.yaml"), HasMetadata.class))
                .isInstanceOf(GenericKubernetesResource.class);
        assertThat(read(BASE.resolve("serviceaccount.yaml"), ServiceAccount.class).getAutomountServiceAccountToken())
                .isFalse();
    }

    @Test
    void probesAskTheHealthEndpointsOnTheHttpPort() {
        Container gateway = gateway();
        assertThat(path(gateway.getLivenessProbe())).isEqualTo("/q/health/live");
        assertThat(path(gateway.getReadinessProbe())).isEqualTo("/q/health/ready");
        assertThat(path(gateway.getStartupProbe())).isEqualTo("/q/health/started");
        for (Probe probe : List.of(gateway.getLivenessProbe(), gateway.getReadinessProbe(), gateway.getStartupProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        }
        assertThat(gateway.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        Probe startup = gateway.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
                .as("seconds a pod may take to migrate and start").isGreaterThanOrEqualTo(120);
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath();
    }

    @Test
    void theGatewayRunsAsNonRootOnAReadOnlyRootWithWritableTmpAndData() {
        PodSpec pod = deployment().getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container gateway = gateway();
        assertThat(gateway.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(gateway.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(gateway.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(gateway.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactlyInAnyOrder("/tmp",
                "/data");
        assertThat(pod.getVolumes()).allSatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(25L);
    }

    @Test
    void requestsAndLimitsAreSetAndTheHeapHasRoomUnderTheLimit() {
        var resources = gateway().getResources();
        assertThat(resources.getRequests()).containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).containsKeys("cpu", "memory");
        assertThat(Quantity.getAmountInBytes(resources.getLimits().get("memory")))
                .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(resources.getRequests().get("memory")));
        // The model, the search index and the JVM need about 1 GiB before any request (see deploy/README.md).
        assertThat(Quantity.getAmountInBytes(resources.getRequests().get("memory")).longValue())
                .isGreaterThanOrEqualTo(1L << 30);
    }

    @Test
    void secretsComeFromTheSecretAndNeverFromTheConfigMap() {
        Map<String, String> secretKeys = new java.util.HashMap<>();
        for (EnvVar env : gateway().getEnv()) {
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("confidence-gateway");
                secretKeys.put(env.getName(), env.getValueFrom().getSecretKeyRef().getKey());
            }
            assertThat(env.getValue()).as(env.getName() + " is a literal in the Deployment").isNull();
        }
        assertThat(secretKeys).containsEntry("GATEWAY_DATABASE_PASSWORD", "database-password")
                .containsEntry("OPENAI_API_KEY", "openai-api-key")
                .containsEntry("ANTHROPIC_API_KEY", "anthropic-api-key")
                .containsEntry("GATEWAY_ADMIN_KEY", "admin-key");
        ConfigMap config = read(BASE.resolve("configmap.yaml"), ConfigMap.class);
        assertThat(config.getData().keySet()).noneMatch(key -> key.contains("PASSWORD") || key.contains("KEY")
                || key.contains("SECRET"));
        assertThat(config.getData()).containsEntry("GATEWAY_DATABASE_KIND", "postgresql")
                .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "true");
        assertThat(gateway().getEnvFrom()).anySatisfy(from -> assertThat(from.getConfigMapRef().getName())
                .isEqualTo("confidence-gateway"));
    }

    @Test
    void serviceAutoscalerBudgetPolicyAndMonitorAllSelectTheGatewayPods() {
        assertThat(deployment().getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(POD_LABELS);
        assertThat(deployment().getSpec().getSelector().getMatchLabels()).isEqualTo(POD_LABELS);
        Service service = read(BASE.resolve("service.yaml"), Service.class);
        assertThat(service.getSpec().getSelector()).isEqualTo(POD_LABELS);
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");

        HorizontalPodAutoscaler hpa = read(BASE.resolve("hpa.yaml"), HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("confidence-gateway");
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());

        PodDisruptionBudget pdb = read(BASE.resolve("pdb.yaml"), PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(POD_LABELS);
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isLessThan(hpa.getSpec().getMinReplicas());

        NetworkPolicy policy = read(BASE.resolve("networkpolicy.yaml"), NetworkPolicy.class);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(POD_LABELS);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getPorts())
                .extracting(p -> p.getPort().getIntVal()).containsExactly(8080));
        assertThat(policy.getSpec().getEgress()).flatExtracting(rule -> rule.getPorts())
                .extracting(p -> p.getPort().getIntVal()).contains(53, 5432, 4317, 443);

        GenericKubernetesResource monitor = read(BASE.resolve("servicemonitor.yaml"),
                GenericKubernetesResource.class);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels")).isEqualTo(POD_LABELS);
        assertThat(monitor.<String>get("spec", "endpoints", 0, "path")).isEqualTo("/q/metrics");
        assertThat(monitor.<String>get("spec", "endpoints", 0, "port"))
                .isEqualTo(service.getSpec().getPorts().get(0).getName());
    }

    @Test
    void theProductionOverlayBuildsOnTheBaseAndPatchesOnlyWhatTheBaseHas() {
        Kustomization overlay = kustomization(PRODUCTION);
        assertThat(overlay.getResources()).containsExactly("../../base");
        assertThat(overlay.getImages()).singleElement().satisfies(image -> assertThat(image.getName())
                .isEqualTo(gateway().getImage().split(":")[0]));
        var baseKinds = new ArrayList<String>();
        for (String file : kustomization(BASE).getResources()) {
            HasMetadata resource = read(BASE.resolve(file), HasMetadata.class);
            baseKinds.add(resource.getKind() + "/" + resource.getMetadata().getName());
        }
        assertThat(overlay.getPatches()).isNotEmpty().allSatisfy(patch -> {
            HasMetadata target = read(PRODUCTION.resolve(patch.getPath()), HasMetadata.class);
            assertThat(baseKinds).contains(target.getKind() + "/" + target.getMetadata().getName());
        });
        Deployment patched = read(PRODUCTION.resolve("deployment-patch.yaml"), Deployment.class);
        assertThat(patched.getSpec().getTemplate().getSpec().getContainers().get(0).getName())
                .isEqualTo(gateway().getName());
        ConfigMap config = read(PRODUCTION.resolve("configmap-patch.yaml"), ConfigMap.class);
        assertThat(config.getData()).containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false");
    }
}
