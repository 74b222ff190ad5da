//! The files people really have: each quirk of a real export reproduced in a small hand-made
//! fixture (tests/fixtures/interop/), and the real files of ../shared/real-data/ imported and
//! scored as their PROVENANCE.md says. The real data is not in the repository: those tests
//! skip, saying so, when the folder is absent.

use std::path::PathBuf;

use crate::support::*;
use serde_json::Value;

fn fixture(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop")
        .join(path)
        .to_str()
        .unwrap()
        .to_string()
}

/// Imports into a new ledger; the ledger and stderr.
fn imported(args: &[&str]) -> (Ledger, String) {
    let ledger = Ledger::new();
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let output = ledger.run(&all);
    assert_success(&output, &all);
    (ledger, stderr(&output))
}

/// An import that fails: its one line of stderr, after checking it wrote nothing.
fn refused(args: &[&str]) -> String {
    let ledger = Ledger::new();
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let output = ledger.run(&all);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(ledger.count("predictions"), 0);
    let lines = stderr_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    lines[0].clone()
}

fn scored(ledger: &Ledger) -> Value {
    ledger.json(&["score", "--json"])
}

// ---- Metaculus ----------------------------------------------------------------------------

/// Scored: the bridge (2001) YES: alice 0.7 → 0.09, metac-bot 0.9 → 0.01: 0.10 over 2. Rows of
/// the open 2002 and the ambiguous 2003 are one field short, as Metaculus writes them; bob's
/// 0.95 on line 6, a day after 2001 resolved, is hindsight. The file ends its lines with CRLF.
fn assert_short_rows_export(ledger: &Ledger, err: &str, file: &str) {
    let card = scored(ledger);
    assert_eq!(card["overall"]["n"], 2);
    assert_close("brier", num(&card["overall"], "brier"), 0.10 / 2.0, 1e-12);
    assert_eq!(card["excluded"]["unresolved"], 1);
    assert_eq!(card["excluded"]["ambiguous"], 1);
    assert_eq!(ledger.count("predictions"), 4);
    assert!(
        err.contains(&format!("{file}: imported, forecasts by bots ('Is Bot' is True; --exclude-bots leaves them out): 1 (line 3)")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}: left out, made after their question's outcome was known (hindsight, which fledger does not record): 1 (line 6)")),
        "{err}"
    );
}

#[test]
fn metaculus_zip_with_short_rows_imports_directly() {
    let zip = fixture("metaculus-export.zip");
    let (ledger, err) = imported(&[&zip]);
    assert_short_rows_export(&ledger, &err, &format!("{zip}: forecast_data.csv"));
    // The same files unzipped, from the folder.
    let (ledger, err) = imported(&[&fixture("metaculus-short-rows")]);
    assert_short_rows_export(&ledger, &err, "forecast_data.csv");
}

#[test]
fn metaculus_bots_can_be_left_out() {
    let (ledger, err) = imported(&["--exclude-bots", &fixture("metaculus-export.zip")]);
    let card = scored(&ledger);
    assert_eq!(card["overall"]["n"], 1);
    assert_close("brier", num(&card["overall"], "brier"), 0.09, 1e-12);
    assert!(
        err.contains("left out, forecasts by bots ('Is Bot' is True: --exclude-bots): 1 (line 3)"),
        "{err}"
    );
    let by: Vec<String> = ledger
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["forecaster"].as_str().unwrap().to_string())
        .collect();
    assert!(!by.contains(&"metac-bot".to_string()), "{by:?}");
}

