-- fledger ledger schema, version 5: the whole current schema.
--
-- A new ledger is made from this file. An older ledger is brought up to date by replaying
-- migrations/NNN-*.sql from its PRAGMA user_version on (src/ledger/migrate.rs); a test checks
-- that both paths give the same tables. Dates are ISO-8601
-- TEXT: `YYYY-MM-DD` for calendar dates (checked by round-tripping through date(), which
-- catches 2022-02-30), RFC 3339 UTC for the moment a row was written.
--
-- Predictions, resolutions, withdrawals and the journal are history: triggers forbid UPDATE
-- and DELETE on them, so a correction can only ever be a new row.

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    author      TEXT,
    outlet      TEXT,
    url         TEXT,
    published   TEXT CHECK (published IS NULL OR date(published) IS published),
    text        TEXT,
    text_sha256 TEXT CHECK (text_sha256 IS NULL OR length(text_sha256) = 64),
    created_at  TEXT NOT NULL,
    CHECK ((text IS NULL) = (text_sha256 IS NULL))
) STRICT;

-- Import treats title + url as a source's identity.
CREATE INDEX sources_title_url ON sources (title, url);

CREATE TABLE forecasters (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE questions (
    id            INTEGER PRIMARY KEY,
    statement     TEXT NOT NULL CHECK (length(trim(statement)) > 0),
    -- The statement with whitespace folded: two spellings of one proposition are one question.
    statement_key TEXT NOT NULL UNIQUE,
    resolve_by    TEXT CHECK (resolve_by IS NULL OR date(resolve_by) IS resolve_by),
    created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX questions_resolve_by ON questions (resolve_by);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0)
) STRICT;

CREATE TABLE question_tags (
    question_id INTEGER NOT NULL REFERENCES questions (id),
    tag_id      INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (question_id, tag_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX question_tags_tag ON question_tags (tag_id, question_id);

-- Each `import`: the file as named, the SHA-256 of the bytes read, how many predictions it
-- brought. Written after its predictions, in the same transaction (hence the deferred key).
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

CREATE TABLE predictions (
    id            INTEGER PRIMARY KEY,
    question_id   INTEGER NOT NULL REFERENCES questions (id),
    forecaster_id INTEGER NOT NULL REFERENCES forecasters (id),
    source_id     INTEGER REFERENCES sources (id),
    probability   REAL NOT NULL CHECK (probability >= 0.0 AND probability <= 1.0),
    -- The estimative words as written ("remains very unlikely"), and the scale that turned
    -- them into `probability`; NULL scale means the number was given, not mapped.
    phrase        TEXT,
    scale         TEXT,
    made_on       TEXT NOT NULL CHECK (date(made_on) IS made_on),
    quote         TEXT,
    note          TEXT,
    created_at    TEXT NOT NULL,
    -- The scale's edition, so a remapping years later knows which table made the number.
    scale_version TEXT,
    -- Character offset of the quote in the source's archived text; NULL = unverified.
    quote_offset  INTEGER CHECK (quote_offset IS NULL OR quote_offset >= 0),
    -- The import that brought it in; NULL: typed in with `add`.
    import_id     INTEGER REFERENCES imports (id) DEFERRABLE INITIALLY DEFERRED,
    CHECK (scale IS NULL OR phrase IS NOT NULL)
) STRICT;

CREATE INDEX predictions_question ON predictions (question_id);
CREATE INDEX predictions_forecaster ON predictions (forecaster_id);
CREATE INDEX predictions_source ON predictions (source_id);
-- `--since` / `--until`.
CREATE INDEX predictions_made_on ON predictions (made_on);
CREATE INDEX predictions_import ON predictions (import_id);

CREATE TABLE resolutions (
    id          INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES questions (id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('yes', 'no', 'ambiguous', 'annulled')),
    resolved_on TEXT NOT NULL CHECK (date(resolved_on) IS resolved_on),
    evidence    TEXT,
    resolved_by TEXT NOT NULL,
    -- Required from the second resolution of a question on: why the record was corrected.
    reason      TEXT,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX resolutions_question ON resolutions (question_id, id);

-- The resolution that counts: the latest row per question.
CREATE VIEW current_resolutions AS
SELECT r.*
FROM resolutions AS r
WHERE r.id = (SELECT max(id) FROM resolutions WHERE question_id = r.question_id);

CREATE TRIGGER predictions_are_history_update BEFORE UPDATE ON predictions
BEGIN
    SELECT RAISE(ABORT, 'predictions are never edited: log a new prediction instead');
END;

CREATE TRIGGER predictions_are_history_delete BEFORE DELETE ON predictions
BEGIN
    SELECT RAISE(ABORT, 'predictions are never deleted');
END;

CREATE TRIGGER resolutions_are_history_update BEFORE UPDATE ON resolutions
BEGIN
    SELECT RAISE(ABORT, 'resolutions are never edited: resolve again with a reason');
END;

CREATE TRIGGER resolutions_are_history_delete BEFORE DELETE ON resolutions
BEGIN
    SELECT RAISE(ABORT, 'resolutions are never deleted');
END;

-- Every row written is also journaled, hash-chained, in the same transaction; the canonical
-- form and the chain are documented in src/ledger/journal.rs.
-- No index beyond seq: verify reads the journal in order and finds a duplicated or missing
-- row key itself, and every index would cost each write.
CREATE TABLE journal (
    seq        INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_key    TEXT NOT NULL,
    payload    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash       TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;

CREATE TRIGGER journal_is_history_update BEFORE UPDATE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the journal is never edited');
END;

CREATE TRIGGER journal_is_history_delete BEFORE DELETE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the journal is never deleted from');
END;

CREATE TABLE withdrawals (
    id            INTEGER PRIMARY KEY,
    prediction_id INTEGER NOT NULL UNIQUE REFERENCES predictions (id),
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    withdrawn_by  TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TRIGGER withdrawals_are_history_update BEFORE UPDATE ON withdrawals
BEGIN
    SELECT RAISE(ABORT, 'withdrawals are never edited');
END;

CREATE TRIGGER withdrawals_are_history_delete BEFORE DELETE ON withdrawals
BEGIN
    SELECT RAISE(ABORT, 'withdrawals are never deleted');
END;
