-- Version 4 -> 5: the imports that brought predictions in, so an imported prediction's
-- evidence (the file's name and SHA-256) is a journaled row, and predictions.import_id
-- names it. NULL import_id: typed in (`add`), or recorded before version 5.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    rows        INTEGER NOT NULL CHECK (rows >= 0),
    imported_by TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TRIGGER imports_are_history_update BEFORE UPDATE ON imports
BEGIN
    SELECT RAISE(ABORT, 'imports are never edited');
END;

CREATE TRIGGER imports_are_history_delete BEFORE DELETE ON imports
BEGIN
    SELECT RAISE(ABORT, 'imports are never deleted');
END;

-- Deferred: the import's row is written last, once the bytes are hashed and the rows counted.
ALTER TABLE predictions ADD COLUMN import_id INTEGER
    REFERENCES imports (id) DEFERRABLE INITIALLY DEFERRED;

CREATE INDEX predictions_import ON predictions (import_id);
