//! The schema a ledger at each version must have, and how a ledger's own schema differs from it.
//!
//! SQLite keeps every table, index, view and trigger as the CREATE statement that made it
//! (`sqlite_master.sql`), and runs what that text says: a view redefined, a trigger dropped, a
//! CHECK rewritten through `PRAGMA writable_schema` all show as a statement that is not the one
//! fledger wrote. The expected statements are not a list kept by hand: they are what replaying
//! migrations/001… up to the version in an empty in-memory database leaves, built once per
//! process, so they cannot drift from the migrations that really ran.
//!
//! Two statements are the same when they are the same tokens: whitespace and SQL comments do
//! not count, nor quotes around a plain name. A new ledger is made from schema.sql in one step,
//! an old one by the upgrades, and SQLite stores each statement as that file spelled it (an
//! `ALTER TABLE … ADD COLUMN` splices the column into the stored CREATE TABLE; a
//! `RENAME TO` rewrites the name in quotes): a unit test checks that both paths give the same
//! tokens, so any difference that remains was made outside fledger.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use anyhow::Result;
use rusqlite::Connection;

use super::migrate::{self, LATEST};
use super::verify::Problem;

/// A table, index, view or trigger, keyed by kind and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    pub kind: String,
    pub name: String,
    /// The table it belongs to: itself for a table or view.
    pub table: String,
    /// Its CREATE statement as tokens (see [`tokens`]).
    sql: String,
}

/// One way a ledger's schema is not its version's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The version has it, the ledger does not.
    Missing(Object),
    /// The ledger has it, the version does not.
    Extra(Object),
    /// Both have it, defined differently (a changed CHECK shows as its table's CREATE).
    Changed(Object),
}

impl Difference {
    pub fn object(&self) -> &Object {
        match self {
            Difference::Missing(object)
            | Difference::Extra(object)
            | Difference::Changed(object) => object,
        }
    }

    /// As `verify` reports it: "trigger predictions_are_history_update is missing".
    pub fn describe(&self, version: i64) -> String {
        let Object { kind, name, .. } = self.object();
        match self {
            Difference::Missing(_) => format!("{kind} {name} is missing"),
            Difference::Extra(_) => {
                format!("{kind} {name} is not part of schema version {version}")
            }
            Difference::Changed(_) => {
                format!("{kind} {name} differs from the one schema version {version} defines")
            }
        }
    }

    /// As the refusal to upgrade says it, after "it has": "table withdrawals, which version 2
    /// does not".
    fn as_found(&self, version: i64) -> String {
        let Object { kind, name, .. } = self.object();
        match self {
            Difference::Missing(_) => format!("no {kind} {name}, which version {version} has"),
            Difference::Extra(_) => format!("{kind} {name}, which version {version} does not"),
            Difference::Changed(_) => {
                format!("a {kind} {name} unlike version {version}'s")
            }
        }
    }
}

/// A ledger fledger refuses to touch because it was changed outside fledger. `main` exits 3 for
/// it, as for a failed `verify`.
#[derive(Debug)]
pub struct ChangedOutsideFledger(pub String);

impl std::fmt::Display for ChangedOutsideFledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ChangedOutsideFledger {}

/// How the ledger's schema differs from the one its `PRAGMA user_version` must have, sorted by
/// kind and name. A version this fledger does not know has no expected schema: an error.
pub fn differences(conn: &Connection, version: i64) -> Result<Vec<Difference>> {
    let expected = expected(version)?;
    let found = objects(conn)?;
    let mut differences = Vec::new();
    for (key, object) in expected {
        match found.get(key) {
            None => differences.push(Difference::Missing(object.clone())),
            Some(actual) if actual != object => {
                differences.push(Difference::Changed(actual.clone()))
            }
            Some(_) => {}
        }
    }
    for (key, object) in &found {
        if !expected.contains_key(key) {
            differences.push(Difference::Extra(object.clone()));
        }
    }
    differences.sort_by(|a, b| {
        let key = |d: &Difference| (d.object().kind.clone(), d.object().name.clone());
        key(a).cmp(&key(b))
    });
    Ok(differences)
}

/// What `verify` finds wrong with the file itself, before the journal: with `full`, what
/// SQLite's integrity check says of every page (it reads the whole file, most of a large
/// ledger's verify, hence only when asked); then each way the schema is not its version's.
pub fn problems(conn: &Connection, full: bool) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    if full {
        let integrity: Vec<String> = conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if integrity != ["ok"] {
            problems.extend(integrity.into_iter().map(|message| Problem {
                kind: "corrupt",
                entry: None,
                table: None,
                row: None,
                detail: format!("SQLite integrity check: {message}"),
            }));
        }
    }
    let version = migrate::user_version(conn)?;
    problems.extend(
        differences(conn, version)?
            .into_iter()
            .map(|difference| Problem {
                kind: "schema",
                entry: None,
                table: Some(difference.object().table.clone()),
                row: None,
                detail: difference.describe(version),
            }),
    );
    Ok(problems)
}

