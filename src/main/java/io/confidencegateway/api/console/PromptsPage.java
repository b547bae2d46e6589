package io.confidencegateway.api.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.confidencegateway.access.ApiKey;
import io.confidencegateway.access.Callers;
import io.confidencegateway.product.ProductService;
import io.confidencegateway.prompt.PromptLabel;
import io.confidencegateway.prompt.PromptService;
import io.confidencegateway.prompt.PromptVersion;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * The admin's read-only view of a product's prompt versions and the labels that point at them (issue 17): which
 * version production serves, what a canary gets and at which weight, and what each version changes. Changes stay in
 * the API ({@code POST …/prompts}, {@code PUT …/prompt-labels/{label}}), where the promotion gate and the audit log
 * apply; this page only shows them.
 */
@Path("/console/prompts")
@Produces(MediaType.TEXT_HTML)
public class PromptsPage {

    /** One version as the page shows it, with the labels that point at it. */
    @TemplateData
    public record VersionRow(int version, String instructions, String model, String temperature, String passages,
            String note, String created, List<PromptLabel> labels) {
    }

    private final ConsoleFrames frames;
    private final Callers callers;
    private final ProductService products;
    private final PromptService prompts;
    private final Template page;

    public PromptsPage(ConsoleFrames frames, Callers callers, ProductService products, PromptService prompts,
            @Location("console/prompts") Template page) {
        this.frames = frames;
        this.callers = callers;
        this.products = products;
        this.prompts = prompts;
        this.page = page;
    }

    @GET
    public Uni<Response> show(@QueryParam("product") String requested) {
        Optional<ApiKey> key = callers.current();
        Optional<Response> refused = ProductPicker.refusal(key, requested);
        if (refused.isPresent()) {
            return Uni.createFrom().item(refused.get());
        }
        List<ConsolePages.ProductOption> options = ProductPicker.options(products, key);
        String product = options.isEmpty() ? null : ProductPicker.chosen(options, requested);
        TemplateInstance base = frames.page(page, "prompts").data("products", options).data("product", product)
                .data("unknown", requested != null && !requested.isBlank() && !requested.equals(product)
                        ? requested : null);
        if (product == null) {
            return Uni.createFrom().item(DashboardPage.html(base.data("versions", List.of()).data("labels", List.of())
                    .render()));
        }
        return Uni.combine().all().unis(prompts.list(product), prompts.labels(product)).asTuple()
                .map(both -> DashboardPage.html(base.data("versions", rows(both.getItem1(), both.getItem2()))
                        .data("labels", both.getItem2()).render()));
    }

    /** Newest version first, each with the labels that point at it. */
    static List<VersionRow> rows(List<PromptVersion> versions, List<PromptLabel> labels) {
        Map<Integer, List<PromptLabel>> byVersion = labels.stream()
                .collect(Collectors.groupingBy(PromptLabel::version));
        return versions.stream()
                .sorted((a, b) -> Integer.compare(b.version(), a.version()))
                .map(version -> new VersionRow(version.version(), version.instructions(),
                        orDefault(version.model(), Function.identity(), "the product's model"),
                        orDefault(version.temperature(), String::valueOf, "default"),
                        orDefault(version.passages(), String::valueOf, "default"),
                        version.note() == null ? "" : version.note(),
                        version.createdAt() == null ? "ships with the gateway" : version.createdAt().toString(),
                        byVersion.getOrDefault(version.version(), List.of())))
                .toList();
    }

    private static <T> String orDefault(T value, Function<T, String> shown, String fallback) {
        return value == null ? fallback : shown.apply(value);
    }
}
