package io.confidencegateway.api.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.confidencegateway.access.ApiKey;
import io.confidencegateway.access.Callers;
import io.confidencegateway.insight.Period;
import io.confidencegateway.insight.ProductMetricsService;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.product.ProductService;
import io.confidencegateway.product.ProductSpec;
import io.confidencegateway.provider.ModelCatalog;
import io.confidencegateway.report.IsoWeek;
import io.confidencegateway.report.WeeklyReportService;
import io.confidencegateway.review.ReviewItem;
import io.confidencegateway.review.ReviewQueue;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The ops dashboard (admin): one product's layered metrics over the last {@value #WEEKS} ISO weeks, the health check,
 * calibration, the review queue, the providers and the weekly update, read through the same services as the JSON API
 * (the health badges are exactly {@code GET /v1/products/{id}/metrics}'s health check, same default period).
 */
@Path("/console/dashboard")
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    static final int WEEKS = 12;

    private final ConsoleFrames frames;
    private final Callers callers;
    private final ProductService products;
    private final ProductMetricsService metrics;
    private final WeeklyReportService reports;
    private final ReviewQueue reviews;
    private final ModelCatalog catalog;
    private final Template dashboard;

    public DashboardPage(ConsoleFrames frames, Callers callers, ProductService products,
            ProductMetricsService metrics, WeeklyReportService reports, ReviewQueue reviews, ModelCatalog catalog,
            @Location("console/dashboard") Template dashboard) {
        this.frames = frames;
        this.callers = callers;
        this.products = products;
        this.metrics = metrics;
        this.reports = reports;
        this.reviews = reviews;
        this.catalog = catalog;
        this.dashboard = dashboard;
    }

    @GET
    public Uni<Response> dashboard(@QueryParam("product") String wanted) {
        Optional<ApiKey> key = callers.current();
        Optional<Response> refused = ProductPicker.refusal(key, wanted);
        if (refused.isPresent()) {
            return Uni.createFrom().item(refused.get());
        }
        TemplateInstance page = frames.page(dashboard, "dashboard");
        List<ConsolePages.ProductOption> options = ProductPicker.options(products, key);
        if (options.isEmpty()) {
            return Uni.createFrom().item(html(page.data("view", null).render()));
        }
        String product = ProductPicker.chosen(options, wanted);
        ProductSpec spec = products.find(product).orElseThrow(() -> ProblemException.notFound("No product has the id '"
                + product + "'; GET /v1/products lists them"));
        var today = metrics.today();
        List<IsoWeek> weeks = new ArrayList<>();
        IsoWeek week = IsoWeek.of(today);
        for (int i = 0; i < WEEKS; i++) {
            weeks.add(0, week);
            week = week.previous();
        }
        var weekly = oneAtATime(weeks, w -> metrics.metrics(product, w.period())
                .map(report -> new DashboardView.Week(w.toString(), report)));
        var health = metrics.metrics(product, Period.parse(null, null, today, ProductMetricsService.METRICS_DAYS));
        var calibration = metrics.calibration(product, Period.parse(null, null, today,
                ProductMetricsService.CALIBRATION_DAYS));
        var pending = reviews.list(ReviewItem.PENDING, product, "1", "1");
        var claimed = reviews.list("claimed", product, "1", "1");
        var report = reports.weekly(product, null);
        Double budgetMs = spec.maxLatencySeconds() == null ? null : spec.maxLatencySeconds() * 1000;
        return Uni.combine().all().unis(weekly, health, calibration, pending, claimed, report).with(
                (w, h, c, p, cl, r) -> html(page.data("view", DashboardView.of(new DashboardView.Inputs(product,
                        options, w, budgetMs, h, c, p.total(), cl.total(),
                        p.items().isEmpty() ? null : p.items().get(0).createdAt(), Instant.now(),
                        catalog.providerStatuses(), r))).render()));
    }

    /**
     * One read per item, each started when the one before has finished, results in the items' order. Each weekly
     * read is a database transaction: all twelve at once (with the view's five other reads) would want more
     * connections than the pool has (H2: 8), so one view could starve every other request; this way a view holds
     * at most six.
     */
    static <I, T> Uni<List<T>> oneAtATime(List<I> items, Function<I, Uni<T>> read) {
        return Multi.createFrom().iterable(items).onItem().<T>transformToUniAndConcatenate(read::apply).collect()
                .asList();
    }

    static Response html(String body) {
        return Response.ok(body, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).header("Cache-Control", "no-store")
                .build();
    }
}
