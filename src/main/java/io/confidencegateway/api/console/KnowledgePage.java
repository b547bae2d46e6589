package io.confidencegateway.api.console;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.confidencegateway.access.ApiKey;
import io.confidencegateway.access.Callers;
import io.confidencegateway.knowledge.KnowledgeConfig;
import io.confidencegateway.product.ProductService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * The knowledge page (admin): a product's documents with their passage counts, upload with progress and delete.
 * The page is thin: its script calls the documents API ({@code /v1/products/{id}/documents}) with the session
 * cookie and shows the API's own error words.
 */
@Path("/console/knowledge")
@Produces(MediaType.TEXT_HTML)
public class KnowledgePage {

    private final ConsoleFrames frames;
    private final Callers callers;
    private final ProductService products;
    private final KnowledgeConfig knowledge;
    private final Template page;

    public KnowledgePage(ConsoleFrames frames, Callers callers, ProductService products, KnowledgeConfig knowledge,
            @Location("console/knowledge") Template page) {
        this.frames = frames;
        this.callers = callers;
        this.products = products;
        this.knowledge = knowledge;
        this.page = page;
    }

    /** "10 MB", "512 KB", "900 bytes": the upload limit as the form states it. */
    static String sizeText(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    @GET
    public Response knowledge(@QueryParam("product") String wanted) {
        Optional<ApiKey> key = callers.current();
        Optional<Response> refused = ProductPicker.refusal(key, wanted);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<ConsolePages.ProductOption> options = ProductPicker.options(products, key);
        String product = options.isEmpty() ? null : ProductPicker.chosen(options, wanted);
        long max = knowledge.maxDocumentSize().asLongValue();
        return DashboardPage.html(frames.page(page, "knowledge").data("products", options).data("product", product)
                .data("maxBytes", max).data("maxText", sizeText(max)).render());
    }
}
