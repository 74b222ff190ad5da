//! `fledger log`: the journal, filtered by question and by forecaster.

use crate::support::Ledger;

#[test]
fn log_filters_by_question_and_forecaster() {
    let ledger = Ledger::seeded();
    let log = ledger.json(&["log", "--json", "--question", "1"]);
    let entries = log.as_array().unwrap();
    assert!(entries
        .iter()
        .any(|e| e["table"] == "questions" && e["row"] == "1"));
    assert!(entries
        .iter()
        .all(|e| e["table"] != "questions" || e["row"] == "1"));
    let by = ledger.json(&["log", "--json", "--by", "ben blogger"]);
    let tables: Vec<&str> = by
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["table"].as_str().unwrap())
        .collect();
    assert!(tables.contains(&"forecasters"), "{tables:?}");
    assert!(tables.contains(&"predictions"), "{tables:?}");
}
