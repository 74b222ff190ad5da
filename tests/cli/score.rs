//! `fledger score` on a small ledger whose every number is worked out by hand below, and, at the
//! end, `--policy` (which of a forecaster's repeated predictions count) on a ledger of its own.
//! The peer comparison (`--peers`) is in `score_peers`.
//!
//! The hand-worked ledger (built through the CLI by `hand_ledger`):
//!
//! | pred | forecaster | question       | p     | how given               | made on    | source          | outlet     | outcome |
//! |------|------------|----------------|-------|-------------------------|------------|-----------------|------------|---------|
//! | P1   | Ana        | Q1 A happens   | 0.9   | -p 90%                  | 2021-03-01 | Ana's column    | Daily Post | yes     |
//! | P2   | Ana        | Q2 B happens   | 0.25  | -p 0.25 -c Unlikely     | 2021-03-01 | Ana's column    | Daily Post | no      |
//! | P3   | Ben        | Q1 A happens   | 0.675 | -c likely (ICD 203)     | 2022-05-01 | Ben's brief     | Daily Post | yes     |
//! | P4   | Ben        | Q3 C happens   | 0.125 | -c "very unlikely"      | 2022-05-01 | Ben's brief     | Daily Post | yes (*) |
//! | P5   | Cy         | Q2 B happens   | 0.35  | -p "7 in 20"            | 2020-07-01 | -               | -          | no      |
//! | P6   | Cy         | Q2 B happens   | 0.65  | -p 0.65                 | 2022-09-01 | Weekly roundup  | Weekly     | no      |
//! | P7   | Dee        | Q4 D happens   | 0.6   |                         | 2021-01-01 |                 |            | open       -> unresolved |
//! | P8   | Dee        | Q5 E happens   | 0.6   |                         | 2021-01-01 |                 |            | ambiguous  -> excluded   |
//! | P9   | Dee        | Q6 F happens   | 0.6   |                         | 2021-01-01 |                 |            | annulled   -> excluded   |
//! | P10  | Dee        | Q7 G happens   | 0.6   |                         | 2022-06-01 |                 |            | yes on 2022-01-01 -> hindsight |
//!
//! (*) Q3 is first resolved `no`, then corrected to `yes` with a reason: the latest counts.
//! Tags: Q1 {war}; Q2 {war, economy}; Q3 none. Q1, Q2, Q3 resolve on 2023-01-01/02.
//!
//! Scored set: (0.9, 1), (0.25, 0), (0.675, 1), (0.125, 1), (0.35, 0), (0.65, 0); N = 6.
//! Squared errors: 0.01, 0.0625, 0.105625, 0.765625, 0.1225, 0.4225; sum 1.48875.
//! Brier = 1.48875 / 6 = 0.248125.
//! Log loss = -(ln 0.9 + ln 0.75 + ln 0.675 + ln 0.125 + ln 0.65 + ln 0.35) / 6
//!          = 0.7243552930816971.
//! Base rate = 3 / 6 = 0.5; uncertainty = 0.5 * 0.5 = 0.25.
//!
//! Ten equal-width bins (right-closed; edge k is k * 0.1 in f64, and 9 * 0.1 == 0.9, so
//! the forecast 0.9 sits on an edge and lands in the lower bin (0.8, 0.9]):
//!   bin 1 (0.1, 0.2]: {0.125 y}          n 1, mean 0.125,  observed 1
//!   bin 2 (0.2, 0.3]: {0.25 n}           n 1, mean 0.25,   observed 0
//!   bin 3 (0.3, 0.4]: {0.35 n}           n 1, mean 0.35,   observed 0
//!   bin 6 (0.6, 0.7]: {0.675 y, 0.65 n}  n 2, mean 0.6625, observed 0.5
//!   bin 8 (0.8, 0.9]: {0.9 y}            n 1, mean 0.9,    observed 1
//!   bins 0, 4, 5, 7, 9 are empty.
//! Decomposition over those bins (sums divided by N = 6):
//!   REL = (0.765625 + 0.0625 + 0.1225 + 2 * 0.1625² + 0.01) / 6 = 1.0134375 / 6
//!   RES = (0.25 + 0.25 + 0.25 + 2 * 0 + 0.25) / 6 = 1 / 6
//!   WBV = (0.0125² + 0.0125²) / 6 = 0.0003125 / 6
//!   WBC = 2 * ((1 - 0.5)(0.675 - 0.6625) + (0 - 0.5)(0.65 - 0.6625)) / 6 = 0.025 / 6
//!   check: (1.0134375 - 1 + 1.5 + 0.0003125 - 0.025) / 6 = 1.48875 / 6 = Brier.
//!
//! Five bins (edges 0.2, 0.4, 0.6000000000000001, 0.8, 1):
//!   bin 0 [0, 0.2]:   {0.125 y}          n 1, mean 0.125,  observed 1
//!   bin 1 (0.2, 0.4]: {0.25 n, 0.35 n}   n 2, mean 0.3,    observed 0
//!   bin 2 (0.4, 0.6]: empty
//!   bin 3 (0.6, 0.8]: {0.675 y, 0.65 n}  n 2, mean 0.6625, observed 0.5
//!   bin 4 (0.8, 1]:   {0.9 y}            n 1, mean 0.9,    observed 1
//!   REL = (0.765625 + 2 * 0.3² + 2 * 0.1625² + 0.01) / 6 = 1.0084375 / 6
//!   RES = (0.25 + 2 * 0.25 + 0 + 0.25) / 6 = 1 / 6
//!   WBV = (0.05² + 0.05² + 0.0125² + 0.0125²) / 6 = 0.0053125 / 6
//!   WBC = 2 * (0 + 0.0125) / 6 = 0.025 / 6
//!   check: (1.0084375 - 1 + 1.5 + 0.0053125 - 0.025) / 6 = 1.48875 / 6 = Brier.

