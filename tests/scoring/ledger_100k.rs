//! The whole path — import through the binary, SQLite, scoring, JSON output — on the
//! 100,000-prediction fixture, against numbers computed independently by scikit-learn
//! (tests/fixtures/sklearn, made by scripts/sklearn_reference.py).

use std::path::PathBuf;

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sklearn")
        .join(name)
}

fn fledger(db: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let home = db.parent().expect("the ledger is in a folder");
    let output = crate::support::fledger_in(home)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn json(db: &std::path::Path, args: &[&str]) -> Value {
    serde_json::from_slice(&fledger(db, args)).unwrap()
}

fn close(actual: &Value, expected: &Value, tolerance: f64, what: &str) {
    let (a, e) = (actual.as_f64().unwrap(), expected.as_f64().unwrap());
    assert!(
        (a - e).abs() <= tolerance,
        "{what}: fledger {a} vs scikit-learn {e}"
    );
}

fn check_curve(bins: &Value, curve: &Value, what: &str) {
    let bins = bins.as_array().unwrap();
    let edges = curve["edges"].as_array().unwrap();
    assert_eq!(bins.len() + 1, edges.len(), "{what}: bin count");
    for (k, bin) in bins.iter().enumerate() {
        let what = format!("{what} bin {k}");
        assert_eq!(bin["bin_low"], edges[k], "{what} low edge");
        assert_eq!(bin["bin_high"], edges[k + 1], "{what} high edge");
        assert_eq!(bin["n"], curve["counts"][k], "{what} n");
        for key in ["mean_probability", "observed_frequency"] {
            match (&bin[key], &curve[key][k]) {
                (Value::Null, Value::Null) => {}
                (a, e) => close(a, e, 1e-12, &format!("{what} {key}")),
            }
        }
    }
}

#[test]
fn a_100k_ledger_scores_as_scikit_learn_does() {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("expected.json")).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    fledger(
        &db,
        &["import", fixture("predictions.csv").to_str().unwrap()],
    );

    let score = json(&db, &["score", "--json", "--group-by", "forecaster"]);
    let overall = &score["overall"];
    let reference = &expected["overall"];
    assert_eq!(overall["n"], 100_000);
    close(&overall["brier"], &reference["brier"], 1e-12, "Brier");
    close(
        &overall["log_loss"],
        &reference["log_loss"],
        1e-9,
        "log loss",
    );
    close(
        &overall["base_rate"],
        &reference["base_rate"],
        1e-12,
        "base rate",
    );
    check_curve(
        &score["calibration"],
        &reference["calibration"]["10"],
        "10 bins",
    );

    // Murphy's decomposition, with the within-bin terms, adds back up to the Brier score.
    let term = |key: &str| overall[key].as_f64().unwrap();
    let rebuilt = term("reliability") - term("resolution")
        + term("uncertainty")
        + term("within_bin_variance")
        - term("within_bin_covariance");
    assert!(
        (rebuilt - term("brier")).abs() < 1e-12,
        "{rebuilt} vs {}",
        term("brier")
    );
    for (key, value) in reference["decomposition_reference_10_bins"]
        .as_object()
        .unwrap()
    {
        close(&overall[key.as_str()], value, 1e-12, key);
    }

    // Discrimination, sharpness and skill, named as fledger names them and as the fixture does.
    let renamed = [
        ("auc", "auc"),
        ("ece", "ece_10_bins"),
        ("sharpness", "sharpness"),
        ("brier_skill_base_rate", "brier_skill_base_rate"),
        ("brier_skill_half", "brier_skill_half"),
        ("mean_probability", "mean_probability"),
        ("wilson_low", "base_rate_wilson_low"),
        ("wilson_high", "base_rate_wilson_high"),
    ];
    let check_metrics = |ours: &Value, theirs: &Value, who: &str| {
        for (key, reference_key) in renamed {
            close(
                &ours[key],
                &theirs[reference_key],
                1e-12,
                &format!("{who} {key}"),
            );
        }
    };
    check_metrics(overall, reference, "overall");

    let groups = score["groups"].as_array().unwrap();
    let names: Vec<&str> = groups
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ana", "ben", "chen", "dara", "eli"]);
    for group in groups {
        let name = group["group"].as_str().unwrap();
        let reference = &expected["forecasters"][name];
        assert_eq!(group["n"], reference["n"], "{name} n");
        close(
            &group["brier"],
            &reference["brier"],
            1e-12,
            &format!("{name} Brier"),
        );
        close(
            &group["log_loss"],
            &reference["log_loss"],
            1e-9,
            &format!("{name} log loss"),
        );
        close(
            &group["base_rate"],
            &reference["base_rate"],
            1e-12,
            &format!("{name} base rate"),
        );
        check_metrics(group, reference, name);
    }

    let seven = json(&db, &["score", "--json", "--calibration", "--bins", "7"]);
    check_curve(&seven, &reference["calibration"]["7"], "7 bins");

    let eli = json(&db, &["score", "--json", "--by", "eli"]);
    check_curve(
        &eli["calibration"],
        &expected["forecasters"]["eli"]["calibration"]["10"],
        "eli",
    );
}
