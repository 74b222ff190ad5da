//! `fledger import`: CSV, JSON and JSON Lines, columns in any order and case, stdin, a
//! spreadsheet's BOM and CRLF, `--dry-run`, defaults from the source, one question per
//! statement, and large imports (indexes set aside and rebuilt, the first bad line reported).
//! Round trips (export, import, export again) are in `export`; rows refused in `bad_input`;
//! other tools' files in `interop`.

use crate::support::*;
use serde_json::{json, Value};

#[test]
fn csv_columns_in_any_order_and_case() {
    let ledger = Ledger::init();
    let output = import_file(
        &ledger,
        "mixed.csv",
        b"Tags,PROBABILITY,resolved_ON,Statement,Outcome,Forecaster,MADE_ON,Source_Title,SOURCE_URL,Resolve_By\n\
          war;ukraine,0.125,2022-02-24,Russia invades Ukraine,YES,Ana,2022-01-19,Relations,https://example.org,2022-12-31\n\
          nato,30%,,Ukraine joins NATO,,Ben,2022-01-10,,,\n",
    );
    assert!(
        stderr(&output).contains("imported 2 predictions"),
        "{}",
        stderr(&output)
    );
    assert!(
        output.stdout.is_empty(),
        "import reports on stderr, not stdout"
    );
    let rows = by_statement(&ledger);
    let invade = &rows["Russia invades Ukraine"];
    assert_eq!(invade["probability"].as_f64(), Some(0.125));
    assert_eq!(invade["forecaster"], "Ana");
    assert_eq!(invade["made_on"], "2022-01-19");
    assert_eq!(invade["resolve_by"], "2022-12-31");
    assert_eq!(invade["outcome"], "yes");
    assert_eq!(invade["resolved_on"], "2022-02-24");
    assert_eq!(invade["tags"], json!(["ukraine", "war"]));
    assert_eq!(invade["source_id"], 1);
    let nato = &rows["Ukraine joins NATO"];
    assert_eq!(nato["probability"].as_f64(), Some(0.3));
    assert!(nato["outcome"].is_null());
    assert!(nato["source_id"].is_null());
    let sources = ledger.json(&["source", "list", "--json"]);
    assert_eq!(sources[0]["title"], "Relations");
    assert_eq!(sources[0]["url"], "https://example.org");
}

#[test]
fn json_import() {
    let ledger = Ledger::init();
    let output = import_file(
        &ledger,
        "rows.json",
        br#"[
  {"statement": "Russia invades Ukraine", "probability": 0.125, "forecaster": "Ana",
   "made_on": "2022-01-19", "outcome": "yes", "resolved_on": "2022-02-24",
   "tags": ["war", "ukraine"], "quote": "remains very unlikely"},
  {"STATEMENT": "Ukraine joins NATO", "Confidence": "very unlikely", "forecaster": "Ben",
   "made_on": "2022-01-10", "tags": "nato;ukraine", "note": null},
  {"statement": "Talks continue", "probability": "1 in 4", "forecaster": "Ben", "made_on": "2022-01-10"}
]
"#,
    );
    assert!(
        stderr(&output).contains("imported 3 predictions"),
        "{}",
        stderr(&output)
    );
    let rows = by_statement(&ledger);
    assert_eq!(
        rows["Russia invades Ukraine"]["tags"],
        json!(["ukraine", "war"])
    );
    assert_eq!(rows["Russia invades Ukraine"]["outcome"], "yes");
    let nato = &rows["Ukraine joins NATO"];
    // A phrase alone is mapped through ICD 203: very unlikely = 5-20%, midpoint 0.125.
    assert_eq!(nato["probability"].as_f64(), Some(0.125));
    assert_eq!(nato["phrase"], "very unlikely");
    assert_eq!(nato["tags"], json!(["nato", "ukraine"]));
    assert_eq!(rows["Talks continue"]["probability"].as_f64(), Some(0.25));
    let shown = ledger.json(&["show", &nato["question_id"].to_string(), "--json"]);
    assert_eq!(shown["predictions"][0]["scale"], "icd203");
    let shown = ledger.json(&["show", "1", "--json"]);
    assert_eq!(shown["predictions"][0]["quote"], "remains very unlikely");
}

