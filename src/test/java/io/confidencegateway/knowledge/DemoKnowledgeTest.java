package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Retrieval quality on the shipped demo knowledge base: each question of {@code knowledge/demo-questions.tsv} is a
 * hit at k when a passage of the expected document (and page, for the PDF) is among the top k.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class DemoKnowledgeTest {

    /**
     * Measured 26 of 26 at k = 3 (23 of 26 at k = 1) when written. The floor (22 of 26) leaves room for a model or
     * chunking change to move a borderline question, not for retrieval to break.
     */
    static final double HIT_AT_3_FLOOR = 0.85;

    private static final Logger LOG = Logger.getLogger(DemoKnowledgeTest.class);
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** One question of the fixture and where its answer is. */
    record Question(String text, String source, Integer page) {
        boolean answeredBy(RetrievedPassage passage) {
            return passage.source().equals(source) && Objects.equals(passage.page(), page);
        }
    }

    @Inject
    DemoKnowledge demo;
    @Inject
    DocumentService documents;
    @Inject
    Retriever retriever;

    @Test
    void theDemoKnowledgeBaseAnswersItsQuestionSetWithinTheTopThree() throws IOException {
        String product = io.confidencegateway.testing.TestProducts.ensure("support-copilot-eval-" + UUID.randomUUID());
        demo.seedIfEmpty(product).await().atMost(WAIT);

        List<Question> questions = questions();
        int hitsAt1 = 0;
        int hitsAt3 = 0;
        List<String> misses = new ArrayList<>();
        List<String> notFirst = new ArrayList<>();
        for (Question question : questions) {
            List<RetrievedPassage> top = retriever.retrieve(product, question.text(), 3).await().atMost(WAIT);
            if (!top.isEmpty() && question.answeredBy(top.get(0))) {
                hitsAt1++;
            } else {
                notFirst.add(question.text());
            }
            if (top.stream().anyMatch(question::answeredBy)) {
                hitsAt3++;
            } else {
                misses.add(question.text() + " -> " + top.stream().map(p -> p.source() + "#" + p.page()).toList());
            }
        }
        double hitAt3 = (double) hitsAt3 / questions.size();
        LOG.infof("Demo knowledge base: hit@1 %d/%d, hit@3 %d/%d; not first: %s; misses at 3: %s", hitsAt1,
                questions.size(), hitsAt3, questions.size(), notFirst, misses);

        assertThat(questions).hasSizeGreaterThanOrEqualTo(20);
        assertThat(hitAt3).as("hit@3; misses: %s", misses).isGreaterThanOrEqualTo(HIT_AT_3_FLOOR);
    }

    @Test
    void seedingTwiceAddsTheDemoDocumentsOnce() {
        String product = io.confidencegateway.testing.TestProducts.ensure("support-copilot-seed-" + UUID.randomUUID());

        demo.seedIfEmpty(product).await().atMost(WAIT);
        demo.seedIfEmpty(product).await().atMost(WAIT);

        List<Document> seeded = documents.list(product).await().atMost(WAIT).data();
        assertThat(seeded).extracting(Document::source).containsExactlyInAnyOrderElementsOf(DemoKnowledge.FILES);
        assertThat(seeded).filteredOn(d -> d.source().equals("account_security.pdf"))
                .singleElement().satisfies(d -> assertThat(d.pages()).isEqualTo(2));
    }

    static List<Question> questions() throws IOException {
        try (InputStream in = DemoKnowledgeTest.class.getResourceAsStream("/knowledge/demo-questions.tsv")) {
            List<Question> questions = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                questions.add(new Question(fields[0], fields[1], fields[2].equals("-") ? null
                        : Integer.valueOf(fields[2])));
            }
            return questions;
        }
    }
}
