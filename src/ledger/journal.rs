//! The journal: every row fledger writes is also appended here, hash-chained, in the same
//! transaction, so that any later change made behind fledger's back can be found and named.
//!
//! ## Canonical form of an entry (the `payload`)
//! A JSON object with no whitespace. Its keys, in this order: `"table"` (the table's name),
//! `"key"` (the row's primary key: the `id`, or for `question_tags` the text
//! `"QUESTION_ID,TAG_ID"`), then the row's columns in the order [`JOURNALED`] lists them,
//! each present only when not NULL. Integers are written as JSON integers; reals (only
//! `predictions.probability`) as the shortest decimal that reads back as the same f64 (the
//! `ryu` algorithm: `0.125`, `0.30000000000000004`, `1e-7`); text as JSON strings, escaped as
//! RFC 8259 requires, with non-ASCII characters written as themselves in UTF-8. Dates are the
//! stored text (`YYYY-MM-DD`, timestamps RFC 3339 UTC). A column added to the schema later is
//! NULL in older rows, so it does not change their canonical form.
//!
//! ## The chain
//! `hash = SHA-256(prev_hash || "\n" || payload)`, written as 64 lowercase hex digits, where
//! `prev_hash` is the previous entry's hash and, for the first entry, 64 zeros. The last
//! entry's hash is the chain head: publishing it commits to the whole ledger as it stands.

use std::collections::HashSet;

use anyhow::{bail, Result};
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::model::format_date;

/// The tables fledger journals, their primary key columns and their columns, in canonical
/// order. Append a column at the end of its list when the schema gains one.
pub const JOURNALED: &[(&str, &[&str], &[&str])] = &[
    (
        "sources",
        &["id"],
        &[
            "title",
            "author",
            "outlet",
            "url",
            "published",
            "text",
            "text_sha256",
            "created_at",
        ],
    ),
    ("forecasters", &["id"], &["name", "created_at"]),
    (
        "questions",
        &["id"],
        &["statement", "statement_key", "resolve_by", "created_at"],
    ),
    ("tags", &["id"], &["name"]),
    ("question_tags", &["question_id", "tag_id"], &[]),
    (
        "predictions",
        &["id"],
        &[
            "question_id",
            "forecaster_id",
            "source_id",
            "probability",
            "phrase",
            "scale",
            "made_on",
            "quote",
            "note",
            "created_at",
            "scale_version",
            "quote_offset",
            "import_id",
        ],
    ),
    (
        "resolutions",
        &["id"],
        &[
            "question_id",
            "outcome",
            "resolved_on",
            "evidence",
            "resolved_by",
            "reason",
            "created_at",
        ],
    ),
    (
        "withdrawals",
        &["id"],
        &["prediction_id", "reason", "withdrawn_by", "created_at"],
    ),
    (
        "imports",
        &["id"],
        &["file_name", "sha256", "rows", "imported_by", "created_at"],
    ),
];

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn spec(
    table: &str,
) -> Result<&'static (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
)> {
    match JOURNALED.iter().find(|(name, _, _)| *name == table) {
        Some(spec) => Ok(spec),
        None => bail!("table {table} is not journaled"),
    }
}

pub fn chain_hash(prev_hash: &str, payload: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(payload.as_bytes());
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    hex
}

/// The row's canonical payload as it stands in the table now, or `None` if there is no such row.
pub fn canonical(conn: &Connection, table: &str, key: &str) -> Result<Option<String>> {
    let (name, key_columns, columns) = spec(table)?;
    let key_values: Vec<i64> = key
        .split(',')
        .map(|part| part.parse::<i64>())
        .collect::<Result<_, _>>()
        .map_err(|_| anyhow::anyhow!("journal key {key:?} of {table} is not a row key"))?;
    if key_values.len() != key_columns.len() {
        bail!("journal key {key:?} does not fit the key of {table}");
    }
    let mut stmt = conn.prepare_cached(select_row_sql(table)?)?;
    let row = stmt
        .query_row(rusqlite::params_from_iter(key_values.iter()), |row| {
            let values = (0..columns.len())
                .map(|index| row.get_ref(index))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(payload(name, key, &key_values, columns, &values))
        })
        .optional()?;
    Ok(row)
}

