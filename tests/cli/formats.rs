//! Every printing command in every format (`--format table|csv|json|markdown` and the `--json`
//! shorthand), checked for real content; and a closed pipe is not an error.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::support::*;
use serde_json::Value;

const SOURCE_COLUMNS: &[&str] = &[
    "id",
    "title",
    "author",
    "outlet",
    "url",
    "published",
    "text_sha256",
];

const LIST_COLUMNS: &[&str] = &[
    "prediction_id",
    "question_id",
    "statement",
    "forecaster",
    "probability",
    "phrase",
    "made_on",
    "resolve_by",
    "outcome",
    "resolved_on",
    "source_id",
    "tags",
    "evidence_class",
    "withdrawn",
];

const SHOW_PREDICTION_COLUMNS: &[&str] = &[
    "prediction_id",
    "forecaster",
    "probability",
    "phrase",
    "scale",
    "made_on",
    "source_id",
    "source_title",
    "quote",
    "quote_verified",
    "note",
    "withdrawn",
    "withdrawn_after_outcome",
    "evidence_class",
    "recorded_at",
];

const SHOW_RESOLUTION_COLUMNS: &[&str] = &[
    "resolution_id",
    "outcome",
    "resolved_on",
    "evidence",
    "resolved_by",
    "reason",
    "recorded_at",
];

const DUE_COLUMNS: &[&str] = &[
    "question_id",
    "statement",
    "resolve_by",
    "days_overdue",
    "predictions",
];

const CALIBRATION_COLUMNS: &[&str] = &[
    "bin_low",
    "bin_high",
    "n",
    "mean_probability",
    "observed_frequency",
    "wilson_low",
    "wilson_high",
];

/// The seeded ledger plus question 5, overdue since 2021-01-01 (prediction 6).
///
/// Scored: Q1 yes (0.125, 0.8), Q2 yes (0.675), Q3 yes after correction (0.5):
/// Brier = (0.765625 + 0.04 + 0.105625 + 0.25) / 4 = 0.2903125.
fn ledger() -> Ledger {
    let ledger = Ledger::seeded();
    ledger.ok(&[
        "add",
        "An old question | with a pipe",
        "-p",
        "0.4",
        "--made",
        "2020-06-01",
        "--resolve-by",
        "2021-01-01",
    ]);
    ledger
}

/// Runs `args` with `--format FORMAT` appended.
fn formatted(ledger: &Ledger, args: &[&str], format: &str) -> String {
    let mut all = args.to_vec();
    all.extend(["--format", format]);
    ledger.ok(&all)
}

/// Runs `args` with `--json` and with `--format json`: the two must print the same JSON.
fn json_both_ways(ledger: &Ledger, args: &[&str]) -> Value {
    let long = formatted(ledger, args, "json");
    let mut short = args.to_vec();
    short.push("--json");
    let short = ledger.ok(&short);
    assert_eq!(long, short, "--json and --format json differ for {args:?}");
    serde_json::from_str(&long).unwrap_or_else(|e| panic!("{args:?}: invalid JSON ({e}):\n{long}"))
}

#[track_caller]
fn assert_terminal_table(text: &str, header: &[&str], values: &[&str]) {
    assert!(text.contains('│'), "not a drawn table:\n{text}");
    for name in header.iter().chain(values) {
        assert!(
            text.contains(name),
            "{name:?} missing from the table:\n{text}"
        );
    }
}

// ---- source list / show ------------------------------------------------------------------