/// Refuses, before anything is written, a ledger that is about to be upgraded but whose schema
/// is not exactly its claimed version's. Upgrading journals every row already there as genuine
/// (version 3's backfill), so a ledger edited with `sqlite3`, its version set back and its
/// journal dropped would otherwise come out of the upgrade with a fresh, valid chain over the
/// edited rows. A ledger at the latest version is not upgraded, and `verify` reports its schema.
pub fn refuse_changed_before_upgrade(conn: &Connection) -> Result<()> {
    // One read transaction: another process upgrading meanwhile cannot make the version and
    // the objects read here disagree.
    let snapshot = conn.unchecked_transaction()?;
    let version = migrate::user_version(&snapshot)?;
    if !(0..LATEST).contains(&version) {
        return Ok(());
    }
    let found = differences(&snapshot, version)?;
    snapshot.commit()?;
    if found.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = found.iter().map(|d| d.as_found(version)).collect();
    Err(ChangedOutsideFledger(format!(
        "this ledger's schema does not match its version {version} (it has {}): it was changed outside fledger; refusing to upgrade it",
        listed.join("; ")
    ))
    .into())
}

type Schema = BTreeMap<(String, String), Object>;

/// The schema of `version`: nothing at all for 0 (a file fledger has not yet set up).
fn expected(version: i64) -> Result<&'static Schema> {
    static VERSIONS: OnceLock<Vec<Schema>> = OnceLock::new();
    static EMPTY: Schema = BTreeMap::new();
    if version == 0 {
        return Ok(&EMPTY);
    }
    let versions = match VERSIONS.get() {
        Some(versions) => versions,
        None => {
            let built = migrate::replay(objects)?;
            VERSIONS.get_or_init(|| built)
        }
    };
    usize::try_from(version - 1)
        .ok()
        .and_then(|index| versions.get(index))
        .ok_or_else(|| anyhow::anyhow!("fledger knows no schema version {version}"))
}

/// The ledger's own objects. SQLite's internal ones (`sqlite_autoindex_…` for UNIQUE and
/// PRIMARY KEY, `sqlite_stat1` after ANALYZE, `sqlite_sequence`) follow from the statements or
/// only steer the query planner, so they are left out.
fn objects(conn: &Connection) -> Result<Schema> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(Object {
            kind: row.get(0)?,
            name: row.get(1)?,
            table: row.get(2)?,
            sql: tokens(&row.get::<_, Option<String>>(3)?.unwrap_or_default()),
        })
    })?;
    let mut schema = Schema::new();
    for object in rows {
        let object = object?;
        schema.insert((object.kind.clone(), object.name.clone()), object);
    }
    Ok(schema)
}

/// A statement as its tokens, one space wherever whitespace or a comment separated two: what
/// SQLite runs, without how the file that made it was laid out. String literals are kept byte
/// for byte; a quoted identifier that is a plain name loses its quotes.
fn tokens(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut gap = false;
    let mut rest = sql;
    while let Some(c) = rest.chars().next() {
        let (token, skipped) = if c.is_whitespace() {
            (None, c.len_utf8())
        } else if rest.starts_with("--") {
            (None, rest.find('\n').map_or(rest.len(), |end| end + 1))
        } else if let Some(comment) = rest.strip_prefix("/*") {
            (None, comment.find("*/").map_or(rest.len(), |end| end + 4))
        } else if c == '\'' {
            let length = quoted_length(rest, '\'');
            (Some(&rest[..length]), length)
        } else if let Some(close) = match c {
            '"' => Some('"'),
            '`' => Some('`'),
            '[' => Some(']'),
            _ => None,
        } {
            let length = quoted_length(rest, close);
            let quoted = &rest[..length];
            let inner = quoted
                .strip_suffix(close)
                .filter(|_| length >= 2)
                .map_or("", |q| &q[1..]);
            let plain = !inner.is_empty()
                && !inner.starts_with(|c: char| c.is_ascii_digit())
                && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            (Some(if plain { inner } else { quoted }), length)
        } else {
            (Some(&rest[..c.len_utf8()]), c.len_utf8())
        };
        match token {
            None => gap = true,
            Some(token) => {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.push_str(token);
            }
        }
        rest = &rest[skipped..];
    }
    out
}

