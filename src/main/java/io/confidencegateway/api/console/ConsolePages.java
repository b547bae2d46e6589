package io.confidencegateway.api.console;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.confidencegateway.access.ApiKey;
import io.confidencegateway.access.Callers;
import io.confidencegateway.product.ProductService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

/**
 * The agent's pages: Ask (draft an answer) and Reviews (the queue). The pages are thin: their script calls the
 * JSON API with the session cookie. The product picker is filled here from the products the signed-in key may use,
 * since listing products over the API is an admin's right.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    /** One option of the product picker. */
    @TemplateData
    public record ProductOption(String id, String name) {
    }

    private final ConsoleFrames frames;
    private final ProductService products;
    private final Callers callers;
    private final Template ask;
    private final Template reviews;

    public ConsolePages(ConsoleFrames frames, ProductService products, Callers callers,
            @Location("console/ask") Template ask, @Location("console/reviews") Template reviews) {
        this.frames = frames;
        this.products = products;
        this.callers = callers;
        this.ask = ask;
        this.reviews = reviews;
    }

    @GET
    public TemplateInstance ask() {
        ApiKey key = callers.current().orElse(null);
        List<ProductOption> options = products.list().stream()
                .filter(entry -> key == null || key.mayUseProduct(entry.id()))
                .map(entry -> new ProductOption(entry.id(), entry.spec().name() == null ? entry.id()
                        : entry.spec().name()))
                .toList();
        return frames.page(ask, "ask").data("products", options);
    }

    @GET
    @Path("/reviews")
    public TemplateInstance reviews() {
        return frames.page(reviews, "reviews");
    }
}
