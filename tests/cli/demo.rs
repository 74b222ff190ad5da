//! `fledger demo`: builds the example ledger, prints its accuracy tables, and never
//! overwrites a file without `--force`.

use std::path::Path;

use crate::support::*;
use serde_json::Value;

/// A ledger handle on a file that some other command created.
fn ledger_at(db: &Path) -> Ledger {
    Ledger {
        dir: tempfile::tempdir().unwrap(),
        db: db.to_path_buf(),
    }
}

/// The cells of the terminal-table rows in `text` (lines drawn with `│`).
fn table_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|line| line.starts_with('│'))
        .map(|line| {
            line.trim_matches('│')
                .split(['┆', '│'])
                .map(|cell| cell.trim().to_string())
                .collect()
        })
        .collect()
}

/// A number as the terminal table shows it, or "-" for null.
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "-".to_string(),
        Value::Number(n) if n.is_f64() => round4(n.as_f64().unwrap()),
        other => other.to_string(),
    }
}

#[test]
fn demo_builds_the_ledger_in_the_current_folder_and_prints_its_tables() {
    let home = tempfile::tempdir().unwrap();
    let output = fledger_in(home.path()).arg("demo").output().unwrap();
    assert_success(&output, &["demo"]);
    let db = home.path().join("fledger-demo.db");
    assert!(db.is_file(), "no fledger-demo.db in the current folder");
    let text = stdout(&output);
    assert!(text.contains("Vladislav Inozemtsev"), "{text}");
    assert!(text.contains("Ali Tuygan"), "{text}");

    // The accuracy table is the per-forecaster score of the demo ledger.
    let demo = ledger_at(&db);
    let card = demo.json(&["score", "--json", "--group-by", "forecaster"]);
    let rows = table_rows(&text);
    let accuracy_header = [
        "forecaster",
        "n",
        "brier",
        "log_loss",
        "base_rate",
        "reliability",
        "resolution",
    ];
    assert!(
        rows.iter().any(|r| r == &accuracy_header),
        "no per-forecaster accuracy table:\n{text}"
    );
    let mut expected_rows: Vec<(String, &Value)> = card["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["group"].as_str().unwrap().to_string(), g))
        .collect();
    expected_rows.push(("(all)".to_string(), &card["overall"]));
    assert!(expected_rows.len() >= 3, "{card}");
    for (name, summary) in &expected_rows {
        let row = rows
            .iter()
            .find(|r| r[0] == *name)
            .unwrap_or_else(|| panic!("no row for {name}:\n{text}"));
        let expected: Vec<String> = std::iter::once(name.clone())
            .chain(accuracy_header[1..].iter().map(|key| shown(&summary[*key])))
            .collect();
        assert_eq!(row, &expected, "the row of {name}");
    }
    // Real numbers, not placeholders: Ali Tuygan has six scored forecasts, all resolved no.
    let tuygan = rows.iter().find(|r| r[0] == "Ali Tuygan").unwrap();
    assert_eq!(tuygan[1], "6");
    assert_eq!(tuygan[4], "0");

    // The calibration table is the demo ledger's calibration, bin by bin.
    let calibration_header = [
        "bin_low",
        "bin_high",
        "n",
        "mean_probability",
        "observed_frequency",
        "wilson_low",
        "wilson_high",
    ];
    let at = rows
        .iter()
        .position(|r| r == &calibration_header)
        .unwrap_or_else(|| panic!("no calibration table:\n{text}"));
    let bins = card["calibration"].as_array().unwrap();
    assert_eq!(bins.len(), 10);
    for (k, bin) in bins.iter().enumerate() {
        let expected: Vec<String> = calibration_header
            .iter()
            .map(|key| shown(&bin[*key]))
            .collect();
        assert_eq!(rows[at + 1 + k], expected, "calibration bin {k}");
    }
    // And how to explore it further.
    let all = format!("{text}{}", stderr(&output));
    assert!(all.contains("fledger --db fledger-demo.db"), "{all}");
}

#[test]
fn the_demo_ledger_is_the_example_file() {
    let home = tempfile::tempdir().unwrap();
    fledger_in(home.path()).arg("demo").assert().success();
    let demo = ledger_at(&home.path().join("fledger-demo.db"));
    let imported = Ledger::init();
    imported.ok(&["import", EXAMPLE]);
    assert_eq!(
        demo.ok(&["export", "predictions", "--json"]),
        imported.ok(&["export", "predictions", "--json"])
    );
    assert_eq!(demo.count("predictions"), 18);
    assert_eq!(demo.count("sources"), 2);
}

#[test]
fn demo_refuses_to_overwrite_without_force() {
    let home = tempfile::tempdir().unwrap();
    fledger_in(home.path()).arg("demo").assert().success();
    let db = home.path().join("fledger-demo.db");
    let bytes = std::fs::read(&db).unwrap();
    let before = ledger_at(&db).snapshot();

    let output = fledger_in(home.path()).arg("demo").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines = stderr_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("fledger-demo.db") && lines[0].contains("--force"),
        "{}",
        lines[0]
    );
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "the file was touched");
    assert_eq!(ledger_at(&db).snapshot(), before);

    // Any file of that name is safe, not only a ledger.
    let other = tempfile::tempdir().unwrap();
    let precious = other.path().join("fledger-demo.db");
    std::fs::write(&precious, "my notes").unwrap();
    let output = fledger_in(other.path()).arg("demo").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "my notes");
}