/// The canonical payload of a row from its key and its values in `columns` order.
// Written straight out rather than through a `serde_json::Map`: this runs for every row an
// import writes, and the map's allocations were a tenth of the import's time. Each value goes
// through serde_json, so the text is what `Value::to_string` gave.
fn payload(
    table: &str,
    key: &str,
    key_values: &[i64],
    columns: &[&str],
    values: &[ValueRef],
) -> String {
    let mut payload = Vec::with_capacity(256);
    payload.extend_from_slice(b"{\"table\":");
    write_json(&mut payload, table);
    payload.extend_from_slice(b",\"key\":");
    match key_values {
        [single] => write_json(&mut payload, single),
        _ => write_json(&mut payload, key),
    }
    for (column, value) in columns.iter().zip(values) {
        if *value == ValueRef::Null {
            continue;
        }
        payload.push(b',');
        write_json(&mut payload, column);
        payload.push(b':');
        match *value {
            ValueRef::Null => {}
            ValueRef::Integer(i) => write_json(&mut payload, &i),
            ValueRef::Real(f) => write_json(&mut payload, &f),
            ValueRef::Text(bytes) => write_json(&mut payload, &String::from_utf8_lossy(bytes)),
            ValueRef::Blob(bytes) => write_json(
                &mut payload,
                &bytes.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            ),
        }
    }
    payload.push(b'}');
    // serde_json writes only UTF-8.
    String::from_utf8(payload).unwrap_or_default()
}

fn write_json(out: &mut Vec<u8>, value: &(impl serde::Serialize + ?Sized)) {
    // Writing a string or number into a Vec cannot fail.
    let _ = serde_json::to_writer(out, value);
}

/// `SELECT` of a journaled table's columns by key, built once per table: the SQL text is the
/// statement cache's key, and formatting it for every row cost as much as running it.
fn select_row_sql(table: &str) -> Result<&'static str> {
    static SQL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let all = SQL.get_or_init(|| {
        JOURNALED
            .iter()
            .map(|(name, key_columns, columns)| {
                let select = if columns.is_empty() {
                    "1".to_string()
                } else {
                    columns.join(", ")
                };
                let condition: Vec<String> = key_columns
                    .iter()
                    .enumerate()
                    .map(|(i, column)| format!("{column} = ?{}", i + 1))
                    .collect();
                format!(
                    "SELECT {select} FROM {name} WHERE {}",
                    condition.join(" AND ")
                )
            })
            .collect()
    });
    match JOURNALED.iter().position(|(name, _, _)| *name == table) {
        Some(index) => Ok(&all[index]),
        None => bail!("table {table} is not journaled"),
    }
}

