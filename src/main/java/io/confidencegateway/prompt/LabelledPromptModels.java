package io.confidencegateway.prompt;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.product.PromptModels;

/** The products' view of the prompt labels: which labels point at a version with a model of its own. */
@ApplicationScoped
class LabelledPromptModels implements PromptModels {

    private final PromptRepository repository;

    LabelledPromptModels(PromptRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<LabelledModel> labelledModels(Connection connection, String product) throws SQLException {
        return repository.labelledModels(connection, product);
    }
}