/// The length of the quoted text at the start of `text`, quotes included; a doubled closing
/// quote inside is part of the text (`'it''s'`). An unclosed quote runs to the end.
fn quoted_length(text: &str, close: char) -> usize {
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        if c == close {
            if close != ']' && chars.peek().is_some_and(|&(_, next)| next == close) {
                chars.next();
                continue;
            }
            return at + c.len_utf8();
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new ledger, made from schema.sql as `init` makes one.
    fn latest() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate::migrate(&mut conn).unwrap();
        conn
    }

    #[test]
    fn tokens_drop_layout_and_comments_but_keep_literals() {
        assert_eq!(
            tokens(
                "CREATE TABLE t (\n    a TEXT, -- why\n    /* x */ b TEXT CHECK (b <> '  --  ')\n)"
            ),
            "CREATE TABLE t ( a TEXT, b TEXT CHECK (b <> '  --  ') )"
        );
        assert_eq!(
            tokens("CREATE TABLE \"journal\" (a)"),
            "CREATE TABLE journal (a)"
        );
        assert_eq!(
            tokens("CREATE TABLE \"odd name\" (a)"),
            "CREATE TABLE \"odd name\" (a)"
        );
        assert_eq!(tokens("SELECT 'it''s', [x]"), "SELECT 'it''s', x");
        assert_ne!(tokens("CHECK (a = 'yes')"), tokens("CHECK (a = 'no')"));
    }

    #[test]
    fn a_new_ledger_has_exactly_the_schema_its_upgrades_build() {
        // schema.sql and the migrations spell the same objects with different comments and
        // line breaks; as tokens every statement must agree, or every new ledger would fail.
        let conn = latest();
        assert_eq!(differences(&conn, LATEST).unwrap(), vec![]);
    }

    #[test]
    fn a_ledger_upgraded_from_version_1_has_the_latest_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../../migrations/001-initial.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        assert_eq!(differences(&conn, 1).unwrap(), vec![]);
        migrate::migrate(&mut conn).unwrap();
        assert_eq!(differences(&conn, LATEST).unwrap(), vec![]);
    }

    #[test]
    fn a_renamed_table_is_the_same_table() {
        // A migration that rebuilds a table renames the copy, and SQLite then stores the name
        // in quotes: `CREATE TABLE "tags" (…)`.
        let conn = latest();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             CREATE TABLE tags_new (
                 id   INTEGER PRIMARY KEY,
                 name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0)
             ) STRICT;
             DROP TABLE tags;
             ALTER TABLE tags_new RENAME TO tags;",
        )
        .unwrap();
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'tags'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(sql.contains("\"tags\""), "{sql}");
        assert_eq!(differences(&conn, LATEST).unwrap(), vec![]);
    }

    #[test]
    fn each_change_is_named() {
        let conn = latest();
        conn.execute_batch(
            "DROP TRIGGER predictions_are_history_update;
             DROP VIEW current_resolutions;
             CREATE VIEW current_resolutions AS SELECT * FROM resolutions;
             CREATE INDEX mine ON predictions (note);
             ANALYZE;",
        )
        .unwrap();
        let found: Vec<String> = differences(&conn, LATEST)
            .unwrap()
            .iter()
            .map(|d| d.describe(LATEST))
            .collect();
        assert_eq!(
            found,
            [
                format!("index mine is not part of schema version {LATEST}"),
                "trigger predictions_are_history_update is missing".to_string(),
                format!(
                    "view current_resolutions differs from the one schema version {LATEST} defines"
                ),
            ]
        );
    }

    #[test]
    fn a_rewritten_check_shows_as_its_table() {
        let conn = latest();
        conn.execute_batch(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_master SET sql = replace(sql, 'probability <= 1.0', 'probability <= 9.0')
             WHERE name = 'predictions';
             PRAGMA writable_schema = OFF;",
        )
        .unwrap();
        let found = differences(&conn, LATEST).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(matches!(&found[0], Difference::Changed(o) if o.name == "predictions"));
    }

    #[test]
    fn a_version_set_back_over_a_later_schema_is_refused() {
        let conn = latest();
        conn.pragma_update(None, "user_version", 2).unwrap();
        let err = refuse_changed_before_upgrade(&conn).unwrap_err();
        assert!(err.is::<ChangedOutsideFledger>());
        let message = err.to_string();
        assert!(
            message.starts_with("this ledger's schema does not match its version 2 (it has index predictions_import, which version 2 does not; index predictions_made_on, which version 2 does not; table imports, which version 2 does not; table journal, which version 2 does not;"),
            "{message}"
        );
        assert!(message.ends_with("refusing to upgrade it"), "{message}");
    }

    #[test]
    fn every_version_is_known_and_no_other() {
        let conn = latest();
        for version in 1..=LATEST {
            differences(&conn, version).unwrap();
        }
        assert!(differences(&conn, LATEST + 1).is_err());
        assert!(differences(&conn, -1).is_err());
    }
}
