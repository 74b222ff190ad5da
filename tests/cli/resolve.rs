//! Resolving questions, correcting resolutions, what is due, and the filters of `list`.

use crate::support::*;
use serde_json::{json, Value};

/// Prediction ids of `list --json` with extra arguments.
fn listed(ledger: &Ledger, args: &[&str]) -> Vec<i64> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    ledger
        .json(&all)
        .as_array()
        .expect("an array")
        .iter()
        .map(|row| row["prediction_id"].as_i64().unwrap())
        .collect()
}

fn days_ago(days: i64) -> String {
    (today() - chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

fn days_ahead(days: i64) -> String {
    (today() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

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

// ---- due ----------------------------------------------------------------------------------

fn due_ledger() -> Ledger {
    let ledger = Ledger::init();
    // 1: overdue by 30 days; 2: overdue by 400 days; 3: due in the future;
    // 4: overdue but resolved; 5: no deadline; 6: due today.
    ledger.ok(&[
        "add",
        "Thirty days late",
        "-p",
        "0.5",
        "--made",
        "2020-01-01",
        "--resolve-by",
        &days_ago(30),
    ]);
    ledger.ok(&[
        "add",
        "Long overdue",
        "-p",
        "0.5",
        "--made",
        "2020-01-01",
        "--resolve-by",
        &days_ago(400),
    ]);
    ledger.ok(&[
        "add",
        "Long overdue",
        "-p",
        "0.7",
        "--made",
        "2020-01-02",
        "--by",
        "Other",
    ]);
    ledger.ok(&[
        "add",
        "Not yet",
        "-p",
        "0.5",
        "--made",
        "2020-01-01",
        "--resolve-by",
        &days_ahead(30),
    ]);
    ledger.ok(&[
        "add",
        "Overdue but resolved",
        "-p",
        "0.5",
        "--made",
        "2020-01-01",
        "--resolve-by",
        &days_ago(10),
    ]);
    ledger.ok(&["add", "No deadline", "-p", "0.5", "--made", "2020-01-01"]);
    ledger.ok(&[
        "add",
        "Due today",
        "-p",
        "0.5",
        "--made",
        "2020-01-01",
        "--resolve-by",
        &days_ago(0),
    ]);
    ledger.ok(&["resolve", "4", "no", "--on", "2020-06-01"]);
    ledger
}

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

// ---- list: status ------------------------------------------------------------------------

#[test]
fn list_by_status() {
    let ledger = due_ledger();
    // Predictions: 1 (Q1), 2 and 3 (Q2), 4 (Q3), 5 (Q4 resolved), 6 (Q5), 7 (Q6).
    assert_eq!(listed(&ledger, &[]), [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(listed(&ledger, &["--open"]), [1, 2, 3, 4, 6, 7]);
    assert_eq!(listed(&ledger, &["--resolved"]), [5]);
    assert_eq!(listed(&ledger, &["--due"]), [1, 2, 3, 7]);
}

// ---- list: filters -----------------------------------------------------------------------

fn filter_ledger() -> Ledger {
    let ledger = Ledger::init();
    ledger.ok(&[
        "source",
        "add",
        "Column",
        "--author",
        "Ana",
        "--published",
        "2021-05-01",
    ]);
    ledger.ok(&[
        "source",
        "add",
        "Blog",
        "--author",
        "Ben",
        "--published",
        "2022-05-01",
    ]);
    ledger.ok(&["add", "Q1", "-p", "0.1", "--source", "1", "--tag", "war"]); // 1: Ana 2021-05-01
    ledger.ok(&[
        "add", "Q2", "-p", "0.2", "--source", "2", "--tag", "war", "--tag", "nato",
    ]); // 2: Ben 2022-05-01
    ledger.ok(&[
        "add",
        "Q3",
        "-p",
        "0.3",
        "--by",
        "Ana",
        "--made",
        "2022-12-31",
        "--tag",
        "nato",
    ]); // 3
    ledger.ok(&[
        "add",
        "Q1",
        "-p",
        "0.4",
        "--by",
        "Cy",
        "--made",
        "2023-01-01",
    ]); // 4 (Q1: war)
    ledger.ok(&["resolve", "1", "yes", "--on", "2023-02-01"]);
    ledger
}

#[test]
fn list_filters_by_tag() {
    let ledger = filter_ledger();
    assert_eq!(listed(&ledger, &["--tag", "war"]), [1, 2, 4]);
    assert_eq!(listed(&ledger, &["--tag", "nato"]), [2, 3]);
    assert_eq!(listed(&ledger, &["--tag", "economy"]), Vec::<i64>::new());
}

#[test]
fn list_filters_by_forecaster_ignoring_case() {
    let ledger = filter_ledger();
    assert_eq!(listed(&ledger, &["--by", "Ana"]), [1, 3]);
    assert_eq!(listed(&ledger, &["--by", "ana"]), [1, 3]);
    assert_eq!(listed(&ledger, &["--by", "BEN"]), [2]);
    assert_eq!(listed(&ledger, &["--by", "Nobody"]), Vec::<i64>::new());
}

#[test]
fn list_filters_by_source() {
    let ledger = filter_ledger();
    assert_eq!(listed(&ledger, &["--source", "1"]), [1]);
    assert_eq!(listed(&ledger, &["--source", "2"]), [2]);
}

#[test]
fn list_filters_by_date_inclusively() {
    let ledger = filter_ledger();
    assert_eq!(listed(&ledger, &["--since", "2022-05-01"]), [2, 3, 4]);
    assert_eq!(listed(&ledger, &["--until", "2022-05-01"]), [1, 2]);
    assert_eq!(
        listed(&ledger, &["--since", "2022-01-01", "--until", "2022-12-31"]),
        [2, 3]
    );
}

#[test]
fn list_filters_combine() {
    let ledger = filter_ledger();
    assert_eq!(listed(&ledger, &["--tag", "war", "--resolved"]), [1, 4]);
    assert_eq!(listed(&ledger, &["--tag", "war", "--open"]), [2]);
    assert_eq!(listed(&ledger, &["--by", "ana", "--tag", "nato"]), [3]);
    assert_eq!(
        listed(&ledger, &["--resolved", "--since", "2023-01-01"]),
        [4]
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
