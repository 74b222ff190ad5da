//! Resolutions: what happened. Never edited; a correction is a new row with a reason and the
//! latest row is the one that counts.

use anyhow::{bail, Result};
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use super::journal::Appender;
use super::{clean, now_timestamp, questions};
use crate::model::{format_date, today, Outcome};

#[derive(Debug, Clone, PartialEq)]
pub struct NewResolution {
    pub question_id: i64,
    pub outcome: Outcome,
    pub resolved_on: NaiveDate,
    pub evidence: Option<String>,
    pub resolved_by: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolution {
    pub id: i64,
    pub outcome: Outcome,
    pub resolved_on: String,
    pub evidence: Option<String>,
    pub resolved_by: String,
    pub reason: Option<String>,
    pub created_at: String,
}

/// What a recorded resolution means for the predictions already on the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub resolution_id: i64,
    /// Predictions made after the outcome date; scoring leaves them out as hindsight.
    pub hindsight_predictions: i64,
}

pub fn insert(conn: &Connection, resolution: &NewResolution) -> Result<Recorded> {
    let question_id = resolution.question_id;
    questions::get(conn, question_id)?;
    not_in_future(resolution.resolved_on)?;
    if let Some(previous) = current(conn, question_id)? {
        if clean(resolution.reason.as_deref()).is_none() {
            bail!(
                "question {question_id} is already resolved ({} on {}); to correct it, resolve again with --reason",
                previous.outcome,
                previous.resolved_on
            );
        }
    }
    let resolution_id = write(
        conn,
        &mut Appender::new(conn)?,
        resolution,
        &now_timestamp(),
    )?;
    let hindsight_predictions = conn
        .prepare_cached("SELECT count(*) FROM predictions WHERE question_id = ?1 AND made_on > ?2")?
        .query_row(
            params![question_id, format_date(resolution.resolved_on)],
            |row| row.get(0),
        )?;
    Ok(Recorded {
        resolution_id,
        hindsight_predictions,
    })
}

pub(super) fn not_in_future(resolved_on: NaiveDate) -> Result<()> {
    if resolved_on > today() {
        bail!(
            "'{}' is in the future: a resolution records what already happened",
            format_date(resolved_on)
        );
    }
    Ok(())
}

/// Writes and journals a resolution the caller has checked.
pub(super) fn write(
    conn: &Connection,
    journal: &mut Appender,
    resolution: &NewResolution,
    created_at: &str,
) -> Result<i64> {
    let outcome = resolution.outcome.as_str();
    let resolved_on = format_date(resolution.resolved_on);
    let evidence = clean(resolution.evidence.as_deref());
    let resolved_by = resolution.resolved_by.trim();
    let reason = clean(resolution.reason.as_deref());
    conn.prepare_cached(
        "INSERT INTO resolutions (question_id, outcome, resolved_on, evidence, resolved_by, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        resolution.question_id,
        outcome,
        resolved_on,
        evidence,
        resolved_by,
        reason,
        created_at,
    ])?;
    let id = conn.last_insert_rowid();
    journal.append(
        "resolutions",
        &[id],
        &[
            ValueRef::Integer(resolution.question_id),
            ValueRef::from(outcome),
            ValueRef::from(resolved_on.as_str()),
            ValueRef::from(evidence),
            ValueRef::from(resolved_by),
            ValueRef::from(reason),
            ValueRef::from(created_at),
        ],
    )?;
    Ok(id)
}

const COLUMNS: &str = "id, outcome, resolved_on, evidence, resolved_by, reason, created_at";

fn from_row(row: &Row) -> rusqlite::Result<Resolution> {
    let outcome: String = row.get(1)?;
    Ok(Resolution {
        id: row.get(0)?,
        // The schema's CHECK admits only the four outcomes.
        outcome: outcome.parse().map_err(|e: anyhow::Error| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, e.into())
        })?,
        resolved_on: row.get(2)?,
        evidence: row.get(3)?,
        resolved_by: row.get(4)?,
        reason: row.get(5)?,
        created_at: row.get(6)?,
    })
}

pub fn current(conn: &Connection, question_id: i64) -> Result<Option<Resolution>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM resolutions WHERE question_id = ?1 ORDER BY id DESC LIMIT 1"
        ))?
        .query_row([question_id], from_row)
        .optional()?)
}

/// Every resolution of a question, oldest first.
pub fn history(conn: &Connection, question_id: i64) -> Result<Vec<Resolution>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM resolutions WHERE question_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([question_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