#[test]
fn import_defaults_follow_the_source() {
    let ledger = Ledger::init();
    import_file(
        &ledger,
        "defaults.csv",
        b"statement,probability,source_title,source_author,source_published,forecaster,made_on\n\
          With author,0.5,Column,Ana Author,2022-01-19,,\n\
          Without author,0.5,Editorial,,2021-06-01,,\n\
          Overridden,0.5,Column,Ana Author,2022-01-19,Quoted Person,2022-01-20\n\
          Bare,0.5,,,,,\n",
    );
    let rows = by_statement(&ledger);
    assert_eq!(rows["With author"]["forecaster"], "Ana Author");
    assert_eq!(rows["With author"]["made_on"], "2022-01-19");
    assert_eq!(rows["Without author"]["forecaster"], USER);
    assert_eq!(rows["Without author"]["made_on"], "2021-06-01");
    assert_eq!(rows["Overridden"]["forecaster"], "Quoted Person");
    assert_eq!(rows["Overridden"]["made_on"], "2022-01-20");
    assert_eq!(rows["Bare"]["forecaster"], USER);
    assert_eq!(
        rows["Bare"]["made_on"],
        today().format("%Y-%m-%d").to_string()
    );
}

#[test]
fn rows_of_one_statement_are_one_question_and_title_url_one_source() {
    let ledger = Ledger::init();
    let output = import_file(
        &ledger,
        "same.csv",
        b"statement,probability,forecaster,made_on,outcome,resolved_on,source_title,source_url\n\
          Russia invades Ukraine,0.1,Ana,2022-01-01,yes,2022-02-24,Column,https://a\n\
          Russia   invades  Ukraine,0.2,Ben,2022-01-02,,,Column,https://a\n\
          Russia invades Ukraine,0.3,Cy,2022-01-03,yes,2022-02-24,Column,https://b\n\
          Other question,0.4,Ana,2022-01-04,,,Column,\n",
    );
    assert!(
        stderr(&output)
            .contains("imported 4 predictions (2 new questions, 3 new sources, 1 resolution)"),
        "{}",
        stderr(&output)
    );
    assert_eq!(ledger.count("questions"), 2);
    assert_eq!(ledger.count("sources"), 3);
    assert_eq!(ledger.count("resolutions"), 1);
    let listed = ledger.json(&["list", "--json"]);
    let sources: Vec<Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source_id"].clone())
        .collect();
    assert_eq!(sources, [json!(1), json!(1), json!(2), json!(3)]);
    // Every row of the question shows the one outcome.
    for row in listed.as_array().unwrap().iter().take(3) {
        assert_eq!(row["outcome"], "yes");
    }
}

#[test]
fn an_import_may_repeat_the_ledgers_outcome() {
    let ledger = Ledger::seeded();
    import_file(
        &ledger,
        "again.csv",
        b"statement,probability,forecaster,made_on,outcome,resolved_on\n\
          Russia invades Ukraine by 2022-12-31,0.3,Dee,2022-01-05,yes,2022-02-24\n",
    );
    let shown = ledger.json(&["show", "1", "--json"]);
    assert_eq!(shown["predictions"].as_array().unwrap().len(), 3);
    assert_eq!(
        shown["resolutions"].as_array().unwrap().len(),
        1,
        "no duplicate resolution"
    );
}

#[test]
fn import_from_stdin() {
    let ledger = Ledger::init();
    let output = ledger.run_stdin(
        &["import", "-"],
        "statement,probability,forecaster,made_on\nFrom stdin,0.4,Ana,2022-01-01\n",
    );
    assert_success(&output, &["import", "-"]);
    assert_eq!(
        by_statement(&ledger)["From stdin"]["probability"].as_f64(),
        Some(0.4)
    );
    let output = ledger.run_stdin(
        &["import", "-"],
        r#"[{"statement": "JSON from stdin", "probability": 0.6, "made_on": "2022-01-01"}]"#,
    );
    assert_success(&output, &["import", "-"]);
    assert_eq!(
        by_statement(&ledger)["JSON from stdin"]["probability"].as_f64(),
        Some(0.6)
    );
}

#[test]
fn a_spreadsheets_csv_with_bom_and_crlf_imports() {
    let ledger = Ledger::init();
    import_file(
        &ledger,
        "excel.csv",
        b"\xef\xbb\xbfstatement,probability,made_on\r\nFrom Excel,0.7,2022-01-01\r\n",
    );
    let rows = by_statement(&ledger);
    assert_eq!(rows["From Excel"]["probability"].as_f64(), Some(0.7));
    assert_eq!(rows["From Excel"]["made_on"], "2022-01-01");
}

