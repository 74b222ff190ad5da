//! `fledger extract` on the prose people actually log forecasts from: flat predictions,
//! conditionals and reported past-tense forecasts, in sentences written for these tests.

use crate::support::{num, parse_csv, Ledger};
use serde_json::Value;

fn extract(ledger: &Ledger, text: &str) -> Vec<Value> {
    let file = ledger.write_file("text.txt", text.as_bytes());
    let found = ledger.json(&["extract", file.to_str().unwrap(), "--json"]);
    found.as_array().unwrap().clone()
}

#[test]
fn a_predictions_list_of_flat_will_items_gives_one_candidate_per_item() {
    let ledger = Ledger::new();
    let found = extract(
        &ledger,
        "My predictions for next year\n\nThe harbour tolls will double.\nThe mayor won't run again.\nThe ferry line is going to close.\nThe summit will be held on Monday.\nThis post will explain my method.\n",
    );
    let phrases: Vec<&str> = found
        .iter()
        .map(|c| c["phrase"].as_str().unwrap())
        .collect();
    assert_eq!(phrases, ["will", "won't", "going to"]);
    assert_eq!(num(&found[0], "probability"), 0.9);
    assert_eq!(num(&found[1], "probability"), 0.1);
    assert!(found
        .iter()
        .all(|c| c["implied"] == true && c["conditional"] == false));
}

#[test]
fn conditionals_are_marked_and_the_csv_says_whose_voice_and_how_read() {
    let ledger = Ledger::new();
    let found = extract(
        &ledger,
        "If the dam breaks, the valley would flood.\n\nThe drought was expected to cut the harvest.\n",
    );
    assert_eq!(found.len(), 2);
    assert_eq!(found[0]["conditional"], true);
    assert_eq!(found[1]["phrase"], "expected");
    assert_eq!(found[1]["implied"], false);

    let file = ledger.write_file("flat.txt", b"The harbour tolls will double.\n");
    let csv = ledger.ok(&["extract", file.to_str().unwrap(), "--format", "csv"]);
    let (header, rows) = parse_csv(&csv);
    let note = header.iter().position(|h| h == "note").unwrap();
    assert_eq!(
        rows[0][note],
        "extracted from character 18; in the author's voice; confidence implied (flat assertion), not stated: rewrite the statement as a question that can resolve"
    );
}

#[test]
fn a_scale_file_sets_the_flat_assertion_reading() {
    let ledger = Ledger::new();
    let scale = ledger.write_file(
        "team.csv",
        b"# name: team\nphrase,low,high,point\nlikely,60,85,\nflat assertion,70,90,80\n",
    );
    let file = ledger.write_file("flat.txt", b"The harbour tolls will double.\n");
    let found = ledger.json(&[
        "extract",
        file.to_str().unwrap(),
        "--scale",
        scale.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(num(&found[0], "probability"), 0.8);
    assert_eq!(found[0]["scale"], "team");
}
