-- SQLite's own cost of writing fledger's normalised rows, with every id already known: run
-- against the ledger bench/normalise.sql made (target/bench/schema-N.db), in one transaction
-- that is rolled back. Prints the time of each step.
--   sqlite3 target/bench/schema-1000000.db ".read bench/floor.sql"
PRAGMA cache_size = -131072;
CREATE TEMP TABLE known_predictions AS
    SELECT question_id, forecaster_id, source_id, probability, made_on, created_at FROM predictions;
CREATE TEMP TABLE known_questions AS
    SELECT statement, statement_key, resolve_by, created_at FROM questions;
CREATE TEMP TABLE known_links AS SELECT question_id, tag_id FROM question_tags;
CREATE TEMP TABLE known_resolutions AS
    SELECT question_id, outcome, resolved_on, resolved_by, created_at FROM resolutions;
BEGIN IMMEDIATE;
CREATE TABLE floor_questions (
    id INTEGER PRIMARY KEY, statement TEXT NOT NULL, statement_key TEXT NOT NULL UNIQUE,
    resolve_by TEXT, created_at TEXT NOT NULL) STRICT;
CREATE INDEX floor_questions_resolve_by ON floor_questions (resolve_by);
CREATE TABLE floor_predictions AS SELECT * FROM predictions WHERE 0;
CREATE TABLE floor_links (question_id INTEGER NOT NULL, tag_id INTEGER NOT NULL,
    PRIMARY KEY (question_id, tag_id)) STRICT, WITHOUT ROWID;
CREATE TABLE floor_resolutions AS SELECT * FROM resolutions WHERE 0;
CREATE INDEX floor_resolutions_question ON floor_resolutions (question_id, id);
.timer on
-- 1. the questions, with their unique statement key and deadline index
INSERT INTO floor_questions (statement, statement_key, resolve_by, created_at)
    SELECT * FROM known_questions;
-- 2. the predictions, appended to a table without indexes
INSERT INTO floor_predictions (question_id, forecaster_id, source_id, probability, made_on, created_at)
    SELECT * FROM known_predictions;
-- 3. their four indexes, built once afterwards
CREATE INDEX floor_predictions_question ON floor_predictions (question_id);
CREATE INDEX floor_predictions_forecaster ON floor_predictions (forecaster_id);
CREATE INDEX floor_predictions_source ON floor_predictions (source_id);
CREATE INDEX floor_predictions_made_on ON floor_predictions (made_on);
-- 4. the tag links and the resolutions (the tag index, built once, left out)
INSERT INTO floor_links SELECT * FROM known_links;
INSERT INTO floor_resolutions (question_id, outcome, resolved_on, resolved_by, created_at)
    SELECT * FROM known_resolutions;
.timer off
ROLLBACK;
