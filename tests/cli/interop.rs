//! Importing other tools' files (`fledger import --from fatebook|predictionbook|metaculus`,
//! or told from the header) and exporting for Fatebook (`fledger export --to fatebook`).
//!
//! The fixtures in tests/fixtures/interop/ are written from each tool's published format;
//! tests/fixtures/interop/README.md says where each is documented. Every score test works the
//! Brier score out by hand from the fixture, on fledger's 0–1 scale.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::support::*;
use serde_json::Value;

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop")
        .join(path)
}

fn fixture_arg(path: &str) -> String {
    fixture(path).to_str().unwrap().to_string()
}

/// Imports a fixture into a new ledger and returns the ledger and the import's stderr.
fn imported(args: &[&str]) -> (Ledger, String) {
    let ledger = Ledger::new();
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let output = ledger.run(&all);
    assert_success(&output, &all);
    (ledger, stderr(&output))
}

/// `list --json`, as (statement, forecaster, probability, made_on, outcome, resolved_on).
fn listed(ledger: &Ledger) -> Vec<(String, String, f64, String, Value, Value)> {
    let mut rows: Vec<_> = ledger
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["statement"].as_str().unwrap().to_string(),
                row["forecaster"].as_str().unwrap().to_string(),
                num(row, "probability"),
                row["made_on"].as_str().unwrap().to_string(),
                row["outcome"].clone(),
                row["resolved_on"].clone(),
            )
        })
        .collect();
    rows.sort_by(|a, b| (&a.0, &a.3, &a.1).cmp(&(&b.0, &b.3, &b.1)));
    rows
}

fn score(ledger: &Ledger, policy: &str) -> Value {
    ledger.json(&["score", "--json", "--policy", policy])
}

// ---- Fatebook -----------------------------------------------------------------------------

#[test]
fn fatebook_export_is_told_from_its_header_and_scores_as_worked_by_hand() {
    let (ledger, err) = imported(&[&fixture_arg("fatebook/export.csv")]);
    // Scored (outcome o, Brier (p − o)²): UK election YES: Ana 0.8 → 0.04, Ben 0.6 → 0.16;
    // euro inflation YES: Ana 0.4 → 0.36 and later 0.7 → 0.09; Rugby World Cup — South Africa
    // YES: 0.3 → 0.49; — France NO: 0.4 → 0.16; gym (week of 1 May) YES: 0.6 → 0.16; gym
    // (week of 8 May, renamed) NO: 0.7 → 0.49. Sum 1.95 over 8: 0.24375 (Fatebook's 0–2
    // scale: 0.4875). Ben's 0.99 made the day after the election result is hindsight and left
    // out; the AMBIGUOUS and the open question are excluded from the score.
    let all = score(&ledger, "all");
    assert_eq!(all["overall"]["n"], 8);
    assert_close("brier", num(&all["overall"], "brier"), 1.95 / 8.0, 1e-12);
    assert_eq!(all["excluded"]["ambiguous"], 1);
    assert_eq!(all["excluded"]["unresolved"], 1);
    // --policy latest keeps Ana's 0.7 on inflation: (1.95 − 0.36) / 7.
    let latest = score(&ledger, "latest");
    assert_eq!(latest["overall"]["n"], 7);
    assert_close("brier", num(&latest["overall"], "brier"), 1.59 / 7.0, 1e-12);

    let rows = listed(&ledger);
    assert_eq!(rows.len(), 10);
    assert!(rows.contains(&(
        "Which team wins the 2023 Rugby World Cup? — South Africa".into(),
        "Ana Analyst".into(),
        0.3,
        "2023-09-08".into(),
        "yes".into(),
        "2023-10-28".into(),
    )));
    assert!(rows.contains(&(
        "Will I go to the gym 3 times this week? [Fatebook question created 2023-05-08 07:00:00]"
            .into(),
        "Ana Analyst".into(),
        0.7,
        "2023-05-08".into(),
        "no".into(),
        "2023-05-14".into(),
    )));
    // The truncated timestamp "2024-07-05 06:00:0" (Fatebook issue #90) is still a date.
    assert!(rows.contains(&(
        "Will the UK hold a general election before 2024-12-31?".into(),
        "Ben Bettor".into(),
        0.6,
        "2023-06-02".into(),
        "yes".into(),
        "2024-07-05".into(),
    )));
    assert!(err.contains("ignored column(s) that map to nothing in fledger: Question created by, Your Brier score for this question, Your relative Brier score for this question, Question shared with, Question shared publicly, Question comments"), "{err}");
    assert!(err.contains("export.csv: left out, made after their question's outcome was known (hindsight, which fledger does not record): 1 (line 4)"), "{err}");
    assert!(err.contains("renamed, questions whose title an earlier question in the file has (fledger knows a question by its statement): 1 (line 12)"), "{err}");
}