use std::collections::BTreeMap;

use crate::support::*;
use serde_json::Value;

const TOLERANCE: f64 = 1e-12;
const WILSON_Z: f64 = 1.959963984540054;

fn hand_ledger() -> Ledger {
    let ledger = Ledger::init();
    for args in [
        &[
            "source",
            "add",
            "Ana's column",
            "--author",
            "Ana",
            "--outlet",
            "Daily Post",
            "--published",
            "2021-03-01",
        ][..],
        &[
            "source",
            "add",
            "Ben's brief",
            "--author",
            "Ben",
            "--outlet",
            "Daily Post",
            "--published",
            "2022-05-01",
        ],
        &["source", "add", "Weekly roundup", "--outlet", "Weekly"],
        &[
            "add",
            "A happens",
            "-p",
            "90%",
            "--source",
            "1",
            "--tag",
            "war",
        ],
        &[
            "add",
            "B happens",
            "-p",
            "0.25",
            "-c",
            "Unlikely",
            "--source",
            "1",
            "--tag",
            "war",
            "--tag",
            "economy",
        ],
        &["add", "A happens", "-c", "likely", "--source", "2"],
        &["add", "C happens", "-c", "very unlikely", "--source", "2"],
        &[
            "add",
            "B happens",
            "-p",
            "7 in 20",
            "--by",
            "Cy",
            "--made",
            "2020-07-01",
        ],
        &[
            "add",
            "B happens",
            "-p",
            "0.65",
            "--by",
            "Cy",
            "--source",
            "3",
            "--made",
            "2022-09-01",
        ],
        &[
            "add",
            "D happens",
            "-p",
            "0.6",
            "--by",
            "Dee",
            "--made",
            "2021-01-01",
        ],
        &[
            "add",
            "E happens",
            "-p",
            "0.6",
            "--by",
            "Dee",
            "--made",
            "2021-01-01",
        ],
        &[
            "add",
            "F happens",
            "-p",
            "0.6",
            "--by",
            "Dee",
            "--made",
            "2021-01-01",
        ],
        &[
            "add",
            "G happens",
            "-p",
            "0.6",
            "--by",
            "Dee",
            "--made",
            "2022-06-01",
        ],
        &["resolve", "1", "yes", "--on", "2023-01-01"],
        &["resolve", "2", "no", "--on", "2023-01-01"],
        &["resolve", "3", "no", "--on", "2023-01-01"],
        &[
            "resolve",
            "3",
            "yes",
            "--on",
            "2023-01-02",
            "--reason",
            "misread the news",
        ],
        &["resolve", "5", "ambiguous", "--on", "2023-01-01"],
        &["resolve", "6", "annulled", "--on", "2023-01-01"],
        // Dated before P10 was made: P10 becomes hindsight.
        &["resolve", "7", "yes", "--on", "2022-01-01"],
    ] {
        ledger.ok(args);
    }
    ledger
}

/// Squared error of one forecast.
fn se(p: f64, o: f64) -> f64 {
    (p - o) * (p - o)
}

