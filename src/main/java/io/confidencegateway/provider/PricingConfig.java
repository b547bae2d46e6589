package io.confidencegateway.provider;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** What tokens cost, per upstream model, for cost per answer and cost per resolution. */
@ConfigMapping(prefix = "gateway.pricing")
public interface PricingConfig {

    /** Prices by upstream model name ({@code gateway.pricing.models."gpt-4o-mini".input-per-1k}). */
    Map<String, Price> models();

    /** The price of one model. */
    interface Price {
        /** US dollars per 1,000 prompt tokens. */
        @WithName("input-per-1k")
        @WithDefault("0")
        double inputPer1k();

        /** US dollars per 1,000 completion tokens. */
        @WithName("output-per-1k")
        @WithDefault("0")
        double outputPer1k();
    }

    /** The cost in US dollars of a call, or empty when the model has no price configured. */
    default Optional<Double> cost(String model, int promptTokens, int completionTokens) {
        Price price = model == null ? null : models().get(model);
        if (price == null) {
            return Optional.empty();
        }
        return Optional.of(promptTokens / 1000.0 * price.inputPer1k() + completionTokens / 1000.0 * price.outputPer1k());
    }
}
