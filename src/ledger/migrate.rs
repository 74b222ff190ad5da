//! Versioned schema migrations, tracked in `PRAGMA user_version`.

use anyhow::{bail, Context, Result};
use rusqlite::{Connection, TransactionBehavior};

/// Each entry takes the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[include_str!("../../schema.sql")];

pub fn migrate(conn: &mut Connection) -> Result<()> {
    let latest = MIGRATIONS.len() as i64;
    let current = user_version(conn)?;
    if current == latest {
        return Ok(());
    }
    if current > latest {
        bail!("this ledger has schema version {current}, newer than this fledger knows ({latest}): upgrade fledger");
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the write lock.
    let current = user_version(&tx)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)
            .with_context(|| format!("migration to schema version {} failed", index + 1))?;
    }
    tx.pragma_update(None, "user_version", latest)?;
    tx.commit()?;
    Ok(())
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), MIGRATIONS.len() as i64);
    }

    #[test]
    fn a_newer_ledger_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let err = migrate(&mut conn).unwrap_err().to_string();
        assert!(err.contains("schema version 99"), "{err}");
    }
}
