package io.confidencegateway.product;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The models a product's prompt labels make it answer with, as the product rules see them: implemented by the prompt
 * feature, which sits above products (a version belongs to a product), so products depend on this port and not on it.
 * A version's own {@code model} takes precedence over the spec's at answer time, so a {@code data_residency} is
 * checked against these too.
 */
public interface PromptModels {

    /** A label and the version it points at, whose own model answers instead of the product's. */
    record LabelledModel(String label, int version, String model) {
    }

    /**
     * Every label of the product whose version names a model of its own, by label name; read on the caller's
     * transaction, so a check and the write it guards see the same labels.
     */
    List<LabelledModel> labelledModels(Connection connection, String product) throws SQLException;
}