/// Fatebook's own per-question score is 2 (p − o)² for a question with one forecast made when
/// it was asked (lib/_scoring.ts: (f − o)² + ((1 − f) − (1 − o))², averaged over the days the
/// forecast stood): the fixture's "Your Brier score" column is exactly twice fledger's Brier.
#[test]
fn fatebook_brier_column_is_twice_fledgers_for_single_forecasts() {
    let text = std::fs::read_to_string(fixture("fatebook/export.csv")).unwrap();
    let (header, records) = parse_csv(&text);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut checked = 0;
    for record in &records {
        let single = records
            .iter()
            .filter(|r| r[at("Question title")] == record[at("Question title")])
            .filter(|r| r[at("Multiple choice option")] == record[at("Multiple choice option")])
            .filter(|r| r[at("Question created at")] == record[at("Question created at")])
            .count()
            == 1;
        if !single || record[at("Your Brier score for this question")].is_empty() {
            continue;
        }
        let p: f64 = record[at("Forecast (scale = 0-1)")].parse().unwrap();
        let o = if record[at("Resolution")] == "YES" {
            1.0
        } else {
            0.0
        };
        let fatebook: f64 = record[at("Your Brier score for this question")]
            .parse()
            .unwrap();
        assert_close("Fatebook's Brier", fatebook, 2.0 * (p - o) * (p - o), 1e-12);
        checked += 1;
    }
    assert_eq!(checked, 4);
}

#[test]
fn fatebook_spreadsheet_columns_import_as_the_users_forecasts() {
    let (ledger, err) = imported(&[
        "--from",
        "fatebook",
        &fixture_arg("fatebook/spreadsheet.csv"),
    ]);
    // Rain YES 0.7 → 0.09; Starship NO 0.35 → 0.1225; Olympics YES 0.9 → 0.01: 0.2225 / 3.
    let all = score(&ledger, "all");
    assert_eq!(all["overall"]["n"], 3);
    assert_close("brier", num(&all["overall"], "brier"), 0.2225 / 3.0, 1e-12);
    let rows = listed(&ledger);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|row| row.1 == USER));
    // fCreatedAt wins over qCreatedAt; a resolution without resolvedAt is dated the day after
    // the question was asked, as Fatebook's own importer does.
    assert!(rows.contains(&(
        "Will Starship reach orbit in 2023?".into(),
        USER.into(),
        0.35,
        "2023-02-01".into(),
        "no".into(),
        "2024-01-01".into(),
    )));
    assert!(rows.contains(&(
        "Will the 2024 Olympics open on time?".into(),
        USER.into(),
        0.9,
        "2023-08-01".into(),
        "yes".into(),
        "2023-08-02".into(),
    )));
    let tagged = ledger.json(&["list", "--json", "--tag", "tech"]);
    assert_eq!(tagged[0]["tags"], serde_json::json!(["space", "tech"]));
    let shown = ledger.ok(&["show", "2"]);
    assert!(shown.contains("first try after the FAA licence"), "{shown}");
    assert!(!err.contains("ignored column"), "{err}");
}

