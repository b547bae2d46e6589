package io.confidencegateway.verifier.entailment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.verifier.Verification;
import io.confidencegateway.verifier.Verifier;
import io.confidencegateway.verifier.VerifiersConfig;
import io.vertx.core.Vertx;

/** The entailment tier against a scripted TEI server over real HTTP, without the gateway around it. */
class EntailmentVerifierTest {

    private static final String ONE = "[{\"score\": 0.9, \"label\": \"entailment\"}, {\"score\": 0.1, \"label\": "
            + "\"neutral\"}]";
    private static final ScoringContext CONTEXT = ScoringContext.of(null, List.of(
            new Passage(1, "a.md", null, "Refunds within 30 days."), new Passage(2, "b.md", null, "Ships in 3 days.")),
            "Refunds take 30 days. It ships in 3 days.", null);

    private WireMockServer tei;
    private Vertx vertx;

    @BeforeEach
    void start() {
        tei = new WireMockServer(wireMockConfig().dynamicPort());
        tei.start();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        tei.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private EntailmentVerifier verifier(Optional<String> url, Optional<String> key, int maxBatch) {
        return verifier(url, key, maxBatch, Optional.empty(), Optional.empty());
    }

    /** A classifier in {@code region} (empty: none declared), asked for a product of {@code residency}. */
    private EntailmentVerifier verifier(Optional<String> url, Optional<String> key, int maxBatch,
            Optional<String> region, Optional<String> residency) {
        VerifiersConfig.Entailment entailment = new VerifiersConfig.Entailment() {
            public Optional<String> url() {
                return url;
            }

            public Optional<String> region() {
                return region;
            }

            public Optional<String> apiKey() {
                return key;
            }

            public Duration timeout() {
                return Duration.ofSeconds(2);
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }

            public Map<String, Double> labels() {
                return Map.of();
            }

            public double supportedAt() {
                return 0.5;
            }

            public int maxBatch() {
                return maxBatch;
            }

            public int maxSentences() {
                return 20;
            }

            public int circuitBreakerFailureThreshold() {
                return 2;
            }

            public Duration circuitBreakerOpenFor() {
                return Duration.ofMinutes(5);
            }
        };
        VerifiersConfig config = new VerifiersConfig() {
            public Entailment entailment() {
                return entailment;
            }

            public Judge judge() {
                throw new UnsupportedOperationException("not used by the entailment tier");
            }
        };
        return new EntailmentVerifier(config, vertx, new ObjectMapper(), id -> residency);
    }

    private static Verification run(EntailmentVerifier verifier) {
        return verifier.verify(new Verifier.Input("p", CONTEXT, Duration.ofSeconds(2))).await()
                .atMost(Duration.ofSeconds(5));
    }

    @Test
    void withoutAUrlTheTierIsOffAndSaysWhatToSet() {
        assertThat(verifier(Optional.empty(), Optional.empty(), 32).unavailable())
                .hasValue("set gateway.verifiers.entailment.url to a text-embeddings-inference server");
        assertThat(verifier(Optional.of("http://127.0.0.1:" + tei.port()), Optional.empty(), 32).unavailable())
                .isEmpty();
    }

    @Test
    void pairsBeyondTheBatchLimitGoAsSeveralRequestsWithTheBearerToken() {
        tei.stubFor(post(urlPathEqualTo("/predict")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("[" + ONE + "," + ONE + "]")));

        Verification v = run(verifier(Optional.of("http://127.0.0.1:" + tei.port() + "/"), Optional.of("hf-secret"),
                2));

        assertThat(v.result()).isPresent();
        assertThat(v.result().get().reason()).startsWith("2 of 2 sentences entailed by a passage");
        tei.verify(2, postRequestedFor(urlPathEqualTo("/predict")).withHeader("Authorization",
                equalTo("Bearer hf-secret")));
    }

    @Test
    void aClassifierThatKeepsFailingIsSkippedOnceItsBreakerOpens() {
        tei.stubFor(post(urlPathEqualTo("/predict")).willReturn(aResponse().withStatus(503)));
        EntailmentVerifier verifier = verifier(Optional.of("http://127.0.0.1:" + tei.port()), Optional.empty(), 32);

        for (int i = 0; i < 2; i++) {
            try {
                run(verifier);
            } catch (RuntimeException expected) {
                // the service turns this failure into an absent signal; here it only counts for the breaker
            }
        }
        Verification skipped = run(verifier);

        assertThat(skipped.result()).isEmpty();
        assertThat(skipped.absentBecause()).isEqualTo("the classifier's circuit breaker is open after 2 failed calls "
                + "in a row; it is tried again after 300 s");
        tei.verify(2, postRequestedFor(urlPathEqualTo("/predict")));
    }

    @Test
    void aReplyOfTheWrongCountIsMalformedNotAGuess() {
        tei.stubFor(post(urlPathEqualTo("/predict")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("[" + ONE + "]")));

        Verification v = run(verifier(Optional.of("http://127.0.0.1:" + tei.port()), Optional.empty(), 32));

        assertThat(v.result()).isEmpty();
        assertThat(v.absentBecause()).isEqualTo("the classifier's reply was malformed: the reply holds 1 predictions "
                + "for 4 pairs");
    }

    @Test
    void anEuProductNeverSendsItsAnswerToAUsClassifierAndItsSignalSaysWhy() {
        tei.stubFor(post(urlPathEqualTo("/predict")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("[" + ONE + "," + ONE + "]")));
        String url = "http://127.0.0.1:" + tei.port();

        Verification us = run(verifier(Optional.of(url), Optional.empty(), 32, Optional.of("US"), Optional.of("eu")));
        Verification nowhere = run(verifier(Optional.of(url), Optional.empty(), 32, Optional.empty(),
                Optional.of("EU")));

        assertThat(us.result()).isEmpty();
        assertThat(us.absentBecause())
                .isEqualTo("the entailment service is in US, outside the product's data_residency EU");
        assertThat(nowhere.absentBecause())
                .isEqualTo("the entailment service is in no declared region, outside the product's data_residency EU");
        tei.verify(0, postRequestedFor(urlPathEqualTo("/predict")));
    }

    @Test
    void anEuProductIsCheckedByAClassifierDeclaredInTheEuWhateverTheCase() {
        tei.stubFor(post(urlPathEqualTo("/predict")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("[" + ONE + "," + ONE + "]")));

        Verification v = run(verifier(Optional.of("http://127.0.0.1:" + tei.port()), Optional.empty(), 2,
                Optional.of(" eu "), Optional.of("EU")));

        assertThat(v.absentBecause()).isNull();
        assertThat(v.result().get().reason()).startsWith("2 of 2 sentences entailed by a passage");
        tei.verify(2, postRequestedFor(urlPathEqualTo("/predict")));
    }
}
