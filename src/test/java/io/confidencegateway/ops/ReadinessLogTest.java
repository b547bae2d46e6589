package io.confidencegateway.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.confidencegateway.metrics.ReadinessLog;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ReadinessLogTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("io.smallrye.health").addHandler(capture);
        Logger.getLogger(ReadinessLog.class.getName()).addHandler(capture);
    }

    @AfterEach
    void release() {
        SwitchableReadiness.down = false;
        Logger.getLogger("io.smallrye.health").removeHandler(capture);
        Logger.getLogger(ReadinessLog.class.getName()).removeHandler(capture);
    }

    @Test
    void probesWhileNotReadyLogOneLinePerChangeNotOnePerProbe() {
        given().get("/q/health/ready").then().statusCode(200);
        records.clear();

        SwitchableReadiness.down = true;
        for (int probe = 0; probe < 10; probe++) {
            given().get("/q/health/ready").then().statusCode(503);
        }
        SwitchableReadiness.down = false;
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);

        assertThat(records).extracting(LogRecord::getLoggerName).doesNotContain("io.smallrye.health");
        assertThat(records).hasSize(2);
        assertThat(formatted(records.get(0))).startsWith("Readiness is DOWN: switchable");
        assertThat(formatted(records.get(1))).isEqualTo("Readiness is UP");
    }

    private static String formatted(LogRecord record) {
        return record.getParameters() == null || record.getParameters().length == 0 ? record.getMessage()
                : String.format(record.getMessage(), record.getParameters());
    }
}
