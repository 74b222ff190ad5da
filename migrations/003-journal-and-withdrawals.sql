-- Version 2 -> 3: the hash-chained journal of every write (src/ledger/journal.rs documents the
-- canonical form and the chain), and withdrawals of wrongly logged predictions. The upgrade
-- then journals every row already in the ledger (journal::backfill).
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