/// The key text of a journal entry for a row.
pub fn key_text(key_values: &[i64]) -> String {
    key_values
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

pub fn head(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")?
        .query_row([], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

/// Appends the entry for a row just written. Call inside the transaction that wrote it.
pub fn append(conn: &Connection, table: &str, key_values: &[i64]) -> Result<()> {
    let key = key_text(key_values);
    let Some(payload) = canonical(conn, table, &key)? else {
        bail!("cannot journal {table} {key}: no such row");
    };
    let prev_hash = head(conn)?.map_or_else(|| GENESIS.to_string(), |(_, hash)| hash);
    insert_entry(
        &mut *conn.prepare_cached(INSERT_ENTRY)?,
        table,
        &key,
        &payload,
        &prev_hash,
    )?;
    Ok(())
}

const INSERT_ENTRY: &str =
    "INSERT INTO journal (table_name, row_key, payload, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5)";

/// Writes one entry after `prev_hash` and returns its hash.
fn insert_entry(
    insert: &mut rusqlite::Statement,
    table: &str,
    key: &str,
    payload: &str,
    prev_hash: &str,
) -> Result<String> {
    let hash = chain_hash(prev_hash, payload);
    insert.execute(params![table, key, payload, prev_hash, hash])?;
    Ok(hash)
}

/// Journals rows from the values just written, keeping the chain head in memory: for a bulk
/// write, which would otherwise read every row and the head back for each entry. Nothing else
/// may write to the journal while it is in use (the caller's write transaction ensures it).
pub struct Appender<'c> {
    prev_hash: String,
    insert: rusqlite::CachedStatement<'c>,
}

impl<'c> Appender<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        Ok(Self {
            prev_hash: head(conn)?.map_or_else(|| GENESIS.to_string(), |(_, hash)| hash),
            insert: conn.prepare_cached(INSERT_ENTRY)?,
        })
    }

    /// `values` are the row's columns in the order [`JOURNALED`] lists them, as stored.
    pub fn append(&mut self, table: &str, key_values: &[i64], values: &[ValueRef]) -> Result<()> {
        let (name, key_columns, columns) = spec(table)?;
        if key_values.len() != key_columns.len() || values.len() != columns.len() {
            bail!("cannot journal {table}: the values do not fit its columns");
        }
        let key = key_text(key_values);
        let payload = payload(name, &key, key_values, columns, values);
        self.prev_hash = insert_entry(&mut self.insert, table, &key, &payload, &self.prev_hash)?;
        Ok(())
    }
}

/// One journal entry with its payload parsed, for reading the history.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub seq: i64,
    pub table: String,
    pub key: String,
    pub payload: serde_json::Map<String, Value>,
    pub hash: String,
}

impl Entry {
    pub fn field_i64(&self, name: &str) -> Option<i64> {
        self.payload.get(name).and_then(Value::as_i64)
    }

    pub fn field_str(&self, name: &str) -> Option<&str> {
        self.payload.get(name).and_then(Value::as_str)
    }

    /// A one-line description of what the entry wrote.
    pub fn summary(&self) -> String {
        summary(self)
    }
}

/// Which entries `fledger log` shows: those about a question or a forecaster, written within
/// a span of days. Every part left `None` lets everything through.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection<'a> {
    pub question: Option<i64>,
    /// A forecaster's name, compared case-insensitively.
    pub forecaster: Option<&'a str>,
    /// Inclusive bounds on the day an entry's row was written.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Selection<'_> {
    /// The entries of `all` this selection keeps, in journal order.
    pub fn select<'e>(&self, all: &'e [Entry]) -> Vec<&'e Entry> {
        let mut keep: Option<HashSet<i64>> = None;
        let mut narrow = |chosen: HashSet<i64>| {
            keep = Some(match keep.take() {
                Some(kept) => kept.intersection(&chosen).copied().collect(),
                None => chosen,
            });
        };
        if let Some(question) = self.question {
            narrow(related(
                all,
                "questions",
                &HashSet::from([question]),
                "question_id",
            ));
        }
        if let Some(name) = self.forecaster {
            let ids: HashSet<i64> = all
                .iter()
                .filter(|e| {
                    e.table == "forecasters"
                        && e.field_str("name")
                            .is_some_and(|n| n.eq_ignore_ascii_case(name.trim()))
                })
                .filter_map(|e| e.key.parse().ok())
                .collect();
            narrow(related(all, "forecasters", &ids, "forecaster_id"));
        }
        let since = self.since.map(format_date);
        let until = self.until.map(format_date);
        all.iter()
            .filter(|entry| keep.as_ref().is_none_or(|kept| kept.contains(&entry.seq)))
            .filter(|entry| {
                let day = entry
                    .field_str("created_at")
                    .map(|w| w.chars().take(10).collect::<String>());
                let outside = |bound: &Option<String>, before: bool| {
                    bound.as_ref().is_some_and(|b| {
                        day.as_ref()
                            .is_none_or(|d| if before { d < b } else { d > b })
                    })
                };
                !outside(&since, true) && !outside(&until, false)
            })
            .collect()
    }
}

