//! `fledger add`: every way of giving a confidence (numbers, phrases, on the chosen scale), new
//! and existing questions and the ids it prints, what it stores, its defaults (the source's
//! author and date, `$FLEDGER_USER`, today), and `--quote` checked against the source's
//! archived text.

use crate::support::*;
use serde_json::json;

// ---- confidence ---------------------------------------------------------------------------

#[test]
fn add_reads_every_numeric_form() {
    let ledger = Ledger::init();
    let forms: &[(&str, f64)] = &[
        ("0.7", 0.7),
        (".7", 0.7),
        ("70%", 0.7),
        ("70 percent", 0.7),
        ("3:1", 0.75),
        ("1 in 4", 0.25),
        ("0", 0.0),
        ("1", 1.0),
        ("100%", 1.0),
        ("12.5%", 0.125),
    ];
    for (i, (form, _)) in forms.iter().enumerate() {
        ledger.ok(&["add", &format!("Question {i}"), "-p", form]);
    }
    let rows = by_statement(&ledger);
    for (i, (form, expected)) in forms.iter().enumerate() {
        let row = &rows[&format!("Question {i}")];
        assert_eq!(
            row["probability"].as_f64(),
            Some(*expected),
            "-p {form:?} should be {expected}: {row}"
        );
        assert!(row["phrase"].is_null(), "a number is not a phrase: {row}");
    }
}

#[test]
fn add_maps_phrases_through_icd_203() {
    let ledger = Ledger::init();
    // ICD 203 ranges, each phrase at the midpoint of its range.
    let phrases: &[(&str, f64)] = &[
        ("remote", 0.03),             // 1-5%
        ("almost no chance", 0.03),   // 1-5%
        ("very unlikely", 0.125),     // 5-20%
        ("highly improbable", 0.125), // 5-20%
        ("unlikely", 0.325),          // 20-45%
        ("roughly even chance", 0.5), // 45-55%
        ("Likely", 0.675),            // 55-80%, any case
        ("probable", 0.675),          // 55-80%
        ("very likely", 0.875),       // 80-95%
        ("almost  certain", 0.97),    // 95-99%, any spacing
        ("nearly certain", 0.97),     // 95-99%
    ];
    for (i, (phrase, _)) in phrases.iter().enumerate() {
        ledger.ok(&["add", &format!("Question {i}"), "-c", phrase]);
    }
    let rows = by_statement(&ledger);
    for (i, (phrase, expected)) in phrases.iter().enumerate() {
        let row = &rows[&format!("Question {i}")];
        assert_eq!(
            row["probability"].as_f64(),
            Some(*expected),
            "-c {phrase:?} should be {expected}: {row}"
        );
        assert_eq!(row["phrase"], *phrase, "the phrase is kept as written");
        let shown = ledger.json(&["show", &row["question_id"].to_string(), "--json"]);
        assert_eq!(shown["predictions"][0]["scale"], "icd203", "{shown}");
    }
}

#[test]
fn a_number_given_as_confidence_is_a_number() {
    let ledger = Ledger::init();
    ledger.ok(&["add", "Q", "-c", "80%"]);
    let rows = by_statement(&ledger);
    assert_eq!(rows["Q"]["probability"].as_f64(), Some(0.8));
    assert!(rows["Q"]["phrase"].is_null());
}