#[test]
fn metaculus_row_longer_than_its_header_is_still_refused() {
    let ledger = Ledger::new();
    let dir = ledger.path().parent().unwrap().join("long-row");
    std::fs::create_dir_all(&dir).unwrap();
    let source = PathBuf::from(fixture("metaculus-short-rows"));
    std::fs::copy(
        source.join("question_data.csv"),
        dir.join("question_data.csv"),
    )
    .unwrap();
    let forecasts = std::fs::read_to_string(source.join("forecast_data.csv")).unwrap();
    let forecasts = forecasts.replacen("0.7,\r\n", "0.7,,\r\n", 1);
    std::fs::write(dir.join("forecast_data.csv"), forecasts).unwrap();
    let output = ledger.run(&["import", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("forecast_data.csv: line 2: the row has 20 fields where the header has 19"),
        "{err}"
    );
}

/// The older nine-column forecast_data.csv (no "Is Bot", no percentiles), CRLF: the two
/// aggregates on lines 2 and 3 are left out and named by their own lines; carol's 0.25 on a
/// question that resolved NO scores 0.0625.
#[test]
fn metaculus_old_layout_imports_and_names_the_right_lines() {
    let (ledger, err) = imported(&[&fixture("metaculus-old")]);
    let card = scored(&ledger);
    assert_eq!(card["overall"]["n"], 1);
    assert_close("brier", num(&card["overall"], "brier"), 0.0625, 1e-12);
    assert!(err.contains("forecast_data.csv: left out, community aggregates (recency_weighted and the like: not a person's forecast): 2 (lines 2, 3)"), "{err}");
}

// ---- PredictionBook -----------------------------------------------------------------------

/// The API's shape since 2023-08: no judgements. #201 is judged YES at last_judgement_at
/// (2020-06-01), so bob's 20 on 2020-03-01 counts (dated by updated_at, the creation, it would
/// be hindsight): ana 0.7 → 0.09, bob 0.2 → 0.64. #202 has no last_judgement_at: dated by
/// updated_at (2020-02-01 09:00), ana's 40 made at that instant counts (0.16) and is reported,
/// bob's later 10 is hindsight. 0.89 over 3.
#[test]
fn predictionbook_api_2023_dates_outcomes_by_last_judgement_at() {
    let (ledger, err) = imported(&[&fixture("predictionbook/api_2023.json")]);
    let card = scored(&ledger);
    assert_eq!(card["overall"]["n"], 3);
    assert_close("brier", num(&card["overall"], "brier"), 0.89 / 3.0, 1e-12);
    let listed = ledger.json(&["list", "--json"]);
    let bridge: Vec<&Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["statement"] == "Harbour projects: the bridge opens by June")
        .collect();
    assert_eq!(bridge.len(), 2, "{listed}");
    assert_eq!(bridge[0]["resolved_on"], "2020-06-01");
    assert!(err.contains("imported forecasts whose outcome is dated by 'updated_at', the prediction's last edit, which may be long before it was judged (the file has neither 'judgements' nor 'last_judgement_at'): 1 (line 29)"), "{err}");
    assert!(
        err.contains("(hindsight, which fledger does not record): 1 (line 30)"),
        "{err}"
    );
    assert!(
        err.contains("ignored key(s) that map to nothing in fledger: user (email), predictions (uuid), responses (id)"),
        "{err}"
    );
}

// ---- fledger's own files ------------------------------------------------------------------

#[test]
fn line_numbers_are_right_for_lf_crlf_and_cr() {
    for file in ["fledger/crlf.csv", "fledger/cr.csv"] {
        let err = refused(&[&fixture(file)]);
        assert!(
            err.contains(&format!("{file}: line 4: probability: '1.7'")),
            "{file}: {err}"
        );
    }
    // A quoted statement over lines 2 to 4: the bad row after it is on line 5.
    let err = refused(&[&fixture("fledger/spanning.csv")]);
    assert!(err.contains("spanning.csv: line 5: probability"), "{err}");
}

#[test]
fn json_lines_report_unknown_keys() {
    let ledger = Ledger::new();
    let output = ledger.run_stdin(
        &["import", "-"],
        "{\"statement\": \"A\", \"probability\": 0.5, \"colour\": \"red\"}\n{\"statement\": \"B\", \"probability\": 0.5, \"size\": 3}\n",
    );
    assert_success(&output, &["import", "-"]);
    assert!(
        stderr(&output).contains("ignored unknown key(s): colour, size"),
        "{}",
        stderr(&output)
    );
}

