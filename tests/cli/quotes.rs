//! Verified quotes: a quote on a source with archived text must be in that text; a quote on a
//! source without text is kept, unverified.

use crate::support::{stderr_lines, Ledger};

const TEXT: &str = "The January talks ended.\nThe destabilization of Ukraine would most probably involve the formal recognition of the breakaway “republics” in Donbass.\n";

fn with_archived_source() -> Ledger {
    let ledger = Ledger::init();
    let file = ledger.write_file("analysis.txt", TEXT.as_bytes());
    ledger.ok(&[
        "source",
        "add",
        "Analysis",
        "--author",
        "Vladislav Inozemtsev",
        "--published",
        "2022-01-19",
        "--file",
        file.to_str().unwrap(),
    ]);
    ledger.ok(&[
        "source",
        "add",
        "Unarchived",
        "--url",
        "https://example.org/x",
    ]);
    ledger
}

fn offset_and_quote(ledger: &Ledger) -> Vec<(Option<i64>, Option<String>)> {
    let conn = rusqlite::Connection::open(&ledger.db).unwrap();
    let mut stmt = conn
        .prepare("SELECT quote_offset, quote FROM predictions ORDER BY id")
        .unwrap();
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_quote_in_the_text_is_stored_with_its_character_offset() {
    let ledger = with_archived_source();
    // Straight quotes and a doubled space in the quote; curly quotes in the text.
    ledger.ok(&[
        "add",
        "Russia recognises the DNR and LNR by 2022-12-31",
        "-c",
        "likely",
        "--source",
        "1",
        "--quote",
        "recognition of the  breakaway \"republics\" in Donbass",
    ]);
    let expected = TEXT
        .find("recognition")
        .map(|byte| TEXT[..byte].chars().count() as i64);
    let stored = offset_and_quote(&ledger);
    assert_eq!(stored[0].0, expected);
    let at: String = TEXT
        .chars()
        .skip(stored[0].0.unwrap() as usize)
        .take(11)
        .collect();
    assert_eq!(at, "recognition");
}

#[test]
fn a_quote_missing_from_the_text_is_refused_and_nothing_is_written() {
    let ledger = with_archived_source();
    let before = ledger.snapshot();
    let output = ledger.run(&[
        "add",
        "Russia recognises the DNR and LNR by 2022-12-31",
        "-p",
        "0.7",
        "--source",
        "1",
        "--quote",
        "would certainly involve the formal recognition",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let lines = stderr_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("'would certainly involve the formal recognition' is not in the archived text of source 1"), "{lines:?}");
    assert_eq!(ledger.snapshot(), before);
}

#[test]
fn a_quote_without_archived_text_is_kept_unverified() {
    let ledger = with_archived_source();
    ledger.ok(&[
        "add",
        "X happens by 2023-01-01",
        "-p",
        "0.3",
        "--source",
        "2",
        "--quote",
        "anything at all",
    ]);
    assert_eq!(
        offset_and_quote(&ledger),
        [(None, Some("anything at all".to_string()))]
    );
}
