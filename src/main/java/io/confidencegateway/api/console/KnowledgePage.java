package io.confidencegateway.api.console;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
    private final ProductService products;
    private final KnowledgeConfig knowledge;
    private final Template page;

    public KnowledgePage(ConsoleFrames frames, ProductService products, KnowledgeConfig knowledge,
            @Location("console/knowledge") Template page) {
        this.frames = frames;
        this.products = products;
        this.knowledge = knowledge;
        this.page = page;
    }

    @GET
    public Response knowledge(@QueryParam("product") String wanted) {
        List<ConsolePages.ProductOption> options = ProductPicker.options(products);
        String product = options.isEmpty() ? null : ProductPicker.chosen(options, wanted);
        return DashboardPage.html(frames.page(page, "knowledge").data("products", options).data("product", product)
                .data("maxBytes", knowledge.maxDocumentSize().asLongValue()).render());
    }
}
