//! `fledger due`: unresolved questions past their deadline, oldest first, and "nothing is due"
//! on stderr with empty data. The ledger is `support::due_ledger`, which `list --due` shares.

use crate::support::*;
use serde_json::{json, Value};

#[test]
fn due_lists_unresolved_questions_past_their_deadline_oldest_first() {
    let ledger = due_ledger();
    let due = ledger.json(&["due", "--json"]);
    let rows = due.as_array().unwrap();
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r["question_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [2, 1, 6], "{due}");
    assert_eq!(
        rows[0],
        json!({
            "question_id": 2,
            "statement": "Long overdue",
            "resolve_by": days_ago(400),
            "days_overdue": 400,
            "predictions": 2
        })
    );
    assert_eq!(rows[1]["days_overdue"], 30);
    assert_eq!(rows[1]["predictions"], 1);
    assert_eq!(rows[2]["days_overdue"], 0);
    // Resolving takes a question off the list.
    ledger.ok(&["resolve", "2", "yes", "--on", "2020-06-01"]);
    let ids: Vec<i64> = ledger
        .json(&["due", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["question_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 6]);
}

#[test]
fn nothing_due_is_said_on_stderr_and_the_data_is_empty() {
    let ledger = Ledger::init();
    ledger.ok(&[
        "add",
        "Not yet",
        "-p",
        "0.5",
        "--resolve-by",
        &days_ahead(5),
    ]);
    let output = ledger.run(&["due", "--json"]);
    assert_success(&output, &["due"]);
    assert_eq!(
        serde_json::from_slice::<Value>(&output.stdout).unwrap(),
        json!([])
    );
    assert!(
        stderr(&output).contains("nothing is due"),
        "{}",
        stderr(&output)
    );
    let csv = ledger.ok(&["due", "--format", "csv"]);
    let (header, records) = parse_csv(&csv);
    assert_eq!(
        header,
        [
            "question_id",
            "statement",
            "resolve_by",
            "days_overdue",
            "predictions"
        ]
    );
    assert!(records.is_empty());
}
