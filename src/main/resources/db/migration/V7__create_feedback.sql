-- Feedback events on answers: from support tools (POST /v1/answers/{id}/feedback) and from review verdicts.
-- Several events per answer; the metrics fold them per answer, latest value per signal.
CREATE TABLE feedback (
    id                  UUID          NOT NULL PRIMARY KEY,
    answer_id           UUID          NOT NULL,
    -- null for plain chat completions, which belong to no product
    product             VARCHAR(64),
    source              VARCHAR(16)   NOT NULL,
    idempotency_key     VARCHAR(200),
    -- SHA-256 of the answer id and the normalised request, to tell a replay from a reused key
    request_hash        VARCHAR(64),
    rating              VARCHAR(8),
    -- the verdict on the draft: true correct, false incorrect, null no verdict in this event
    judged_correct      BOOLEAN,
    final_text          TEXT,
    edit_ratio          DOUBLE PRECISION,
    edited              BOOLEAN,
    resolved            BOOLEAN,
    escalated           BOOLEAN,
    csat                INTEGER,
    hallucination       BOOLEAN,
    hallucination_start INTEGER,
    hallucination_end   INTEGER,
    hallucination_text  TEXT,
    comment             TEXT,
    user_id             VARCHAR(200),
    review_item_id      UUID,
    review_action       VARCHAR(16),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX feedback_idempotency_key ON feedback (idempotency_key);
CREATE UNIQUE INDEX feedback_review_item ON feedback (review_item_id);
CREATE INDEX feedback_answer ON feedback (answer_id, created_at);