#[test]
fn fatebook_export_round_trips_through_fatebooks_columns() {
    let ledger = Ledger::seeded();
    let out = ledger.ok(&["export", "--to", "fatebook"]);
    let (header, records) = parse_csv(&out);
    assert_eq!(
        header,
        [
            "questionTitle",
            "forecast",
            "qCreatedAt",
            "resolution",
            "resolvedAt",
            "resolveBy",
            "fCreatedAt",
            "tags",
            "notes"
        ]
    );
    // The seed's first question has two predictions: both rows carry its first date.
    let invasion: Vec<&Vec<String>> = records
        .iter()
        .filter(|r| r[0] == "Russia invades Ukraine by 2022-12-31")
        .collect();
    assert_eq!(invasion.len(), 2);
    assert!(invasion
        .iter()
        .all(|r| r[2] == "2022-01-19" && r[3] == "YES"));
    assert_eq!(invasion[0][1], "12.5");

    let back = Ledger::new();
    let file = back.write_file("for-fatebook.csv", out.as_bytes());
    let output = back.run(&["import", file.to_str().unwrap()]);
    assert_success(&output, &["import", "for-fatebook.csv"]);
    let strip = |rows: Vec<(String, String, f64, String, Value, Value)>| -> BTreeMap<(String, String), (f64, Value, Value)> {
        rows.into_iter()
            .map(|(statement, _, p, made, outcome, resolved)| ((statement, made), (p, outcome, resolved)))
            .collect()
    };
    assert_eq!(strip(listed(&back)), strip(listed(&ledger)));
}

#[test]
fn fatebook_export_writes_annulled_as_ambiguous() {
    let ledger = Ledger::init();
    ledger.ok(&[
        "add",
        "A called-off question",
        "-p",
        "0.3",
        "--made",
        "2022-01-01",
    ]);
    ledger.ok(&["resolve", "1", "annulled", "--on", "2022-02-01"]);
    let (_, records) = parse_csv(&ledger.ok(&["export", "predictions", "--to", "fatebook"]));
    assert_eq!(records[0][1], "30");
    assert_eq!(records[0][3], "AMBIGUOUS");
    assert_eq!(records[0][4], "2022-02-01");
}

// ---- PredictionBook -----------------------------------------------------------------------

#[test]
fn predictionbook_json_is_told_apart_and_scores_as_worked_by_hand() {
    let (ledger, err) = imported(&[&fixture_arg("predictionbook/my_predictions.json")]);
    // Confidences are percentages. Scored: Lakers (#101) YES: ana 0.7 → 0.09, bob 0.4 → 0.36;
    // Brexit by 29 March (#102) NO: ana 0.8 → 0.64, ana 0.6 → 0.36; Lakers again (#105, a
    // separate prediction with the same words, renamed) YES: ana 0.65 → 0.1225. Sum 1.5725
    // over 5: 0.3145, on the 0–1 scale PredictionBook also uses. The withdrawn #103 is
    // annulled, #104 is open; bob's 95 after the judgement is hindsight, ana's comment without
    // a confidence is no forecast.
    let all = score(&ledger, "all");
    assert_eq!(all["overall"]["n"], 5);
    assert_close("brier", num(&all["overall"], "brier"), 1.5725 / 5.0, 1e-12);
    assert_eq!(all["excluded"]["annulled"], 1);
    assert_eq!(all["excluded"]["unresolved"], 1);
    let first = score(&ledger, "first");
    // First claims: 0.09 + 0.36 + 0.64 + 0.1225 = 1.2125 over 4.
    assert_close(
        "brier",
        num(&first["overall"], "brier"),
        1.2125 / 4.0,
        1e-12,
    );

    let rows = listed(&ledger);
    assert_eq!(rows.len(), 7);
    assert!(rows.contains(&(
        "The Lakers win the 2020 NBA championship [PredictionBook #105]".into(),
        "ana".into(),
        0.65,
        "2020-03-01".into(),
        "yes".into(),
        "2020-10-12".into(),
    )));
    assert!(rows.contains(&(
        "It snows in Sydney's CBD in 2035".into(),
        "ana".into(),
        0.01,
        "2022-06-01".into(),
        Value::Null,
        Value::Null,
    )));
    let shown = ledger.ok(&["show", "1"]);
    assert!(
        shown.contains("https://predictionbook.com/predictions/101"),
        "{shown}"
    );
    assert!(err.contains("left out, responses without a confidence (a comment alone is not a forecast): 1 (line 22)"), "{err}");
    assert!(
        err.contains("(hindsight, which fledger does not record): 1 (line 43)"),
        "{err}"
    );
}

