//! Hostile input for every parser the library exposes: dates, probabilities, confidence phrases,
//! scale names, outcomes, tags, quotes in a source text, and whole import files (arbitrary bytes,
//! and well-formed CSV and JSON with hostile cells), imported as `fledger import --dry-run` does.
//!
//! Asserted for every input: no panic, and every rejection is one clear line — non-empty, with
//! no line break and no control character (a value holding ESC must not reach the terminal raw)
//! — as `main` prints it (`{err:#}`). Where an independent oracle exists, the accepted value
//! is checked against it too.
//!
//! Case counts come from `ProptestConfig::default()`, i.e. 256 per property, or
//! `PROPTEST_CASES`. The million-case run (11 properties × 91,000 = 1,001,000 cases):
//!
//! ```sh
//! PROPTEST_CASES=91000 cargo test --release --test robust parsers::
//! ```
//!
//! (There is no extraction parser yet — src/extract/ does not exist on this branch; when it
//! lands, give it a property here.)
//!
//! The file also holds the check that SQL text is never built from a value.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use fledger::confidence::{self, parse_confidence, parse_probability};
use fledger::interchange::digest::ReadDigest;
use fledger::interchange::{self, foreign, Origin, COLUMNS};
use fledger::ledger::questions::normalize_tag;
use fledger::ledger::Ledger;
use fledger::model::{format_date, parse_date, Outcome};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{json, Value};

/// The error as `main` prints it; fails the case unless it is one clear line.
fn clear(err: &anyhow::Error) -> Result<String, TestCaseError> {
    let message = format!("{err:#}");
    prop_assert!(!message.trim().is_empty(), "an empty error message");
    prop_assert!(
        !message.contains('\n') && !message.contains('\r'),
        "a message on several lines: {:?}",
        message
    );
    prop_assert!(
        !message.chars().any(char::is_control),
        "a control character in the message: {:?}",
        message
    );
    Ok(message)
}

fn icd203() -> &'static confidence::Scale {
    confidence::scale("icd203").unwrap()
}

thread_local! {
    /// One in-memory ledger per test thread: every import is applied in a transaction that is
    /// then rolled back (`dry_run`), so the SQL runs without the cost of a new schema per case.
    static LEDGER: RefCell<Ledger> = RefCell::new(Ledger::open_in_memory().unwrap());
}

/// What an import file came to. `Unparsed`: fledger's own reader refused it; the path users
/// run may still take it, sniffed as another tool's format.
#[derive(Debug, PartialEq)]
enum Stage {
    Unparsed,
    Refused,
    Applied,
}

/// The file through the path `fledger import --dry-run` runs — format sniffing, the streamed
/// reader, validation, the writer, then the rollback — and through fledger's own reader, whose
/// records the callers check cell by cell. Every refusal must be one clear line.
fn import(bytes: &[u8]) -> Result<(Stage, Option<interchange::Parsed>), TestCaseError> {
    let parsed = match interchange::parse(bytes) {
        Ok(parsed) => Some(parsed),
        Err(err) => {
            clear(&err)?;
            None
        }
    };
    let reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
    let applied = LEDGER.with(|ledger| {
        ledger.borrow_mut().dry_run(|tx| {
            let input = foreign::from_reader(reader, None)?;
            let digest = ReadDigest::default();
            let origin = Origin {
                name: "hostile.csv",
                digest: &digest,
            };
            let imported =
                interchange::import(tx, input, &origin, icd203(), "hostile user", &mut |_| {})?;
            let out_of_range: i64 = tx.query_row(
                "SELECT count(*) FROM predictions WHERE NOT probability BETWEEN 0 AND 1",
                [],
                |row| row.get(0),
            )?;
            Ok((imported, out_of_range))
        })
    });
    let stage = match applied {
        Ok((imported, out_of_range)) => {
            prop_assert_eq!(out_of_range, 0, "a probability outside [0, 1] was written");
            if let (Some(parsed), true) = (&parsed, imported.notices.is_empty()) {
                prop_assert_eq!(imported.summary.predictions, parsed.records.len());
            }
            Stage::Applied
        }
        Err(err) => {
            let message = clear(&err)?;
            if parsed.is_some() {
                prop_assert!(message.contains("line "), "no line named: {}", message);
            }
            Stage::Refused
        }
    };
    Ok((
        if parsed.is_none() {
            Stage::Unparsed
        } else {
            stage
        },
        parsed,
    ))
}