/// Two rows made after their own outcome (lines 3 and 5) are left out and named, as in every
/// other format; the two before them score: 0.7 on YES → 0.09, 0.1 on NO → 0.01.
#[test]
fn fledger_csv_leaves_hindsight_out_and_strict_refuses_it() {
    let file = fixture("fledger/hindsight.csv");
    let (ledger, err) = imported(&[&file]);
    let card = scored(&ledger);
    assert_eq!(card["overall"]["n"], 2);
    assert_close("brier", num(&card["overall"], "brier"), 0.10 / 2.0, 1e-12);
    assert!(err.contains("hindsight.csv: left out, made after their question's outcome was known (hindsight, which fledger does not record): 2 (lines 3, 5)"), "{err}");
    assert!(err.contains("imported 2 predictions"), "{err}");

    let err = refused(&["--strict", &file]);
    assert!(err.contains("hindsight.csv: line 3: made 2024-05-02, after its question's outcome was known (2024-05-01): hindsight, which --strict refuses"), "{err}");
    let err = refused(&["--strict", &fixture("metaculus-export.zip")]);
    assert!(
        err.contains("forecast_data.csv: line 6: made 2024-06-11 00:00:00, after its question's outcome was known (2024-06-10 12:00:00)"),
        "{err}"
    );
}

// ---- the real files in ../shared/real-data ------------------------------------------------

/// The real-data folder, or `None` (and why, on stderr) when this checkout has none beside it.
fn real_data(folder: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/real-data")
        .join(folder);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} is absent (the real data sits beside the project, not in it)",
            path.display()
        );
        None
    }
}

/// A gzipped real file written out whole into the test's home, for import.
fn gunzipped(ledger: &Ledger, path: &std::path::Path, name: &str) -> PathBuf {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()),
        &mut bytes,
    )
    .unwrap();
    ledger.write_file(name, &bytes)
}

fn import_and_score(ledger: &Ledger, file: &str) -> (u64, f64) {
    let output = ledger.run(&["import", file]);
    assert_success(&output, &["import", file]);
    let card = scored(ledger);
    (
        card["overall"]["n"].as_u64().unwrap(),
        num(&card["overall"], "brier"),
    )
}

#[test]
fn real_predictionbook_api_shape_scores_as_its_provenance_says() {
    let Some(folder) = real_data("iqisa-predictionbook") else {
        return;
    };
    let ledger = Ledger::new();
    let file = gunzipped(
        &ledger,
        &folder.join("pb_api_2023.json.gz"),
        "pb_api_2023.json",
    );
    let (n, brier) = import_and_score(&ledger, file.to_str().unwrap());
    assert_eq!((n, brier), (51_104, 0.16145097252661242));
}

#[test]
fn real_niplav_scores_reproduce_the_published_ones() {
    let Some(folder) = real_data("niplav-range-pb-metaculus") else {
        return;
    };
    let file = |name: &str| folder.join(name).to_str().unwrap().to_string();
    for (name, expected) in [
        ("pb_fledger.csv", (44_305, 0.16073690328405374)),
        ("met_fledger.csv", (48_367, 0.17085016230074224)),
        ("met_export", (48_367, 0.17085016230074224)),
    ] {
        let ledger = Ledger::new();
        assert_eq!(import_and_score(&ledger, &file(name)), expected, "{name}");
    }
    let ledger = Ledger::new();
    let judged = gunzipped(&ledger, &folder.join("pb_judged.json.gz"), "pb_judged.json");
    assert_eq!(
        import_and_score(&ledger, judged.to_str().unwrap()),
        (44_305, 0.16073690328405374)
    );
}

/// The 2024 export in the older layout, CRLF, aggregates only: with a question_data.csv
/// beside it, all 176 rows are left out as aggregates, named from line 2.
#[test]
fn real_metaculus_2024_export_in_the_old_layout() {
    let Some(folder) = real_data("metaculus-export-2024-hebaf") else {
        return;
    };
    let ledger = Ledger::new();
    let forecasts = std::fs::read(folder.join("forecast_data.csv")).unwrap();
    let dir = ledger.path().parent().unwrap().join("hebaf");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("forecast_data.csv"), forecasts).unwrap();
    std::fs::write(
        dir.join("question_data.csv"),
        "Question ID,Question Title,Question Type,Resolution,Resolution Known Time\r\n23387,A real 2024 question,binary,,\r\n",
    )
    .unwrap();
    let output = ledger.run(&["import", dir.to_str().unwrap()]);
    assert_success(&output, &["import", "hebaf"]);
    assert!(stderr(&output).contains("community aggregates (recency_weighted and the like: not a person's forecast): 176 (lines 2, 3, 4,"), "{}", stderr(&output));
}
