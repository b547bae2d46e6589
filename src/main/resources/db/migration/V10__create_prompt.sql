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
