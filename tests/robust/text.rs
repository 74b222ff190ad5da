//! Hostile text: whatever UTF-8 a user gives as a statement, quote, note, forecaster name or
//! source title/author — quotes, commas, newlines, CR, right-to-left marks, emoji, combining
//! marks — survives byte for byte through `add` (the binary, with arguments) → `export
//! predictions` (CSV and JSON) → `import` into a fresh ledger → `export` again.
//!
//! The one normalisation the ledger applies to these fields is documented (README: "surrounding
//! whitespace dropped, blank means absent"; a statement's identity folds its inner spacing):
//! the property pads every value with Unicode whitespace and expects it back trimmed, exactly.
//!
//! NUL (U+0000) cannot be passed in an argument at all (argv strings are C strings: the OS, not
//! fledger, refuses). Through an import file it survives inside a value; as the first character
//! of a statement, name, title or tag it is refused with one clear line naming the line and the
//! column (`a_leading_nul_is_refused_with_a_clear_message`).

use crate::support::{stderr_lines, Ledger};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::Value;

/// Pieces hostile text is made of: separators and quotes of both formats, line breaks,
/// bidi controls, zero-width and BOM characters, emoji (one code point and ZWJ sequences),
/// combining marks, escapes, and any Unicode scalar value but NUL.
fn piece() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "\"",
        "'",
        ",",
        ";",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "\\",
        "\\n",
        "\\u0000",
        "{",
        "}",
        "[",
        "]",
        "\u{200F}", // RIGHT-TO-LEFT MARK
        "\u{202E}", // RIGHT-TO-LEFT OVERRIDE
        "\u{202C}",
        "\u{2066}",
        "\u{200B}",
        "\u{200D}",
        "\u{FEFF}",
        "\u{2028}",
        "\u{0085}",
        "😀",
        "👩\u{200D}👩\u{200D}👧",
        "🇺🇦",
        "e\u{0301}",
        "\u{0308}",
        "\u{0301}\u{0301}",
        "é",
        "ß",
        "İ",
        "ﬁ",
        "שלום",
        "مرحبا",
        "日本語",
        "%",
        "-",
        "--",
        "#",
        "=",
        "@",
        "0.5",
        "yes",
        "\u{7F}",
        "\u{1B}[31m",
        "\u{10FFFF}",
        "\u{FFFD}",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        3 => special,
        3 => any::<char>().prop_filter("no NUL in argv", |c| *c != '\0').prop_map(String::from),
        2 => "[A-Za-z0-9]{1,8}",
        1 => Just(" ".to_string()),
    ]
}

/// A value as the ledger stores it: already trimmed, not blank.
fn value() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..10)
        .prop_map(|pieces| pieces.concat().trim().to_string())
        .prop_filter("not blank", |text| !text.is_empty())
}

/// Unicode whitespace around a value, which the ledger drops.
fn padding() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2003}", "\u{2028}",
            "\u{3000}",
        ]),
        0..3,
    )
    .prop_map(|pieces| pieces.concat())
}

fn padded() -> impl Strategy<Value = (String, String)> {
    (padding(), value(), padding())
        .prop_map(|(before, value, after)| (format!("{before}{value}{after}"), value))
}

#[derive(Debug, Clone)]
struct Fields {
    statement: String,
    quote: String,
    note: String,
    forecaster: String,
    title: String,
    author: String,
}

/// The six fields as given (padded) and as they must come back (trimmed).
fn fields() -> impl Strategy<Value = (Fields, Fields)> {
    (padded(), padded(), padded(), padded(), padded(), padded()).prop_map(
        |(statement, quote, note, forecaster, title, author)| {
            (
                Fields {
                    statement: statement.0,
                    quote: quote.0,
                    note: note.0,
                    forecaster: forecaster.0,
                    title: title.0,
                    author: author.0,
                },
                Fields {
                    statement: statement.1,
                    quote: quote.1,
                    note: note.1,
                    forecaster: forecaster.1,
                    title: title.1,
                    author: author.1,
                },
            )
        },
    )
}

/// Runs fledger and returns stdout; fails the property (not a panic) on a non-zero exit.
fn ok(ledger: &Ledger, args: &[&str]) -> Result<Vec<u8>, TestCaseError> {
    let output = ledger.cmd().args(args).output().expect("fledger runs");
    prop_assert!(
        output.status.success(),
        "fledger {:?} exited {:?}: {}",
        args,
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(output.stdout)
}

fn exports(ledger: &Ledger) -> Result<(Vec<u8>, Vec<u8>), TestCaseError> {
    Ok((
        ok(ledger, &["export", "predictions", "--format", "csv"])?,
        ok(ledger, &["export", "predictions", "--format", "json"])?,
    ))
}

/// A fresh ledger that imports `bytes`, and its CSV and JSON exports.
fn reimport(bytes: &[u8], name: &str) -> Result<(Vec<u8>, Vec<u8>), TestCaseError> {
    let fresh = Ledger::new();
    let file = fresh.write_file(name, bytes);
    ok(&fresh, &["import", file.to_str().unwrap()])?;
    exports(&fresh)
}

/// The one exported row, by column, from the JSON export.
fn json_row(json: &[u8]) -> serde_json::Map<String, Value> {
    let rows: Vec<Value> = serde_json::from_slice(json).expect("the JSON export parses");
    assert_eq!(rows.len(), 1, "one prediction exported");
    rows[0].as_object().unwrap().clone()
}

/// The one exported row, by column, from the CSV export.
fn csv_row(csv: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut reader = csv::Reader::from_reader(csv);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1, "one prediction exported");
    header
        .into_iter()
        .zip(records[0].iter().map(str::to_string))
        .collect()
}

