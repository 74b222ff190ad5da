//! From text to ledger: phrase scales, remapping, extraction, and quotes shown in context.

use std::path::PathBuf;

use crate::support::{assert_close, num, parse_csv, stderr_lines, Ledger};
use serde_json::Value;

fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

const INOZEMTSEV: &str = "examples/sources/inozemtsev-memri-2022-01-19.txt";

#[test]
fn phrases_lists_every_published_scale_with_its_numbers() {
    let ledger = Ledger::new();
    let rows = ledger.json(&["phrases", "--json"]);
    let rows = rows.as_array().unwrap();
    let scales: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["scale"].as_str().unwrap()).collect();
    assert_eq!(
        scales.into_iter().collect::<Vec<_>>(),
        ["icd203", "ipcc", "kent", "mauboussin", "phia"]
    );
    let find = |scale: &str, term: &str| -> f64 {
        let row = rows
            .iter()
            .find(|r| r["scale"] == scale && r["term"] == term)
            .unwrap_or_else(|| panic!("{scale} {term}"));
        num(row, "probability")
    };
    assert_eq!(find("icd203", "very unlikely"), 0.125);
    assert_eq!(find("icd203", "almost certain"), 0.97);
    assert_eq!(find("kent", "probable"), 0.75);
    assert_eq!(find("kent", "almost certain"), 0.93);
    let (header, csv_rows) =
        parse_csv(&ledger.ok(&["phrases", "--scale", "kent", "--format", "csv"]));
    assert_eq!(header[..3], ["scale", "version", "term"]);
    assert_eq!(csv_rows.len(), 7);
    // The survey scale: all 23 phrases, each at the median of the published responses.
    let survey = ledger.json(&["phrases", "--scale", "mauboussin", "--format", "json"]);
    let survey = survey.as_array().unwrap();
    assert_eq!(survey.len(), 23);
    let likely = survey.iter().find(|r| r["term"] == "likely").unwrap();
    assert_eq!(num(likely, "probability"), 0.7);
    assert_eq!(
        (num(likely, "low_percent"), num(likely, "high_percent")),
        (51.0, 85.0)
    );
    assert_eq!(
        likely["version"],
        "HBR 2018 survey medians (amauboussin/probability-survey b9e3822)"
    );
    let custom = ledger.ok(&[
        "phrases",
        "--scale",
        repo_file("scales/example.csv").to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(parse_csv(&custom).1.len() >= 2, "{custom}");
    let refused = ledger.run(&["phrases", "--scale", "astrology"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr_lines(&refused)[0].contains("astrology"));
}

#[test]
fn words_are_read_on_the_chosen_scale_and_the_scale_is_kept() {
    let ledger = Ledger::init();
    ledger.ok(&["add", "A happens", "-c", "probable", "--scale", "kent"]);
    ledger.ok(&["add", "B happens", "-c", "remains very unlikely"]);
    ledger.ok(&["add", "C happens", "-c", "not likely"]);
    let shown = |q: &str| ledger.json(&["show", q, "--json"])["predictions"][0].clone();
    let a = shown("1");
    assert_eq!(num(&a, "probability"), 0.75);
    assert_eq!(a["scale"], "kent");
    assert_eq!(num(&shown("2"), "probability"), 0.125);
    // Negation is read, not ignored: "not likely" is not 67.5%.
    assert!(num(&shown("3"), "probability") < 0.5);
    let conn = rusqlite::Connection::open(&ledger.db).unwrap();
    let version: String = conn
        .query_row(
            "SELECT scale_version FROM predictions WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(version.contains("Kent"), "{version}");
}

#[test]
fn remap_shows_other_readings_and_writes_nothing() {
    let ledger = Ledger::init();
    // "likely" is 0.675 on ICD 203 and 0.75 on Kent's table ("probable", of which it is a synonym).
    ledger.ok(&[
        "add",
        "A happens",
        "-c",
        "likely",
        "--by",
        "Ana",
        "--made",
        "2022-01-01",
    ]);
    ledger.ok(&[
        "add",
        "B happens",
        "-p",
        "0.2",
        "--by",
        "Ana",
        "--made",
        "2022-01-01",
    ]);
    ledger.ok(&["resolve", "1", "yes", "--on", "2022-06-01"]);
    ledger.ok(&["resolve", "2", "no", "--on", "2022-06-01"]);
    let before = ledger.snapshot();
    let remap = ledger.json(&["remap", "--scale", "kent", "--json"]);
    assert_eq!(ledger.snapshot(), before);
    assert_eq!(remap["scale"], "kent");
    // Now: ((1 - 0.675)² + 0.2²) / 2; on Kent: ((1 - 0.75)² + 0.2²) / 2.
    let now = (0.325f64.powi(2) + 0.04) / 2.0;
    let kent = (0.25f64.powi(2) + 0.04) / 2.0;
    assert_close("now", num(&remap["overall"]["now"], "brier"), now, 1e-12);
    assert_close(
        "kent",
        num(&remap["overall"]["remapped"], "brier"),
        kent,
        1e-12,
    );
    let phrases = remap["phrases"].as_array().unwrap();
    assert_eq!(phrases.len(), 1);
    assert_eq!(num(&phrases[0], "probability_kent"), 0.75);
}

#[test]
fn extract_finds_the_seed_texts_estimates_and_feeds_import() {
    let ledger = Ledger::init();
    let text = repo_file(INOZEMTSEV);
    let found = ledger.json(&["extract", text.to_str().unwrap(), "--json"]);
    let found = found.as_array().unwrap();
    let very_unlikely = found
        .iter()
        .find(|c| c["phrase"] == "very unlikely")
        .expect("the 'remains very unlikely' sentence");
    assert_eq!(num(very_unlikely, "probability"), 0.125);
    let body = std::fs::read_to_string(&text).unwrap();
    let offset = very_unlikely["offset"].as_u64().unwrap() as usize;
    let at: String = body.chars().skip(offset).take(20).collect();
    assert_eq!(at, "As I argued in my pr");
    for key in ["sentence", "phrase", "probability", "offset"] {
        assert!(very_unlikely.get(key).is_some(), "{key}");
    }

    // extract → import, with the source archived: every quote is then verified in its text.
    ledger.ok(&[
        "source",
        "add",
        "What To Expect From Russia-U.S. Relations In 2022",
        "--author",
        "Vladislav Inozemtsev",
        "--published",
        "2022-01-19",
        "--file",
        text.to_str().unwrap(),
    ]);
    let csv = ledger.ok(&["extract", "--source", "1", "--format", "csv"]);
    let file = ledger.write_file("candidates.csv", csv.as_bytes());
    ledger.ok(&["import", file.to_str().unwrap()]);
    let listed = ledger.json(&["list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), found.len());
    let conn = rusqlite::Connection::open(&ledger.db).unwrap();
    let unverified: i64 = conn
        .query_row(
            "SELECT count(*) FROM predictions WHERE quote_offset IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unverified, 0);
    let show: Value = ledger.json(&["show", "1", "--json"]);
    let context = show["quotes_in_context"][0]["context"].as_str().unwrap();
    assert!(
        context.starts_with('«') || context.contains('«'),
        "{context}"
    );
}
