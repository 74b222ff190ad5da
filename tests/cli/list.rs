//! `fledger list`: by status (`--open`, `--resolved`, `--due`) and by its filters (tag,
//! forecaster, source, dates), alone and combined. Its formats are in `formats`.

use crate::support::*;

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

// ---- status -------------------------------------------------------------------------------

#[test]
fn list_by_status() {
    let ledger = due_ledger();
    // Predictions: 1 (Q1), 2 and 3 (Q2), 4 (Q3), 5 (Q4 resolved), 6 (Q5), 7 (Q6).
    assert_eq!(listed(&ledger, &[]), [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(listed(&ledger, &["--open"]), [1, 2, 3, 4, 6, 7]);
    assert_eq!(listed(&ledger, &["--resolved"]), [5]);
    assert_eq!(listed(&ledger, &["--due"]), [1, 2, 3, 7]);
}

// ---- filters ------------------------------------------------------------------------------

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
