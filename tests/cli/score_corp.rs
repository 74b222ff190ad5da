//! `fledger score`'s CORP reliability, bootstrap intervals and paired comparisons, through
//! the binary: `corp_*` and `*_low`/`*_high` in `overall` and each group, `corp`,
//! `corp_band` and `comparisons` in `--format json`, `score --corp`, and the sentences of
//! `score --peers`.

use serde_json::Value;

use crate::support::{import_file, num, Ledger};

/// Forty questions, two of three resolving YES. Ana says 0.9 toward the outcome, Ben 0.5
/// on everything, Cy leans 0.6 the right way on even questions and 0.6 the wrong way on odd
/// ones: Ana beats Ben by 0.24 on every question; Ben and Cy differ by ±0.09 in turn.
fn three_forecasters() -> Ledger {
    let ledger = Ledger::init();
    let mut csv = String::from("statement,probability,forecaster,made_on,outcome,resolved_on\n");
    for q in 0..40 {
        let yes = q % 3 != 0;
        let outcome = if yes { "yes" } else { "no" };
        // Written out, so that 1 − 0.9 is the 0.1 a person would type.
        let toward = |p: &'static str, q: &'static str| if yes { p } else { q };
        let cy = if q % 2 == 0 {
            toward("0.6", "0.4")
        } else {
            toward("0.4", "0.6")
        };
        for (who, p) in [("Ana", toward("0.9", "0.1")), ("Ben", "0.5"), ("Cy", cy)] {
            csv.push_str(&format!(
                "Question {q},{p},{who},2022-01-01,{outcome},2022-06-01\n"
            ));
        }
    }
    import_file(&ledger, "three.csv", csv.as_bytes());
    ledger
}

fn field<'a>(value: &'a Value, key: &str) -> &'a Value {
    value
        .get(key)
        .unwrap_or_else(|| panic!("no {key} in {value}"))
}

#[test]
fn corp_parts_add_up_and_intervals_hold_the_scores() {
    let ledger = three_forecasters();
    let card = ledger.json(&["score", "--group-by", "forecaster", "--format", "json"]);
    for summary in
        std::iter::once(field(&card, "overall")).chain(field(&card, "groups").as_array().unwrap())
    {
        for (score, prefix) in [("brier", "corp_brier"), ("log_loss", "corp_log")] {
            let s = num(summary, score);
            let parts = num(summary, &format!("{prefix}_mcb"))
                - num(summary, &format!("{prefix}_dsc"))
                + num(summary, &format!("{prefix}_unc"));
            assert!((parts - s).abs() <= 1e-12, "{prefix}: {parts} vs {s}");
            let (low, high) = (
                num(summary, &format!("{score}_low")),
                num(summary, &format!("{score}_high")),
            );
            // Resampled means are summed plainly, the score with compensation: a constant
            // set's interval can sit an ulp or two off it.
            assert!(
                low - 1e-12 <= s && s <= high + 1e-12,
                "{score} {s} outside {low}..{high}"
            );
        }
    }
    // 26 of the 40 questions resolved YES (q % 3 ≠ 0), so Brier UNC = 0.65 · 0.35.
    let overall = field(&card, "overall");
    assert!((num(overall, "corp_brier_unc") - 0.2275).abs() < 1e-12);
    // Ana's forecasts never sit at ½ and are always on the right side; Ben's always sit at ½.
    let groups = field(&card, "groups").as_array().unwrap();
    assert_eq!(field(&groups[0], "right_side_of_maybe"), &Value::from(1.0));
    assert_eq!(field(&groups[1], "right_side_of_maybe"), &Value::Null);
    // Ana's 0.1 steps to 0 and 0.9 to 1: a perfect recalibration in two steps.
    let steps: Vec<(f64, f64)> = field(&groups[0], "corp")
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (num(s, "forecast_low"), num(s, "recalibrated")))
        .collect();
    assert_eq!(steps, vec![(0.1, 0.0), (0.9, 1.0)]);
    let total: u64 = field(&card, "corp")
        .as_array()
        .unwrap()
        .iter()
        .map(|s| field(s, "n").as_u64().unwrap())
        .sum();
    assert_eq!(total, 120);
    for point in field(&card, "corp_band").as_array().unwrap() {
        assert!(num(point, "low") <= num(point, "high"));
    }
    // Seeded: a second run prints the same card, intervals and band included.
    assert_eq!(
        card,
        ledger.json(&["score", "--group-by", "forecaster", "--format", "json"])
    );
}

#[test]
fn comparisons_see_a_real_difference_and_not_a_noisy_one() {
    let ledger = three_forecasters();
    let card = ledger.json(&["score", "--format", "json"]);
    let pairs = field(&card, "comparisons").as_array().unwrap();
    let names: Vec<(&str, &str)> = pairs
        .iter()
        .map(|p| {
            (
                field(p, "a").as_str().unwrap(),
                field(p, "b").as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(names, vec![("Ana", "Ben"), ("Ana", "Cy"), ("Ben", "Cy")]);
    let ana_ben = &pairs[0];
    assert_eq!(field(ana_ben, "questions"), &Value::from(40));
    assert!((num(ana_ben, "brier_difference") + 0.24).abs() < 1e-12);
    assert_eq!(field(ana_ben, "detectable"), &Value::Bool(true));
    let ben_cy = &pairs[2];
    assert_eq!(field(ben_cy, "detectable"), &Value::Bool(false));
    assert!(num(ben_cy, "low") < 0.0 && num(ben_cy, "high") > 0.0);

    let text = ledger.ok(&["score", "--peers", "--format", "table"]);
    assert!(
        text.contains(
            "Ana beats Ben by 0.24 Brier on 40 shared questions, 95% interval 0.24 to 0.24."
        ),
        "{text}"
    );
    assert!(
        text.contains("Ben and Cy: no detectable difference on 40 shared questions"),
        "{text}"
    );
}

#[test]
fn score_corp_prints_the_steps() {
    let ledger = three_forecasters();
    let csv = ledger.ok(&["score", "--corp", "--format", "csv", "--by", "Ana"]);
    assert_eq!(
        csv,
        "forecast_low,forecast_high,n,yes,recalibrated\n0.1,0.1,14,0,0.0\n0.9,0.9,26,26,1.0\n"
    );
    let json = ledger.json(&["score", "--corp", "--format", "json"]);
    assert_eq!(field(&json, "band_resamples"), &Value::from(200));
    assert_eq!(field(&json, "band_level"), &Value::from(0.9));
    assert!(!field(&json, "steps").as_array().unwrap().is_empty());
}

#[test]
fn the_ranking_sentence_uses_the_intervals() {
    let ledger = three_forecasters();
    let text = ledger.ok(&["score", "--group-by", "forecaster", "--format", "table"]);
    assert!(
        text.contains("The lowest Brier score is Ana's: 0.01 over 40"),
        "{text}"
    );
    assert!(text.contains("a clear lead"), "{text}");
}