/// The entries that concern a question or a forecaster: their own row, the rows that point at
/// it through `pointer`, a question's tag links, and withdrawals of the predictions among them.
fn related(
    all: &[Entry],
    owner_table: &str,
    owner_ids: &HashSet<i64>,
    pointer: &str,
) -> HashSet<i64> {
    let mut chosen = HashSet::new();
    let mut predictions = HashSet::new();
    for entry in all {
        // A tag link's key starts with its question's id.
        let own_key: Option<i64> = entry.key.split(',').next().and_then(|k| k.parse().ok());
        let keyed_by_owner = entry.table == owner_table
            || (owner_table == "questions" && entry.table == "question_tags");
        let is_owner = keyed_by_owner && own_key.is_some_and(|k| owner_ids.contains(&k));
        let points_at_owner = entry
            .field_i64(pointer)
            .is_some_and(|id| owner_ids.contains(&id));
        if is_owner || points_at_owner {
            chosen.insert(entry.seq);
            if entry.table == "predictions" {
                predictions.extend(own_key);
            }
        }
    }
    let withdrawn = all.iter().filter(|entry| {
        entry.table == "withdrawals"
            && entry
                .field_i64("prediction_id")
                .is_some_and(|p| predictions.contains(&p))
    });
    chosen.extend(withdrawn.map(|entry| entry.seq));
    chosen
}

/// A one-line description of what an entry wrote.
fn summary(entry: &Entry) -> String {
    let text = |name| entry.field_str(name).unwrap_or("").to_string();
    let int = |name| {
        entry
            .field_i64(name)
            .map_or("?".to_string(), |v| v.to_string())
    };
    match entry.table.as_str() {
        "sources" => format!("source \"{}\"", text("title")),
        "forecasters" => format!("forecaster {}", text("name")),
        "questions" => format!("question \"{}\"", text("statement")),
        "tags" => format!("tag {}", text("name")),
        "question_tags" => {
            let (question, tag) = entry.key.split_once(',').unwrap_or((&entry.key, "?"));
            format!("question {question} given tag {tag}")
        }
        "predictions" => format!(
            "{} on question {} by forecaster {}",
            entry
                .payload
                .get("probability")
                .map_or("?".to_string(), |p| p.to_string()),
            int("question_id"),
            int("forecaster_id")
        ),
        "resolutions" => format!(
            "question {} resolved {} on {}{}",
            int("question_id"),
            text("outcome"),
            text("resolved_on"),
            entry
                .field_str("reason")
                .map_or(String::new(), |r| format!(" (correction: {r})"))
        ),
        "withdrawals" => format!(
            "prediction {} withdrawn: {}",
            int("prediction_id"),
            text("reason")
        ),
        "imports" => format!(
            "import of {} prediction(s) from \"{}\" (sha256 {})",
            int("rows"),
            text("file_name"),
            text("sha256")
        ),
        other => other.to_string(),
    }
}

