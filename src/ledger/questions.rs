//! Questions: resolvable propositions, their tags and deadlines.

use anyhow::{bail, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::model::{format_date, quoted, reject_nul};
use crate::text::fold_whitespace;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub id: i64,
    pub statement: String,
    pub resolve_by: Option<String>,
    pub tags: Vec<String>,
}

pub fn get(conn: &Connection, id: i64) -> Result<Question> {
    let found = conn
        .prepare_cached("SELECT id, statement, resolve_by FROM questions WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?;
    let Some((id, statement, resolve_by)) = found else {
        bail!("no question with id {id} (see `fledger list`)");
    };
    Ok(Question {
        id,
        statement,
        resolve_by,
        tags: tags(conn, id)?,
    })
}

/// Tags are kept lowercase and without `;`, the separator of the import format.
pub fn normalize_tag(tag: &str) -> Result<String> {
    reject_nul(tag)?;
    let folded = fold_whitespace(tag).to_lowercase();
    if folded.is_empty() {
        bail!("{} is not a tag: it is empty", quoted(tag));
    }
    if folded.contains(';') {
        bail!("{} is not a tag: ';' separates tags", quoted(tag));
    }
    Ok(folded)
}

pub fn tags(conn: &Connection, question_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.name FROM question_tags AS qt JOIN tags AS t ON t.id = qt.tag_id
         WHERE qt.question_id = ?1 ORDER BY t.name",
    )?;
    let names = stmt.query_map([question_id], |row| row.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueQuestion {
    pub question_id: i64,
    pub statement: String,
    pub resolve_by: String,
    pub days_overdue: i64,
    pub predictions: i64,
}

/// Unresolved questions whose resolve-by date is on or before `today`, the oldest first.
pub fn due(conn: &Connection, today: NaiveDate) -> Result<Vec<DueQuestion>> {
    let mut stmt = conn.prepare(
        "SELECT q.id, q.statement, q.resolve_by,
                CAST(julianday(?1) - julianday(q.resolve_by) AS INTEGER),
                (SELECT count(*) FROM predictions WHERE question_id = q.id)
         FROM questions AS q
         WHERE q.resolve_by <= ?1
           AND NOT EXISTS (SELECT 1 FROM resolutions WHERE question_id = q.id)
         ORDER BY q.resolve_by, q.id",
    )?;
    let rows = stmt.query_map([format_date(today)], |row| {
        Ok(DueQuestion {
            question_id: row.get(0)?,
            statement: row.get(1)?,
            resolve_by: row.get(2)?,
            days_overdue: row.get(3)?,
            predictions: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
