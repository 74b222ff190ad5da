//! `fledger init` and where the ledger lives (`--db`, `$FLEDGER_DB`, `$XDG_DATA_HOME`, then
//! `~/.local/share`), and how the ledger file is stored: WAL, STRICT tables, dates and
//! timestamps in one form each.

use crate::support::*;
use serde_json::{json, Value};

#[test]
fn init_creates_an_empty_ledger_and_says_where() {
    let ledger = Ledger::new();
    let output = ledger.run(&["init"]);
    assert_success(&output, &["init"]);
    assert!(ledger.db.is_file());
    assert!(output.stdout.is_empty(), "stdout carries data only");
    assert!(stderr(&output).contains("ledger.db"), "{}", stderr(&output));
    let snapshot = ledger.snapshot();
    assert!(
        snapshot.tables.values().all(Vec::is_empty),
        "{:?}",
        snapshot.counts()
    );
    assert_eq!(ledger.json(&["list", "--json"]), json!([]));
}

#[test]
fn init_on_an_existing_ledger_keeps_its_data() {
    let ledger = Ledger::seeded();
    let before = ledger.snapshot();
    ledger.ok(&["init"]);
    assert_eq!(before, ledger.snapshot());
}

#[test]
fn init_creates_missing_folders() {
    let ledger = Ledger::new();
    let nested = ledger.path().join("a").join("b").join("ledger.db");
    fledger_in(ledger.path())
        .args(["--db", nested.to_str().unwrap(), "init"])
        .assert()
        .success();
    assert!(nested.is_file());
}

// ---- where the ledger lives ---------------------------------------------------------------

#[test]
fn fledger_db_names_the_ledger() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("from-env.db");
    fledger_in(home.path())
        .env("FLEDGER_DB", &db)
        .args(["add", "Env question", "-p", "0.4"])
        .assert()
        .success();
    assert!(db.is_file(), "$FLEDGER_DB was not used");
    assert!(
        !home.path().join("xdg-data").exists(),
        "the default location was touched"
    );
    let listed = fledger_in(home.path())
        .env("FLEDGER_DB", &db)
        .args(["list", "--json"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(rows[0]["statement"], "Env question");

    // --db wins over $FLEDGER_DB.
    let other = home.path().join("explicit.db");
    fledger_in(home.path())
        .env("FLEDGER_DB", &db)
        .args([
            "--db",
            other.to_str().unwrap(),
            "add",
            "Explicit question",
            "-p",
            "0.4",
        ])
        .assert()
        .success();
    let explicit = Ledger {
        dir: tempfile::tempdir().unwrap(),
        db: other,
    };
    let rows = explicit.json(&["list", "--json"]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["statement"], "Explicit question");
    let env_ledger = Ledger {
        dir: tempfile::tempdir().unwrap(),
        db,
    };
    assert_eq!(
        env_ledger
            .json(&["list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_default_ledger_is_in_xdg_data_home() {
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().join("data");
    fledger_in(home.path())
        .env("XDG_DATA_HOME", &xdg)
        .args(["add", "XDG question", "-p", "0.4"])
        .assert()
        .success();
    let expected = xdg.join("fledger").join("ledger.db");
    assert!(expected.is_file(), "no ledger at {}", expected.display());
    assert!(!home.path().join(".local").exists());
    let output = fledger_in(home.path())
        .env("XDG_DATA_HOME", &xdg)
        .args(["list", "--json"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows[0]["statement"], "XDG question");
}

#[test]
fn without_xdg_data_home_the_ledger_is_under_home() {
    let home = tempfile::tempdir().unwrap();
    fledger_in(home.path())
        .env_remove("XDG_DATA_HOME")
        .args(["init"])
        .assert()
        .success();
    let expected = home
        .path()
        .join(".local")
        .join("share")
        .join("fledger")
        .join("ledger.db");
    assert!(expected.is_file(), "no ledger at {}", expected.display());
}

// ---- how it is stored ---------------------------------------------------------------------

#[test]
fn storage_follows_the_house_rules() {
    // WAL, STRICT tables, dates as YYYY-MM-DD and timestamps as RFC 3339 UTC.
    let ledger = Ledger::seeded();
    let conn = rusqlite::Connection::open_with_flags(
        &ledger.db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
    for table in TABLES {
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |row| row.get(0),
            )
            .unwrap();
        assert!(sql.contains("STRICT"), "{table} is not STRICT");
    }
    let is_date = |text: &str| {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() && text.len() == 10
    };
    let is_timestamp =
        |text: &str| text.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(text).is_ok();
    for (table, column, check) in [
        ("sources", "published", &is_date as &dyn Fn(&str) -> bool),
        ("questions", "resolve_by", &is_date),
        ("predictions", "made_on", &is_date),
        ("resolutions", "resolved_on", &is_date),
        ("sources", "created_at", &is_timestamp),
        ("forecasters", "created_at", &is_timestamp),
        ("questions", "created_at", &is_timestamp),
        ("predictions", "created_at", &is_timestamp),
        ("resolutions", "created_at", &is_timestamp),
    ] {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {column} FROM {table} WHERE {column} IS NOT NULL"
            ))
            .unwrap();
        let values: Vec<String> = stmt
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(
            !values.is_empty(),
            "{table}.{column} has no values to check"
        );
        for value in values {
            assert!(check(&value), "{table}.{column} = {value:?}");
        }
    }
}
