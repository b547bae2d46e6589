package io.confidencegateway.api.console;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.confidencegateway.access.Callers;
import io.confidencegateway.product.ProductService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;

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
    public Response ask() {
        List<ProductOption> options = ProductPicker.options(products, callers.current());
        return DashboardPage.html(frames.page(ask, "ask").data("products", options).render());
    }

    @GET
    @Path("/reviews")
    public Response reviews() {
        return DashboardPage.html(frames.page(reviews, "reviews").render());
    }
}
