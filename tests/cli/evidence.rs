//! Evidence classes and late withdrawals, each attack of issue 13 scripted through the real
//! binary: back-dated and same-day late entries are not registered foresight, imports are
//! journaled with their file's name and SHA-256, and a late withdrawal cannot erase a miss.

use sha2::{Digest, Sha256};

use crate::support::{repo_file, stderr, today, Ledger};

const STATEMENT: &str = "Russia launches a full-scale invasion of Ukraine by 2022-12-31";

/// A question resolved yes on 2022-02-24, with a prediction back-dated to 2022-01-01 typed in
/// now (after the outcome, on the user's word alone): a 99% "forecast" of what is known.
fn back_dated() -> Ledger {
    let ledger = Ledger::init();
    ledger.ok(&["add", STATEMENT, "-p", "30%", "--made", "2022-01-01"]);
    ledger.ok(&["resolve", "1", "yes", "--on", "2022-02-24"]);
    ledger.ok(&[
        "add",
        "--question",
        "1",
        "-p",
        "99%",
        "--made",
        "2022-01-02",
    ]);
    ledger
}

fn class_of(ledger: &Ledger, prediction: u64) -> String {
    let listed = ledger.json(&["list", "--json"]);
    let row = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["prediction_id"] == prediction)
        .unwrap();
    row["evidence_class"].as_str().unwrap().to_string()
}

#[test]
fn a_back_dated_add_on_a_resolved_question_is_claimed_and_not_counted_by_default() {
    let ledger = back_dated();
    assert_eq!(class_of(&ledger, 2), "claimed");
    let score = ledger.json(&["score", "--json"]);
    // Both were typed in after the outcome date: neither is registered.
    assert_eq!(score["evidence"]["registered"], 0);
    assert_eq!(score["evidence"]["claimed"], 2);
    assert_eq!(score["excluded"]["claimed"], 2);
    assert_eq!(score["overall"]["n"], 0);
    let asked = ledger.json(&["score", "--json", "--evidence", "claimed"]);
    assert_eq!(asked["overall"]["n"], 2);
    assert_eq!(asked["excluded"]["claimed"], 0);
    let strict = ledger.json(&["score", "--json", "--evidence", "registered"]);
    assert_eq!(strict["overall"]["n"], 0);
}

#[test]
fn a_same_day_late_entry_is_not_registered() {
    let ledger = Ledger::init();
    let now = today().to_string();
    ledger.ok(&["add", STATEMENT, "-p", "90%"]);
    ledger.ok(&["resolve", "1", "yes", "--on", &now]);
    assert_eq!(class_of(&ledger, 1), "claimed");
}

#[test]
fn a_prediction_added_before_its_question_resolves_is_registered() {
    let ledger = Ledger::init();
    ledger.ok(&["add", STATEMENT, "-p", "30%", "--resolve-by", "2099-12-31"]);
    assert_eq!(class_of(&ledger, 1), "registered");
    let shown = ledger.json(&["show", "1", "--json"]);
    assert!(shown
        .to_string()
        .contains("\"evidence_class\":\"registered\""));
}

