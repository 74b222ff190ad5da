//! Index upkeep for a bulk import: its tables' secondary indexes dropped and built again in
//! the same transaction.
//!
//! SQLite keeps every index in step row by row, each insert a search down a B-tree in random
//! order; `CREATE INDEX` instead sorts the keys once. On the 1M-row benchmark the row-by-row
//! upkeep of these six indexes cost about half the import (see BENCHMARKS.md). The indexes
//! the import itself reads (statement keys, source identity, a question's resolutions) stay.

use anyhow::{Context, Result};
use rusqlite::Connection;

/// The indexes set aside: only the filters of `list`, `score` and `due`, never read while
/// importing.
const DEFERRED: &[&str] = &[
    "predictions_question",
    "predictions_forecaster",
    "predictions_source",
    "predictions_made_on",
    "questions_resolve_by",
    "question_tags_tag",
];

/// Whether an import of `bytes` is worth deferring for: when it is large, and about as large
/// as the ledger or larger. Rebuilding costs a sort of every row, old and new; upkeep costs a
/// B-tree search per new row, several times a sorted insert's cost, so a small import into a
/// big ledger is better kept row by row.
pub fn worth_deferring(conn: &Connection, bytes: u64) -> Result<bool> {
    // The benchmark's rows average 193 bytes; rows with quotes and notes are longer, which
    // only makes the estimate cautious.
    const BYTES_PER_ROW: u64 = 200;
    const LARGE_IMPORT_ROWS: u64 = 10_000;
    let rows = bytes / BYTES_PER_ROW;
    let ledger_rows: Option<i64> =
        conn.query_row("SELECT max(id) FROM predictions", [], |row| row.get(0))?;
    let ledger_rows = u64::try_from(ledger_rows.unwrap_or(0)).unwrap_or(0);
    Ok(rows >= LARGE_IMPORT_ROWS && rows >= ledger_rows)
}

/// Runs `work` (inside the caller's transaction) with the deferred indexes dropped, then
/// builds them again from the schema's own definitions. If `work` fails, the caller's
/// rollback restores them with everything else.
pub fn deferred<T>(conn: &Connection, work: impl FnOnce() -> Result<T>) -> Result<T> {
    let mut definitions = Vec::new();
    for name in DEFERRED {
        // A ledger whose schema lacks one (an index renamed by a later migration) keeps the
        // others deferred.
        let sql: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
                [name],
                |row| row.get(0),
            )
            .ok();
        if let Some(sql) = sql {
            conn.execute_batch(&format!("DROP INDEX {name}"))?;
            definitions.push((name, sql));
        }
    }
    let value = work()?;
    for (name, sql) in definitions {
        conn.execute_batch(&sql)
            .with_context(|| format!("cannot build the index {name} again"))?;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Ledger;

    fn index_sql(conn: &Connection) -> Vec<(String, String)> {
        conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn the_indexes_are_dropped_during_the_work_and_back_after_it() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let before = index_sql(ledger.conn());
        assert_eq!(before.len(), 9, "{before:?}");
        let during = ledger
            .write(|tx| deferred(tx, || Ok(index_sql(tx))))
            .unwrap();
        // predictions_import stays: an import's rows share one import_id in rowid order, so
        // its upkeep is an append at the end of the B-tree.
        assert_eq!(during.len(), 3, "{during:?}");
        assert_eq!(index_sql(ledger.conn()), before);
    }

    #[test]
    fn only_a_large_import_into_a_smaller_ledger_is_deferred() {
        let ledger = Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        assert!(!worth_deferring(conn, 1_999_999).unwrap());
        assert!(worth_deferring(conn, 2_000_000).unwrap());
        conn.execute_batch(
            "INSERT INTO forecasters (id, name, created_at) VALUES (1, 'A', 't');
             INSERT INTO questions (id, statement, statement_key, created_at) VALUES (1, 'Q', 'q', 't');
             INSERT INTO predictions (id, question_id, forecaster_id, probability, made_on, created_at)
             VALUES (20000, 1, 1, 0.5, '2022-02-24', 't');",
        )
        .unwrap();
        assert!(!worth_deferring(conn, 3_999_999).unwrap());
        assert!(worth_deferring(conn, 4_000_000).unwrap());
    }

    #[test]
    fn failed_work_leaves_the_indexes_as_they_were() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let before = index_sql(ledger.conn());
        let failed: Result<()> = ledger.write(|tx| deferred(tx, || anyhow::bail!("a bad row")));
        assert!(failed.is_err());
        assert_eq!(index_sql(ledger.conn()), before);
    }
}
