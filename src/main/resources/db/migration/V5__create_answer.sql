-- One row per answer served to a product (native /v1/answers, or a chat completion addressed to a product).
-- The id is the inference id (inference.id); response is the AIResponse JSON exactly as served.
CREATE TABLE answer (
    id                UUID          NOT NULL PRIMARY KEY,
    product           VARCHAR(64)   NOT NULL,
    user_id           VARCHAR(200),
    conversation_id   VARCHAR(200),
    question          TEXT,
    confidence        DOUBLE PRECISION NOT NULL,
    confidence_label  VARCHAR(32)   NOT NULL,
    outcome           VARCHAR(16)   NOT NULL,
    requires_review   BOOLEAN       NOT NULL,
    handoff_reason    VARCHAR(64),
    provider          VARCHAR(100),
    model             VARCHAR(200),
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    cost_usd          DOUBLE PRECISION,
    latency_ms        BIGINT        NOT NULL,
    response          TEXT          NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX answer_product_created ON answer (product, created_at);