/// Cell values an import file may hold: good and bad numbers, phrases, dates, outcomes, scale
/// names, tag lists, and anything at all.
fn cell() -> impl Strategy<Value = String> {
    let known = prop::sample::select(vec![
        "0.3",
        ".7",
        "70%",
        "70 percent",
        "3:1",
        "1 in 4",
        "1/4",
        "very unlikely",
        "Likely",
        "almost certainly",
        "1.5",
        "-3%",
        "nan",
        "inf",
        "1e-3",
        "0x1p-2",
        "",
        " ",
        "2022-02-24",
        "2022-02-30",
        "2026-13-45",
        "0000-01-01",
        "9999-12-31",
        "2022-1-1",
        "२०२२-०१-०१",
        "yes",
        "NO",
        "Ambiguous",
        "annulled",
        "maybe",
        "icd203",
        "ICD203",
        "kent",
        "a;b",
        ";;",
        "x; ;y",
        ";",
        "=cmd|' /C calc'!A0",
        "\u{0}",
        "\u{0}lead",
        "\u{1B}[2J",
        "\u{FEFF}",
        "\r",
        "\"",
        "é\u{0301}\u{202E}",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        4 => known,
        2 => any::<String>(),
        2 => "\\PC{0,16}",
        1 => "[0-9]{1,400}",
        1 => "[a-z ]{200,2000}",
    ]
}

/// A header: known columns in any order and case, mostly with the required ones, sometimes with
/// an unknown, a blank or a repeated column.
fn header() -> impl Strategy<Value = Vec<String>> {
    (
        prop::sample::subsequence(COLUMNS.to_vec(), 0..8),
        prop::bool::weighted(0.85),
        prop::bool::weighted(0.85),
        prop::option::weighted(0.2, prop_oneof![Just("extra".to_string()), "\\PC{0,6}"]),
        prop::option::weighted(0.1, any::<prop::sample::Index>()),
        any::<u64>(),
    )
        .prop_map(
            |(names, with_statement, with_probability, other, repeat, case)| {
                let mut names: Vec<String> = names.into_iter().map(str::to_string).collect();
                for (wanted, name) in [
                    (with_statement, "statement"),
                    (with_probability, "probability"),
                ] {
                    if wanted && !names.iter().any(|n| n == name) {
                        names.push(name.to_string());
                    }
                }
                names.extend(other);
                if let (Some(index), false) = (repeat, names.is_empty()) {
                    names.push(index.get(&names).clone());
                }
                // Shuffle and recase, deterministically from `case`.
                for i in (1..names.len()).rev() {
                    names.swap(i, (case >> (i % 60)) as usize % (i + 1));
                }
                names
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| {
                        if case >> (i % 64) & 1 == 1 {
                            name.to_uppercase()
                        } else {
                            name
                        }
                    })
                    .collect()
            },
        )
        .prop_filter("a CSV header has a column", |names: &Vec<String>| {
            !names.is_empty()
        })
}