/// Mean negative log likelihood of (p, o) pairs.
fn ll(pairs: &[(f64, bool)]) -> f64 {
    let total: f64 = pairs
        .iter()
        .map(|&(p, o)| -(if o { p } else { 1.0 - p }).ln())
        .sum();
    total / pairs.len() as f64
}

/// 95% Wilson interval, textbook form: (p̂ + z²/2n ± z·sqrt(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
fn wilson(successes: f64, n: f64) -> (f64, f64) {
    let z2 = WILSON_Z * WILSON_Z;
    let p = successes / n;
    let centre = p + z2 / (2.0 * n);
    let half = WILSON_Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let denominator = 1.0 + z2 / n;
    ((centre - half) / denominator, (centre + half) / denominator)
}

const BIN_KEYS: &[&str] = &[
    "bin_low",
    "bin_high",
    "n",
    "mean_probability",
    "observed_frequency",
    "wilson_low",
    "wilson_high",
];

/// Expected brier, log loss and base rate of a group, by its (p, o) pairs.
#[track_caller]
fn assert_summary(what: &str, summary: &Value, pairs: &[(f64, bool)]) {
    let n = pairs.len() as f64;
    assert_eq!(summary["n"], pairs.len(), "{what}: n in {summary}");
    let brier = pairs
        .iter()
        .map(|&(p, o)| se(p, if o { 1.0 } else { 0.0 }))
        .sum::<f64>()
        / n;
    let base_rate = pairs.iter().filter(|(_, o)| *o).count() as f64 / n;
    assert_close(
        &format!("{what} brier"),
        num(summary, "brier"),
        brier,
        TOLERANCE,
    );
    assert_close(
        &format!("{what} log_loss"),
        num(summary, "log_loss"),
        ll(pairs),
        TOLERANCE,
    );
    assert_close(
        &format!("{what} base_rate"),
        num(summary, "base_rate"),
        base_rate,
        TOLERANCE,
    );
    assert_close(
        &format!("{what} uncertainty"),
        num(summary, "uncertainty"),
        base_rate * (1.0 - base_rate),
        TOLERANCE,
    );
    // Murphy + Stephenson et al.: the decomposition adds up to the Brier score exactly.
    let sum = num(summary, "reliability") - num(summary, "resolution")
        + num(summary, "uncertainty")
        + num(summary, "within_bin_variance")
        - num(summary, "within_bin_covariance");
    assert_close(&format!("{what} decomposition sum"), sum, brier, TOLERANCE);
}

/// A calibration bin holding `n` forecasts averaging `mean`, of which `successes` happened:
/// its count, mean, observed frequency and Wilson interval, each checked.
fn assert_filled_bin(k: usize, bin: &Value, n: usize, mean: f64, successes: f64) {
    assert_eq!(bin["n"], n, "bin {k}: {bin}");
    assert_close(
        "mean_probability",
        num(bin, "mean_probability"),
        mean,
        TOLERANCE,
    );
    assert_close(
        "observed_frequency",
        num(bin, "observed_frequency"),
        successes / n as f64,
        TOLERANCE,
    );
    let (low, high) = wilson(successes, n as f64);
    assert_close(
        &format!("bin {k} wilson_low"),
        num(bin, "wilson_low"),
        low,
        TOLERANCE,
    );
    assert_close(
        &format!("bin {k} wilson_high"),
        num(bin, "wilson_high"),
        high,
        TOLERANCE,
    );
}

/// The groups of a `score --json --group-by` answer, by name.
fn groups(card: &Value) -> BTreeMap<String, Value> {
    card["groups"]
        .as_array()
        .expect("groups is an array")
        .iter()
        .map(|g| {
            (
                g["group"].as_str().expect("a group name").to_string(),
                g.clone(),
            )
        })
        .collect()
}

#[track_caller]
fn assert_groups(card: &Value, expected: &[(&str, &[(f64, bool)])]) {
    let found = groups(card);
    let names: Vec<&str> = found.keys().map(String::as_str).collect();
    let mut wanted: Vec<&str> = expected.iter().map(|(name, _)| *name).collect();
    wanted.sort();
    assert_eq!(names, wanted, "group names");
    for (name, pairs) in expected {
        let group = &found[*name];
        assert_eq!(
            sorted_keys(group),
            {
                let mut keys = SUMMARY_KEYS.to_vec();
                keys.extend(["group", "calibration", "corp"]);
                sorted(&keys)
            },
            "keys of group {name}"
        );
        assert_summary(&format!("group {name}"), group, pairs);
    }
}

