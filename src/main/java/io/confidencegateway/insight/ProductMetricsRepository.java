package io.confidencegateway.insight;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.provider.PricingConfig;

/**
 * Reads a product's answers of a period and every feedback event on them; the arithmetic is in
 * {@link ProductMetricsCalculator}. Run through {@code Database}.
 */
@ApplicationScoped
public class ProductMetricsRepository {

    private static final String ANSWERS = """
            SELECT id, user_id, confidence, outcome, latency_ms, cost_usd, model, prompt_tokens, completion_tokens,
                   prompt_version
            FROM answer WHERE product = ? AND created_at >= ? AND created_at < ?""";

    private static final String FEEDBACK = """
            SELECT f.answer_id, f.judged_correct, f.hallucination, f.edit_ratio, f.resolved, f.escalated, f.csat,
                   f.source, f.review_action, f.rating
            FROM feedback f JOIN answer a ON a.id = f.answer_id
            WHERE a.product = ? AND a.created_at >= ? AND a.created_at < ?
            ORDER BY f.created_at, f.id""";

    private final PricingConfig pricing;

    public ProductMetricsRepository(PricingConfig pricing) {
        this.pricing = pricing;
    }

    /** The answers; an answer recorded without a cost is priced from its tokens when its model has a price. */
    public List<AnswerRow> answers(Connection connection, String product, Period period) throws SQLException {
        List<AnswerRow> rows = new ArrayList<>();
        try (PreparedStatement select = prepare(connection, ANSWERS, product, period);
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                Double cost = (Double) row.getObject(6);
                if (cost == null) {
                    Integer prompt = (Integer) row.getObject(8);
                    Integer completion = (Integer) row.getObject(9);
                    cost = prompt == null && completion == null ? null : pricing.cost(row.getString(7),
                            prompt == null ? 0 : prompt, completion == null ? 0 : completion).orElse(null);
                }
                rows.add(new AnswerRow(row.getObject(1, UUID.class), row.getString(2), row.getDouble(3),
                        row.getString(4), row.getLong(5), cost, row.getInt(10)));
            }
        }
        return rows;
    }

    /** Every feedback event on those answers, oldest first. */
    public List<FeedbackRow> feedback(Connection connection, String product, Period period) throws SQLException {
        List<FeedbackRow> rows = new ArrayList<>();
        try (PreparedStatement select = prepare(connection, FEEDBACK, product, period);
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.add(new FeedbackRow(row.getObject(1, UUID.class), bool(row, 2), bool(row, 3),
                        (Double) row.getObject(4), bool(row, 5), bool(row, 6), (Integer) row.getObject(7),
                        row.getString(8), row.getString(9), row.getString(10)));
            }
        }
        return rows;
    }

    private static PreparedStatement prepare(Connection connection, String sql, String product, Period period)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, product);
        statement.setObject(2, period.start().atOffset(ZoneOffset.UTC));
        statement.setObject(3, period.end().atOffset(ZoneOffset.UTC));
        return statement;
    }

    private static Boolean bool(ResultSet row, int column) throws SQLException {
        boolean value = row.getBoolean(column);
        return row.wasNull() ? null : value;
    }
}