#[test]
fn source_list_in_every_format() {
    let ledger = ledger();
    let (header, records) = parse_csv(&formatted(&ledger, &["source", "list"], "csv"));
    assert_eq!(header, SOURCE_COLUMNS);
    assert_eq!(records.len(), 2);
    assert_eq!(
        records[0],
        [
            "1",
            "Relations in 2022",
            "Ana Author",
            "Daily Brief",
            "https://example.org/a",
            "2022-01-19",
            ""
        ]
    );
    assert_eq!(
        records[1][6],
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );

    let json = json_both_ways(&ledger, &["source", "list"]);
    let rows = json.as_array().expect("an array");
    assert_eq!(rows.len(), 2);
    for row in rows {
        assert_eq!(sorted_keys(row), sorted(SOURCE_COLUMNS), "{row}");
    }
    assert_eq!(rows[0]["id"], 1);
    assert!(rows[0]["text_sha256"].is_null());
    assert_eq!(rows[1]["author"], "Cleo");

    let table = formatted(&ledger, &["source", "list"], "table");
    assert_terminal_table(
        &table,
        SOURCE_COLUMNS,
        &["Relations in 2022", "Archived brief"],
    );

    let markdown = formatted(&ledger, &["source", "list"], "markdown");
    assert_markdown_table(&markdown, SOURCE_COLUMNS);
    assert!(
        markdown.contains("| 1 | Relations in 2022 | Ana Author | Daily Brief |"),
        "{markdown}"
    );
}

#[test]
fn source_show_in_every_format() {
    let ledger = ledger();
    let mut with_text = SOURCE_COLUMNS.to_vec();
    with_text.push("text");

    let (header, records) = parse_csv(&formatted(&ledger, &["source", "show", "2"], "csv"));
    assert_eq!(header, with_text);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0][1], "Archived brief");
    assert_eq!(records[0][7], "abc");

    let json = json_both_ways(&ledger, &["source", "show", "2"]);
    assert_eq!(sorted_keys(&json), sorted(&with_text));
    assert_eq!(json["id"], 2);
    assert_eq!(json["text"], "abc");

    let table = formatted(&ledger, &["source", "show", "2"], "table");
    assert_terminal_table(&table, SOURCE_COLUMNS, &["Archived brief", "Cleo"]);
    assert!(
        table.trim_end().ends_with("abc"),
        "the text follows the table:\n{table}"
    );

    let markdown = formatted(&ledger, &["source", "show", "2"], "markdown");
    assert_markdown_table(&markdown, SOURCE_COLUMNS);
    assert!(markdown.trim_end().ends_with("abc"), "{markdown}");
}

// ---- list and show ------------------------------------------------------------------------

#[test]
fn list_in_every_format() {
    let ledger = ledger();
    let (header, records) = parse_csv(&formatted(&ledger, &["list"], "csv"));
    assert_eq!(header, LIST_COLUMNS);
    assert_eq!(records.len(), 6);
    assert_eq!(
        records[0],
        [
            "1",
            "1",
            "Russia invades Ukraine by 2022-12-31",
            "Ana Author",
            "0.125",
            "very unlikely",
            "2022-01-19",
            "2022-12-31",
            "yes",
            "2022-02-24",
            "1",
            "ukraine;war",
            "imported",
            ""
        ]
    );
    assert_eq!(records[5][2], "An old question | with a pipe");
    assert_eq!(records[5][8], "", "an open question has an empty outcome");

    let json = json_both_ways(&ledger, &["list"]);
    let rows = json.as_array().expect("an array");
    assert_eq!(rows.len(), 6);
    for row in rows {
        assert_eq!(sorted_keys(row), sorted(LIST_COLUMNS), "{row}");
        assert!(row["probability"].is_f64(), "{row}");
        assert!(row["tags"].is_array(), "{row}");
    }
    assert_eq!(rows[0]["probability"].as_f64(), Some(0.125));
    assert_eq!(rows[0]["tags"], serde_json::json!(["ukraine", "war"]));
    assert_eq!(rows[0]["source_id"], 1);
    assert!(rows[2]["source_id"].is_null());
    assert!(rows[5]["outcome"].is_null() && rows[5]["resolved_on"].is_null());

    let table = formatted(&ledger, &["list"], "table");
    assert_terminal_table(
        &table,
        LIST_COLUMNS,
        &[
            "Russia invades Ukraine by 2022-12-31",
            "Cy Commentator",
            "0.125",
        ],
    );

    let markdown = formatted(&ledger, &["list"], "markdown");
    assert_markdown_table(&markdown, LIST_COLUMNS);
    // A pipe inside a cell is escaped, so the row keeps its columns.
    let row = markdown
        .lines()
        .find(|line| line.contains("An old question"))
        .expect("the row of question 5");
    assert!(row.contains("An old question \\| with a pipe"), "{row}");
}

