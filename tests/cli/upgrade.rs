//! Old ledgers open: a ledger file written by fledger's first released schema (version 1,
//! committed as tests/fixtures/ledger-v1.db with its export made by that same binary) is
//! upgraded in place without losing a row; a ledger newer than this binary is refused, and
//! left byte for byte as it was.

use std::path::PathBuf;

use crate::support::{stderr_lines, Ledger};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn copy_of_v1() -> Ledger {
    let ledger = Ledger::new();
    std::fs::copy(fixture("ledger-v1.db"), &ledger.db).unwrap();
    ledger
}

fn user_version(db: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap()
}

#[test]
fn a_version_1_ledger_is_upgraded_without_loss() {
    let ledger = copy_of_v1();
    assert_eq!(user_version(&ledger.db), 1);
    let exported = ledger.ok(&["export", "predictions", "--format", "csv"]);
    let by_v1 = std::fs::read_to_string(fixture("ledger-v1.export.csv")).unwrap();
    assert_eq!(exported, by_v1);
    assert!(user_version(&ledger.db) > 1);

    // The correction the first version recorded is still history, the latest still counts.
    let shown = ledger.json(&["show", "1", "--json"]);
    let outcomes: Vec<&str> = shown["resolutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["yes", "yes"]);
    assert_eq!(
        shown["resolutions"][1]["reason"],
        "re-resolved by the first version to leave a correction in history"
    );
    // And the upgraded ledger takes new writes.
    ledger.ok(&["add", "--question", "19", "-p", "0.4", "--by", "Later"]);
    assert_eq!(
        ledger.json(&["list", "--json"]).as_array().unwrap().len(),
        20
    );
}

#[test]
fn a_ledger_newer_than_this_binary_is_refused_and_left_untouched() {
    let ledger = copy_of_v1();
    {
        let conn = rusqlite::Connection::open(&ledger.db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&ledger.db).unwrap();
    for args in [&["list"][..], &["add", "X", "-p", "0.5"][..]] {
        let output = ledger.run(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let lines = stderr_lines(&output);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].contains("schema version 99, newer than this fledger knows"),
            "{lines:?}"
        );
    }
    assert_eq!(std::fs::read(&ledger.db).unwrap(), before);
}
