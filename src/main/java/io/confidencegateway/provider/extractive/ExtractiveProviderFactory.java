package io.confidencegateway.provider.extractive;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ChatProviderFactory;
import io.confidencegateway.provider.ProviderSettings;

/** Type {@code extractive}: the in-process, model-free provider; needs no URL and no key. */
@ApplicationScoped
public class ExtractiveProviderFactory implements ChatProviderFactory {

    @Override
    public String type() {
        return "extractive";
    }

    @Override
    public String defaultBaseUrl() {
        return "in-process:extractive";
    }

    @Override
    public ChatProvider create(ProviderSettings settings) {
        return new ExtractiveProvider(settings);
    }
}