const P1: (f64, bool) = (0.9, true);
const P2: (f64, bool) = (0.25, false);
const P3: (f64, bool) = (0.675, true);
const P4: (f64, bool) = (0.125, true);
const P5: (f64, bool) = (0.35, false);
const P6: (f64, bool) = (0.65, false);

#[test]
fn overall_scores_match_the_hand_computation() {
    let ledger = hand_ledger();
    let card = ledger.score_every_class(&["--json"]);
    let overall = &card["overall"];
    assert_eq!(overall["n"], 6);
    // Brier = 1.48875 / 6.
    assert_close("brier", num(overall, "brier"), 0.248125, TOLERANCE);
    assert_close(
        "brier, as a sum",
        num(overall, "brier"),
        (se(0.9, 1.0)
            + se(0.25, 0.0)
            + se(0.675, 1.0)
            + se(0.125, 1.0)
            + se(0.35, 0.0)
            + se(0.65, 0.0))
            / 6.0,
        TOLERANCE,
    );
    // -(ln 0.9 + ln 0.75 + ln 0.675 + ln 0.125 + ln 0.65 + ln 0.35) / 6.
    assert_close(
        "log_loss",
        num(overall, "log_loss"),
        0.7243552930816971,
        TOLERANCE,
    );
    assert_close(
        "log_loss, as logs",
        num(overall, "log_loss"),
        -(0.9f64.ln() + 0.75f64.ln() + 0.675f64.ln() + 0.125f64.ln() + 0.65f64.ln() + 0.35f64.ln())
            / 6.0,
        TOLERANCE,
    );
    assert_close("base_rate", num(overall, "base_rate"), 0.5, TOLERANCE);
    // Decomposition over ten bins, worked in the module comment.
    assert_close(
        "reliability",
        num(overall, "reliability"),
        1.0134375 / 6.0,
        TOLERANCE,
    );
    assert_close(
        "resolution",
        num(overall, "resolution"),
        1.0 / 6.0,
        TOLERANCE,
    );
    assert_close("uncertainty", num(overall, "uncertainty"), 0.25, TOLERANCE);
    assert_close(
        "within_bin_variance",
        num(overall, "within_bin_variance"),
        0.0003125 / 6.0,
        TOLERANCE,
    );
    assert_close(
        "within_bin_covariance",
        num(overall, "within_bin_covariance"),
        0.025 / 6.0,
        TOLERANCE,
    );
    assert_summary("overall", overall, &[P1, P2, P3, P4, P5, P6]);
}

#[test]
fn json_has_exactly_the_contract_keys() {
    let ledger = hand_ledger();
    let card = ledger.score_every_class(&["--json", "--group-by", "forecaster"]);
    assert_eq!(sorted_keys(&card), sorted(SCORECARD_KEYS));
    assert_eq!(sorted_keys(&card["overall"]), sorted(SUMMARY_KEYS));
    for bin in card["calibration"].as_array().unwrap() {
        assert_eq!(sorted_keys(bin), sorted(BIN_KEYS));
    }
    assert_eq!(
        sorted_keys(&card["excluded"]),
        sorted(&[
            "unresolved",
            "ambiguous",
            "annulled",
            "hindsight",
            "superseded",
            "withdrawn",
            "claimed",
            "other_evidence"
        ])
    );
    for key in [
        "reliability",
        "resolution",
        "uncertainty",
        "within_bin_variance",
        "within_bin_covariance",
    ] {
        assert!(card["overall"][key].is_f64(), "overall.{key}: {card}");
        for group in card["groups"].as_array().unwrap() {
            assert!(group[key].is_f64(), "group {key}: {group}");
        }
    }
}

