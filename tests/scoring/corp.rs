//! CORP reliability against scikit-learn's IsotonicRegression on 12,000 generated forecasts
//! (tests/fixtures/corp, from scripts/corp_reference.py): the recalibrated steps and MCB,
//! DSC and UNC of the Brier and log scores to 1e-9, and S = MCB − DSC + UNC to 1e-12.

use std::path::PathBuf;

use fledger::score::corp::{corp, CorpTerms};
use fledger::score::Forecast;
use serde::Deserialize;

#[derive(Deserialize)]
struct Row {
    probability: f64,
    outcome: String,
}

#[derive(Deserialize)]
struct Step {
    forecast_low: f64,
    forecast_high: f64,
    n: usize,
    yes: usize,
    recalibrated: f64,
}

#[derive(Deserialize)]
struct Terms {
    score: f64,
    mcb: f64,
    dsc: f64,
    unc: f64,
}

#[derive(Deserialize)]
struct Expected {
    rows: usize,
    steps: Vec<Step>,
    brier: Terms,
    log: Terms,
}

fn fixture() -> (Vec<Forecast>, Expected) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corp");
    let forecasts: Vec<Forecast> = csv::Reader::from_path(dir.join("predictions.csv"))
        .unwrap()
        .deserialize::<Row>()
        .map(|row| {
            let row = row.unwrap();
            Forecast {
                probability: row.probability,
                outcome: row.outcome == "yes",
            }
        })
        .collect();
    let expected: Expected =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    (forecasts, expected)
}

fn assert_terms(name: &str, got: CorpTerms, want: &Terms) {
    for (term, g, w) in [
        ("score", got.score, want.score),
        ("MCB", got.mcb, want.mcb),
        ("DSC", got.dsc, want.dsc),
        ("UNC", got.unc, want.unc),
    ] {
        assert!(
            (g - w).abs() <= 1e-9,
            "{name} {term}: {g} vs scikit-learn's {w}"
        );
    }
    let identity = got.mcb - got.dsc + got.unc - got.score;
    assert!(
        identity.abs() <= 1e-12,
        "{name}: S − (MCB − DSC + UNC) = {identity}"
    );
}

#[test]
fn corp_matches_scikit_learn_isotonic_regression() {
    let (forecasts, expected) = fixture();
    assert_eq!(forecasts.len(), expected.rows);
    assert!(expected.rows >= 10_000);
    let got = corp(&forecasts).unwrap();
    assert_eq!(got.steps.len(), expected.steps.len());
    for (g, w) in got.steps.iter().zip(&expected.steps) {
        assert_eq!(
            (g.forecast_low, g.forecast_high, g.n, g.yes),
            (w.forecast_low, w.forecast_high, w.n, w.yes)
        );
        assert!((g.recalibrated - w.recalibrated).abs() <= 1e-9);
    }
    assert_terms("Brier", got.brier, &expected.brier);
    assert_terms("log", got.log, &expected.log);
    // The fixture is miscalibrated and discriminates: neither term is near 0.
    assert!(got.brier.mcb > 0.005 && got.brier.dsc > 0.04);
}