#[test]
fn unknown_columns_are_warned_about_not_fatal() {
    let ledger = Ledger::init();
    let output = import_file(
        &ledger,
        "extra.csv",
        b"statement,probability,made_on,colour\nQ,0.5,2022-01-01,blue\n",
    );
    assert!(stderr(&output).contains("colour"), "{}", stderr(&output));
    assert_eq!(ledger.count("predictions"), 1);
}

// ---- --dry-run ----------------------------------------------------------------------------

#[test]
fn dry_run_writes_nothing() {
    let ledger = Ledger::seeded();
    let path = ledger.write_file(
        "new.csv",
        b"statement,probability,forecaster,made_on,outcome,resolved_on,source_title\n\
          New A,0.5,Ana,2022-01-01,no,2022-06-01,New source\n\
          New B,0.25,Ben,2022-01-01,,,\n",
    );
    let before = ledger.snapshot();
    let output = ledger.run(&["import", "--dry-run", path.to_str().unwrap()]);
    assert_success(&output, &["import", "--dry-run"]);
    assert!(
        stderr(&output).contains("would import 2 predictions"),
        "{}",
        stderr(&output)
    );
    assert_eq!(before, ledger.snapshot(), "--dry-run changed the ledger");
    // It checked the same thing a real import does.
    ledger.ok(&["import", path.to_str().unwrap()]);
    assert_eq!(
        ledger.count("predictions"),
        before.tables["predictions"].len() + 2
    );
}

