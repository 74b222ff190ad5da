//! Cross-check of the scoring library against scikit-learn on 100,000 predictions.
//!
//! The fixtures come from scripts/sklearn_reference.py (which records the scikit-learn
//! version in expected.json); rerun it to regenerate them.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use fledger::score::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Row {
    probability: f64,
    forecaster: String,
    outcome: String,
}

#[derive(Deserialize)]
struct Expected {
    sklearn_version: String,
    rows: usize,
    log_loss_eps: f64,
    confident_misses: usize,
    overall: Scores,
    forecasters: BTreeMap<String, Scores>,
}

#[derive(Deserialize)]
struct Scores {
    n: usize,
    base_rate: f64,
    brier: f64,
    log_loss: f64,
    /// Keyed by the number of bins.
    calibration: BTreeMap<String, Curve>,
    decomposition_reference_10_bins: Terms,
}

#[derive(Deserialize)]
struct Curve {
    edges: Vec<f64>,
    counts: Vec<usize>,
    mean_probability: Vec<Option<f64>>,
    observed_frequency: Vec<Option<f64>>,
}

#[derive(Deserialize)]
struct Terms {
    reliability: f64,
    resolution: f64,
    uncertainty: f64,
    within_bin_variance: f64,
    within_bin_covariance: f64,
}

struct Fixture {
    all: Vec<Forecast>,
    by_forecaster: BTreeMap<String, Vec<Forecast>>,
    expected: Expected,
}

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sklearn")
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let mut reader = csv::Reader::from_path(fixture_dir().join("predictions.csv")).unwrap();
        assert_eq!(
            reader.headers().unwrap(),
            vec![
                "statement",
                "probability",
                "forecaster",
                "made_on",
                "outcome",
                "resolved_on"
            ]
        );
        let mut all = Vec::new();
        let mut by_forecaster: BTreeMap<String, Vec<Forecast>> = BTreeMap::new();
        for row in reader.deserialize::<Row>() {
            let row = row.unwrap();
            let outcome = match row.outcome.as_str() {
                "yes" => true,
                "no" => false,
                other => panic!("outcome {other:?} in the fixture"),
            };
            let forecast = Forecast {
                probability: row.probability,
                outcome,
            };
            all.push(forecast);
            by_forecaster
                .entry(row.forecaster)
                .or_default()
                .push(forecast);
        }
        let text = std::fs::read_to_string(fixture_dir().join("expected.json")).unwrap();
        let expected = serde_json::from_str(&text).unwrap();
        Fixture {
            all,
            by_forecaster,
            expected,
        }
    })
}

fn assert_close(what: &str, actual: f64, expected: f64, tolerance: f64) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: {actual} vs expected {expected} (tolerance {tolerance})"
    );
}

/// Every set the fixture scores: the whole file, then each forecaster's share of it.
fn groups() -> Vec<(String, &'static [Forecast], &'static Scores)> {
    let f = fixture();
    assert_eq!(
        f.by_forecaster.keys().collect::<Vec<_>>(),
        f.expected.forecasters.keys().collect::<Vec<_>>()
    );
    std::iter::once(("overall".to_string(), f.all.as_slice(), &f.expected.overall))
        .chain(
            f.by_forecaster
                .iter()
                .map(|(name, set)| (name.clone(), set.as_slice(), &f.expected.forecasters[name])),
        )
        .collect()
}

#[test]
fn the_fixture_is_the_one_described() {
    let f = fixture();
    assert!(f.expected.sklearn_version.starts_with('1'));
    assert_eq!(f.all.len(), f.expected.rows);
    assert_eq!(f.expected.rows, 100_000);
    assert_eq!(f.by_forecaster.len(), 5);
    assert_eq!(f.expected.log_loss_eps, LOG_LOSS_EPSILON);
    let confident_misses = f
        .all
        .iter()
        .filter(|x| (x.probability == 1.0 && !x.outcome) || (x.probability == 0.0 && x.outcome))
        .count();
    assert_eq!(confident_misses, f.expected.confident_misses);
    assert!(confident_misses > 0);
    // eli forecasts only in ICD 203 phrase midpoints, leaving bins that
    // calibration_curve drops and fledger must list empty.
    let eli = &f.expected.forecasters["eli"].calibration;
    assert_eq!(eli["10"].counts.iter().filter(|&&n| n == 0).count(), 3);
    assert_eq!(eli["7"].counts.iter().filter(|&&n| n == 0).count(), 2);
}