#[test]
fn an_import_is_imported_and_its_file_name_and_sha256_are_journaled() {
    let ledger = Ledger::init();
    let csv = format!(
        "statement,probability,made_on,outcome,resolved_on\n{STATEMENT},0.3,2022-01-01,yes,2022-02-24\n"
    );
    let path = ledger.write_file("history.csv", csv.as_bytes());
    ledger.ok(&["import", path.to_str().unwrap()]);
    assert_eq!(class_of(&ledger, 1), "imported");
    let sha: String = Sha256::digest(csv.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let log = ledger.ok(&["log", "--format", "csv"]);
    assert!(log.contains(&sha), "{log}");
    assert!(log.contains("history.csv"), "{log}");
    // Imported counts by default.
    assert_eq!(ledger.json(&["score", "--json"])["overall"]["n"], 1);
    // stdin is named "-" and still hashed.
    let other = csv.replace("2022-12-31", "2023-12-31");
    let out = ledger.run_stdin(&["import", "-"], other.clone());
    assert!(out.status.success(), "{}", stderr(&out));
    let sha: String = Sha256::digest(other.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(ledger.ok(&["log", "--format", "csv"]).contains(&sha));
    ledger.ok(&["verify"]);
}

#[test]
fn a_late_withdrawal_is_refused_without_the_flag_and_writes_nothing() {
    let ledger = back_dated();
    let before = ledger.snapshot();
    let out = ledger.run(&["withdraw", "1", "--reason", "oops"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--after-outcome"), "{}", stderr(&out));
    assert_eq!(ledger.snapshot(), before);
}

#[test]
fn a_late_withdrawal_leaves_the_miss_in_the_brier_score() {
    let ledger = Ledger::init();
    let csv = format!(
        "statement,probability,made_on,outcome,resolved_on\n{STATEMENT},0.1,2022-01-01,yes,2022-02-24\n"
    );
    let path = ledger.write_file("miss.csv", csv.as_bytes());
    ledger.ok(&["import", path.to_str().unwrap()]);
    let before = ledger.json(&["score", "--json"]);
    ledger.ok(&[
        "withdraw",
        "1",
        "--reason",
        "embarrassing",
        "--after-outcome",
    ]);
    let after = ledger.json(&["score", "--json"]);
    assert_eq!(after["overall"]["n"], 1);
    assert_eq!(after["overall"]["brier"], before["overall"]["brier"]);
    assert_eq!(after["withdrawn_after_outcome"], 1);
    assert_eq!(after["excluded"]["withdrawn"], 0);
    let listed = ledger.json(&["list", "--json"]);
    assert_eq!(listed[0]["withdrawn"], "after outcome");
}

#[test]
fn the_report_counts_add_up_to_every_prediction() {
    let ledger = Ledger::init();
    // Imported and scored, imported and ambiguous, then withdrawn, claimed, unresolved.
    let csv = format!(
        "statement,probability,made_on,outcome,resolved_on\n{STATEMENT},0.1,2022-01-01,yes,2022-02-24\nQ two,0.5,2022-01-01,ambiguous,2022-03-01\nQ three,0.5,2022-01-01,,\n"
    );
    let path = ledger.write_file("all.csv", csv.as_bytes());
    ledger.ok(&["import", path.to_str().unwrap()]);
    ledger.ok(&["withdraw", "3", "--reason", "wrong question"]);
    ledger.ok(&[
        "add",
        "--question",
        "1",
        "-p",
        "95%",
        "--made",
        "2022-01-05",
    ]);
    ledger.ok(&["add", "Q four", "-p", "40%"]);
    let html = ledger.ok(&["report", "-o", "-"]);
    assert!(
        html.contains("0 of 1 scored predictions (0%) were registered before their outcome"),
        "{html}"
    );
    assert!(html.contains(
        "Counts: 1 scored + 1 unresolved + 1 ambiguous + 0 annulled + 0 hindsight + 1 claimed + 1 withdrawn = 5 predictions"
    ), "{html}");
    let score = ledger.json(&["score", "--json"]);
    let e = &score["excluded"];
    let sum: u64 = [
        "unresolved",
        "ambiguous",
        "annulled",
        "hindsight",
        "superseded",
        "withdrawn",
        "claimed",
        "other_evidence",
    ]
    .iter()
    .map(|k| e[*k].as_u64().unwrap())
    .sum::<u64>()
        + score["overall"]["n"].as_u64().unwrap();
    assert_eq!(sum, 5);
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_zip_is_hashed_whole_and_a_metaculus_folder_as_its_two_files() {
    let zip = repo_file("tests/fixtures/interop/metaculus-export.zip");
    let ledger = Ledger::init();
    ledger.ok(&["import", zip.to_str().unwrap()]);
    let log = ledger.ok(&["log", "--format", "csv"]);
    assert!(
        log.contains(&sha256_hex(&std::fs::read(&zip).unwrap())),
        "{log}"
    );

    let folder = repo_file("tests/fixtures/interop/metaculus");
    let mut both = std::fs::read(folder.join("question_data.csv")).unwrap();
    both.extend(std::fs::read(folder.join("forecast_data.csv")).unwrap());
    for given in [folder.clone(), folder.join("forecast_data.csv")] {
        let ledger = Ledger::init();
        ledger.ok(&["import", given.to_str().unwrap()]);
        let log = ledger.ok(&["log", "--format", "csv"]);
        // The same digest whichever file of the pair was named: not the header read to tell.
        assert!(
            log.contains(&sha256_hex(&both)),
            "{}: {log}",
            given.display()
        );
    }
}