#[test]
fn show_in_every_format() {
    let ledger = ledger();
    let (header, records) = parse_csv(&formatted(&ledger, &["show", "1"], "csv"));
    assert_eq!(header, SHOW_PREDICTION_COLUMNS);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0][1], "Ana Author");
    assert_eq!(records[0][2], "0.125");
    assert_eq!(records[0][3], "very unlikely");
    assert_eq!(
        records[0][4], "",
        "a number was given, so the phrase was not mapped"
    );
    assert_eq!(records[1][1], "Cy Commentator");

    let json = json_both_ways(&ledger, &["show", "3"]);
    assert_eq!(
        sorted_keys(&json),
        sorted(&[
            "question_id",
            "statement",
            "resolve_by",
            "tags",
            "outcome",
            "resolved_on",
            "predictions",
            "quotes_in_context",
            "resolutions"
        ])
    );
    assert_eq!(json["statement"], "Talks are still under way on 2023-01-10");
    assert_eq!(json["outcome"], "yes");
    let predictions = json["predictions"].as_array().unwrap();
    assert_eq!(predictions.len(), 1);
    assert_eq!(
        sorted_keys(&predictions[0]),
        sorted(SHOW_PREDICTION_COLUMNS)
    );
    let resolutions = json["resolutions"].as_array().unwrap();
    assert_eq!(resolutions.len(), 2);
    assert_eq!(
        sorted_keys(&resolutions[0]),
        sorted(SHOW_RESOLUTION_COLUMNS)
    );

    let table = formatted(&ledger, &["show", "3"], "table");
    assert_terminal_table(
        &table,
        SHOW_RESOLUTION_COLUMNS,
        &[
            "Talks are still under way on 2023-01-10",
            "Ben Blogger",
            "the first reviewer misread the report",
        ],
    );

    let markdown = formatted(&ledger, &["show", "3"], "markdown");
    assert_markdown_table(&markdown, SHOW_PREDICTION_COLUMNS);
    assert_markdown_table(&markdown, SHOW_RESOLUTION_COLUMNS);
    assert!(
        markdown.contains("Talks are still under way on 2023-01-10"),
        "{markdown}"
    );
}

// ---- due ----------------------------------------------------------------------------------

#[test]
fn due_in_every_format() {
    let ledger = ledger();
    let (header, records) = parse_csv(&formatted(&ledger, &["due"], "csv"));
    assert_eq!(header, DUE_COLUMNS);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0][0], "5");
    assert_eq!(records[0][1], "An old question | with a pipe");
    assert_eq!(records[0][2], "2021-01-01");
    let overdue = (today() - chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap()).num_days();
    assert_eq!(records[0][3], overdue.to_string());
    assert_eq!(records[0][4], "1");

    let json = json_both_ways(&ledger, &["due"]);
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(sorted_keys(&rows[0]), sorted(DUE_COLUMNS));
    assert_eq!(rows[0]["days_overdue"], overdue);

    let table = formatted(&ledger, &["due"], "table");
    assert_terminal_table(&table, DUE_COLUMNS, &["An old question", "2021-01-01"]);

    let markdown = formatted(&ledger, &["due"], "markdown");
    assert_markdown_table(&markdown, DUE_COLUMNS);
    assert!(markdown.contains("2021-01-01"), "{markdown}");
}

// ---- score and export scores --------------------------------------------------------------

