-- The human review queue: answers an agent must check (kind review) and questions handed to a person (kind
-- handoff). answer_id links answer.id; there is no foreign key because a hand-off may be queued before (or
-- without) its answer row. passages and signals are JSON arrays.
CREATE TABLE review_item (
    id                UUID          NOT NULL PRIMARY KEY,
    answer_id         UUID          NOT NULL,
    product           VARCHAR(64)   NOT NULL,
    kind              VARCHAR(16)   NOT NULL,
    reason            VARCHAR(64)   NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    question          TEXT,
    draft             TEXT,
    passages          TEXT,
    signals           TEXT,
    confidence        DOUBLE PRECISION NOT NULL,
    claimed_by        VARCHAR(200),
    claimed_at        TIMESTAMP WITH TIME ZONE,
    claim_expires_at  TIMESTAMP WITH TIME ZONE,
    resolved_by       VARCHAR(200),
    resolved_at       TIMESTAMP WITH TIME ZONE,
    action            VARCHAR(16),
    final_text        TEXT,
    resolution_reason VARCHAR(2000),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX review_item_status_created ON review_item (status, created_at);
CREATE INDEX review_item_product ON review_item (product);
CREATE INDEX review_item_answer ON review_item (answer_id);
