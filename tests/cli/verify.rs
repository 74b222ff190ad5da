//! `fledger verify`: an untouched ledger verifies and publishes its head; a change made behind
//! fledger's back (a value edited in the sqlite shell, a row deleted or inserted, the journal
//! itself rewritten) is named, with exit status 3.

use crate::support::{stderr_lines, stdout, Ledger};
use serde_json::Value;

fn sql(ledger: &Ledger, statements: &str) {
    let conn = rusqlite::Connection::open(&ledger.db).unwrap();
    conn.execute_batch(statements).unwrap();
}

/// Runs `verify --json`, expecting tampering: exit 3, one line on stderr, the problems listed.
fn problems(ledger: &Ledger) -> Vec<Value> {
    let output = ledger.run(&["verify", "--json"]);
    assert_eq!(
        output.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = stderr_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("does not match its journal"), "{lines:?}");
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    report["problems"].as_array().unwrap().clone()
}

fn kinds(problems: &[Value]) -> Vec<(String, String, String)> {
    problems
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap().to_string(),
                p["table"].as_str().unwrap_or("").to_string(),
                p["row"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn triple(kind: &str, table: &str, row: &str) -> (String, String, String) {
    (kind.into(), table.into(), row.into())
}

#[test]
fn an_untouched_ledger_verifies_and_publishes_its_head() {
    let ledger = Ledger::seeded();
    ledger.ok(&["verify"]);
    let head = ledger.ok(&["verify", "--head"]);
    let (count, hash) = head.trim().split_once(' ').unwrap();
    assert!(count.parse::<u64>().unwrap() > 10);
    assert_eq!(hash.len(), 64);
    // A new write moves the head; the old head is still in the chain.
    ledger.ok(&["add", "Another question", "-p", "0.4"]);
    let later = ledger.ok(&["verify", "--head"]);
    assert_ne!(later, head);
    let log = ledger.json(&["log", "--json"]);
    assert!(log.as_array().unwrap().iter().any(|e| e["hash"] == hash));
}

#[test]
fn a_probability_changed_with_the_sqlite_shell_is_named() {
    let ledger = Ledger::seeded();
    sql(
        &ledger,
        "DROP TRIGGER predictions_are_history_update; UPDATE predictions SET probability = 0.99 WHERE id = 2;",
    );
    let found = problems(&ledger);
    // The dropped trigger is reported too (tests/cli/schema_attacks.rs).
    assert_eq!(
        kinds(&found),
        [
            triple("schema", "predictions", ""),
            triple("row changed", "predictions", "2")
        ]
    );
    let detail = found[1]["detail"].as_str().unwrap();
    assert!(detail.contains("probability: journal"), "{detail}");
    assert!(detail.contains("table 0.99"), "{detail}");
    assert!(found[1]["entry"].as_i64().is_some());
}

#[test]
fn a_deleted_row_and_a_moved_resolution_date_are_named() {
    let ledger = Ledger::seeded();
    sql(
        &ledger,
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER resolutions_are_history_update; DROP TRIGGER resolutions_are_history_delete;
         UPDATE resolutions SET resolved_on = '2021-01-01' WHERE id = 1;
         DELETE FROM resolutions WHERE id = 2;",
    );
    let found = kinds(&problems(&ledger));
    assert!(
        found.contains(&triple("row changed", "resolutions", "1")),
        "{found:?}"
    );
    assert!(
        found.contains(&triple("row deleted", "resolutions", "2")),
        "{found:?}"
    );
    // And the two dropped triggers (tests/cli/schema_attacks.rs).
    let schema = triple("schema", "resolutions", "");
    assert_eq!(
        found.iter().filter(|&k| *k == schema).count(),
        2,
        "{found:?}"
    );
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn a_row_inserted_behind_fledgers_back_is_named() {
    let ledger = Ledger::seeded();
    sql(
        &ledger,
        "INSERT INTO forecasters (name, created_at) VALUES ('Ghost', '2022-01-01T00:00:00Z');",
    );
    let found = kinds(&problems(&ledger));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "row not journaled");
    assert_eq!(found[0].1, "forecasters");
}

#[test]
fn rewriting_the_journal_itself_breaks_the_chain() {
    // Rewrite a prediction and its journal entry consistently, recomputing that entry's hash:
    // the next entry's link to it no longer holds.
    let ledger = Ledger::seeded();
    let conn = rusqlite::Connection::open(&ledger.db).unwrap();
    let (seq, payload, prev): (i64, String, String) = conn
        .query_row(
            "SELECT seq, payload, prev_hash FROM journal WHERE table_name = 'predictions' AND row_key = '1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let forged = payload.replacen("\"probability\":", "\"probability\":0.5,\"was\":", 1);
    let hash = fledger::ledger::journal::chain_hash(&prev, &forged);
    conn.execute_batch("DROP TRIGGER journal_is_history_update;")
        .unwrap();
    conn.execute(
        "UPDATE journal SET payload = ?1, hash = ?2 WHERE seq = ?3",
        rusqlite::params![forged, hash, seq],
    )
    .unwrap();
    drop(conn);
    let found = kinds(&problems(&ledger));
    assert!(
        found.iter().any(|(kind, _, _)| kind == "chain broken"),
        "{found:?}"
    );
    assert!(
        found.contains(&triple("row changed", "predictions", "1")),
        "{found:?}"
    );
}