/// A value that fits `column`, so that rows get past validation and into the ledger too.
fn fitting(column: &str) -> BoxedStrategy<String> {
    let pick = |values: &[&'static str]| {
        prop::sample::select(values.to_vec())
            .prop_map(str::to_string)
            .boxed()
    };
    match column {
        "statement" => pick(&["Q1", "Q2", "q1 ", "Q3 \"quoted\""]),
        "probability" => pick(&["0.3", "70%", "1 in 4", "3:1", "0", "1"]),
        "confidence" => pick(&["likely", "Very Unlikely", "almost certainly"]),
        "phrase_scale" => pick(&["icd203", "ICD203"]),
        "forecaster" => pick(&["ana", "Ben", "Ana"]),
        "made_on" | "source_published" => pick(&["2022-01-19", "2021-12-01"]),
        "resolve_by" => pick(&["2022-12-31", "2023-06-30"]),
        "outcome" => pick(&["yes", "no", "annulled"]),
        "resolved_on" => pick(&["2022-02-24", "2022-03-01"]),
        "tags" => pick(&["war", "a;b", "Ukraine; NATO"]),
        _ => "\\PC{0,12}".boxed(),
    }
}

/// A header and rows of cells that fit it: each cell mostly a value for its column, else a
/// hostile one.
fn table() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    header().prop_flat_map(|header| {
        let row: Vec<BoxedStrategy<String>> = header
            .iter()
            .map(|name| {
                prop_oneof![
                    5 => fitting(&name.trim().to_lowercase()),
                    1 => Just(String::new()),
                    2 => cell(),
                ]
                .boxed()
            })
            .collect();
        (Just(header), prop::collection::vec(row, 0..6))
    })
}

/// What `check_columns` must say of a header: missing or repeated columns are refused.
fn header_is_acceptable(header: &[String]) -> bool {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    names.iter().any(|n| n == "statement")
        && names
            .iter()
            .any(|n| n == "probability" || n == "confidence")
        && unique.len() == names.len()
        && !names.iter().all(String::is_empty)
}

/// The fields a record must hold: known columns with a non-blank value.
fn expected_fields(header: &[String], row: &[String]) -> BTreeMap<String, String> {
    header
        .iter()
        .map(|h| h.trim().to_lowercase())
        .zip(row.iter())
        .filter(|(name, value)| COLUMNS.contains(&name.as_str()) && !value.trim().is_empty())
        .map(|(name, value)| (name, value.clone()))
        .collect()
}

/// A JSON value for a cell: mostly its text, sometimes a number, a boolean, null, a list
/// (which only `tags` may be, of strings) or an object (which nothing may be).
fn json_value(column: &str, text: String, kind: u8) -> Value {
    match kind % 40 {
        _ if column.trim().eq_ignore_ascii_case("tags") && kind.is_multiple_of(2) => {
            json!(text.split(';').collect::<Vec<_>>())
        }
        0 => json!(text.len() as f64 / 7.0),
        1 => json!(text.len()),
        2 => json!(text.len().is_multiple_of(2)),
        3 => Value::Null,
        4 => json!(text.split(';').collect::<Vec<_>>()),
        5 => json!({ "nested": text }),
        _ => Value::String(text),
    }
}