#[test]
fn brier_log_loss_and_base_rate_match_scikit_learn() {
    for (name, set, expected) in groups() {
        assert_eq!(set.len(), expected.n, "{name}");
        assert_close(
            &format!("{name} brier"),
            brier(set).unwrap(),
            expected.brier,
            1e-12,
        );
        assert_close(
            &format!("{name} log loss"),
            log_loss(set).unwrap(),
            expected.log_loss,
            1e-9,
        );
        assert_close(
            &format!("{name} base rate"),
            base_rate(set).unwrap(),
            expected.base_rate,
            1e-15,
        );
    }
}

#[test]
fn calibration_matches_calibration_curve() {
    for (name, set, expected) in groups() {
        assert_eq!(expected.calibration.len(), 2);
        for (bins, curve) in &expected.calibration {
            let bins: usize = bins.parse().unwrap();
            let table = calibration(set, bins, BinStyle::EqualWidth);
            let what = format!("{name}, {bins} bins");
            assert_eq!(table.len(), bins, "{what}");
            assert_eq!(
                table.iter().map(|b| b.n).collect::<Vec<_>>(),
                curve.counts,
                "{what}"
            );
            for (k, bin) in table.iter().enumerate() {
                // Bit-identical edges: anything else moves edge forecasts between bins.
                assert_eq!(
                    (bin.bin_low, bin.bin_high),
                    (curve.edges[k], curve.edges[k + 1]),
                    "{what}"
                );
                match (bin.mean_probability, curve.mean_probability[k]) {
                    (Some(got), Some(want)) => {
                        assert_close(&format!("{what}, bin {k} mean"), got, want, 1e-12)
                    }
                    (got, want) => assert_eq!(got, want, "{what}, bin {k} mean"),
                }
                match (bin.observed_frequency, curve.observed_frequency[k]) {
                    (Some(got), Some(want)) => {
                        assert_close(&format!("{what}, bin {k} frequency"), got, want, 1e-12)
                    }
                    (got, want) => assert_eq!(got, want, "{what}, bin {k} frequency"),
                }
            }
        }
    }
}

#[test]
fn decomposition_matches_an_exactly_summed_reference() {
    for (name, set, expected) in groups() {
        let d = decomposition(set, 10, BinStyle::EqualWidth).unwrap();
        let want = &expected.decomposition_reference_10_bins;
        let pairs = [
            ("reliability", d.reliability, want.reliability),
            ("resolution", d.resolution, want.resolution),
            ("uncertainty", d.uncertainty, want.uncertainty),
            (
                "within_bin_variance",
                d.within_bin_variance,
                want.within_bin_variance,
            ),
            (
                "within_bin_covariance",
                d.within_bin_covariance,
                want.within_bin_covariance,
            ),
        ];
        for (term, got, want) in pairs {
            assert_close(&format!("{name} {term}"), got, want, 1e-12);
        }
        let recomposed = d.reliability - d.resolution + d.uncertainty + d.within_bin_variance
            - d.within_bin_covariance;
        assert_close(
            &format!("{name} identity"),
            recomposed,
            expected.brier,
            1e-12,
        );
    }
}

#[test]
fn summary_agrees_with_the_single_scores() {
    for (name, set, expected) in groups() {
        for style in [BinStyle::EqualWidth, BinStyle::Centered] {
            let summary = summarize(set, 10, style);
            assert_eq!(summary.n, expected.n, "{name}");
            assert_eq!(summary.brier, brier(set), "{name}");
            assert_eq!(summary.log_loss, log_loss(set), "{name}");
            assert_eq!(summary.base_rate, base_rate(set), "{name}");
            let d = decomposition(set, 10, style).unwrap();
            assert_eq!(summary.reliability, Some(d.reliability), "{name}");
            assert_eq!(
                summary.within_bin_covariance,
                Some(d.within_bin_covariance),
                "{name}"
            );
        }
    }
}
