-- One row per answer the gateway produced or failed to produce (chat completions and, later, native answers).
CREATE TABLE inference (
    id                UUID          NOT NULL PRIMARY KEY,
    api               VARCHAR(32)   NOT NULL,
    model_alias       VARCHAR(200),
    provider          VARCHAR(100),
    upstream_model    VARCHAR(200),
    streamed          BOOLEAN       NOT NULL,
    status            VARCHAR(32)   NOT NULL,
    error_kind        VARCHAR(64),
    error_message     VARCHAR(1000),
    http_status       INTEGER       NOT NULL,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    usage_estimated   BOOLEAN       NOT NULL,
    finish_reason     VARCHAR(64),
    content           TEXT,
    latency_ms        BIGINT        NOT NULL,
    first_token_ms    BIGINT,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX inference_created_at ON inference (created_at);