const PHRASES: &[(&str, f64)] = &[
    ("almost no chance", 0.03),
    ("remote", 0.03),
    ("very unlikely", 0.125),
    ("highly improbable", 0.125),
    ("unlikely", 0.325),
    ("roughly even chance", 0.5),
    ("likely", 0.675),
    ("probably", 0.675),
    ("very likely", 0.875),
    ("almost certainly", 0.97),
    ("nearly certain", 0.97),
];

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/robust_parsers.txt",
        ))),
        ..ProptestConfig::default()
    })]

    /// Any text: a date is accepted only as the `YYYY-MM-DD` it prints back as.
    #[test]
    fn dates_from_any_text(text in prop_oneof![
        any::<String>(),
        "\\s?[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,3}\\s?",
        "[0-9٠-٩０-９+-]{10}",
    ]) {
        match parse_date(&text) {
            Ok(date) => prop_assert_eq!(format_date(date), text.trim()),
            Err(err) => { clear(&err)?; }
        }
    }

    /// Date-shaped text: accepted exactly when the calendar has that day.
    #[test]
    fn dates_exist_or_are_refused(year in 0i32..10_000, month in 0u32..14, day in 0u32..33) {
        let text = format!("{year:04}-{month:02}-{day:02}");
        let real = NaiveDate::from_ymd_opt(year, month, day);
        match parse_date(&text) {
            Ok(date) => prop_assert_eq!(Some(date), real),
            Err(err) => {
                prop_assert!(real.is_none(), "{} refused: {}", text, err);
                let message = clear(&err)?;
                prop_assert!(message.contains(&text));
            }
        }
    }

    /// Any text as a probability: accepted values lie in 0..=1; plain decimals, percentages,
    /// odds and frequencies agree with the arithmetic they stand for.
    #[test]
    fn probabilities_from_any_text(text in prop_oneof![
        any::<String>(),
        " ?-?[0-9]{0,4}(\\.[0-9]{0,4})?",
        "-?[0-9]{0,3}(\\.[0-9]{0,3})? ?(%|percent|per cent|PERCENT)",
        "-?[0-9]{1,3}(\\.[0-9]{1,2})? ?(:| in |/) ?-?[0-9]{1,3}(\\.[0-9]{1,2})?",
        "[0-9]{300,400}(%|:1| in 1)?",
        "(nan|inf|-inf|1e5|1E-5|0x10|\\+0\\.5|½|0,5|٠\\.٥)",
    ]) {
        let folded = text.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
        let plain = |t: &str| -> Option<f64> {
            let digits = t.strip_prefix('-').unwrap_or(t);
            let ok = !digits.is_empty() && digits != "."
                && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && digits.matches('.').count() <= 1;
            ok.then(|| t.parse().unwrap())
        };
        // What the text stands for, when it is one of the documented numeric forms.
        let oracle: Option<Option<f64>> = if let Some(v) = plain(&folded) {
            Some((0.0..=1.0).contains(&v).then_some(v.abs()))
        } else if let Some(n) = ["%", "percent", "per cent"].iter()
            .find_map(|s| folded.strip_suffix(s)).map(str::trim_end).filter(|n| plain(n).is_some()) {
            // The point moved in the text, as a reader moves it: 12.5% is exactly 0.125.
            let v: f64 = format!("{n}e-2").parse().unwrap();
            Some((0.0..=1.0).contains(&v).then_some(v.abs()))
        } else if let Some((a, b)) = folded.split_once(':').and_then(|(a, b)| Some((plain(a.trim())?, plain(b.trim())?))) {
            Some((a >= 0.0 && b >= 0.0 && a + b > 0.0 && (a + b).is_finite()).then(|| a / (a + b)))
        } else if let Some((a, _)) = ['/', '-'].iter()
            .find_map(|&s| folded.split_once(s).and_then(|(a, b)| Some((plain(a.trim())?, plain(b.trim())?))))
            .filter(|&(a, b)| a >= 0.0 && b >= 0.0 && a.fract() == 0.0 && b.fract() == 0.0 && a + b == 100.0) {
            // A split of 100, "60/40": the share before the slash.
            Some(Some((a / 100.0).abs()))
        } else if let Some((a, b)) = folded.split_once(" in ").or_else(|| folded.split_once('/'))
            .and_then(|(a, b)| Some((plain(a.trim())?, plain(b.trim())?))) {
            Some((a >= 0.0 && b > 0.0 && a <= b && b.is_finite()).then(|| a / b))
        } else {
            None
        };
        match (parse_probability(&text), oracle) {
            (Ok(p), expected) => {
                prop_assert!((0.0..=1.0).contains(&p.value()) && p.value().is_finite());
                // (-0 from "-0:1" compares equal to 0 here: see `odds_of_minus_zero_are_zero`.)
                if let Some(expected) = expected {
                    prop_assert_eq!(Some(p.value()), expected, "{:?}", text);
                } else {
                    prop_assert!(false, "{:?} accepted as {} but is no documented form", text, p.value());
                }
            }
            (Err(err), expected) => {
                prop_assert!(!matches!(expected, Some(Some(_))), "{:?} refused: {}", text, err);
                clear(&err)?;
            }
        }
    }

    /// Any text as a confidence: a number is read as a number; a phrase of the scale, in any
    /// case and spacing, as the scale's midpoint; anything else is refused clearly.
    #[test]
    fn confidences_from_any_text(text in prop_oneof![
        any::<String>(),
        "\\PC{0,30}",
        (prop::sample::select(PHRASES.to_vec()), any::<u64>(), "[ \t\n]{0,2}").prop_map(
            |((phrase, _), case, pad)| {
                let recased: String = phrase.chars().enumerate().map(|(i, c)| {
                    if case >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c }
                }).collect();
                format!("{pad}{}{pad}", recased.replace(' ', if case % 3 == 0 { "  " } else { " \t" }))
            }),
    ]) {
        let scale = icd203();
        match parse_confidence(&text, scale) {
            Ok(confidence) => {
                let p = confidence.probability.value();
                prop_assert!((0.0..=1.0).contains(&p));
                match confidence.phrase {
                    // A number or a modal word inside other words ("30% chance"): the words are
                    // kept as written, and read the same way again.
                    Some(phrase) if confidence.scale.is_none() => {
                        prop_assert_eq!(phrase.as_str(), text.trim());
                        prop_assert_eq!(confidence.scale_version, None);
                        let again = parse_confidence(&phrase, scale).map(|c| c.probability.value());
                        prop_assert_eq!(again.ok(), Some(p));
                    }
                    Some(phrase) => {
                        prop_assert_eq!(confidence.scale.as_deref(), Some("icd203"));
                        prop_assert_eq!(phrase.as_str(), text.trim());
                        let folded = text.split_whitespace().collect::<Vec<_>>().join(" ")
                            .to_lowercase().replace('\u{2019}', "'");
                        let expected = PHRASES.iter().find(|(known, _)| *known == folded).map(|(_, p)| *p);
                        if let Some(expected) = expected {
                            prop_assert_eq!(p, expected);
                        }
                        prop_assert!(scale.lookup(&phrase).is_some());
                    }
                    None => {
                        prop_assert_eq!(confidence.scale, None);
                        prop_assert_eq!(parse_probability(&text).map(|p| p.value()).ok(), Some(p));
                    }
                }
            }
            Err(err) => {
                let folded = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
                prop_assert!(!PHRASES.iter().any(|(known, _)| *known == folded), "{:?} refused: {}", text, err);
                clear(&err)?;
            }
        }
    }

    /// Scale names: only a known name, in any case and spacing.
    #[test]
    fn scale_names_from_any_text(name in prop_oneof![any::<String>(), "\\s?(icd203|ICD203|IcD203|kent|icd 203)\\s?"]) {
        match confidence::scale(&name) {
            Ok(scale) => prop_assert_eq!(&scale.name, &name.trim().to_lowercase()),
            Err(err) => { clear(&err)?; }
        }
    }

    /// Outcomes: the four words in any case, with surrounding spacing; nothing else.
    #[test]
    fn outcomes_from_any_text(text in prop_oneof![
        any::<String>(),
        "\\s?(yes|no|ambiguous|annulled|YES|No|AMBIGUOUS|Annulled|y|n|yes!|nope|annuled)\\s?",
    ]) {
        let expected = ["yes", "no", "ambiguous", "annulled"]
            .contains(&text.trim().to_ascii_lowercase().as_str());
        match text.parse::<Outcome>() {
            Ok(outcome) => {
                prop_assert!(expected, "{:?} accepted", text);
                prop_assert_eq!(outcome.to_string(), text.trim().to_ascii_lowercase());
            }
            Err(err) => {
                prop_assert!(!expected, "{:?} refused", text);
                clear(&err)?;
            }
        }
    }

    /// Tags: kept folded and lowercase, never empty, never holding the separator.
    #[test]
    fn tags_from_any_text(text in prop_oneof![any::<String>(), "[ ;a-zA-Zé\t]{0,8}"]) {
        match normalize_tag(&text) {
            Ok(tag) => {
                prop_assert!(!tag.is_empty() && !tag.contains(';'));
                prop_assert_eq!(tag, text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase());
            }
            Err(err) => { clear(&err)?; }
        }
    }

    /// A quote looked up in a source text: no panic, and a match lies inside the text.
    #[test]
    fn quotes_located_in_any_text(text in "\\PC{0,200}", quote in "\\PC{0,12}", cut in any::<(u8, u8)>()) {
        // Half of the quotes are taken from the text, so matches are found too.
        let chars: Vec<char> = text.chars().collect();
        let quote = if cut.0 % 2 == 0 && !chars.is_empty() {
            let start = cut.0 as usize % chars.len();
            let end = (start + 1 + cut.1 as usize % 20).min(chars.len());
            chars[start..end].iter().collect()
        } else {
            quote
        };
        match fledger::text::quote::locate(&text, &quote) {
            Some((offset, len)) => {
                prop_assert!(len >= 1 && offset + len <= chars.len());
                prop_assert!(!quote.trim().is_empty());
            }
            None => prop_assert!(
                quote.trim().is_empty() || !text.contains(quote.trim()),
                "{:?} is in the text but not found", quote
            ),
        }
    }

    /// Arbitrary bytes as an import file, raw or behind a plausible CSV header or a JSON '['.
    #[test]
    fn import_files_of_any_bytes(bytes in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        prop::collection::vec(any::<u8>(), 0..300).prop_map(|b| [b"statement,probability\n".to_vec(), b].concat()),
        prop::collection::vec(any::<u8>(), 0..300).prop_map(|b| [b"[{\"statement\":".to_vec(), b].concat()),
        "\\PC{0,300}".prop_map(String::into_bytes),
    ]) {
        import(&bytes)?;
    }

    /// Well-formed CSV with hostile cells: the header decides whether the file parses, every
    /// record holds exactly its non-blank known cells, and each step refuses clearly.
    #[test]
    fn import_csv_with_hostile_cells((header, rows) in table()) {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&header).unwrap();
        for row in &rows {
            writer.write_record(row).unwrap();
        }
        let bytes = writer.into_inner().unwrap();
        let (stage, parsed) = import(&bytes)?;
        // A BOM first is dropped, and a first '[' makes the file JSON: then the header alone
        // does not decide.
        let text = String::from_utf8(bytes.clone()).unwrap();
        let sniffed = text.starts_with('\u{feff}') || text.trim_start().starts_with('[');
        if !sniffed {
            prop_assert_eq!(stage != Stage::Unparsed, header_is_acceptable(&header), "{:?}", header);
        }
        if let (Some(parsed), false) = (parsed, sniffed) {
            let expected: Vec<BTreeMap<String, String>> = rows
                .iter()
                .filter(|row| !row.iter().all(|c| c.trim().is_empty()))
                .map(|row| expected_fields(&header, row))
                .collect();
            let got: Vec<BTreeMap<String, String>> =
                parsed
                .records
                .iter()
                .map(|r| r.fields().map(|(k, v)| (k.to_string(), v.to_string())).collect())
                .collect();
            prop_assert_eq!(got, expected);
        }
    }

    /// Well-formed JSON with hostile values: text, numbers, booleans, nulls, lists, objects.
    #[test]
    fn import_json_with_hostile_values((header, rows) in table(), kinds in prop::collection::vec(any::<u8>(), 18 * 6)) {
        let objects: Vec<Value> = rows
            .into_iter()
            .enumerate()
            .map(|(r, row)| {
                let mut object = serde_json::Map::new();
                for (c, (name, text)) in header.iter().zip(row).enumerate() {
                    let kind = kinds[(r * 18 + c) % kinds.len()];
                    object.insert(name.clone(), json_value(name, text, kind));
                }
                Value::Object(object)
            })
            .collect();
        let pretty = kinds[0] % 2 == 0;
        let bytes = if pretty {
            serde_json::to_vec_pretty(&objects).unwrap()
        } else {
            serde_json::to_vec(&objects).unwrap()
        };
        import(&bytes)?;
    }
}

