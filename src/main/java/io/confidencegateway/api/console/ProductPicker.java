package io.confidencegateway.api.console;

import java.util.List;

import io.confidencegateway.product.ProductService;

/** The product picker of the admin pages: every product, the one asked for or else the first. */
final class ProductPicker {

    private ProductPicker() {
    }

    static List<ConsolePages.ProductOption> options(ProductService products) {
        return products.list().stream().map(entry -> new ConsolePages.ProductOption(entry.id(),
                entry.spec().name() == null ? entry.id() : entry.spec().name())).toList();
    }

    /** The product asked for when it is one of the options, else the first option. */
    static String chosen(List<ConsolePages.ProductOption> options, String wanted) {
        return options.stream().map(ConsolePages.ProductOption::id).filter(id -> id.equals(wanted)).findFirst()
                .orElse(options.get(0).id());
    }
}
