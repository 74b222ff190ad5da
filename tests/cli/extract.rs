//! `fledger extract`: the estimative sentences of a seed text with their offsets, and extract
//! feeding import with the source archived, every quote then verified and shown in context.

use crate::support::{num, repo_file, Ledger};
use serde_json::Value;

const INOZEMTSEV: &str = "examples/sources/inozemtsev-memri-2022-01-19.txt";

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
