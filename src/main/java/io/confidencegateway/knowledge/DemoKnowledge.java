package io.confidencegateway.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The demo knowledge base shipped for the {@code support-copilot} product (a Tier-1 billing and account support
 * copilot): a refund policy, a billing FAQ and a two-page account security guide in PDF, under
 * {@code demo/support-copilot/} on the classpath.
 */
@ApplicationScoped
public class DemoKnowledge {

    /** The demo files, in the order they are added. */
    public static final List<String> FILES = List.of("refund_policy.md", "billing_faq.md", "account_security.pdf");

    private static final Logger LOG = Logger.getLogger(DemoKnowledge.class);
    private static final String FOLDER = "demo/support-copilot/";

    private final DocumentService documents;
    private final Executor workers = Infrastructure.getDefaultWorkerPool();

    DemoKnowledge(DocumentService documents) {
        this.documents = documents;
    }

    /** Adds the demo documents to the product's knowledge base when it has none; otherwise does nothing. */
    public Uni<Void> seedIfEmpty(String productId) {
        return Uni.createFrom().item(() -> {
            seedNow(productId);
            return (Void) null;
        }).runSubscriptionOn(workers);
    }

    private synchronized void seedNow(String productId) {
        if (documents.hasDocuments(productId)) {
            return;
        }
        long started = System.nanoTime();
        for (String file : FILES) {
            Document added = documents.addAndIndexNow(productId, Upload.of(file, null, read(file)));
            if (added.status() != DocumentStatus.READY) {
                throw new IllegalStateException("demo document " + file + " ended " + added.status().wire() + ": "
                        + added.error());
            }
        }
        LOG.infof("Seeded the demo knowledge base of %s (%d documents) in %d ms", productId, FILES.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static byte[] read(String file) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("demo document " + FOLDER + file + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
