-- Prompt versions per product (issue 17): immutable once created. Version 1 of every product is the shipped
-- prompt and is not stored here, so existing products keep their behaviour; stored versions start at 2.
-- model, temperature and passages are null when the version keeps the product's (or the gateway's) default.
CREATE TABLE prompt_version (
    product       VARCHAR(64)   NOT NULL,
    version       INTEGER       NOT NULL,
    instructions  TEXT          NOT NULL,
    model         VARCHAR(200),
    temperature   DOUBLE PRECISION,
    passages      INTEGER,
    note          VARCHAR(2000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (product, version)
);

-- Labels are movable pointers to versions. production is implied (version 1) until it is first moved; a
-- weighted label takes weight % of the conversations away from production.
CREATE TABLE prompt_label (
    product       VARCHAR(64)   NOT NULL,
    label         VARCHAR(40)   NOT NULL,
    version       INTEGER       NOT NULL,
    weight        INTEGER       NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (product, label)
);

-- Every answer, review item and feedback row says which prompt version it came from; rows from before
-- versions existed came from the shipped prompt. A feedback row on a plain chat completion has none.
ALTER TABLE answer ADD COLUMN prompt_version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE review_item ADD COLUMN prompt_version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE feedback ADD COLUMN prompt_version INTEGER;
CREATE INDEX answer_product_prompt ON answer (product, prompt_version, created_at);

-- The golden set of a product: questions with the sources an answer must cite and, optionally, a reference
-- answer (a JSON array), replaced as a whole.
CREATE TABLE golden_set (
    product       VARCHAR(64)   NOT NULL PRIMARY KEY,
    questions     TEXT          NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An evaluation of one prompt version over the golden set, run in the background: status running, finished or
-- failed; completed counts the questions answered so far; report is the JSON report once finished.
CREATE TABLE prompt_evaluation (
    id            UUID          NOT NULL PRIMARY KEY,
    product       VARCHAR(64)   NOT NULL,
    version       INTEGER       NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    total         INTEGER       NOT NULL,
    completed     INTEGER       NOT NULL,
    report        TEXT,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX prompt_evaluation_version ON prompt_evaluation (product, version, created_at);
