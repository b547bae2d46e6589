package io.confidencegateway.insight;

/** How a metric stands against its target: PASS, WARN (below a soft target), FAIL (below a hard one), NO_DATA. */
public enum HealthStatus {
    PASS, WARN, FAIL, NO_DATA
}
