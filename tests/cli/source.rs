//! `fledger source add/list/show`: every field, the id it prints, archived text (from a file or
//! stdin) with its SHA-256, and the same text twice being one source.

use crate::support::*;
use serde_json::json;

#[test]
fn source_add_prints_its_id_and_lists_every_field() {
    let ledger = Ledger::init();
    let id = ledger.ok(&[
        "source",
        "add",
        "What To Expect From Russia-U.S. Relations In 2022",
        "--author",
        "Vladislav Inozemtsev",
        "--outlet",
        "MEMRI Daily Brief",
        "--url",
        "https://www.memri.org/reports/what-expect-russia-us-relations-2022",
        "--published",
        "2022-01-19",
    ]);
    assert_eq!(id.trim(), "1");
    let second = ledger.ok(&["source", "add", "Russia-West Negotiations Start"]);
    assert_eq!(second.trim(), "2");
    assert_eq!(
        ledger.json(&["source", "list", "--json"]),
        json!([
            {
                "id": 1,
                "title": "What To Expect From Russia-U.S. Relations In 2022",
                "author": "Vladislav Inozemtsev",
                "outlet": "MEMRI Daily Brief",
                "url": "https://www.memri.org/reports/what-expect-russia-us-relations-2022",
                "published": "2022-01-19",
                "text_sha256": null
            },
            {
                "id": 2,
                "title": "Russia-West Negotiations Start",
                "author": null,
                "outlet": null,
                "url": null,
                "published": null,
                "text_sha256": null
            }
        ])
    );
    let shown = ledger.json(&["source", "show", "1", "--json"]);
    assert_eq!(shown["author"], "Vladislav Inozemtsev");
    assert_eq!(shown["published"], "2022-01-19");
    assert!(shown["text"].is_null());
}

#[test]
fn source_add_archives_a_file_with_its_sha256() {
    let ledger = Ledger::init();
    // SHA-256("abc"), the FIPS 180-2 test vector.
    let path = ledger.write_file("abc.txt", b"abc");
    let id = ledger.ok(&["source", "add", "ABC", "--file", path.to_str().unwrap()]);
    assert_eq!(id.trim(), "1");
    let shown = ledger.json(&["source", "show", "1", "--json"]);
    assert_eq!(
        shown["text_sha256"],
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(shown["text"], "abc");
    let listed = ledger.json(&["source", "list", "--json"]);
    assert_eq!(listed[0]["text_sha256"], shown["text_sha256"]);
    // People read the text below the table.
    let table = ledger.ok(&["source", "show", "1", "--format", "table"]);
    assert!(table.trim_end().ends_with("abc"), "{table}");
}

#[test]
fn source_add_reads_the_text_from_stdin() {
    let ledger = Ledger::init();
    let output = ledger.run_stdin(
        &["source", "add", "Fox", "--file", "-"],
        "The quick brown fox jumps over the lazy dog",
    );
    assert_success(&output, &["source", "add", "--file", "-"]);
    assert_eq!(stdout(&output).trim(), "1");
    let shown = ledger.json(&["source", "show", "1", "--json"]);
    assert_eq!(
        shown["text_sha256"],
        "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
    );
    assert_eq!(shown["text"], "The quick brown fox jumps over the lazy dog");
}

#[test]
fn the_same_text_twice_is_one_source() {
    let ledger = Ledger::init();
    let path = ledger.write_file("abc.txt", b"abc");
    ledger.ok(&["source", "add", "ABC", "--file", path.to_str().unwrap()]);
    let output = ledger.run_stdin(&["source", "add", "ABC again", "--file", "-"], "abc");
    assert_success(&output, &["source", "add"]);
    assert_eq!(stdout(&output).trim(), "1", "the existing source's id");
    assert!(
        stderr(&output).contains("already archived"),
        "{}",
        stderr(&output)
    );
    assert_eq!(ledger.count("sources"), 1);
}

#[test]
fn source_add_json_prints_the_id() {
    let ledger = Ledger::init();
    let added = ledger.json(&["source", "add", "T", "--json"]);
    assert_eq!(added, json!({"source_id": 1}));
}
