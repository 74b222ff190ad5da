//! Versioned schema, tracked in `PRAGMA user_version`.
//!
//! A new ledger gets schema.sql, the whole current schema, in one step. An existing ledger
//! replays the frozen upgrade files from its version on. A test builds a ledger both ways and
//! checks that they agree, so schema.sql and the upgrades cannot drift apart.

use anyhow::{bail, Context, Result};
use rusqlite::{Connection, TransactionBehavior};

const SCHEMA: &str = include_str!("../../schema.sql");

/// Version 1 as it shipped: the start of every replay of the upgrades.
const INITIAL: &str = include_str!("../../migrations/001-initial.sql");

/// One step up: its SQL, then any work SQL cannot do.
struct Upgrade {
    sql: &'static str,
    then: Option<fn(&Connection) -> Result<()>>,
}

/// `UPGRADES[i]` takes a ledger from version `i + 1` to `i + 2`.
const UPGRADES: &[Upgrade] = &[
    Upgrade {
        sql: include_str!("../../migrations/002-scale-versions-and-quote-offsets.sql"),
        then: None,
    },
    Upgrade {
        sql: include_str!("../../migrations/003-journal-and-withdrawals.sql"),
        // SHA-256 is not an SQL function: the existing rows are journaled from Rust.
        then: Some(super::journal::backfill),
    },
    Upgrade {
        sql: include_str!("../../migrations/004-predictions-made-on-index.sql"),
        then: None,
    },
    Upgrade {
        sql: include_str!("../../migrations/005-imports.sql"),
        then: None,
    },
];

pub const LATEST: i64 = UPGRADES.len() as i64 + 1;

pub fn migrate(conn: &mut Connection) -> Result<()> {
    if !needs_upgrade(conn)? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the write lock.
    match user_version(&tx)? {
        0 => tx
            .execute_batch(SCHEMA)
            .context("cannot create the ledger's tables")?,
        version => {
            let steps = || UPGRADES.iter().enumerate().skip(version as usize - 1);
            let failed = |index: usize| format!("upgrade to schema version {} failed", index + 2);
            for (index, upgrade) in steps() {
                tx.execute_batch(upgrade.sql)
                    .with_context(|| failed(index))?;
            }
            // The Rust steps are today's code, written against today's schema (the journal
            // backfill reads every journaled column, `import_id` of version 5 too), so they run
            // once every table and column exists. What a later upgrade adds is empty or NULL
            // in the rows it finds, and NULL is left out of a journal payload: the entries are
            // those the step would have written at its own version.
            for (index, upgrade) in steps() {
                if let Some(then) = upgrade.then {
                    then(&tx).with_context(|| failed(index))?;
                }
            }
        }
    }
    tx.pragma_update(None, "user_version", LATEST)?;
    tx.commit()?;
    Ok(())
}

pub(super) fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Whether opening this ledger would upgrade it; a ledger newer than this fledger is an error.
pub(super) fn needs_upgrade(conn: &Connection) -> Result<bool> {
    let current = user_version(conn)?;
    if current > LATEST {
        bail!("this ledger has schema version {current}, newer than this fledger knows ({LATEST}): upgrade fledger");
    }
    Ok(current < LATEST)
}

/// Every version's schema as the upgrades build it, read out by `read`: element `v - 1` is
/// what version 1's file and the upgrades up to version `v` leave in an empty database.
pub(super) fn replay<T>(mut read: impl FnMut(&Connection) -> Result<T>) -> Result<Vec<T>> {
    let conn = Connection::open_in_memory()?;
    conn.execute_batch(INITIAL)?;
    let mut versions = vec![read(&conn)?];
    for upgrade in UPGRADES {
        // SQL alone: the Rust steps only journal rows, and this database has none.
        conn.execute_batch(upgrade.sql)?;
        versions.push(read(&conn)?);
    }
    Ok(versions)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table's and view's columns (name, type, not-null, default, key), every index and
    /// trigger name: what two schemas must share to be the same.
    fn shape(conn: &Connection) -> Vec<String> {
        let mut names: Vec<(String, String)> = conn
            .prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        names.sort();
        let mut shape = Vec::new();
        for (kind, name) in names {
            shape.push(format!("{kind} {name}"));
            if kind == "table" || kind == "view" {
                let mut stmt = conn
                    .prepare(&format!("PRAGMA table_xinfo({name})"))
                    .unwrap();
                let columns = stmt
                    .query_map([], |row| {
                        Ok(format!(
                            "  {} {} notnull={} default={:?} pk={}",
                            row.get::<_, String>(1)?,
                            row.get::<_, String>(2)?,
                            row.get::<_, i64>(3)?,
                            row.get::<_, Option<String>>(4)?,
                            row.get::<_, i64>(5)?
                        ))
                    })
                    .unwrap()
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .unwrap();
                shape.extend(columns);
            }
        }
        shape
    }

    #[test]
    fn a_new_ledger_and_an_upgraded_one_have_the_same_schema() {
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh).unwrap();

        let mut upgraded = Connection::open_in_memory().unwrap();
        upgraded.execute_batch(INITIAL).unwrap();
        upgraded.pragma_update(None, "user_version", 1).unwrap();
        migrate(&mut upgraded).unwrap();

        assert_eq!(user_version(&fresh).unwrap(), LATEST);
        assert_eq!(user_version(&upgraded).unwrap(), LATEST);
        assert_eq!(shape(&fresh), shape(&upgraded));
    }

    #[test]
    fn an_upgrade_keeps_the_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(INITIAL).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO forecasters (name, created_at) VALUES ('ana', '2022-01-01T00:00:00Z');
             INSERT INTO questions (statement, statement_key, created_at) VALUES ('Q', 'Q', '2022-01-01T00:00:00Z');
             INSERT INTO predictions (question_id, forecaster_id, probability, made_on, created_at)
             VALUES (1, 1, 0.25, '2022-01-01', '2022-01-01T00:00:00Z');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let (p, version, offset): (f64, Option<String>, Option<i64>) = conn
            .query_row(
                "SELECT probability, scale_version, quote_offset FROM predictions",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .unwrap();
        assert_eq!((p, version, offset), (0.25, None, None));
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST);
    }

    #[test]
    fn a_newer_ledger_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let err = migrate(&mut conn).unwrap_err().to_string();
        assert!(err.contains("schema version 99"), "{err}");
    }
}
