//! Sources: the texts predictions come from.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::journal::Appender;
use super::{clean, now_timestamp};
use crate::model::{format_date, reject_nul};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewSource {
    pub title: String,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: i64,
    pub title: String,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub text_sha256: Option<String>,
    #[serde(skip)]
    pub text: Option<String>,
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Added {
    pub id: i64,
    /// The text was already archived: `id` is that source, and nothing was written.
    pub already_archived: bool,
}

/// Adds a source. A text already archived under another source is the same source, so its id
/// is returned instead of a duplicate.
pub fn insert(conn: &Connection, source: &NewSource) -> Result<Added> {
    insert_journaled(conn, &mut Appender::new(conn)?, source, &now_timestamp())
}

/// [`insert`], journaled through the caller's appender.
pub(super) fn insert_journaled(
    conn: &Connection,
    journal: &mut Appender,
    source: &NewSource,
    created_at: &str,
) -> Result<Added> {
    if source.title.trim().is_empty() {
        bail!("the source title is empty");
    }
    reject_nul(&source.title).context("source_title")?;
    let sha = source.text.as_deref().map(sha256_hex);
    if let Some(sha) = &sha {
        let existing: Option<i64> = conn
            .query_row(
                "SELECT id FROM sources WHERE text_sha256 = ?1 ORDER BY id LIMIT 1",
                [sha],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Ok(Added {
                id,
                already_archived: true,
            });
        }
    }
    let title = source.title.trim();
    let author = clean(source.author.as_deref());
    let outlet = clean(source.outlet.as_deref());
    let url = clean(source.url.as_deref());
    let published = source.published.map(format_date);
    conn.prepare_cached(
        "INSERT INTO sources (title, author, outlet, url, published, text, text_sha256, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        title,
        author,
        outlet,
        url,
        published,
        source.text,
        sha,
        created_at,
    ])?;
    let id = conn.last_insert_rowid();
    journal.append(
        "sources",
        &[id],
        &[
            ValueRef::from(title),
            ValueRef::from(author),
            ValueRef::from(outlet),
            ValueRef::from(url),
            ValueRef::from(published.as_deref()),
            ValueRef::from(source.text.as_deref()),
            ValueRef::from(sha.as_deref()),
            ValueRef::from(created_at),
        ],
    )?;
    Ok(Added {
        id,
        already_archived: false,
    })
}

/// Import's notion of identity: the same title and url (both compared exactly, a missing url
/// matching only a missing url).
pub fn find_by_title_url(conn: &Connection, title: &str, url: Option<&str>) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM sources WHERE title = ?1 AND url IS ?2 ORDER BY id LIMIT 1",
        )?
        .query_row(params![title.trim(), clean(url)], |row| row.get(0))
        .optional()?)
}

const COLUMNS: &str = "id, title, author, outlet, url, published, text_sha256, text";

fn from_row(row: &Row) -> rusqlite::Result<Source> {
    Ok(Source {
        id: row.get(0)?,
        title: row.get(1)?,
        author: row.get(2)?,
        outlet: row.get(3)?,
        url: row.get(4)?,
        published: row.get(5)?,
        text_sha256: row.get(6)?,
        text: row.get(7)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Source> {
    let found = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM sources WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?;
    match found {
        Some(source) => Ok(source),
        None => bail!("no source with id {id} (see `fledger source list`)"),
    }
}

pub fn list(conn: &Connection) -> Result<Vec<Source>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM sources ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Ledger;

    #[test]
    fn sha256_matches_the_published_test_vector() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_same_text_is_one_source() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let text = NewSource {
            title: "A".into(),
            text: Some("body".into()),
            ..NewSource::default()
        };
        let (first, second) = ledger
            .write(|tx| {
                Ok((
                    insert(tx, &text)?,
                    insert(
                        tx,
                        &NewSource {
                            title: "B".into(),
                            ..text.clone()
                        },
                    )?,
                ))
            })
            .unwrap();
        assert_eq!(first.id, second.id);
        assert!(!first.already_archived);
        assert!(second.already_archived);
        assert_eq!(list(ledger.conn()).unwrap().len(), 1);
    }

    #[test]
    fn a_missing_source_is_named() {
        let ledger = Ledger::open_in_memory().unwrap();
        let err = get(ledger.conn(), 42).unwrap_err().to_string();
        assert!(err.contains("no source with id 42"), "{err}");
    }
}
