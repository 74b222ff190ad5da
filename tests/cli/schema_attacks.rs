//! The schema is checked, not trusted: a view, trigger, CHECK or index changed with sqlite3
//! behind fledger's back makes `verify` exit 3 naming it, and a ledger whose version was set
//! back over an edited schema is refused by every command, untouched, rather than upgraded
//! into a fresh, valid journal over the edited rows.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::support::{stderr_lines, stdout, Ledger};

fn sqlite(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(sql).unwrap();
}

fn sha256(path: &Path) -> Vec<u8> {
    Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

fn fixture_v1() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ledger-v1.db")
}

/// `verify` exits 3, and each of `named` is on a line of its report with kind `schema`.
fn assert_verify_names(ledger: &Ledger, named: &[&str]) {
    let output = ledger.run(&["verify", "--json"]);
    assert_eq!(output.status.code(), Some(3), "{}", stdout(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let schema: Vec<String> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "schema")
        .map(|p| p["detail"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(schema.len(), named.len(), "{schema:?}");
    for (detail, name) in schema.iter().zip(named) {
        assert!(detail.contains(name), "{detail} does not name {name}");
    }
}

#[test]
fn a_redefined_view_is_named() {
    let ledger = Ledger::seeded();
    let before = ledger.ok(&["list", "--json"]);
    sqlite(
        &ledger.db,
        "DROP VIEW current_resolutions;
         CREATE VIEW current_resolutions AS
         SELECT r.id, r.question_id,
                CASE r.outcome WHEN 'yes' THEN 'no' WHEN 'no' THEN 'yes' ELSE r.outcome END
                    AS outcome,
                r.resolved_on, r.evidence, r.resolved_by, r.reason, r.created_at
         FROM resolutions AS r
         WHERE r.id = (SELECT max(id) FROM resolutions WHERE question_id = r.question_id);",
    );
    assert_verify_names(
        &ledger,
        &["view current_resolutions differs from the one schema version"],
    );
    // The attack this catches: the view alone flips what the read commands show.
    assert_ne!(ledger.ok(&["list", "--json"]), before);
}

#[test]
fn a_dropped_trigger_is_named() {
    let ledger = Ledger::seeded();
    sqlite(&ledger.db, "DROP TRIGGER predictions_are_history_update;");
    assert_verify_names(
        &ledger,
        &["trigger predictions_are_history_update is missing"],
    );
}

#[test]
fn a_rewritten_check_is_named_by_its_table() {
    let ledger = Ledger::seeded();
    sqlite(
        &ledger.db,
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = replace(sql, 'probability <= 1.0', 'probability <= 9.0')
         WHERE name = 'predictions';
         PRAGMA writable_schema = OFF;",
    );
    assert_verify_names(&ledger, &["table predictions differs"]);
}

#[test]
fn an_added_index_is_named() {
    let ledger = Ledger::seeded();
    sqlite(
        &ledger.db,
        "CREATE INDEX sneaky ON predictions (probability);",
    );
    assert_verify_names(&ledger, &["index sneaky is not part of schema version"]);
}

#[test]
fn untouched_and_upgraded_ledgers_verify_clean() {
    let ledger = Ledger::seeded();
    ledger.ok(&["verify"]);
    ledger.ok(&["verify", "--full"]);

    let upgraded = Ledger::new();
    std::fs::copy(fixture_v1(), &upgraded.db).unwrap();
    upgraded.ok(&["verify", "--full"]);
    let report = upgraded.json(&["verify", "--json"]);
    assert_eq!(report["problems"], serde_json::json!([]));
}

/// The laundering attack of issue 13: edit a probability after dropping the trigger that
/// forbids it, set the version back to 2 and drop the journal. Upgrading would journal the
/// edited row as genuine; instead every command refuses, and the file is left as it was.
#[test]
fn a_version_set_back_over_an_edited_ledger_is_refused_untouched() {
    let ledger = Ledger::seeded();
    sqlite(
        &ledger.db,
        "DROP TRIGGER predictions_are_history_update;
         UPDATE predictions SET probability = 0.99 WHERE id = 1;
         DROP TABLE journal;
         PRAGMA user_version = 2;",
    );
    let before = sha256(&ledger.db);
    for args in [
        &["verify"][..],
        &["list"],
        &["log"],
        &["add", "Laundered", "-p", "0.5"],
        &["init"],
    ] {
        let output = ledger.run(args);
        assert_eq!(output.status.code(), Some(3), "{args:?}");
        let lines = stderr_lines(&output);
        assert_eq!(lines.len(), 1, "{args:?}: {lines:?}");
        assert!(
            lines[0].contains(ledger.db.to_str().unwrap())
                && lines[0].contains("does not match its version 2")
                && lines[0].contains("refusing to upgrade it"),
            "{lines:?}"
        );
        assert_eq!(sha256(&ledger.db), before, "{args:?} changed the file");
    }
    let conn = rusqlite::Connection::open(&ledger.db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, 2);
}
