-- Idempotency keys scoped to the caller: a user, a method, a path and a key name one request, and the same key
-- from another user is another request. The claim, the request's events and deadlines, and its answer are
-- committed in one transaction (IdempotencyFilter), so a committed row always holds its answer and a crash
-- leaves no claim behind.
--
-- The rows of V3 go: their answers cannot be told apart by caller (replaying one to another user is what this
-- migration closes), and those without an answer are the claims a crash left "in progress" for ever. Keys are
-- retry tokens, kept for minutes by clients, not records.
DROP TABLE idempotent_request;

CREATE TABLE idempotent_request (
    -- SHA-256 of the scope (user, method, path, key): user names and paths have no bound that a btree accepts
    scope_hash      BYTEA        NOT NULL PRIMARY KEY,
    user_name       TEXT         NOT NULL,
    request_method  VARCHAR(16)  NOT NULL,
    request_path    TEXT         NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    -- SHA-256 of the body: the same scope with another body is a reused key
    request_hash    CHAR(64)     NOT NULL,
    -- NULL only inside the transaction of the request that claimed the row
    status          INTEGER,
    content_type    TEXT,
    location        TEXT,
    body            BYTEA,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
