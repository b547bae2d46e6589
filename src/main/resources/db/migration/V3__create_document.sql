-- A product's knowledge base: uploaded documents and the passages they were cut into. This is the source of
-- truth; the search index under gateway.data-dir is derived from it and rebuilt from it when missing or stale.
CREATE TABLE document (
    id           UUID          NOT NULL PRIMARY KEY,
    product_id   VARCHAR(200)  NOT NULL,
    source       VARCHAR(500)  NOT NULL,
    content_type VARCHAR(100)  NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    sha256       CHAR(64)      NOT NULL,
    pages        INTEGER,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX document_product ON document (product_id, created_at);

-- embedding: the passage's float32 vector, little-endian, base64 text. Text rather than BYTEA/VARBINARY because
-- the same column type then reads and writes the same way on H2 and PostgreSQL.
CREATE TABLE passage (
    id          UUID          NOT NULL PRIMARY KEY,
    document_id UUID          NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    product_id  VARCHAR(200)  NOT NULL,
    ordinal     INTEGER       NOT NULL,
    page        INTEGER,
    char_start  INTEGER       NOT NULL,
    char_end    INTEGER       NOT NULL,
    text        TEXT          NOT NULL,
    embedding   TEXT          NOT NULL
);

CREATE INDEX passage_document ON passage (document_id, ordinal);
CREATE INDEX passage_product ON passage (product_id);
