-- API keys (issue 14). The key itself is never stored: key_hash is the hex SHA-256 of it (the keys carry 192
-- random bits, so a plain hash is enough), prefix is its first characters, shown in lists and logs. products and
-- models are comma-separated allow-lists (null: any). Money is in nano-dollars (BIGINT) so that the budget
-- arithmetic in key_usage is exact and atomic in SQL.
CREATE TABLE api_key (
    id            UUID          NOT NULL PRIMARY KEY,
    name          VARCHAR(200)  NOT NULL,
    prefix        VARCHAR(16)   NOT NULL,
    key_hash      VARCHAR(64)   NOT NULL,
    role          VARCHAR(16)   NOT NULL,
    products      TEXT,
    models        TEXT,
    rpm           INTEGER,
    tpm           INTEGER,
    max_parallel  INTEGER,
    budget_nanos  BIGINT,
    budget_period VARCHAR(8),
    expires_at    TIMESTAMP WITH TIME ZONE,
    bootstrap     BOOLEAN       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE
);

CREATE UNIQUE INDEX api_key_hash ON api_key (key_hash);

-- Usage per key and window, shared by every replica: window_kind 'minute' (requests, tokens), 'day' or 'month'
-- (spend_nanos settled, reserved_nanos held by calls in flight), 'parallel' (only locked, to serialise the
-- admissions of one key against key_lease; window_start fixed).
-- Every limit check is one conditional UPDATE, so concurrent requests on any replica cannot overshoot.
CREATE TABLE key_usage (
    key_id         UUID          NOT NULL,
    window_kind    VARCHAR(8)    NOT NULL,
    window_start   TIMESTAMP WITH TIME ZONE NOT NULL,
    requests       BIGINT        NOT NULL,
    tokens         BIGINT        NOT NULL,
    spend_nanos    BIGINT        NOT NULL,
    reserved_nanos BIGINT        NOT NULL,
    in_flight      INTEGER       NOT NULL,
    PRIMARY KEY (key_id, window_kind, window_start)
);

-- One row per request in flight of a key with max_parallel: a lease that ends when the request does, or at
-- expires_at when the replica that held it died first (a counter would stay taken for ever).
CREATE TABLE key_lease (
    id          UUID          NOT NULL PRIMARY KEY,
    key_id      UUID          NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX key_lease_key ON key_lease (key_id, expires_at);

-- Who did what: every admin action and every review claim or resolution, with the acting key.
CREATE TABLE audit_log (
    id          UUID          NOT NULL PRIMARY KEY,
    key_id      UUID,
    key_prefix  VARCHAR(16),
    role        VARCHAR(16),
    method      VARCHAR(8)    NOT NULL,
    path        VARCHAR(2000) NOT NULL,
    status      INTEGER       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX audit_log_created ON audit_log (created_at);
CREATE INDEX audit_log_key ON audit_log (key_id, created_at);