#[test]
fn ten_calibration_bins_by_hand() {
    let ledger = hand_ledger();
    let card = ledger.score_every_class(&["--json"]);
    let bins = card["calibration"].as_array().expect("calibration array");
    assert_eq!(bins.len(), 10, "ten bins by default, empty ones listed");
    // (index, n, mean probability, successes)
    let filled: &[(usize, usize, f64, f64)] = &[
        (1, 1, 0.125, 1.0),
        (2, 1, 0.25, 0.0),
        (3, 1, 0.35, 0.0),
        (6, 2, 0.6625, 1.0),
        (8, 1, 0.9, 1.0),
    ];
    for (k, bin) in bins.iter().enumerate() {
        assert_close("bin_low", num(bin, "bin_low"), k as f64 / 10.0, TOLERANCE);
        assert_close(
            "bin_high",
            num(bin, "bin_high"),
            (k + 1) as f64 / 10.0,
            TOLERANCE,
        );
        match filled.iter().find(|(index, ..)| *index == k) {
            Some(&(_, n, mean, successes)) => assert_filled_bin(k, bin, n, mean, successes),
            None => {
                assert_eq!(bin["n"], 0, "bin {k} is empty: {bin}");
                for key in [
                    "mean_probability",
                    "observed_frequency",
                    "wilson_low",
                    "wilson_high",
                ] {
                    assert!(
                        bin[key].is_null(),
                        "empty bin {k}: {key} should be null: {bin}"
                    );
                }
            }
        }
    }
    // Spot values of the Wilson intervals, worked by hand with z = 1.959963984540054:
    // 1 of 1 -> (1/(1+z²), 1) = (0.20654931437723742, 1); 0 of 1 -> (0, z²/(1+z²)) =
    // (0, 0.7934506856227626); 1 of 2 -> (0.09453120573423071, 0.9054687942657693).
    assert_close(
        "wilson 1/1 low",
        num(&bins[1], "wilson_low"),
        0.20654931437723742,
        TOLERANCE,
    );
    assert_close(
        "wilson 1/1 high",
        num(&bins[1], "wilson_high"),
        1.0,
        TOLERANCE,
    );
    assert_close(
        "wilson 0/1 high",
        num(&bins[2], "wilson_high"),
        0.7934506856227626,
        TOLERANCE,
    );
    assert_close(
        "wilson 1/2 low",
        num(&bins[6], "wilson_low"),
        0.09453120573423071,
        TOLERANCE,
    );
    assert_close(
        "wilson 1/2 high",
        num(&bins[6], "wilson_high"),
        0.9054687942657693,
        TOLERANCE,
    );
}

#[test]
fn five_bins_change_the_bins_and_the_decomposition() {
    let ledger = hand_ledger();
    let card = ledger.score_every_class(&["--json", "--bins", "5"]);
    let bins = card["calibration"].as_array().expect("calibration array");
    assert_eq!(bins.len(), 5);
    let expected: &[(usize, f64, f64)] = &[
        // (n, mean probability, successes)
        (1, 0.125, 1.0),
        (2, 0.3, 0.0),
        (0, f64::NAN, 0.0),
        (2, 0.6625, 1.0),
        (1, 0.9, 1.0),
    ];
    for (k, (bin, &(n, mean, successes))) in bins.iter().zip(expected).enumerate() {
        assert_close("bin_low", num(bin, "bin_low"), k as f64 / 5.0, TOLERANCE);
        assert_close(
            "bin_high",
            num(bin, "bin_high"),
            (k + 1) as f64 / 5.0,
            TOLERANCE,
        );
        if n == 0 {
            assert_eq!(bin["n"], 0, "bin {k}: {bin}");
            assert!(bin["mean_probability"].is_null(), "{bin}");
            continue;
        }
        assert_filled_bin(k, bin, n, mean, successes);
    }
    let overall = &card["overall"];
    // Brier and log loss do not depend on the bins.
    assert_close("brier", num(overall, "brier"), 0.248125, TOLERANCE);
    assert_close(
        "log_loss",
        num(overall, "log_loss"),
        0.7243552930816971,
        TOLERANCE,
    );
    assert_close(
        "reliability",
        num(overall, "reliability"),
        1.0084375 / 6.0,
        TOLERANCE,
    );
    assert_close(
        "resolution",
        num(overall, "resolution"),
        1.0 / 6.0,
        TOLERANCE,
    );
    assert_close("uncertainty", num(overall, "uncertainty"), 0.25, TOLERANCE);
    assert_close(
        "within_bin_variance",
        num(overall, "within_bin_variance"),
        0.0053125 / 6.0,
        TOLERANCE,
    );
    assert_close(
        "within_bin_covariance",
        num(overall, "within_bin_covariance"),
        0.025 / 6.0,
        TOLERANCE,
    );
}

#[test]
fn excluded_predictions_are_counted_by_reason() {
    let ledger = hand_ledger();
    let card = ledger.score_every_class(&["--json"]);
    assert_eq!(
        card["excluded"],
        serde_json::json!({"unresolved": 1, "ambiguous": 1, "annulled": 1, "hindsight": 1, "superseded": 0, "withdrawn": 0, "claimed": 0, "other_evidence": 0})
    );
    // Nothing of Dee's is scored, so Dee has no group.
    let by_forecaster = ledger.score_every_class(&["--json", "--group-by", "forecaster"]);
    assert!(!groups(&by_forecaster).contains_key("Dee"));
}

