-- The product catalog: one row per product, its spec as JSON text (the wire shape, snake_case). The gateway keeps
-- all products in memory and reads this table only at start-up; version orders concurrent edits of one product.
CREATE TABLE product (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    spec        TEXT          NOT NULL,
    version     BIGINT        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