#[track_caller]
fn assert_score_formats(ledger: &Ledger, command: &[&str]) {
    let mut csv_header = vec!["group_by", "group"];
    csv_header.extend_from_slice(SUMMARY_KEYS);
    let (header, records) = parse_csv(&formatted(ledger, command, "csv"));
    assert_eq!(header, csv_header, "{command:?}");
    assert_eq!(records.len(), 1, "ungrouped: the whole set only");
    let all = &records[0];
    assert_eq!(all[..3], ["all", "all", "4"]);
    assert_close("csv brier", all[3].parse().unwrap(), 0.2903125, 1e-12);

    let json = json_both_ways(ledger, command);
    assert_eq!(sorted_keys(&json), sorted(SCORECARD_KEYS));
    assert_eq!(sorted_keys(&json["overall"]), sorted(SUMMARY_KEYS));
    assert_close(
        "json brier",
        num(&json["overall"], "brier"),
        0.2903125,
        1e-12,
    );
    assert_eq!(json["excluded"]["unresolved"], 2);

    let table = formatted(ledger, command, "table");
    assert_terminal_table(
        &table,
        &["brier", "log_loss", "bin_low", "wilson_high"],
        &["(all)", "0.2903"],
    );
    assert!(
        table.contains("0–1 scale") || table.contains("0-1 scale"),
        "the Brier scale is named:\n{table}"
    );

    let markdown = formatted(ledger, command, "markdown");
    assert_markdown_table(
        &markdown,
        &[
            "set",
            "n",
            "brier",
            "log_loss",
            "base_rate",
            "reliability",
            "resolution",
        ],
    );
    assert_markdown_table(&markdown, CALIBRATION_COLUMNS);
    assert!(markdown.contains("| (all) | 4 | 0.2903 |"), "{markdown}");
}

#[test]
fn score_in_every_format() {
    assert_score_formats(&ledger(), &["score"]);
}

#[test]
fn export_scores_in_every_format() {
    let ledger = ledger();
    assert_score_formats(&ledger, &["export", "scores"]);
    // Same data as `score`, and CSV unless told otherwise.
    for format in ["csv", "json", "markdown"] {
        assert_eq!(
            formatted(&ledger, &["export", "scores"], format),
            formatted(&ledger, &["score"], format),
            "{format}"
        );
    }
    assert_eq!(
        ledger.ok(&["export", "scores"]),
        formatted(&ledger, &["score"], "csv")
    );
}

#[test]
fn grouped_score_csv_names_the_grouping() {
    let ledger = ledger();
    let (header, records) = parse_csv(&formatted(
        &ledger,
        &["score", "--group-by", "forecaster"],
        "csv",
    ));
    assert_eq!(header[..2], ["group_by", "group"]);
    let labels: Vec<(&str, &str)> = records
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            ("forecaster", "Ana Author"),
            ("forecaster", "Ben Blogger"),
            ("forecaster", "Cy Commentator"),
            ("all", "all"),
        ]
    );
}

/// What a column of score CSV holds: every non-empty cell of it parses as this.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CellType {
    Text,
    Integer,
    Float,
}

#[track_caller]
fn assert_column_types(csv: &str, expected: &[(&str, CellType)]) {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let names: Vec<&str> = expected.iter().map(|(name, _)| *name).collect();
    assert_eq!(header, names, "one header row with these columns");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(!records.is_empty());
    for record in &records {
        assert_eq!(record.len(), header.len(), "{record:?}");
        for ((name, kind), cell) in expected.iter().zip(record.iter()) {
            let fits = match kind {
                CellType::Text => !cell.is_empty(),
                CellType::Integer => cell.parse::<u64>().is_ok(),
                // Empty is a missing value; NaN or "-" would make a column text to pandas.
                CellType::Float => cell.is_empty() || cell.parse::<f64>().is_ok_and(f64::is_finite),
            };
            assert!(fits, "{name} = {cell:?} is not {kind:?} in {record:?}");
        }
    }
}