#[test]
fn resolving_before_a_prediction_was_made_makes_it_hindsight() {
    let ledger = Ledger::init();
    ledger.ok(&["add", "H happens", "-p", "0.2", "--made", "2022-06-01"]);
    let before = ledger.score_every_class(&["--json"]);
    assert_eq!(before["excluded"]["unresolved"], 1);
    let output = ledger.run(&["resolve", "1", "yes", "--on", "2022-05-31"]);
    assert_success(&output, &["resolve"]);
    let warning = stderr(&output);
    assert!(
        warning.contains("hindsight"),
        "a warning names hindsight: {warning}"
    );
    let after = ledger.score_every_class(&["--json"]);
    assert_eq!(
        after["excluded"],
        serde_json::json!({"unresolved": 0, "ambiguous": 0, "annulled": 0, "hindsight": 1, "superseded": 0, "withdrawn": 0, "claimed": 0, "other_evidence": 0})
    );
    assert_eq!(after["overall"]["n"], 0);
    // Made on the resolution date itself is not hindsight.
    let same_day = Ledger::init();
    same_day.ok(&["add", "H happens", "-p", "0.2", "--made", "2022-06-01"]);
    same_day.ok(&["resolve", "1", "yes", "--on", "2022-06-01"]);
    let card = same_day.score_every_class(&["--json"]);
    assert_eq!(card["excluded"]["hindsight"], 0);
    assert_eq!(card["overall"]["n"], 1);
    assert_close("brier", num(&card["overall"], "brier"), 0.64, TOLERANCE);
}

#[test]
fn the_latest_resolution_is_the_one_scored() {
    let ledger = hand_ledger();
    // Q3 (P4, 0.125) was resolved no, then corrected to yes: scored as yes, so Ben's two
    // forecasts are (0.675, yes) and (0.125, yes), brier (0.105625 + 0.765625) / 2.
    let card = ledger.score_every_class(&["--json", "--by", "ben"]);
    assert_summary("Ben", &card["overall"], &[P3, P4]);
    assert_close(
        "Ben brier",
        num(&card["overall"], "brier"),
        0.435625,
        TOLERANCE,
    );
}

#[test]
fn group_by_forecaster() {
    let card = hand_ledger().score_every_class(&["--json", "--group-by", "forecaster"]);
    // Ana (0.01 + 0.0625) / 2 = 0.03625; Ben 0.435625; Cy (0.1225 + 0.4225) / 2 = 0.2725.
    assert_groups(
        &card,
        &[("Ana", &[P1, P2]), ("Ben", &[P3, P4]), ("Cy", &[P5, P6])],
    );
    let found = groups(&card);
    assert_close("Ana", num(&found["Ana"], "brier"), 0.03625, TOLERANCE);
    assert_close("Cy", num(&found["Cy"], "brier"), 0.2725, TOLERANCE);
    // Grouping does not change the overall scores.
    assert_close(
        "overall",
        num(&card["overall"], "brier"),
        0.248125,
        TOLERANCE,
    );
}

#[test]
fn group_by_source() {
    let card = hand_ledger().score_every_class(&["--json", "--group-by", "source"]);
    assert_groups(
        &card,
        &[
            ("Ana's column", &[P1, P2]),
            ("Ben's brief", &[P3, P4]),
            ("Weekly roundup", &[P6]),
            ("(no source)", &[P5]),
        ],
    );
}

#[test]
fn group_by_outlet() {
    let card = hand_ledger().score_every_class(&["--json", "--group-by", "outlet"]);
    assert_groups(
        &card,
        &[
            ("Daily Post", &[P1, P2, P3, P4]),
            ("Weekly", &[P6]),
            ("(no outlet)", &[P5]),
        ],
    );
}

#[test]
fn group_by_tag_counts_a_question_in_each_of_its_tags() {
    let card = hand_ledger().score_every_class(&["--json", "--group-by", "tag"]);
    // war: Q1 and Q2 -> (0.01 + 0.105625 + 0.0625 + 0.1225 + 0.4225) / 5 = 0.144625
    // economy: Q2 -> (0.0625 + 0.1225 + 0.4225) / 3 = 0.2025
    assert_groups(
        &card,
        &[
            ("war", &[P1, P3, P2, P5, P6]),
            ("economy", &[P2, P5, P6]),
            ("(untagged)", &[P4]),
        ],
    );
    let found = groups(&card);
    assert_close("war", num(&found["war"], "brier"), 0.144625, TOLERANCE);
    assert_close(
        "economy",
        num(&found["economy"], "brier"),
        0.2025,
        TOLERANCE,
    );
}