#[test]
fn dry_run_fails_as_the_import_would() {
    let ledger = Ledger::seeded();
    let path = ledger.write_file("bad.csv", b"statement,probability\nNew A,0.5\nNew B,1.5\n");
    let before = ledger.snapshot();
    let output = ledger.run(&["import", "--dry-run", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("line 3"), "{}", stderr(&output));
    assert_eq!(before, ledger.snapshot());
}

/// Unsure whether DESIGN requires it: `--dry-run` is documented as "write nothing"; this
/// asserts it does not create a missing ledger file either.
#[test]
fn dry_run_on_a_missing_ledger_creates_no_file() {
    let ledger = Ledger::new();
    let path = ledger.write_file("new.csv", b"statement,probability\nNew A,0.5\n");
    let output = ledger.run(&["import", "--dry-run", path.to_str().unwrap()]);
    assert_success(&output, &["import", "--dry-run"]);
    assert!(
        !ledger.db.exists(),
        "--dry-run created {}",
        ledger.db.display()
    );
}

// ---- JSON Lines ---------------------------------------------------------------------------

#[test]
fn json_lines_import_streams_and_names_the_bad_line() {
    let ledger = Ledger::init();
    let good = "{\"statement\": \"A happens\", \"probability\": 0.25, \"forecaster\": \"Ana\"}\n\n{\"statement\": \"B happens\", \"confidence\": \"very likely\", \"tags\": [\"x\"]}\n";
    let file = ledger.write_file("rows.jsonl", good.as_bytes());
    ledger.ok(&["import", file.to_str().unwrap()]);
    let listed = ledger.json(&["list", "--json"]);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["probability"], 0.875);
    assert_eq!(listed[1]["tags"], serde_json::json!(["x"]));

    let before = ledger.snapshot();
    let bad = "{\"statement\": \"C happens\", \"probability\": 0.5}\n{\"statement\": \"D happens\", \"probability\": 1.5}\n";
    let file = ledger.write_file("bad.jsonl", bad.as_bytes());
    let output = ledger.run(&["import", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let lines = stderr_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("line 2")
            && lines[0].contains("'1.5'")
            && lines[0].contains("probability"),
        "{lines:?}"
    );
    assert_eq!(ledger.snapshot(), before);
}

// ---- large imports ------------------------------------------------------------------------

/// An import CSV of `rows` rows, large enough (over 2 MB at 12,000 rows) that import sets the
/// filter indexes aside and builds them again; the last `bad` rows carry an impossible date.
fn large_csv(rows: usize, bad: usize) -> String {
    let mut csv = String::from(
        "statement,probability,forecaster,made_on,resolve_by,outcome,resolved_on,tags,note\n",
    );
    for i in 0..rows {
        let question = i / 2;
        let resolved = question % 3 != 0;
        let made_on = if i + bad >= rows {
            "2021-02-30"
        } else {
            "2021-03-01"
        };
        csv.push_str(&format!(
            "Question {question} resolves yes,0.{},Forecaster {},{made_on},2021-12-31,{},{},tag{};tag{},{}\n",
            10 + i % 80,
            i % 40,
            if resolved { ["yes", "no"][question % 2] } else { "" },
            if resolved { "2021-06-01" } else { "" },
            question % 7,
            question % 5,
            "note padding the row out to the size of a real one with a quote ".repeat(2),
        ));
    }
    csv
}

#[test]
fn a_large_import_builds_the_indexes_it_set_aside_and_matches_a_row_by_row_one() {
    let csv = large_csv(12_000, 0);
    assert!(csv.len() > 2_000_000, "{} bytes", csv.len());
    let from_file = Ledger::seeded();
    let schema = from_file.snapshot().schema;
    let path = from_file.write_file("large.csv", csv.as_bytes());
    let output = from_file.run(&["-v", "import", path.to_str().unwrap()]);
    assert_success(&output, &["import", "large.csv"]);
    let said = stderr(&output);
    assert!(
        said.contains("the filter indexes are built once, after the rows"),
        "{said}"
    );
    assert!(
        said.contains("imported 12000 predictions (6000 new questions"),
        "{said}"
    );
    assert_eq!(from_file.snapshot().schema, schema, "every index is back");
    from_file.ok(&["verify"]);

    // stdin has no size to go by, so the same rows go in with the indexes kept up row by row.
    let from_stdin = Ledger::seeded();
    let output = from_stdin.run_stdin(&["-v", "import", "-"], csv.as_bytes());
    assert_success(&output, &["import", "-"]);
    assert!(!stderr(&output).contains("indexes"));
    assert_eq!(from_file.snapshot().export, from_stdin.snapshot().export);
    for args in [
        &["score", "--json", "--group-by", "tag"][..],
        &["list", "--due", "--json"],
        &["list", "--by", "Forecaster 7", "--json"],
    ] {
        assert_eq!(from_file.ok(args), from_stdin.ok(args), "{args:?}");
    }
}

#[test]
fn a_large_import_that_fails_leaves_the_ledger_and_its_indexes_as_they_were() {
    let ledger = Ledger::seeded();
    let before = ledger.snapshot();
    let path = ledger.write_file("large.csv", large_csv(12_000, 1).as_bytes());
    let output = ledger.run(&["import", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("line 12001: made_on: '2021-02-30' is not a real calendar date"),
        "{}",
        stderr(&output)
    );
    assert_eq!(ledger.snapshot(), before);
}

#[test]
fn the_first_bad_line_is_reported_whether_reading_or_writing_finds_it() {
    // Line 3 clashes with the ledger (found while writing), a later line has an impossible
    // date (found while reading, which runs ahead of the writing): the clash is reported.
    let ledger = Ledger::seeded();
    let before = ledger.snapshot();
    let mut csv = String::from("statement,probability,made_on,resolve_by\n");
    csv.push_str("A fresh question,0.4,2022-01-01,\n");
    csv.push_str("Russia invades Ukraine by 2022-12-31,0.5,2022-01-01,2023-06-30\n");
    for i in 0..5000 {
        csv.push_str(&format!("Filler {i},0.5,2022-01-01,\n"));
    }
    csv.push_str("Late,0.5,2022-02-30,\n");
    let path = ledger.write_file("clash.csv", csv.as_bytes());
    let output = ledger.run(&["import", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(
        said.contains("line 3: resolve_by '2023-06-30' disagrees with question 1"),
        "{said}"
    );
    assert_eq!(ledger.snapshot(), before);

    // The other way round: the reading error comes first by line and wins.
    let csv = csv.replacen(
        "A fresh question,0.4,2022-01-01",
        "A fresh question,1.4,2022-01-01",
        1,
    );
    let path = ledger.write_file("clash.csv", csv.as_bytes());
    let said = stderr(&ledger.run(&["import", path.to_str().unwrap()]));
    assert!(said.contains("line 2: probability"), "{said}");
    assert_eq!(ledger.snapshot(), before);
}
