package io.confidencegateway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/** The dashboard's weekly reads run one at a time, so that one view cannot take the whole connection pool. */
class DashboardReadsTest {

    @Test
    void eachWeeklyReadStartsOnlyWhenThePreviousOneFinishedAndResultsKeepTheWeeksOrder() {
        List<UniEmitter<? super String>> started = new ArrayList<>();
        CompletableFuture<List<String>> result = DashboardPage.oneAtATime(List.of("w1", "w2", "w3"),
                week -> Uni.createFrom().<String>emitter(started::add).map(report -> week + ":" + report))
                .subscribe().asCompletionStage();

        assertThat(started).as("reads in flight before any finished").hasSize(1);
        started.get(0).complete("a");
        assertThat(started).hasSize(2);
        started.get(1).complete("b");
        assertThat(started).hasSize(3);
        assertThat(result).isNotDone();
        started.get(2).complete("c");

        assertThat(result).isCompletedWithValue(List.of("w1:a", "w2:b", "w3:c"));
    }

    @Test
    void aFailedReadFailsTheViewWithoutStartingTheRest() {
        List<UniEmitter<? super String>> started = new ArrayList<>();
        CompletableFuture<List<String>> result = DashboardPage.oneAtATime(List.of("w1", "w2", "w3"),
                week -> Uni.createFrom().<String>emitter(started::add)).subscribe().asCompletionStage();

        started.get(0).fail(new IllegalStateException("pool exhausted"));

        assertThat(result).isCompletedExceptionally();
        assertThat(started).hasSize(1);
    }
}
