//! Cross-check of the scoring library against scikit-learn on 100,000 predictions, and
//! of the peer scores against an independent loop-by-definition on 2,000 more.
//!
//! The fixtures come from scripts/sklearn_reference.py (which records the scikit-learn
//! and statsmodels versions in expected.json); rerun it to regenerate them.

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
    peers: Peers,
}

#[derive(Deserialize)]
struct PeerRow {
    question: i64,
    forecaster: String,
    probability: f64,
    outcome: String,
}

#[derive(Deserialize)]
struct Peers {
    rows: usize,
    questions: usize,
    shared_questions: usize,
    repeated_predictions: usize,
    /// Every forecaster in peers.csv; a forecaster's index here is its `PeerForecast`
    /// index.
    forecasters: Vec<String>,
    /// Only those with a shared question.
    scores: BTreeMap<String, PeerExpected>,
}

#[derive(Deserialize)]
struct PeerExpected {
    questions: usize,
    predictions: usize,
    relative_brier: f64,
    peer_score: f64,
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
    auc: f64,
    ece_10_bins: f64,
    sharpness: f64,
    brier_skill_base_rate: f64,
    brier_skill_half: f64,
    mean_probability: f64,
    base_rate_wilson_low: f64,
    base_rate_wilson_high: f64,
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
            let forecast = Forecast {
                probability: row.probability,
                outcome: outcome(&row.outcome),
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

fn outcome(text: &str) -> bool {
    match text {
        "yes" => true,
        "no" => false,
        other => panic!("outcome {other:?} in the fixture"),
    }
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

#[test]
fn discrimination_sharpness_and_skill_match_scikit_learn_and_numpy() {
    for (name, set, expected) in groups() {
        let pairs = [
            ("auc (roc_auc_score)", auc(set), expected.auc),
            (
                "ece, 10 bins",
                expected_calibration_error(set, 10, BinStyle::EqualWidth),
                expected.ece_10_bins,
            ),
            ("sharpness (np.var)", sharpness(set), expected.sharpness),
            (
                "brier skill vs base rate",
                brier_skill_base_rate(set),
                expected.brier_skill_base_rate,
            ),
            (
                "brier skill vs 0.5",
                brier_skill_half(set),
                expected.brier_skill_half,
            ),
            (
                "mean probability",
                mean_probability(set),
                expected.mean_probability,
            ),
        ];
        for (what, got, want) in pairs {
            assert_close(&format!("{name} {what}"), got.unwrap(), want, 1e-12);
        }
    }
}

#[test]
fn summary_fills_the_new_fields_like_the_single_functions() {
    for (name, set, expected) in groups() {
        let summary = summarize(set, 10, BinStyle::EqualWidth);
        assert_eq!(
            summary.ece,
            expected_calibration_error(set, 10, BinStyle::EqualWidth),
            "{name}"
        );
        assert_eq!(summary.auc, auc(set), "{name}");
        assert_eq!(summary.sharpness, sharpness(set), "{name}");
        assert_eq!(
            summary.brier_skill_base_rate,
            brier_skill_base_rate(set),
            "{name}"
        );
        assert_eq!(summary.brier_skill_half, brier_skill_half(set), "{name}");
        assert_eq!(summary.mean_probability, mean_probability(set), "{name}");
        // Wilson 95% interval of the base rate, against statsmodels' proportion_confint.
        assert_close(
            &format!("{name} wilson low"),
            summary.wilson_low.unwrap(),
            expected.base_rate_wilson_low,
            1e-12,
        );
        assert_close(
            &format!("{name} wilson high"),
            summary.wilson_high.unwrap(),
            expected.base_rate_wilson_high,
            1e-12,
        );
    }
}

#[test]
fn peer_scores_match_an_independent_loop_by_definition() {
    let expected = &fixture().expected.peers;
    let mut reader = csv::Reader::from_path(fixture_dir().join("peers.csv")).unwrap();
    let rows: Vec<PeerForecast> = reader
        .deserialize::<PeerRow>()
        .map(|row| {
            let row = row.unwrap();
            PeerForecast {
                question: row.question,
                forecaster: expected
                    .forecasters
                    .iter()
                    .position(|name| *name == row.forecaster)
                    .unwrap(),
                probability: row.probability,
                outcome: outcome(&row.outcome),
            }
        })
        .collect();
    assert_eq!(rows.len(), expected.rows);
    assert!(expected.shared_questions < expected.questions);
    assert!(expected.repeated_predictions > 0);

    let scores = peer_scores(&rows[..]);
    let names: Vec<&str> = scores
        .iter()
        .map(|s| expected.forecasters[s.forecaster].as_str())
        .collect();
    // Sorted by index; the loner, who never shares a question, is left out.
    assert_eq!(names, expected.scores.keys().collect::<Vec<_>>());
    assert_eq!(expected.forecasters.len(), names.len() + 1);
    for (score, name) in scores.iter().zip(names) {
        let want = &expected.scores[name];
        assert_eq!(
            (score.questions, score.predictions),
            (want.questions, want.predictions),
            "{name}"
        );
        assert_close(
            &format!("{name} relative brier"),
            score.relative_brier.unwrap(),
            want.relative_brier,
            1e-9,
        );
        assert_close(
            &format!("{name} peer score"),
            score.peer_score.unwrap(),
            want.peer_score,
            1e-9,
        );
    }
    // Every prediction on a shared question is counted once, by its own forecaster.
    let mut forecasters: BTreeMap<i64, std::collections::BTreeSet<usize>> = BTreeMap::new();
    for row in &rows {
        forecasters
            .entry(row.question)
            .or_default()
            .insert(row.forecaster);
    }
    assert_eq!(forecasters.len(), expected.questions);
    let on_shared = rows
        .iter()
        .filter(|row| forecasters[&row.question].len() >= 2)
        .count();
    assert_eq!(
        scores.iter().map(|s| s.predictions).sum::<usize>(),
        on_shared
    );
}
