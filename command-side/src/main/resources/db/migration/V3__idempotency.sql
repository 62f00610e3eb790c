-- First results of POST requests sent with an Idempotency-Key: a retry gets the stored answer.
CREATE TABLE idempotent_request (
    idempotency_key VARCHAR(200) NOT NULL PRIMARY KEY,
    request_path    VARCHAR(500) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    status          INTEGER,
    content_type    VARCHAR(200),
    body            BYTEA,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
