//! Checking a ledger against its journal: the file and its schema (`schema_check`), the hash chain, every
//! journaled row against the table as it stands, and every row for an entry.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use super::journal::{canonical, chain_hash, key_text, GENESIS, JOURNALED};

/// One thing found wrong, naming the journal entry and the row it concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub kind: &'static str,
    /// The journal entry's sequence number, when the problem is tied to one.
    pub entry: Option<i64>,
    pub table: Option<String>,
    pub row: Option<String>,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub entries: usize,
    /// The last entry's hash: publish it to commit to the ledger as it stands.
    pub head: Option<String>,
    pub problems: Vec<Problem>,
}

/// Verification found the ledger does not match its journal. `main` turns it into exit status 3.
#[derive(Debug)]
pub struct TamperDetected {
    pub problems: usize,
}

impl std::fmt::Display for TamperDetected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the ledger does not match its journal: {} problem{} (listed on stdout)",
            self.problems,
            if self.problems == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for TamperDetected {}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

struct Entry {
    seq: i64,
    table: String,
    key: String,
    payload: String,
    prev_hash: String,
    hash: String,
}

/// With `full`, SQLite's integrity check runs too (see [`super::schema_check::problems`]).
pub fn verify(conn: &Connection, full: bool) -> Result<Report> {
    // One read transaction: in WAL mode every read below then sees the same snapshot, so rows
    // others commit while we check are neither half-seen nor mistaken for tampering.
    let snapshot = conn.unchecked_transaction()?;
    let report = verify_snapshot(&snapshot, full)?;
    snapshot.rollback()?;
    Ok(report)
}

fn verify_snapshot(conn: &Connection, full: bool) -> Result<Report> {
    let mut problems = super::schema_check::problems(conn, full)?;

    let mut stmt = conn.prepare(
        "SELECT seq, table_name, row_key, payload, prev_hash, hash FROM journal ORDER BY seq",
    )?;
    let entries = stmt.query_map([], |row| {
        Ok(Entry {
            seq: row.get(0)?,
            table: row.get(1)?,
            key: row.get(2)?,
            payload: row.get(3)?,
            prev_hash: row.get(4)?,
            hash: row.get(5)?,
        })
    })?;
    let mut expected_prev = GENESIS.to_string();
    let mut count = 0;
    let mut journaled: HashMap<String, i64> = HashMap::new();
    for entry in entries {
        let entry = entry?;
        count += 1;
        let problem = |kind, detail: String| Problem {
            kind,
            entry: Some(entry.seq),
            table: Some(entry.table.clone()),
            row: Some(entry.key.clone()),
            detail,
        };
        if entry.prev_hash != expected_prev {
            problems.push(problem(
                "chain broken",
                "its previous-hash is not the hash of the entry before it: an entry was removed, inserted or rewritten".into(),
            ));
        }
        if chain_hash(&entry.prev_hash, &entry.payload) != entry.hash {
            problems.push(problem(
                "entry altered",
                "its hash does not match its contents: the journal entry was edited".into(),
            ));
        }
        expected_prev = entry.hash.clone();
        let identity = format!("{}\t{}", entry.table, entry.key);
        if let Some(first) = journaled.insert(identity, entry.seq) {
            problems.push(problem(
                "entry repeated",
                format!("the same row was already journaled by entry {first}"),
            ));
        }
        match canonical(conn, &entry.table, &entry.key) {
            Ok(None) => problems.push(problem(
                "row deleted",
                "the row this entry records is gone".into(),
            )),
            Ok(Some(now)) if now != entry.payload => {
                problems.push(problem("row changed", differences(&entry.payload, &now)))
            }
            Ok(Some(_)) => {}
            Err(err) => problems.push(problem("entry unreadable", format!("{err:#}"))),
        }
    }

    for (table, key_columns, _) in JOURNALED {
        let sql = format!(
            "SELECT {keys} FROM {table} ORDER BY {keys}",
            keys = key_columns.join(", ")
        );
        let mut stmt = conn.prepare(&sql)?;
        let keys = stmt.query_map([], |row| {
            (0..key_columns.len())
                .map(|i| row.get::<_, i64>(i))
                .collect::<rusqlite::Result<Vec<i64>>>()
        })?;
        for key in keys {
            let key = key_text(&key?);
            if !journaled.contains_key(&format!("{table}\t{key}")) {
                problems.push(Problem {
                    kind: "row not journaled",
                    entry: None,
                    table: Some((*table).to_string()),
                    row: Some(key),
                    detail: "the row has no journal entry: it was written behind fledger's back"
                        .into(),
                });
            }
        }
    }

    let head = super::journal::head(conn)?.map(|(_, hash)| hash);
    Ok(Report {
        entries: count,
        head,
        problems,
    })
}

/// A value short enough for a one-line report: a rewritten 1 MB quote is named, not printed.
fn shortened(value: &Value) -> String {
    const KEEP: usize = 60;
    let text = value.to_string();
    if text.chars().count() <= KEEP {
        text
    } else {
        format!("{}…", text.chars().take(KEEP).collect::<String>())
    }
}

/// Which fields differ between the journaled and the current form of a row, as
/// `field: journal X, table Y`.
fn differences(journaled: &str, now: &str) -> String {
    let parse = |text: &str| {
        serde_json::from_str::<serde_json::Map<String, Value>>(text).unwrap_or_default()
    };
    let (before, after) = (parse(journaled), parse(now));
    let fields: HashSet<&String> = before.keys().chain(after.keys()).collect();
    let mut changed: Vec<String> = fields
        .into_iter()
        .filter(|field| before.get(*field) != after.get(*field))
        .map(|field| {
            let show = |value: Option<&Value>| value.map_or("(none)".to_string(), shortened);
            format!(
                "{field}: journal {}, table {}",
                show(before.get(field)),
                show(after.get(field))
            )
        })
        .collect();
    changed.sort();
    changed.join("; ")
}
