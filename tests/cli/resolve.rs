//! `fledger resolve`: the outcome, date, evidence and resolver it records, every outcome word,
//! corrections (which need a reason and keep the history), the hindsight warning, and the
//! prediction's note and quote left as they were.

use crate::support::*;
use serde_json::{json, Value};

#[test]
fn resolve_records_outcome_date_evidence_and_resolver() {
    let ledger = Ledger::init();
    ledger.ok(&["add", "Q", "-p", "0.2", "--made", "2022-01-19"]);
    let output = ledger.run(&[
        "resolve",
        "1",
        "yes",
        "--on",
        "2022-02-24",
        "--evidence",
        "Putin announced a \"special military operation\"",
    ]);
    assert_success(&output, &["resolve"]);
    assert!(
        output.stdout.is_empty(),
        "resolve prints no data by default"
    );
    assert!(
        stderr(&output).contains("resolved yes"),
        "{}",
        stderr(&output)
    );
    let shown = ledger.json(&["show", "1", "--json"]);
    assert_eq!(shown["outcome"], "yes");
    assert_eq!(shown["resolved_on"], "2022-02-24");
    let history = shown["resolutions"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["outcome"], "yes");
    assert_eq!(history[0]["resolved_on"], "2022-02-24");
    assert_eq!(
        history[0]["evidence"],
        "Putin announced a \"special military operation\""
    );
    assert_eq!(history[0]["resolved_by"], USER);
    assert!(history[0]["reason"].is_null());
    let row = &ledger.json(&["list", "--json"])[0];
    assert_eq!(row["outcome"], "yes");
    assert_eq!(row["resolved_on"], "2022-02-24");
}

#[test]
fn resolve_json_and_by() {
    let ledger = Ledger::init();
    ledger.ok(&["add", "Q", "-p", "0.2", "--made", "2022-01-19"]);
    let printed = ledger.json(&[
        "resolve",
        "1",
        "no",
        "--on",
        "2022-03-01",
        "--by",
        "Rita Reviewer",
        "--json",
    ]);
    assert_eq!(printed, json!({"question_id": 1, "resolution_id": 1}));
    let shown = ledger.json(&["show", "1", "--json"]);
    assert_eq!(shown["resolutions"][0]["resolved_by"], "Rita Reviewer");
}

#[test]
fn every_outcome_word_is_accepted_in_any_case() {
    let ledger = Ledger::init();
    let words = ["YES", "No", "ambiguous", "Annulled"];
    for (i, _) in words.iter().enumerate() {
        ledger.ok(&["add", &format!("Q{i}"), "-p", "0.5", "--made", "2022-01-01"]);
    }
    for (i, word) in words.iter().enumerate() {
        ledger.ok(&["resolve", &(i + 1).to_string(), word, "--on", "2022-02-01"]);
    }
    let outcomes: Vec<Value> = ledger
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["outcome"].clone())
        .collect();
    assert_eq!(
        outcomes,
        [
            json!("yes"),
            json!("no"),
            json!("ambiguous"),
            json!("annulled")
        ]
    );
}

#[test]
fn resolve_on_defaults_to_today() {
    let ledger = Ledger::init();
    ledger.ok(&["add", "Q", "-p", "0.2", "--made", "2022-01-19"]);
    ledger.ok(&["resolve", "1", "yes"]);
    let shown = ledger.json(&["show", "1", "--json"]);
    assert_eq!(shown["resolved_on"], today().format("%Y-%m-%d").to_string());
}

#[test]
fn a_correction_needs_a_reason_and_keeps_the_history() {
    let ledger = Ledger::init();
    ledger.ok(&["add", "Q", "-p", "0.2", "--made", "2022-01-19"]);
    ledger.ok(&[
        "resolve",
        "1",
        "no",
        "--on",
        "2022-12-31",
        "--evidence",
        "first look",
    ]);

    let refused = ledger.run(&["resolve", "1", "yes", "--on", "2022-02-24"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("--reason"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(ledger.count("resolutions"), 1);

    ledger.ok(&[
        "resolve",
        "1",
        "yes",
        "--on",
        "2022-02-24",
        "--evidence",
        "the invasion",
        "--reason",
        "the first reviewer missed the invasion",
    ]);
    let shown = ledger.json(&["show", "1", "--json"]);
    // The latest counts...
    assert_eq!(shown["outcome"], "yes");
    assert_eq!(shown["resolved_on"], "2022-02-24");
    // ...and the first is still there, unchanged, oldest first.
    let history = shown["resolutions"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["outcome"], "no");
    assert_eq!(history[0]["resolved_on"], "2022-12-31");
    assert_eq!(history[0]["evidence"], "first look");
    assert!(history[0]["reason"].is_null());
    assert_eq!(history[1]["outcome"], "yes");
    assert_eq!(history[1]["evidence"], "the invasion");
    assert_eq!(
        history[1]["reason"],
        "the first reviewer missed the invasion"
    );
    assert!(history[0]["resolution_id"].as_i64() < history[1]["resolution_id"].as_i64());
    // Lists and exports follow the latest resolution.
    let row = &ledger.json(&["list", "--json"])[0];
    assert_eq!(row["outcome"], "yes");
    assert_eq!(row["resolved_on"], "2022-02-24");
    // A third correction is allowed with a reason too.
    ledger.ok(&[
        "resolve",
        "1",
        "ambiguous",
        "--on",
        "2022-12-31",
        "--reason",
        "disputed",
    ]);
    let shown = ledger.json(&["show", "1", "--json"]);
    assert_eq!(shown["outcome"], "ambiguous");
    assert_eq!(shown["resolutions"].as_array().unwrap().len(), 3);
    // People see the whole history too.
    let text = ledger.ok(&["show", "1", "--format", "table"]);
    assert!(
        text.contains("the first reviewer missed the invasion") && text.contains("disputed"),
        "{text}"
    );
}

#[test]
fn resolving_before_a_prediction_warns_about_hindsight() {
    let ledger = Ledger::init();
    ledger.ok(&["add", "Q", "-p", "0.2", "--made", "2022-03-01"]);
    let output = ledger.run(&["resolve", "1", "yes", "--on", "2022-02-24"]);
    assert_success(&output, &["resolve"]);
    let err = stderr(&output);
    assert!(
        err.contains("hindsight") && err.contains("2022-02-24"),
        "{err}"
    );
}

#[test]
fn resolving_keeps_the_note_and_the_quote() {
    // augur-cli overwrites the note when resolving; fledger must not.
    let ledger = Ledger::init();
    ledger.ok(&[
        "add",
        "Q",
        "-p",
        "0.2",
        "--made",
        "2022-01-19",
        "--note",
        "my note",
        "--quote",
        "the words",
    ]);
    ledger.ok(&[
        "resolve",
        "1",
        "yes",
        "--on",
        "2022-02-24",
        "--evidence",
        "what happened",
    ]);
    ledger.ok(&[
        "resolve",
        "1",
        "no",
        "--on",
        "2022-02-25",
        "--evidence",
        "new evidence",
        "--reason",
        "fix",
    ]);
    let prediction = &ledger.json(&["show", "1", "--json"])["predictions"][0];
    assert_eq!(prediction["note"], "my note");
    assert_eq!(prediction["quote"], "the words");
}