fn expected_columns(want: &Fields) -> [(&'static str, &str); 6] {
    [
        ("statement", &want.statement),
        ("quote", &want.quote),
        ("note", &want.note),
        ("forecaster", &want.forecaster),
        ("source_title", &want.title),
        ("source_author", &want.author),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/robust_text.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn hostile_text_survives_add_export_import_export((given, want) in fields()) {
        let ledger = Ledger::new();
        // `--flag=VALUE` and `--` so that a value starting with '-' is still a value.
        let author = format!("--author={}", given.author);
        ok(&ledger, &["source", "add", &author, "--", &given.title])?;
        let (by, quote, note) = (
            format!("--by={}", given.forecaster),
            format!("--quote={}", given.quote),
            format!("--note={}", given.note),
        );
        ok(&ledger, &["add", "-p", "0.25", "--source=1", &by, &quote, &note, "--", &given.statement])?;

        let (csv, json) = exports(&ledger)?;
        let from_json = json_row(&json);
        let from_csv = csv_row(&csv);
        for (column, value) in expected_columns(&want) {
            prop_assert_eq!(from_json[column].as_str(), Some(value), "JSON column {}", column);
            prop_assert_eq!(from_csv[column].as_str(), value, "CSV column {}", column);
        }
        // The journal vouches for the hostile text as stored.
        ok(&ledger, &["verify"])?;

        for (bytes, name) in [(&csv, "export.csv"), (&json, "export.json")] {
            let (csv_again, json_again) = reimport(bytes, name)?;
            prop_assert_eq!(&csv_again, &csv, "CSV export after importing {}", name);
            prop_assert_eq!(&json_again, &json, "JSON export after importing {}", name);
        }
    }
}

/// A statement that differs only in its inner spacing is the same question: the second `add`
/// lands on the first question, whose statement keeps its first spelling.
#[test]
fn statements_differing_in_spacing_are_one_question() {
    let ledger = Ledger::new();
    ledger.ok(&[
        "add",
        "-p",
        "0.2",
        "--",
        "Kyiv\u{200F} holds  \"until\"\n2023",
    ]);
    ledger.ok(&[
        "add",
        "-p",
        "0.3",
        "--by",
        "other",
        "--",
        " Kyiv\u{200F}\u{3000}holds \"until\"\t2023 ",
    ]);
    let rows = ledger.json(&["list", "--json"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["question_id"], rows[1]["question_id"]);
    for row in rows {
        assert_eq!(row["statement"], "Kyiv\u{200F} holds  \"until\"\n2023");
    }
    // A right-to-left mark is not spacing: this is another question.
    ledger.ok(&["add", "-p", "0.4", "--", "Kyiv holds \"until\" 2023"]);
    let rows = ledger.json(&["list", "--json"]);
    assert_eq!(rows[2]["question_id"], 2);
}

/// 1 MB of quote, well past what one argument can carry (Linux: 128 KiB), goes in through an
/// import file — CSV and JSON — and comes out byte for byte; the journal vouches for it.
#[test]
fn a_one_megabyte_quote_survives_import_export_import() {
    let unit = "Он сказал: \"нет\",\r\n\u{202E}עברית😀 e\u{0301}; ";
    let mut quote = String::new();
    while quote.len() < 1_000_000 {
        quote.push_str(unit);
    }
    let quote = format!("«{}»", quote.trim());
    assert!(quote.len() >= 1_000_000);
    let note: String = quote.chars().take(300).collect();

    let ledger = Ledger::new();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["statement", "probability", "quote", "note"])
        .unwrap();
    writer
        .write_record(["A megabyte of words", "0.5", &quote, note.trim()])
        .unwrap();
    let file = ledger.write_file("big.csv", &writer.into_inner().unwrap());
    ledger.ok(&["import", file.to_str().unwrap()]);
    ledger.ok(&["verify"]);

    let csv = ledger
        .cmd()
        .args(["export", "--format", "csv"])
        .output()
        .unwrap()
        .stdout;
    let json = ledger
        .cmd()
        .args(["export", "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(csv_row(&csv)["quote"], quote);
    assert_eq!(json_row(&json)["quote"].as_str(), Some(quote.as_str()));
    for (bytes, name) in [(&csv, "big-export.csv"), (&json, "big-export.json")] {
        let fresh = Ledger::new();
        let file = fresh.write_file(name, bytes);
        fresh.ok(&["import", file.to_str().unwrap()]);
        fresh.ok(&["verify"]);
        let again = fresh
            .cmd()
            .args(["export", "--format", "csv"])
            .output()
            .unwrap()
            .stdout;
        assert!(again == csv, "CSV export after importing {name} differs");
        let again = fresh
            .cmd()
            .args(["export", "--format", "json"])
            .output()
            .unwrap()
            .stdout;
        assert!(again == json, "JSON export after importing {name} differs");
    }
}

/// The largest quote one argument can carry (just under Linux's 128 KiB per argument) goes in
/// through `add` itself.
#[test]
fn a_hundred_kilobyte_quote_survives_add() {
    let mut quote = String::new();
    while quote.len() < 120_000 {
        quote.push_str("\"quoted\", \u{200F}שלום\n😀 ");
    }
    let quote = quote.trim().to_string();
    let ledger = Ledger::new();
    let flag = format!("--quote={quote}");
    ledger.ok(&["add", "-p", "0.5", &flag, "--", "Long quote"]);
    let json = ledger
        .cmd()
        .args(["export", "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(json_row(&json)["quote"].as_str(), Some(quote.as_str()));
    ledger.ok(&["verify"]);
}

/// NUL inside a value, where no argument can carry it, survives an import file — CSV (raw NUL
/// bytes) and JSON (`\u0000`) — byte for byte, and the journal vouches for it.
#[test]
fn nul_inside_a_value_survives_import_export_import() {
    let ledger = Ledger::new();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "statement",
        "probability",
        "quote",
        "note",
        "forecaster",
        "source_title",
        "source_author",
        "tags",
    ];
    let row = [
        "mid\0dle", "0.5", "q\0uote", "n\0", "f\0x", "t\0itle", "a\0uthor", "t\0ag",
    ];
    writer.write_record(header).unwrap();
    writer.write_record(row).unwrap();
    let file = ledger.write_file("nul.csv", &writer.into_inner().unwrap());
    ledger.ok(&["import", file.to_str().unwrap()]);
    ledger.ok(&["verify"]);

    let csv = ledger
        .cmd()
        .args(["export", "--format", "csv"])
        .output()
        .unwrap()
        .stdout;
    let json = ledger
        .cmd()
        .args(["export", "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    let exported = csv_row(&csv);
    for (column, value) in header.iter().zip(row) {
        assert_eq!(exported[*column], value, "CSV column {column}");
    }
    assert!(String::from_utf8(json.clone())
        .unwrap()
        .contains(r#""statement": "mid\u0000dle""#));
    for (bytes, name) in [(&csv, "nul-export.csv"), (&json, "nul-export.json")] {
        let fresh = Ledger::new();
        let file = fresh.write_file(name, bytes);
        fresh.ok(&["import", file.to_str().unwrap()]);
        let again = fresh
            .cmd()
            .args(["export", "--format", "csv"])
            .output()
            .unwrap()
            .stdout;
        assert!(again == csv, "CSV export after importing {name} differs");
    }
}

/// What a NUL in an argument does: the OS cannot pass it, so it never reaches fledger.
#[test]
fn nul_cannot_be_passed_as_an_argument() {
    let ledger = Ledger::new();
    let err = crate::support::process_in(ledger.dir.path())
        .arg("--db")
        .arg(&ledger.db)
        .args(["add", "-p", "0.5", "a\0b"])
        .output()
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert!(!ledger.db.exists());
}

/// A NUL as the first character of a statement, forecaster, source title or tag: SQLite's
/// `length()` stops at the first NUL, so the schema's `CHECK (length(trim(x)) > 0)` sees an
/// empty text. The value must either survive (as a NUL inside a value does) or be refused
/// with one clear line naming the line and the column — not SQLite's constraint text.
#[test]
fn a_leading_nul_is_refused_with_a_clear_message() {
    for column in ["statement", "forecaster", "source_title", "tags"] {
        let ledger = Ledger::init();
        let csv = if column == "statement" {
            "statement,probability\n\"\0lead\",0.5\n".to_string()
        } else {
            format!("statement,probability,{column}\nQ,0.5,\"\0lead\"\n")
        };
        let file = ledger.write_file("lead.csv", csv.as_bytes());
        let output = ledger.run(&["import", file.to_str().unwrap()]);
        if output.status.success() {
            let json = ledger
                .cmd()
                .args(["export", "--format", "json"])
                .output()
                .unwrap()
                .stdout;
            let row = json_row(&json);
            let value = match column {
                "tags" => row["tags"][0].as_str().map(str::to_string),
                _ => row[column].as_str().map(str::to_string),
            };
            assert_eq!(value.as_deref(), Some("\0lead"), "{column}");
            ledger.ok(&["verify"]);
        } else {
            let lines = stderr_lines(&output);
            assert_eq!(output.status.code(), Some(1), "{column}: {lines:?}");
            assert_eq!(lines.len(), 1, "{column}: {lines:?}");
            assert!(lines[0].contains("line 2"), "{column}: {}", lines[0]);
            assert!(lines[0].contains(column), "{column}: {}", lines[0]);
            assert!(
                !lines[0].contains("CHECK constraint") && !lines[0].contains("Error code"),
                "{column}: SQLite's wording reaches the user: {}",
                lines[0]
            );
        }
    }
}
