package io.confidencegateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GaugeReadPolicyTest {

    @ParameterizedTest
    @CsvSource({
        "0, 15000, 1000", // a small queue is read one second after a change, as before
        "5, 15000, 1000",
        "20, 15000, 1000", // 20 ms x 50 is exactly the one second
        "21, 15000, 1050", // past it the wait grows with the read
        "200, 15000, 10000", // 5,000 pending items: reads take 2 % of the time, not 20 %
        "299, 15000, 14950",
        "300, 15000, 15000", // never longer than the periodic refresh
        "450, 15000, 15000",
        "9223372036854775807, 15000, 15000", // no overflow
        "100, 1000, 1000"}) // a one-second refresh keeps its one second
    void theWaitAfterAChangeIsFiftyReadsLongBetweenOneSecondAndTheRefreshInterval(long lastReadMillis,
            long periodMillis, long waitMillis) {
        assertThat(GaugeReadPolicy.waitAfterChange(lastReadMillis, periodMillis)).isEqualTo(waitMillis);
    }
}
