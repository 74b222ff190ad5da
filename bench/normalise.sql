-- The nearest equivalent of `fledger import` that the sqlite3 shell can do: the same CSV into
-- fledger's own schema (tables, checks, foreign keys and indexes, schema.sql run first by
-- bench/run.sh), normalised with INSERT ... SELECT. No validation, no journal, no phrase
-- mapping (rows given as a phrase get 0.5). Same page cache as fledger's import, and WAL.
-- bench/run.sh runs: sqlite3 DB ".read schema.sql" ".import --csv FILE raw" ".read bench/normalise.sql"
PRAGMA cache_size = -131072;
BEGIN IMMEDIATE;
INSERT INTO forecasters (name, created_at)
    SELECT DISTINCT forecaster, '2026-01-01T00:00:00Z' FROM raw;
INSERT INTO sources (title, author, outlet, created_at)
    SELECT DISTINCT source_title, source_author, source_outlet, '2026-01-01T00:00:00Z' FROM raw;
INSERT INTO questions (statement, statement_key, resolve_by, created_at)
    SELECT statement, statement, max(resolve_by), '2026-01-01T00:00:00Z'
    FROM raw GROUP BY statement ORDER BY min(rowid);
INSERT INTO tags (name)
    SELECT DISTINCT t.value FROM raw, json_each('["' || replace(raw.tags, ';', '","') || '"]') AS t
    WHERE raw.tags <> '';
INSERT OR IGNORE INTO question_tags (question_id, tag_id)
    SELECT q.id, tg.id FROM raw
    JOIN questions AS q ON q.statement_key = raw.statement,
    json_each('["' || replace(raw.tags, ';', '","') || '"]') AS t
    JOIN tags AS tg ON tg.name = t.value
    WHERE raw.tags <> '';
INSERT INTO predictions (question_id, forecaster_id, source_id, probability, made_on, created_at)
    SELECT q.id, f.id, s.id, coalesce(nullif(raw.probability, ''), 0.5), raw.made_on,
           '2026-01-01T00:00:00Z'
    FROM raw
    JOIN questions AS q ON q.statement_key = raw.statement
    JOIN forecasters AS f ON f.name = raw.forecaster
    JOIN sources AS s ON s.title = raw.source_title AND s.url IS NULL;
INSERT INTO resolutions (question_id, outcome, resolved_on, resolved_by, created_at)
    SELECT q.id, raw.outcome, min(raw.resolved_on), 'bench', '2026-01-01T00:00:00Z'
    FROM raw JOIN questions AS q ON q.statement_key = raw.statement
    WHERE raw.outcome <> '' GROUP BY q.id;
DROP TABLE raw;
COMMIT;