#[test]
fn score_csv_is_tidy_one_type_per_column() {
    let ledger = ledger();
    let mut accuracy = vec![("group_by", CellType::Text), ("group", CellType::Text)];
    accuracy.push(("n", CellType::Integer));
    accuracy.extend(SUMMARY_KEYS[1..].iter().map(|key| (*key, CellType::Float)));
    for group_by in ["forecaster", "source", "outlet", "tag", "phrase", "year"] {
        let csv = formatted(&ledger, &["score", "--group-by", group_by], "csv");
        assert_column_types(&csv, &accuracy);
        assert!(csv.contains(&format!("\n{group_by},")), "{csv}");
        assert!(
            csv.lines().last().unwrap().starts_with("all,all,4,"),
            "{csv}"
        );
    }

    let csv = formatted(&ledger, &["score", "--calibration"], "csv");
    let mut calibration = vec![
        ("bin_low", CellType::Float),
        ("bin_high", CellType::Float),
        ("n", CellType::Integer),
    ];
    calibration.extend(
        CALIBRATION_COLUMNS[3..]
            .iter()
            .map(|c| (*c, CellType::Float)),
    );
    assert_column_types(&csv, &calibration);
    // Edges are k/10 as written, not numpy's 0.30000000000000004 (which the JSON keeps).
    let (_, records) = parse_csv(&csv);
    let lows: Vec<&str> = records.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        lows,
        ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"]
    );
    let json = ledger.json(&["score", "--calibration", "--json"]);
    assert_eq!(json[3]["bin_low"], 0.30000000000000004);
}

#[test]
fn score_calibration_only() {
    let ledger = ledger();
    let (header, records) = parse_csv(&formatted(&ledger, &["score", "--calibration"], "csv"));
    assert_eq!(header, CALIBRATION_COLUMNS);
    assert_eq!(records.len(), 10);
    let n: usize = records.iter().map(|r| r[2].parse::<usize>().unwrap()).sum();
    assert_eq!(n, 4);
}

// ---- export predictions -------------------------------------------------------------------

#[test]
fn export_predictions_refuses_text_formats() {
    let ledger = ledger();
    for format in ["table", "markdown"] {
        let output = ledger.run(&["export", "predictions", "--format", format]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert_eq!(stderr_lines(&output).len(), 1);
        assert!(output.stdout.is_empty());
    }
}

// ---- a closed pipe ------------------------------------------------------------------------

/// A ledger of 3,000 predictions: far more output than a pipe buffer holds.
fn big_ledger() -> Ledger {
    let ledger = Ledger::init();
    let mut csv = String::from("statement,probability,forecaster,made_on,tags\n");
    for i in 0..3000 {
        csv.push_str(&format!(
            "Statement number {i} about something that may or may not happen,0.{},Forecaster {},2021-01-01,alpha;beta\n",
            i % 10,
            i % 7
        ));
    }
    let path = ledger.write_file("big.csv", csv.as_bytes());
    ledger.ok(&["import", path.to_str().unwrap()]);
    ledger
}

/// Runs fledger with stdout into a pipe whose reader takes one line and hangs up.
#[track_caller]
fn assert_quiet_on_a_closed_pipe(ledger: &Ledger, args: &[&str]) {
    let mut child = process_in(ledger.path())
        .arg("--db")
        .arg(&ledger.db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fledger starts");
    {
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        reader.read_line(&mut first).unwrap();
        assert!(!first.trim().is_empty(), "fledger {args:?} printed nothing");
    } // The reader hangs up here.
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "fledger {args:?} into a closed pipe exited {:?}; stderr:\n{}",
        output.status.code(),
        stderr(&output)
    );
    assert!(
        output.stderr.is_empty(),
        "fledger {args:?} into a closed pipe complained:\n{}",
        stderr(&output)
    );
}

#[test]
fn closed_pipe_list_default_format() {
    assert_quiet_on_a_closed_pipe(&big_ledger(), &["list"]);
}

#[test]
fn closed_pipe_list_json() {
    assert_quiet_on_a_closed_pipe(&big_ledger(), &["list", "--format", "json"]);
}

#[test]
fn closed_pipe_list_table_and_markdown() {
    let ledger = big_ledger();
    assert_quiet_on_a_closed_pipe(&ledger, &["list", "--format", "table"]);
    assert_quiet_on_a_closed_pipe(&ledger, &["list", "--format", "markdown"]);
}

#[test]
fn closed_pipe_export_predictions() {
    let ledger = big_ledger();
    assert_quiet_on_a_closed_pipe(&ledger, &["export", "predictions"]);
    assert_quiet_on_a_closed_pipe(&ledger, &["export", "predictions", "--json"]);
}