/// `-0` is zero: decimals and percentages turn it into +0 (it would print as "-0"), and so
/// must odds and frequencies. The CLI shows it: `fledger add Q -p -0:1` answers
/// "logged prediction 1 (-0 on new question 1)" (SQLite then stores a plain 0).
#[test]
fn odds_of_minus_zero_are_zero() {
    for text in ["-0", "-0%", "-0:1", "-0 in 1", "-0/1", "-0.0:3"] {
        let p = parse_probability(text).unwrap().value();
        assert_eq!(p, 0.0, "{text}");
        assert!(p.is_sign_positive(), "{text} is read as -0");
    }
}

/// A format! whose text is SQL — found by its uppercase keywords or a `= ?` placeholder.
fn looks_like_sql(literal: &str) -> bool {
    [
        "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "PRAGMA ", "CREATE ", "DROP ", "ALTER ",
        "VACUUM", " FROM ", " WHERE ", " = ?", "REPLACE ", "ATTACH ",
    ]
    .iter()
    .any(|keyword| literal.contains(keyword))
}

/// Every `format!("…")` in `source` whose literal looks like SQL: (line, literal with its
/// spacing folded, the whole call with its spacing folded).
fn sql_formats(source: &str) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(at) = rest.find("format!(") {
        let start = offset + at + "format!(".len();
        let call = &source[start..];
        // The call runs to the parenthesis that closes it, skipping string contents.
        let (mut depth, mut in_string, mut escaped, mut end) = (1, false, false, call.len());
        let mut literal = None;
        let mut literal_start = 0;
        for (i, c) in call.char_indices() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => {
                        in_string = false;
                        literal.get_or_insert_with(|| call[literal_start..i].to_string());
                    }
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => {
                    in_string = true;
                    literal_start = i + 1;
                }
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let fold = |text: &str| {
            text.replace("\\\n", " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        if let Some(literal) = literal.filter(|l| looks_like_sql(l)) {
            let line = 1 + source[..start].matches('\n').count();
            found.push((line, fold(&literal), fold(&call[..end])));
        }
        offset = start;
        rest = &source[start..];
    }
    found
}

