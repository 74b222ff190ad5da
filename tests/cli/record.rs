//! Recording: `init`, where the ledger lives, `source add/list/show`, and `add` with every
//! way of giving a confidence and every default.

use std::collections::BTreeMap;

use crate::support::*;
use serde_json::{json, Value};

/// `list --json`, keyed by statement.
fn by_statement(ledger: &Ledger) -> BTreeMap<String, Value> {
    ledger
        .json(&["list", "--json"])
        .as_array()
        .expect("list --json is an array")
        .iter()
        .map(|row| (row["statement"].as_str().unwrap().to_string(), row.clone()))
        .collect()
}

// ---- init and the ledger's location -------------------------------------------------------

#[test]
fn init_creates_an_empty_ledger_and_says_where() {
    let ledger = Ledger::new();
    let output = ledger.run(&["init"]);
    assert_success(&output, &["init"]);
    assert!(ledger.db.is_file());
    assert!(output.stdout.is_empty(), "stdout carries data only");
    assert!(stderr(&output).contains("ledger.db"), "{}", stderr(&output));
    let snapshot = ledger.snapshot();
    assert!(
        snapshot.tables.values().all(Vec::is_empty),
        "{:?}",
        snapshot.counts()
    );
    assert_eq!(ledger.json(&["list", "--json"]), json!([]));
}

#[test]
fn init_on_an_existing_ledger_keeps_its_data() {
    let ledger = Ledger::seeded();
    let before = ledger.snapshot();
    ledger.ok(&["init"]);
    assert_eq!(before, ledger.snapshot());
}

#[test]
fn init_creates_missing_folders() {
    let ledger = Ledger::new();
    let nested = ledger.path().join("a").join("b").join("ledger.db");
    fledger_in(ledger.path())
        .args(["--db", nested.to_str().unwrap(), "init"])
        .assert()
        .success();
    assert!(nested.is_file());
}

#[test]
fn fledger_db_names_the_ledger() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("from-env.db");
    fledger_in(home.path())
        .env("FLEDGER_DB", &db)
        .args(["add", "Env question", "-p", "0.4"])
        .assert()
        .success();
    assert!(db.is_file(), "$FLEDGER_DB was not used");
    assert!(
        !home.path().join("xdg-data").exists(),
        "the default location was touched"
    );
    let listed = fledger_in(home.path())
        .env("FLEDGER_DB", &db)
        .args(["list", "--json"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(rows[0]["statement"], "Env question");

    // --db wins over $FLEDGER_DB.
    let other = home.path().join("explicit.db");
    fledger_in(home.path())
        .env("FLEDGER_DB", &db)
        .args([
            "--db",
            other.to_str().unwrap(),
            "add",
            "Explicit question",
            "-p",
            "0.4",
        ])
        .assert()
        .success();
    let explicit = Ledger {
        dir: tempfile::tempdir().unwrap(),
        db: other,
    };
    let rows = explicit.json(&["list", "--json"]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["statement"], "Explicit question");
    let env_ledger = Ledger {
        dir: tempfile::tempdir().unwrap(),
        db,
    };
    assert_eq!(
        env_ledger
            .json(&["list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_default_ledger_is_in_xdg_data_home() {
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().join("data");
    fledger_in(home.path())
        .env("XDG_DATA_HOME", &xdg)
        .args(["add", "XDG question", "-p", "0.4"])
        .assert()
        .success();
    let expected = xdg.join("fledger").join("ledger.db");
    assert!(expected.is_file(), "no ledger at {}", expected.display());
    assert!(!home.path().join(".local").exists());
    let output = fledger_in(home.path())
        .env("XDG_DATA_HOME", &xdg)
        .args(["list", "--json"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows[0]["statement"], "XDG question");
}

#[test]
fn without_xdg_data_home_the_ledger_is_under_home() {
    let home = tempfile::tempdir().unwrap();
    fledger_in(home.path())
        .env_remove("XDG_DATA_HOME")
        .args(["init"])
        .assert()
        .success();
    let expected = home
        .path()
        .join(".local")
        .join("share")
        .join("fledger")
        .join("ledger.db");
    assert!(expected.is_file(), "no ledger at {}", expected.display());
}

// ---- sources ------------------------------------------------------------------------------

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

// ---- add: confidence ----------------------------------------------------------------------

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

// ---- add: questions, ids and output -------------------------------------------------------

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

// ---- add: defaults ------------------------------------------------------------------------

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

#[test]
fn storage_follows_the_house_rules() {
    // WAL, STRICT tables, dates as YYYY-MM-DD and timestamps as RFC 3339 UTC.
    let ledger = Ledger::seeded();
    let conn = rusqlite::Connection::open_with_flags(
        &ledger.db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
    for table in TABLES {
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |row| row.get(0),
            )
            .unwrap();
        assert!(sql.contains("STRICT"), "{table} is not STRICT");
    }
    let is_date = |text: &str| {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() && text.len() == 10
    };
    let is_timestamp =
        |text: &str| text.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(text).is_ok();
    for (table, column, check) in [
        ("sources", "published", &is_date as &dyn Fn(&str) -> bool),
        ("questions", "resolve_by", &is_date),
        ("predictions", "made_on", &is_date),
        ("resolutions", "resolved_on", &is_date),
        ("sources", "created_at", &is_timestamp),
        ("forecasters", "created_at", &is_timestamp),
        ("questions", "created_at", &is_timestamp),
        ("predictions", "created_at", &is_timestamp),
        ("resolutions", "created_at", &is_timestamp),
    ] {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {column} FROM {table} WHERE {column} IS NOT NULL"
            ))
            .unwrap();
        let values: Vec<String> = stmt
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(
            !values.is_empty(),
            "{table}.{column} has no values to check"
        );
        for value in values {
            assert!(check(&value), "{table}.{column} = {value:?}");
        }
    }
}
