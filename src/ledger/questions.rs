//! Questions: resolvable propositions, their tags and deadlines.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{journal, now_timestamp};
use crate::model::{fold_whitespace, format_date, quoted, reject_nul};

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

pub fn find_by_statement(conn: &Connection, statement: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM questions WHERE statement_key = ?1")?
        .query_row([fold_whitespace(statement)], |row| row.get(0))
        .optional()?)
}

pub fn insert(conn: &Connection, statement: &str, resolve_by: Option<NaiveDate>) -> Result<i64> {
    reject_nul(statement).context("statement")?;
    let folded = fold_whitespace(statement);
    if folded.is_empty() {
        bail!("the statement is empty");
    }
    conn.prepare_cached(
        "INSERT INTO questions (statement, statement_key, resolve_by, created_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        statement.trim(),
        folded,
        resolve_by.map(format_date),
        now_timestamp()
    ])?;
    let id = conn.last_insert_rowid();
    journal::append(conn, "questions", &[id])?;
    Ok(id)
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

pub fn add_tags(conn: &Connection, question_id: i64, tags: &[String]) -> Result<()> {
    for tag in tags {
        let name = normalize_tag(tag)?;
        let new_tag = conn
            .prepare_cached("INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")?
            .execute([&name])?;
        let tag_id: i64 = conn
            .prepare_cached("SELECT id FROM tags WHERE name = ?1")?
            .query_row([&name], |row| row.get(0))?;
        if new_tag == 1 {
            journal::append(conn, "tags", &[tag_id])?;
        }
        let new_link = conn
            .prepare_cached(
                "INSERT OR IGNORE INTO question_tags (question_id, tag_id) VALUES (?1, ?2)",
            )?
            .execute(params![question_id, tag_id])?;
        if new_link == 1 {
            journal::append(conn, "question_tags", &[question_id, tag_id])?;
        }
    }
    Ok(())
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