#[test]
fn group_by_phrase_folds_case_and_pools_numbers() {
    let card = hand_ledger().score_every_class(&["--json", "--group-by", "phrase"]);
    // "(number)": 0.9 y, 0.35 n, 0.65 n -> (0.01 + 0.1225 + 0.4225) / 3 = 0.185
    assert_groups(
        &card,
        &[
            ("(number)", &[P1, P5, P6]),
            ("likely", &[P3]),
            ("unlikely", &[P2]),
            ("very unlikely", &[P4]),
        ],
    );
    assert_close(
        "(number)",
        num(&groups(&card)["(number)"], "brier"),
        0.185,
        TOLERANCE,
    );
}

#[test]
fn group_by_year_of_the_prediction() {
    let card = hand_ledger().score_every_class(&["--json", "--group-by", "year"]);
    // 2022: (0.105625 + 0.765625 + 0.4225) / 3 = 0.43125
    assert_groups(
        &card,
        &[
            ("2020", &[P5]),
            ("2021", &[P1, P2]),
            ("2022", &[P3, P4, P6]),
        ],
    );
    assert_close(
        "2022",
        num(&groups(&card)["2022"], "brier"),
        0.43125,
        TOLERANCE,
    );
}

#[test]
fn filters_narrow_the_scored_set() {
    let ledger = hand_ledger();
    let by_tag = ledger.score_every_class(&["--json", "--tag", "economy"]);
    assert_summary("--tag economy", &by_tag["overall"], &[P2, P5, P6]);
    let by_source = ledger.score_every_class(&["--json", "--source", "2"]);
    assert_summary("--source 2", &by_source["overall"], &[P3, P4]);
    // Made from 2022 on: P3, P4, P6 scored, and P10 (hindsight) left out.
    let since = ledger.score_every_class(&["--json", "--since", "2022-01-01"]);
    assert_summary("--since", &since["overall"], &[P3, P4, P6]);
    assert_eq!(
        since["excluded"],
        serde_json::json!({"unresolved": 0, "ambiguous": 0, "annulled": 0, "hindsight": 1, "superseded": 0, "withdrawn": 0, "claimed": 0, "other_evidence": 0})
    );
    let until = ledger.score_every_class(&["--json", "--until", "2021-03-01"]);
    assert_summary("--until", &until["overall"], &[P1, P2, P5]);
    assert_eq!(until["excluded"]["unresolved"], 1);
}

#[test]
fn an_empty_ledger_scores_null_not_nan() {
    let ledger = Ledger::init();
    let output = ledger.run(&["score", "--evidence", "all", "--json"]);
    assert_success(&output, &["score", "--evidence", "all", "--json"]);
    let text = stdout(&output);
    assert!(!text.to_lowercase().contains("nan"), "{text}");
    let card: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(sorted_keys(&card), sorted(SCORECARD_KEYS));
    assert_eq!(card["overall"]["n"], 0);
    for key in &SUMMARY_KEYS[1..] {
        assert!(card["overall"][key].is_null(), "overall.{key}: {card}");
    }
    assert_eq!(card["groups"], serde_json::json!([]));
    let bins = card["calibration"].as_array().unwrap();
    assert_eq!(bins.len(), 10);
    for bin in bins {
        assert_eq!(bin["n"], 0);
        assert!(bin["observed_frequency"].is_null());
    }
    assert_eq!(
        card["excluded"],
        serde_json::json!({"unresolved": 0, "ambiguous": 0, "annulled": 0, "hindsight": 0, "superseded": 0, "withdrawn": 0, "claimed": 0, "other_evidence": 0})
    );
    // The same with only unscored predictions, and grouped.
    ledger.ok(&["add", "Open question", "-p", "0.4", "--by", "Eve"]);
    let card = ledger.score_every_class(&["--json", "--group-by", "forecaster"]);
    assert!(card["overall"]["brier"].is_null());
    assert!(card["overall"]["log_loss"].is_null());
    assert_eq!(card["excluded"]["unresolved"], 1);
    // Text formats print no NaN either.
    for format in ["csv", "table", "markdown"] {
        let text = ledger.ok(&["score", "--evidence", "all", "--format", format]);
        assert!(
            !text.contains("NaN") && !text.contains("nan"),
            "{format}:\n{text}"
        );
    }
}