#[test]
fn demo_force_replaces_the_file() {
    let home = tempfile::tempdir().unwrap();
    fledger_in(home.path()).arg("demo").assert().success();
    let db = home.path().join("fledger-demo.db");
    let demo = ledger_at(&db);
    demo.ok(&["add", "Something added after the demo", "-p", "0.5"]);
    assert_eq!(demo.count("predictions"), 19);

    let output = fledger_in(home.path())
        .args(["demo", "--force"])
        .output()
        .unwrap();
    assert_success(&output, &["demo", "--force"]);
    assert!(stdout(&output).contains("Ali Tuygan"));
    assert_eq!(demo.count("predictions"), 18);
    assert!(!demo
        .ok(&["list", "--format", "csv"])
        .contains("Something added after the demo"));
}

#[test]
fn demo_db_path_target() {
    let home = tempfile::tempdir().unwrap();
    let target = home.path().join("sub").join("demo.db");
    let output = fledger_in(home.path())
        .args(["demo", "--db", target.to_str().unwrap()])
        .output()
        .unwrap();
    assert_success(&output, &["demo", "--db"]);
    assert!(target.is_file());
    assert!(!home.path().join("fledger-demo.db").exists());
    assert!(stdout(&output).contains("Vladislav Inozemtsev"));
    assert_eq!(ledger_at(&target).count("predictions"), 18);
    // The global form works too, and --db is protected like the default.
    let output = fledger_in(home.path())
        .args(["--db", target.to_str().unwrap(), "demo"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--force"));
}

#[test]
fn demo_never_writes_to_fledger_db() {
    // $FLEDGER_DB is the user's real ledger; the demo goes to the current folder.
    let home = tempfile::tempdir().unwrap();
    let real = home.path().join("real.db");
    fledger_in(home.path())
        .env("FLEDGER_DB", &real)
        .arg("demo")
        .assert()
        .success();
    assert!(!real.exists(), "the demo wrote to $FLEDGER_DB");
    assert!(home.path().join("fledger-demo.db").is_file());
}

#[test]
fn the_seed_ledger_decomposes_exactly_under_every_grouping() {
    let home = tempfile::tempdir().unwrap();
    assert_success(
        &fledger_in(home.path()).arg("demo").output().unwrap(),
        &["demo"],
    );
    let demo = ledger_at(&home.path().join("fledger-demo.db"));
    for by in ["forecaster", "source", "outlet", "tag", "phrase", "year"] {
        for bins in ["10", "3"] {
            let card = demo.json(&["score", "--json", "--group-by", by, "--bins", bins]);
            let summaries = card["groups"]
                .as_array()
                .unwrap()
                .iter()
                .chain([&card["overall"]]);
            for summary in summaries {
                let rebuilt = num(summary, "reliability") - num(summary, "resolution")
                    + num(summary, "uncertainty")
                    + num(summary, "within_bin_variance")
                    - num(summary, "within_bin_covariance");
                assert_close(
                    &format!("{by}/{bins}: {summary}"),
                    rebuilt,
                    num(summary, "brier"),
                    1e-12,
                );
            }
        }
    }
}