#[test]
fn predictionbook_judgements_date_the_outcome() {
    let (ledger, _) = imported(&[
        "--from",
        "predictionbook",
        &fixture_arg("predictionbook/judged.json"),
    ]);
    // The latest judgement (YES on 2021-01-02) counts: (0.25 − 1)² = 0.5625.
    let all = score(&ledger, "all");
    assert_close("brier", num(&all["overall"], "brier"), 0.5625, 1e-12);
    assert_eq!(
        listed(&ledger),
        vec![(
            "Bitcoin trades above $20,000 on 2021-01-01".into(),
            "carol".into(),
            0.25,
            "2020-06-01".into(),
            "yes".into(),
            "2021-01-02".into(),
        )]
    );
}

#[test]
fn predictionbook_json_reads_from_stdin() {
    let ledger = Ledger::new();
    let text = std::fs::read(fixture("predictionbook/judged.json")).unwrap();
    let output = ledger.run_stdin(&["import", "-"], text);
    assert_success(&output, &["import", "-"]);
    assert_eq!(listed(&ledger).len(), 1);
}

// ---- Metaculus ----------------------------------------------------------------------------

/// Scored: Starship (1001) NO: alice 0.3 → 0.09, alice 0.1 → 0.01, bob 0.25 → 0.0625; GPT-5
/// (1002) YES: alice 0.8 → 0.04, bob 0.6 → 0.16; GPT-5 in the cup (1007, renamed) YES: bob 0.9
/// → 0.01. Sum 0.3725 over 6: 0.062083…, which is also the mean of (1 − "Probability of
/// Resolution")² over those rows, the value Metaculus scores with. Left out: the aggregate
/// row, the numeric question's forecast, and bob's 0.99 made after 1002 resolved.
fn assert_metaculus_scores(ledger: &Ledger) {
    let all = score(ledger, "all");
    assert_eq!(all["overall"]["n"], 6);
    assert_close("brier", num(&all["overall"], "brier"), 0.3725 / 6.0, 1e-12);
    assert_eq!(all["excluded"]["annulled"], 1);
    assert_eq!(all["excluded"]["ambiguous"], 1);
    assert_eq!(all["excluded"]["unresolved"], 1);
    assert_eq!(listed(ledger).len(), 9);
}

#[test]
fn metaculus_export_folder_imports_and_scores_as_worked_by_hand() {
    let (ledger, err) = imported(&[&fixture_arg("metaculus")]);
    assert_metaculus_scores(&ledger);
    let rows = listed(&ledger);
    assert!(rows.contains(&(
        "Will OpenAI release GPT-5 before 2025? [Metaculus question 1007]".into(),
        "bob".into(),
        0.9,
        "2024-01-05".into(),
        "yes".into(),
        "2024-05-01".into(),
    )));
    assert!(rows.contains(&(
        "Will the tournament's tie-break rule be used?".into(),
        "alice".into(),
        0.5,
        "2024-01-05".into(),
        "annulled".into(),
        "2024-03-01".into(),
    )));
    let tagged = ledger.json(&["list", "--json", "--tag", "space"]);
    assert_eq!(tagged.as_array().unwrap().len(), 3);
    assert!(ledger
        .ok(&["show", "1"])
        .contains("https://www.metaculus.com/questions/15001/"));
    assert!(err.contains("forecast_data.csv: left out, community aggregates (recency_weighted and the like: not a person's forecast): 1 (line 5)"), "{err}");
    assert!(err.contains("forecast_data.csv: left out, forecasts on questions that are not binary (fledger scores yes/no questions): 1 (line 11)"), "{err}");
    assert!(err.contains("forecast_data.csv: left out, made after their question's outcome was known (hindsight, which fledger does not record): 1 (line 8)"), "{err}");
    assert!(err.contains("ignored column(s) that map to nothing in fledger: question_data.csv (Post ID, Post Curation Status,"), "{err}");
    assert!(
        err.contains("Question Weight), forecast_data.csv (End Time,"),
        "{err}"
    );
}

#[test]
fn metaculus_either_file_finds_the_other_beside_it() {
    for file in ["metaculus/question_data.csv", "metaculus/forecast_data.csv"] {
        let (ledger, _) = imported(&[&fixture_arg(file)]);
        assert_metaculus_scores(&ledger);
    }
    let (ledger, _) = imported(&[
        "--from",
        "metaculus",
        &fixture_arg("metaculus/forecast_data.csv"),
    ]);
    assert_metaculus_scores(&ledger);
}
