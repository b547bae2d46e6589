package io.confidencegateway.api.console;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

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
    private final ProductService products;
    private final PromptService prompts;
    private final Template page;

    public PromptsPage(ConsoleFrames frames, ProductService products, PromptService prompts,
            @Location("console/prompts") Template page) {
        this.frames = frames;
        this.products = products;
        this.prompts = prompts;
        this.page = page;
    }

    @GET
    public Uni<TemplateInstance> show(@QueryParam("product") String requested) {
        List<ConsolePages.ProductOption> options = products.list().stream()
                .map(entry -> new ConsolePages.ProductOption(entry.id(), entry.spec().name() == null ? entry.id()
                        : entry.spec().name()))
                .toList();
        String product = options.stream().map(ConsolePages.ProductOption::id)
                .filter(id -> id.equals(requested)).findFirst()
                .orElse(options.isEmpty() ? null : options.get(0).id());
        TemplateInstance base = frames.page(page, "prompts").data("products", options).data("product", product)
                .data("unknown", requested != null && !requested.isBlank() && !requested.equals(product)
                        ? requested : null);
        if (product == null) {
            return Uni.createFrom().item(base.data("versions", List.of()).data("labels", List.of()));
        }
        return Uni.combine().all().unis(prompts.list(product), prompts.labels(product)).asTuple()
                .map(both -> base.data("versions", rows(both.getItem1(), both.getItem2()))
                        .data("labels", both.getItem2()));
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
