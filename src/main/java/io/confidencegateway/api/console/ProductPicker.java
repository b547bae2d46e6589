package io.confidencegateway.api.console;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.confidencegateway.access.AccessPolicy;
import io.confidencegateway.access.ApiKey;
import io.confidencegateway.access.ForbiddenPage;
import io.confidencegateway.product.ProductService;

/**
 * The product picker of the console pages: the products the signed-in key may use (a key limited to some products
 * sees only those), the one asked for or else the first. {@code AccessFilter} scopes only {@code /v1/products/{id}}
 * paths, so a page that takes {@code ?product=} must ask {@link #refusal} before it reads anything.
 */
final class ProductPicker {

    private ProductPicker() {
    }

    /** The products the key may use (all of them for an unscoped key or on an open path). */
    static List<ConsolePages.ProductOption> options(ProductService products, Optional<ApiKey> key) {
        return products.list().stream().filter(entry -> key.map(k -> k.mayUseProduct(entry.id())).orElse(true))
                .map(entry -> new ConsolePages.ProductOption(entry.id(),
                        entry.spec().name() == null ? entry.id() : entry.spec().name()))
                .toList();
    }

    /**
     * The console's HTML 403 page when {@code wanted} is a product the key may not use, else empty. A scoped key
     * asking for a product outside its list is refused whether or not that product exists, so the answer does not
     * tell it which products exist.
     */
    static Optional<Response> refusal(Optional<ApiKey> key, String wanted) {
        if (wanted == null || wanted.isBlank() || key.isEmpty() || key.get().mayUseProduct(wanted)) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).header("Cache-Control", "no-store")
                .entity(ForbiddenPage.render(AccessPolicy.productForbidden(key.get(), wanted).detail())).build());
    }

    /** The product asked for when it is one of the options, else the first option. */
    static String chosen(List<ConsolePages.ProductOption> options, String wanted) {
        return options.stream().map(ConsolePages.ProductOption::id).filter(id -> id.equals(wanted)).findFirst()
                .orElse(options.get(0).id());
    }
}
