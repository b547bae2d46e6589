package io.confidencegateway.product;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the product seed file ({@code gateway.products.seed-file}): a JSON object of product id to spec. Every
 * product is checked as strictly as a {@code PUT}; the first problem stops start-up with a message naming the
 * file, the product and the field, so a bad seed is never half-applied.
 */
@ApplicationScoped
public class ProductSeed {

    private final ProductSpecCodec codec;
    private final ProductValidator validator;

    public ProductSeed(ProductSpecCodec codec, ProductValidator validator) {
        this.codec = codec;
        this.validator = validator;
    }

    /** The seeded products in file order, validated; throws {@link IllegalStateException} when invalid. */
    public Map<String, ProductSpec> load(String location) {
        return parse(location, read(location));
    }

    Map<String, ProductSpec> parse(String location, String json) {
        JsonNode root;
        try {
            root = codec.parse(json);
        } catch (InvalidProductException e) {
            throw invalid(location, e.getMessage());
        }
        if (!root.isObject()) {
            throw invalid(location, "it must be a JSON object of product id to product spec");
        }
        Map<String, ProductSpec> products = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> entry = fields.next();
            try {
                ProductSpec spec = codec.read(entry.getValue());
                validator.validate(entry.getKey(), spec);
                products.put(entry.getKey(), spec);
            } catch (InvalidProductException e) {
                throw invalid(location, "product '" + entry.getKey() + "': " + e.getMessage());
            }
        }
        return products;
    }

    private static String read(String location) {
        Path file = Path.of(location);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            String resource = location.startsWith("/") ? location.substring(1) : location;
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw invalid(location, "no such file, and no such classpath resource");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw invalid(location, "it could not be read (" + e.getMessage() + ")");
        }
    }

    private static IllegalStateException invalid(String location, String why) {
        return new IllegalStateException("Product seed file '" + location + "' (gateway.products.seed-file) is "
                + "invalid: " + why);
    }
}