/// Every entry, oldest first.
pub fn entries(conn: &Connection) -> Result<Vec<Entry>> {
    let mut stmt =
        conn.prepare("SELECT seq, table_name, row_key, payload, hash FROM journal ORDER BY seq")?;
    let rows = stmt.query_map([], |row| {
        let payload: String = row.get(3)?;
        Ok(Entry {
            seq: row.get(0)?,
            table: row.get(1)?,
            key: row.get(2)?,
            payload: serde_json::from_str(&payload).unwrap_or_default(),
            hash: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Journals every row of a ledger that predates the journal, table by table in key order: the
/// upgrade that introduces the journal vouches for what the ledger held at that moment.
pub fn backfill(conn: &Connection) -> Result<()> {
    for (table, key_columns, _) in JOURNALED {
        let sql = format!(
            "SELECT {keys} FROM {table} ORDER BY {keys}",
            keys = key_columns.join(", ")
        );
        let mut stmt = conn.prepare(&sql)?;
        let keys: Vec<Vec<i64>> = stmt
            .query_map([], |row| {
                (0..key_columns.len()).map(|i| row.get(i)).collect()
            })?
            .collect::<rusqlite::Result<_>>()?;
        for key in keys {
            append(conn, table, &key)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Map;

    /// The canonical form as first written, through a `serde_json::Map`: the oracle the direct
    /// writer must match byte for byte, or every existing journal entry would stop verifying.
    fn canonical_through_map(conn: &Connection, table: &str, key: i64) -> String {
        let (name, _, columns) = spec(table).unwrap();
        let sql = format!("SELECT {} FROM {name} WHERE id = ?1", columns.join(", "));
        conn.query_row(&sql, [key], |row| {
            let mut object = Map::new();
            object.insert("table".into(), Value::from(*name));
            object.insert("key".into(), Value::from(key));
            for (index, column) in columns.iter().enumerate() {
                let value = match row.get_ref(index)? {
                    ValueRef::Null => continue,
                    ValueRef::Integer(i) => Value::from(i),
                    ValueRef::Real(f) => Value::from(f),
                    ValueRef::Text(bytes) => {
                        Value::from(String::from_utf8_lossy(bytes).into_owned())
                    }
                    ValueRef::Blob(_) => unreachable!("no journaled column is a blob"),
                };
                object.insert((*column).to_string(), value);
            }
            Ok(Value::Object(object).to_string())
        })
        .unwrap()
    }

    #[test]
    fn the_canonical_form_is_unchanged_for_every_kind_of_value() {
        let ledger = crate::ledger::Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        let awkward = "«Ça» \"quoted\"\\ back\\slash\ttab\nnewline \u{1}\u{7f} \u{200f}rtl 🎯 end";
        conn.execute(
            "INSERT INTO sources (id, title, author, url, created_at) VALUES (7, ?1, NULL, 'u', 't')",
            [awkward],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO forecasters (id, name, created_at) VALUES (1, 'A', 't');
             INSERT INTO questions (id, statement, statement_key, created_at) VALUES (1, 'Q', 'q', 't');",
        )
        .unwrap();
        for (id, probability) in [
            (1, 0.30000000000000004),
            (2, 1e-7),
            (3, 1.0),
            (4, 0.0),
            (5, 0.125),
        ] {
            conn.execute(
                "INSERT INTO predictions (id, question_id, forecaster_id, source_id, probability, made_on, created_at)
                 VALUES (?1, 1, 1, 7, ?2, '2022-02-24', 't')",
                rusqlite::params![id, probability],
            )
            .unwrap();
        }
        let source = canonical(conn, "sources", "7").unwrap().unwrap();
        assert_eq!(source, canonical_through_map(conn, "sources", 7));
        assert!(source.starts_with(r#"{"table":"sources","key":7,"title":"«Ça» \"quoted\"\\ back"#));
        for id in 1..=5 {
            assert_eq!(
                canonical(conn, "predictions", &id.to_string())
                    .unwrap()
                    .unwrap(),
                canonical_through_map(conn, "predictions", id)
            );
        }
        assert!(canonical(conn, "predictions", "1")
            .unwrap()
            .unwrap()
            .contains(r#""probability":0.30000000000000004,"#));
        assert_eq!(canonical(conn, "predictions", "99").unwrap(), None);
    }

    #[test]
    fn the_chain_hash_is_sha256_of_previous_newline_payload() {
        // printf '%s\n%s' 0000…0000 '{}' | sha256sum
        assert_eq!(
            chain_hash(GENESIS, "{}"),
            "5649d09ed68c17156095d175eef152856c5b1a81c117c409c1e00f096aa6838e"
        );
    }
}
