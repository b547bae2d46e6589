package io.confidencegateway.product;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the product catalog starts from. */
@ConfigMapping(prefix = "gateway.products")
public interface ProductsConfig {

    /**
     * JSON file of products to seed, {@code {"<id>": <spec>, ...}}: a filesystem path if such a file exists, else
     * a classpath resource. A seeded product is stored only when its id is not in the database yet, so edits made
     * through {@code PUT /v1/products/{id}} survive restarts and a changed seed does not overwrite them. An
     * invalid file stops start-up with a message naming the product and field.
     */
    @WithDefault("products/seed.json")
    String seedFile();

    /**
     * How often each instance reads the product table's versions and reloads the products another instance changed,
     * so an edit made through one replica is served by every replica within about this long (plus one query).
     */
    @WithDefault("1s")
    java.time.Duration refreshInterval();
}
