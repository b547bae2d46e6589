package io.confidencegateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Dockerfile and its entry script, checked without a Docker engine: the image runs as a numbered non-root user
 * from the fast-jar, and the script picks the collector from the container's CPU limit.
 */
class ContainerImageTest {

    private static final Path SCRIPT = Path.of("deploy/docker/run-java.sh");

    @Test
    void theImageRunsTheFastJarAsANonRootUser() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("deploy/Dockerfile"));
        assertThat(lines).filteredOn(l -> l.startsWith("USER ")).singleElement()
                .satisfies(user -> assertThat(user).isEqualTo("USER 10001:10001"));
        assertThat(lines).filteredOn(l -> l.startsWith("COPY ")).allSatisfy(copy -> assertThat(copy)
                .containsAnyOf("target/quarkus-app/", "deploy/docker/run-java.sh"));
        assertThat(lines).contains("ENTRYPOINT [\"/deployments/run-java.sh\"]");
        // USER comes after every RUN: nothing at run time has root.
        int user = lines.indexOf("USER 10001:10001");
        assertThat(lines.subList(user, lines.size())).noneMatch(l -> l.startsWith("RUN "));
    }

    @ParameterizedTest(name = "cpu.max \"{0}\" -> {1}")
    @CsvSource({
        "50000 100000, -XX:+UseSerialGC",
        "100000 100000, -XX:+UseSerialGC",
        "100001 100000, -XX:+UseG1GC",
        "200000 100000, -XX:+UseG1GC",
        "max 100000, -XX:+UseG1GC"})
    void theCollectorFollowsTheContainersCpuLimit(String cpuMax, String collector, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("cpu.max");
        Files.writeString(file, cpuMax + "\n");

        String command = dryRun(file.toString(), null);

        assertThat(command).contains(collector).contains("-XX:MaxRAMPercentage=70")
                .contains("-XX:+ExitOnOutOfMemoryError").endsWith("-jar /deployments/quarkus-run.jar");
        assertThat(command).doesNotContain(collector.equals("-XX:+UseG1GC") ? "-XX:+UseSerialGC" : "-XX:+UseG1GC");
    }

    @Test
    void withoutACgroupLimitTheServerCollectorIsChosenAndAnOverrideWins(@TempDir Path dir) throws Exception {
        assertThat(dryRun(dir.resolve("absent").toString(), null)).contains("-XX:+UseG1GC");
        assertThat(dryRun(dir.resolve("absent").toString(), "-XX:+UseZGC")).contains("-XX:+UseZGC")
                .doesNotContain("G1");
    }

    private static String dryRun(String cpuMax, String gc) throws Exception {
        var process = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
        process.environment().put("DRY_RUN", "1");
        process.environment().put("CGROUP_CPU_MAX", cpuMax);
        if (gc != null) {
            process.environment().put("JAVA_GC", gc);
        }
        Process started = process.start();
        String out = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(started.waitFor()).as(out).isZero();
        return out;
    }
}
