//! Withdrawals: a prediction logged by mistake stays in the ledger and the journal, marked
//! withdrawn with a reason, and leaves the scores.

use anyhow::{bail, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{clean, journal, now_timestamp};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Withdrawal {
    pub id: i64,
    pub prediction_id: i64,
    pub reason: String,
    pub withdrawn_by: String,
    pub created_at: String,
}

pub fn insert(
    conn: &Connection,
    prediction_id: i64,
    reason: &str,
    withdrawn_by: &str,
) -> Result<i64> {
    let exists: Option<i64> = conn
        .prepare_cached("SELECT id FROM predictions WHERE id = ?1")?
        .query_row([prediction_id], |row| row.get(0))
        .optional()?;
    if exists.is_none() {
        bail!("no prediction with id {prediction_id} (see `fledger list`)");
    }
    let Some(reason) = clean(Some(reason)) else {
        bail!("invalid --reason: a withdrawal needs a reason");
    };
    if let Some(earlier) = get(conn, prediction_id)? {
        bail!(
            "prediction {prediction_id} was already withdrawn on {} ({})",
            &earlier.created_at[..10],
            earlier.reason
        );
    }
    conn.prepare_cached(
        "INSERT INTO withdrawals (prediction_id, reason, withdrawn_by, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![prediction_id, reason, withdrawn_by.trim(), now_timestamp()])?;
    let id = conn.last_insert_rowid();
    journal::append(conn, "withdrawals", &[id])?;
    Ok(id)
}

pub fn get(conn: &Connection, prediction_id: i64) -> Result<Option<Withdrawal>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, prediction_id, reason, withdrawn_by, created_at FROM withdrawals WHERE prediction_id = ?1",
        )?
        .query_row([prediction_id], |row| {
            Ok(Withdrawal {
                id: row.get(0)?,
                prediction_id: row.get(1)?,
                reason: row.get(2)?,
                withdrawn_by: row.get(3)?,
                created_at: row.get(4)?,
            })
        })
        .optional()?)
}
