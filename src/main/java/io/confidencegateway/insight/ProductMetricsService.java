package io.confidencegateway.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.feedback.FeedbackConfig;
import io.confidencegateway.product.ProductService;
import io.confidencegateway.product.ProductSpec;
import io.confidencegateway.store.Database;
import io.smallrye.mutiny.Uni;

/** A product's layered metrics, health check and reliability table over a period (JDBC on worker threads). */
@ApplicationScoped
public class ProductMetricsService {

    /** Default period of the metrics: the last 7 days, today included. */
    public static final int METRICS_DAYS = 7;
    /** Default period of the reliability table: 30 days, since a bucket needs many judged answers. */
    public static final int CALIBRATION_DAYS = 30;

    private final Database database;
    private final ProductMetricsRepository repository;
    private final ProductService products;
    private final FeedbackConfig feedback;
    private final Clock clock = Clock.systemUTC();

    public ProductMetricsService(Database database, ProductMetricsRepository repository, ProductService products,
            FeedbackConfig feedback) {
        this.database = database;
        this.repository = repository;
        this.products = products;
        this.feedback = feedback;
    }

    /** Today in UTC, the day periods are counted back from. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The metrics of a product over a period; 404 for an unknown product. */
    public Uni<ProductMetricsReport> metrics(String product, Period period) {
        ProductSpec spec = spec(product);
        var calculator = new ProductMetricsCalculator(feedback.editThreshold(), spec.eligibleUsers());
        var byVersion = new PromptVersionMetricsCalculator(feedback.editThreshold());
        return rows(product, period).map(rows -> ProductMetricsReport.of(product, period,
                calculator.compute(rows.answers(), rows.feedback()), HealthTargets.of(spec),
                byVersion.compute(rows.answers(), rows.feedback())));
    }

    /** The reliability table of a product over a period; 404 for an unknown product. */
    public Uni<CalibrationReport> calibration(String product, Period period) {
        spec(product);
        return rows(product, period).map(rows -> new CalibrationReport(product, period.from(), period.to(),
                CalibrationCalculator.compute(rows.answers(), rows.feedback())));
    }

    private record Rows(List<AnswerRow> answers, List<FeedbackRow> feedback) {
    }

    private Uni<Rows> rows(String product, Period period) {
        return database.transaction(c -> new Rows(repository.answers(c, product, period),
                repository.feedback(c, product, period)));
    }

    private ProductSpec spec(String product) {
        return products.find(product).orElseThrow(() -> ProblemException.notFound("No product has the id '"
                + product + "'; GET /v1/products lists them"));
    }
}
