-- Bulk import (POST /api/import, docs/IMPORT.md).

-- The key of every applied import line, written in the transaction that stores the line's events: a line
-- whose key is here is a duplicate and stores nothing. line_hash (SHA-256 of the canonical line) tells a
-- re-sent line from another line under a reused key.
CREATE TABLE import_line (
    line_key    VARCHAR(200) NOT NULL PRIMARY KEY,
    line_hash   BYTEA        NOT NULL,
    case_id     VARCHAR(64)  NOT NULL,
    imported_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- Cases an import touched whose automatic steps are not decided yet, with what they wait for as of the
-- last batch committed (also in that batch's transaction). The import decides and deletes them at its
-- end; rows left by an import that died are decided when the command side starts.
CREATE TABLE import_pending_case (
    case_id           VARCHAR(64) NOT NULL PRIMARY KEY,
    correction_due_at TIMESTAMP WITH TIME ZONE,
    rating_due_at     TIMESTAMP WITH TIME ZONE
);