fn rust_files(dir: &Path, into: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// SQL is parameterised: the only SQL text built with `format!` anywhere in src/ is the list
/// below, each interpolating only table and column names from fixed lists in the code. A new
/// one fails this test: check that it interpolates no value (values go in as `?N` parameters),
/// then add it here with where its names come from.
#[test]
fn sql_is_never_built_from_a_value() {
    const REVIEWED: &[(&str, &str, &str)] = &[
        // Column names of one journaled table, `{column} = ?N` per key column of JOURNALED.
        (
            "src/ledger/journal.rs",
            "{column} = ?{}",
            "column from JOURNALED's key columns; the value is the ?N parameter",
        ),
        (
            "src/ledger/journal.rs",
            "SELECT {select} FROM {name} WHERE {}",
            "select, name and the condition from JOURNALED (the const table list)",
        ),
        (
            "src/ledger/journal.rs",
            "SELECT {keys} FROM {table} ORDER BY {keys}",
            "table and keys from JOURNALED",
        ),
        (
            "src/ledger/journal.rs",
            "SELECT {} FROM {name} WHERE id = ?1",
            "unit test oracle: table and columns from JOURNALED",
        ),
        (
            "src/ledger/indexes.rs",
            "DROP INDEX {name}",
            "name from DEFERRED, a const list of the schema's index names",
        ),
        // The scoring read: a filter's conditions are literals from `conditions` with every
        // value a `?` parameter; the column is a literal at the call.
        (
            "src/ledger/query.rs",
            "WHERE {column} IN (SELECT p.question_id {predictions})",
            "column is a literal; predictions is FROM plus conditions() (parameters only)",
        ),
        (
            "src/ledger/query.rs",
            "SELECT question_id, outcome, resolved_on, created_at FROM resolutions {} ORDER BY id",
            "the clause is of_selected (see above)",
        ),
        (
            "src/ledger/query.rs",
            "SELECT qt.question_id, t.name FROM question_tags AS qt JOIN tags AS t ON t.id = qt.tag_id {} ORDER BY qt.question_id, t.name",
            "the clause is of_selected (see above)",
        ),
        (
            "src/ledger/query.rs",
            "SELECT p.id, p.question_id, p.forecaster_id, p.source_id, p.probability, {phrase}, p.made_on, p.created_at, p.import_id IS NOT NULL, p.quote_offset IS NOT NULL {predictions}\\nORDER BY p.id",
            "phrase is a column name or NULL, a literal chosen by the grouping; predictions is FROM plus conditions() (parameters only)",
        ),
        (
            "src/ledger/verify.rs",
            "SELECT {keys} FROM {table} ORDER BY {keys}",
            "table and keys from JOURNALED",
        ),
        (
            "src/ledger/sources.rs",
            "SELECT {COLUMNS} FROM sources WHERE id = ?1",
            "COLUMNS is a const column list",
        ),
        (
            "src/ledger/sources.rs",
            "SELECT {COLUMNS} FROM sources ORDER BY id",
            "COLUMNS is a const column list",
        ),
        (
            "src/ledger/resolutions.rs",
            "SELECT {COLUMNS} FROM resolutions WHERE question_id = ?1 ORDER BY id DESC LIMIT 1",
            "COLUMNS is a const column list",
        ),
        (
            "src/ledger/resolutions.rs",
            "SELECT {COLUMNS} FROM resolutions WHERE question_id = ?1 ORDER BY id",
            "COLUMNS is a const column list",
        ),
        (
            "src/ledger/migrate.rs",
            "PRAGMA table_xinfo({name})",
            "unit test only: table names read from sqlite_master",
        ),
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 20, "src/ was found: {files:?}");

    let mut found = Vec::new();
    for file in &files {
        let relative = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let source = std::fs::read_to_string(file).unwrap();
        for (line, literal, call) in sql_formats(&source) {
            found.push((relative.clone(), line, literal, call));
        }
    }
    let unreviewed: Vec<String> = found
        .iter()
        .filter(|(file, _, literal, _)| !REVIEWED.iter().any(|(f, l, _)| f == file && l == literal))
        .map(|(file, line, _, call)| format!("{file}:{line}: format!({call})"))
        .collect();
    assert!(
        unreviewed.is_empty(),
        "SQL built with format! that nobody has reviewed:\n{}",
        unreviewed.join("\n")
    );
    // Each reviewed entry is still there: the list stays the truth.
    for (file, literal, _) in REVIEWED {
        assert!(
            found.iter().any(|(f, _, l, _)| f == file && l == literal),
            "{file}: {literal:?} is gone; remove it from REVIEWED"
        );
    }
    // The scanner itself finds what it is meant to.
    let sample = "let a = format!(\"SELECT {x} FROM t WHERE id = {}\", id);\nlet b = format!(\"no sql {y}\");";
    let hits = sql_formats(sample);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].1, "SELECT {x} FROM t WHERE id = {}");
    assert_eq!(hits[0].2, "\"SELECT {x} FROM t WHERE id = {}\", id");
}
