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

/// Withdraws a prediction. Once its question's outcome is recorded a withdrawal could erase
/// a miss, so it is refused unless `after_outcome`; such a late withdrawal is recorded, and
/// the prediction stays scored (the readings tell it from the withdrawal's time).
pub fn insert(
    conn: &Connection,
    prediction_id: i64,
    reason: &str,
    withdrawn_by: &str,
    after_outcome: bool,
) -> Result<i64> {
    let exists: Option<i64> = conn
        .prepare_cached("SELECT id FROM predictions WHERE id = ?1")?
        .query_row([prediction_id], |row| row.get(0))
        .optional()?;
    if exists.is_none() {
        bail!("no prediction with id {prediction_id} (see `fledger list`)");
    }
    let outcome: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT r.outcome, r.resolved_on FROM current_resolutions AS r
               JOIN predictions AS p ON p.question_id = r.question_id WHERE p.id = ?1",
        )?
        .query_row([prediction_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    if let (Some((outcome, resolved_on)), false) = (&outcome, after_outcome) {
        bail!(
            "prediction {prediction_id}'s question already has its outcome recorded ({outcome} on {resolved_on}): a withdrawal now could erase a miss, so it is refused; pass --after-outcome to record it anyway, and the prediction stays in the scores, marked withdrawn after the outcome"
        );
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