#[test]
fn with_a_number_the_words_are_kept_unmapped() {
    let ledger = Ledger::init();
    ledger.ok(&["add", "Q", "-p", "0.9", "-c", "most probably"]);
    let shown = ledger.json(&["show", "1", "--json"]);
    let prediction = &shown["predictions"][0];
    assert_eq!(prediction["probability"].as_f64(), Some(0.9));
    assert_eq!(prediction["phrase"], "most probably");
    assert!(prediction["scale"].is_null(), "{prediction}");
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

// ---- questions, ids and output ------------------------------------------------------------

#[test]
fn add_prints_the_prediction_id_and_json_ids() {
    let ledger = Ledger::init();
    let first = ledger.run(&["add", "Russia invades Ukraine", "-p", "0.2"]);
    assert_success(&first, &["add"]);
    assert_eq!(stdout(&first), "1\n");
    assert!(
        stderr(&first).contains("new question"),
        "{}",
        stderr(&first)
    );
    let second = ledger.json(&["add", "Other question", "-p", "0.3", "--format", "json"]);
    assert_eq!(second, json!({"question_id": 2, "prediction_id": 2}));
    assert_eq!(
        sorted_keys(&second),
        sorted(&["question_id", "prediction_id"])
    );
    // The same statement, spaced differently, is the same question.
    let third = ledger.json(&["add", "  Russia   invades\tUkraine ", "-p", "0.4", "--json"]);
    assert_eq!(third, json!({"question_id": 1, "prediction_id": 3}));
    assert_eq!(ledger.count("questions"), 2);
    assert_eq!(ledger.count("predictions"), 3);
}

#[test]
fn add_to_an_existing_question_by_id() {
    let ledger = Ledger::init();
    ledger.ok(&[
        "add",
        "Q",
        "-p",
        "0.2",
        "--by",
        "Ana",
        "--resolve-by",
        "2030-01-01",
    ]);
    let added = ledger.json(&[
        "add",
        "--question",
        "1",
        "-p",
        "0.6",
        "--by",
        "Ben",
        "--json",
    ]);
    assert_eq!(added, json!({"question_id": 1, "prediction_id": 2}));
    let shown = ledger.json(&["show", "1", "--json"]);
    let forecasters: Vec<&str> = shown["predictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["forecaster"].as_str().unwrap())
        .collect();
    assert_eq!(forecasters, ["Ana", "Ben"]);
    // A statement given with --question that differs is not used, and the user is told.
    let output = ledger.run(&["add", "Something else", "--question", "1", "-p", "0.5"]);
    assert_success(&output, &["add", "--question"]);
    assert!(stderr(&output).contains("not used"), "{}", stderr(&output));
    assert_eq!(ledger.count("questions"), 1);
    assert_eq!(ledger.count("predictions"), 3);
}

#[test]
fn add_stores_quote_note_deadline_and_tags() {
    let ledger = Ledger::init();
    ledger.ok(&[
        "add",
        "Q",
        "-p",
        "0.2",
        "--quote",
        "remains \"very\" unlikely, because of costs",
        "--note",
        "repeats an earlier forecast",
        "--resolve-by",
        "2022-12-31",
        "--tag",
        "war",
        "--tag",
        "ukraine",
        "--made",
        "2022-01-19",
    ]);
    let shown = ledger.json(&["show", "1", "--json"]);
    assert_eq!(shown["resolve_by"], "2022-12-31");
    let mut tags: Vec<&str> = shown["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    tags.sort();
    assert_eq!(tags, ["ukraine", "war"]);
    let prediction = &shown["predictions"][0];
    assert_eq!(
        prediction["quote"],
        "remains \"very\" unlikely, because of costs"
    );
    assert_eq!(prediction["note"], "repeats an earlier forecast");
    assert_eq!(prediction["made_on"], "2022-01-19");
    assert!(shown["outcome"].is_null());
}

// ---- defaults -----------------------------------------------------------------------------

#[test]
fn the_source_author_and_date_are_the_defaults() {
    let ledger = Ledger::init();
    ledger.ok(&[
        "source",
        "add",
        "Column",
        "--author",
        "Ana Author",
        "--published",
        "2022-01-19",
    ]);
    ledger.ok(&["add", "Q1", "-p", "0.2", "--source", "1"]);
    let row = &by_statement(&ledger)["Q1"];
    assert_eq!(row["forecaster"], "Ana Author");
    assert_eq!(row["made_on"], "2022-01-19");
    assert_eq!(row["source_id"], 1);
    // --by and --made override them.
    ledger.ok(&[
        "add",
        "Q2",
        "-p",
        "0.2",
        "--source",
        "1",
        "--by",
        "Quoted Person",
        "--made",
        "2022-01-20",
    ]);
    let row = &by_statement(&ledger)["Q2"];
    assert_eq!(row["forecaster"], "Quoted Person");
    assert_eq!(row["made_on"], "2022-01-20");
}

#[test]
fn without_an_author_the_forecaster_is_fledger_user() {
    let ledger = Ledger::init();
    ledger.ok(&[
        "source",
        "add",
        "Anonymous editorial",
        "--published",
        "2021-06-01",
    ]);
    ledger.ok(&["add", "Q1", "-p", "0.2", "--source", "1"]);
    ledger.ok(&["add", "Q2", "-p", "0.2"]);
    let rows = by_statement(&ledger);
    assert_eq!(rows["Q1"]["forecaster"], USER);
    assert_eq!(rows["Q1"]["made_on"], "2021-06-01");
    assert_eq!(rows["Q2"]["forecaster"], USER);
    // No source and no --made: made today.
    assert_eq!(
        rows["Q2"]["made_on"],
        today().format("%Y-%m-%d").to_string()
    );
    assert!(rows["Q2"]["source_id"].is_null());
    // Another $FLEDGER_USER is another forecaster.
    ledger
        .cmd()
        .env("FLEDGER_USER", "Someone Else")
        .args(["add", "Q3", "-p", "0.2"])
        .assert()
        .success();
    assert_eq!(by_statement(&ledger)["Q3"]["forecaster"], "Someone Else");
}

// ---- quotes checked against the archived text ---------------------------------------------

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
