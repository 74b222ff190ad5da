//! `-` as a file argument means stdin (for what is read) or stdout (for what is written), for
//! every command that takes a file.

use crate::support::*;

#[test]
fn import_and_extract_and_source_text_read_stdin() {
    let ledger = Ledger::seeded();
    let exported = ledger.ok(&["export", "predictions"]);
    let copy = Ledger::init();
    let output = copy.run_stdin(&["import", "-"], exported.clone());
    assert_success(&output, &["import", "-"]);
    assert_eq!(copy.ok(&["export", "predictions"]), exported);

    let text = "The talks will very likely fail. It rained yesterday.";
    let output = copy.run_stdin(&["extract", "-", "--json"], text);
    assert_success(&output, &["extract", "-"]);
    let candidates: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(candidates.as_array().unwrap().len(), 1, "{candidates}");
    assert_eq!(candidates[0]["phrase"], "very likely");

    let output = copy.run_stdin(
        &["source", "add", "Piped text", "--file", "-", "--json"],
        text,
    );
    assert_success(&output, &["source", "add", "--file", "-"]);
    let id =
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()["source_id"].clone();
    let shown = copy.json(&["source", "show", &id.to_string(), "--json"]);
    assert_eq!(shown["text"], text);
}

#[test]
fn export_report_chart_and_backup_write_stdout() {
    let ledger = Ledger::seeded();
    assert_eq!(
        ledger.ok(&["export", "predictions", "-o", "-"]),
        ledger.ok(&["export", "predictions"])
    );
    let html = ledger.ok(&["report", "-o", "-"]);
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..40.min(html.len())]
    );

    // --chart - makes stdout the SVG alone, with no tables before it.
    let svg = ledger.ok(&["score", "--chart", "-", "--format", "table"]);
    let document = roxmltree::Document::parse(&svg).expect("stdout is one SVG document");
    assert_eq!(document.root_element().tag_name().name(), "svg");

    let output = ledger.run(&["backup", "-"]);
    assert_success(&output, &["backup", "-"]);
    assert!(output.stdout.starts_with(b"SQLite format 3\0"));
    let copy = ledger.write_file("copy.db", &output.stdout);
    let listed = fledger_in(ledger.path())
        .args(["--db", copy.to_str().unwrap(), "export", "predictions"])
        .output()
        .unwrap();
    assert_eq!(stdout(&listed), ledger.ok(&["export", "predictions"]));
}