#[test]
fn a_confident_miss_costs_the_epsilon_clipped_log_loss() {
    // p = 0 on a YES: -ln(f64::EPSILON) = 36.04365338911715 nats (scikit-learn >= 1.5),
    // not infinity and not augur-cli's 20.7.
    let ledger = Ledger::init();
    ledger.ok(&["add", "Surprise", "-p", "0", "--made", "2022-01-01"]);
    ledger.ok(&["resolve", "1", "yes", "--on", "2022-02-01"]);
    let card = ledger.score_every_class(&["--json"]);
    assert_close(
        "log_loss",
        num(&card["overall"], "log_loss"),
        -f64::EPSILON.ln(),
        TOLERANCE,
    );
    assert_close(
        "log_loss",
        num(&card["overall"], "log_loss"),
        36.04365338911715,
        1e-9,
    );
    assert_close("brier", num(&card["overall"], "brier"), 1.0, TOLERANCE);
}

#[test]
fn centered_bins_put_round_forecasts_at_a_bin_centre() {
    // --bin-style centered with 10 bins: 11 bins centred on 0, 0.1, ..., 1; bin k spans
    // ((2k - 1)/20, (2k + 1)/20], the ends clamped to [0, 1]; a forecast exactly halfway
    // goes to the lower bin. So: 0.125 -> centre 0.1 (bin 1); 0.25 -> halfway, bin 2;
    // 0.35 -> halfway, bin 3; 0.65 -> halfway, bin 6; 0.675 -> centre 0.7 (bin 7);
    // 0.9 -> bin 9.
    let card = hand_ledger().score_every_class(&["--json", "--bin-style", "centered"]);
    let bins = card["calibration"].as_array().unwrap();
    assert_eq!(bins.len(), 11);
    let counts: Vec<u64> = bins.iter().map(|b| b["n"].as_u64().unwrap()).collect();
    assert_eq!(counts, [0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0]);
    assert_close("first low", num(&bins[0], "bin_low"), 0.0, TOLERANCE);
    assert_close("first high", num(&bins[0], "bin_high"), 0.05, TOLERANCE);
    assert_close("bin 7 low", num(&bins[7], "bin_low"), 0.65, TOLERANCE);
    assert_close("bin 7 high", num(&bins[7], "bin_high"), 0.75, TOLERANCE);
    assert_close("last low", num(&bins[10], "bin_low"), 0.95, TOLERANCE);
    assert_close("last high", num(&bins[10], "bin_high"), 1.0, TOLERANCE);
    assert_close(
        "bin 7 mean",
        num(&bins[7], "mean_probability"),
        0.675,
        TOLERANCE,
    );
    assert_close(
        "bin 6 observed",
        num(&bins[6], "observed_frequency"),
        0.0,
        TOLERANCE,
    );
    // Every bin holds one forecast, so the within-bin terms vanish and REL is the Brier.
    let overall = &card["overall"];
    assert_close(
        "reliability",
        num(overall, "reliability"),
        0.248125,
        TOLERANCE,
    );
    assert_close(
        "within_bin_variance",
        num(overall, "within_bin_variance"),
        0.0,
        TOLERANCE,
    );
    assert_summary("centered", overall, &[P1, P2, P3, P4, P5, P6]);
}

// ---- --policy: which of repeated predictions count ----------------------------------------

#[test]
fn policies_choose_which_repeated_predictions_count() {
    let ledger = Ledger::init();
    // Ana: 20% in January, then 90% in March; the question resolved YES.
    ledger.ok(&[
        "add",
        "It happens",
        "-p",
        "0.2",
        "--by",
        "Ana",
        "--made",
        "2022-01-01",
    ]);
    ledger.ok(&[
        "add",
        "--question",
        "1",
        "-p",
        "0.9",
        "--by",
        "Ana",
        "--made",
        "2022-03-01",
    ]);
    ledger.ok(&["resolve", "1", "yes", "--on", "2022-04-01"]);
    let score = |policy: &str| ledger.score_every_class(&["--json", "--policy", policy]);
    let all = score("all");
    assert_close(
        "all",
        num(&all["overall"], "brier"),
        (0.64 + 0.01) / 2.0,
        1e-12,
    );
    assert_eq!(all["excluded"]["superseded"], 0);
    let first = score("first");
    assert_close("first", num(&first["overall"], "brier"), 0.64, 1e-12);
    assert_eq!(first["excluded"]["superseded"], 1);
    let latest = score("latest");
    assert_close("latest", num(&latest["overall"], "brier"), 0.01, 1e-12);
    assert_eq!(latest["overall"]["n"], 1);
}
