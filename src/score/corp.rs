//! CORP reliability (Dimitriadis, Gneiting & Jordan 2021, "Stable reliability diagrams for
//! probabilistic classifiers", PNAS 118(8) e2016191118): the forecasts recalibrated by
//! isotonic regression, which needs no choice of bins, and the mean score split as
//! S = MCB − DSC + UNC, for the Brier score and for the log score.
//!
//! MCB (miscalibration) is S(forecasts) − S(recalibrated), DSC (discrimination) is
//! S(climatology) − S(recalibrated), UNC (uncertainty) is S(climatology), climatology being
//! the base rate forecast for every question. The log score is clipped as [`super::log_loss`]
//! clips it, in all three, so that the parts add up to the log loss fledger reports.

use serde::Serialize;

use super::metrics::{log_cost_of, means};
use super::sum::NeumaierSum;
use super::Forecast;

/// One score's three parts; `S = mcb − dsc + unc`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CorpTerms {
    pub mcb: f64,
    pub dsc: f64,
    pub unc: f64,
}

/// The CORP decomposition of one set of forecasts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Corp {
    pub brier: CorpTerms,
    pub log: CorpTerms,
    /// The recalibration as `[forecast, recalibrated]` points: each block of the fit as its
    /// lowest and its highest forecast (one point when they are the same), the fit being
    /// constant from one to the other. Blocks of equal value are one block.
    pub steps: Vec<[f64; 2]>,
}

/// A run of forecasts sorted by probability that the fit gives one value: `yes` of `n`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Block {
    low: f64,
    high: f64,
    yes: u64,
    n: u64,
}

impl Block {
    fn value(&self) -> f64 {
        self.yes as f64 / self.n as f64
    }

    /// Whether this block's value is at least `next`'s, compared exactly on the counts.
    fn not_below(&self, next: &Block) -> bool {
        u128::from(self.yes) * u128::from(next.n) >= u128::from(next.yes) * u128::from(self.n)
    }

    /// The Brier and log score sums of forecasting this block's value for its questions.
    fn score_sums(&self) -> (f64, f64) {
        let value = self.value();
        let (yes, no) = (self.yes as f64, (self.n - self.yes) as f64);
        let brier = self.n as f64 * value * (1.0 - value);
        // A block that went one way scores no log cost for the other outcome: 0 × ln 0 is 0.
        let part = |count: f64, outcome| {
            if count == 0.0 {
                0.0
            } else {
                count * log_cost_of(value, outcome)
            }
        };
        (brier, part(yes, true) + part(no, false))
    }
}

/// The pool-adjacent-violators fit: the non-decreasing function of the forecasts closest to
/// the outcomes in squared error (and, the same fit, in every proper score). Forecasts of
/// equal value are pooled into one block before any merging, as scikit-learn's
/// `IsotonicRegression` and R's `reliabilitydiag` do, so the fit does not depend on the
/// order of ties; adjacent blocks of equal value are merged, so each value appears once.
fn pav(forecasts: &[Forecast]) -> Vec<Block> {
    let mut sorted: Vec<(f64, bool)> = forecasts
        .iter()
        .map(|f| (f.probability, f.outcome))
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut blocks: Vec<Block> = Vec::new();
    for tie in sorted.chunk_by(|a, b| a.0 == b.0) {
        let mut block = Block {
            low: tie[0].0,
            high: tie[0].0,
            yes: tie.iter().filter(|(_, outcome)| *outcome).count() as u64,
            n: tie.len() as u64,
        };
        while let Some(previous) = blocks.last() {
            if !previous.not_below(&block) {
                break;
            }
            block = Block {
                low: previous.low,
                high: block.high,
                yes: previous.yes + block.yes,
                n: previous.n + block.n,
            };
            blocks.pop();
        }
        blocks.push(block);
    }
    blocks
}

/// The CORP decomposition of the Brier and log scores, and the recalibration's steps;
/// `None` for no forecasts.
pub fn corp(forecasts: &[Forecast]) -> Option<Corp> {
    let scores = means(forecasts);
    let (brier, log) = (scores.brier?, scores.log_loss?);
    let blocks = pav(forecasts);
    let n = forecasts.len() as f64;
    let (mut brier_fit, mut log_fit) = (NeumaierSum::default(), NeumaierSum::default());
    for block in &blocks {
        let (b, l) = block.score_sums();
        brier_fit.add(b);
        log_fit.add(l);
    }
    let (brier_fit, log_fit) = (brier_fit.total() / n, log_fit.total() / n);
    let climatology = Block {
        low: 0.0,
        high: 1.0,
        yes: blocks.iter().map(|b| b.yes).sum(),
        n: forecasts.len() as u64,
    };
    let (brier_base, log_base) = climatology.score_sums();
    let terms = |score: f64, fit: f64, base: f64| CorpTerms {
        mcb: score - fit,
        dsc: base / n - fit,
        unc: base / n,
    };
    let steps = blocks
        .iter()
        .flat_map(|b| {
            let value = b.value();
            let high = (b.high != b.low).then_some([b.high, value]);
            std::iter::once([b.low, value]).chain(high)
        })
        .collect();
    Some(Corp {
        brier: terms(brier, brier_fit, brier_base),
        log: terms(log, log_fit, log_base),
        steps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::testing::{forecast, forecasts, hand_set};
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[track_caller]
    fn assert_terms(terms: CorpTerms, mcb: f64, dsc: f64, unc: f64) {
        assert!(
            close(terms.mcb, mcb) && close(terms.dsc, dsc) && close(terms.unc, unc),
            "{terms:?} against ({mcb}, {dsc}, {unc})"
        );
    }

    #[test]
    fn the_hand_set() {
        // Sorted: 0.2 no, 0.5 yes, 0.7 no, 0.9 yes. 0.5's 1 over 0.7's 0 violates, so they
        // pool at ½: the fit is 0, ½, ½, 1.
        let corp = corp(&hand_set()).unwrap();
        assert_eq!(
            corp.steps,
            [[0.2, 0.0], [0.5, 0.5], [0.7, 0.5], [0.9, 1.0]]
        );
        // Brier: forecasts 0.1975, fit (0 + ¼ + ¼ + 0) / 4 = 0.125, base rate ½: 0.25.
        assert_terms(corp.brier, 0.1975 - 0.125, 0.25 - 0.125, 0.25);
        // Log: the fit costs 2 ln 2 over 4 (the two certain blocks about 1e-16 each, as
        // clipped); climatology ln 2.
        let ln2 = std::f64::consts::LN_2;
        assert_terms(corp.log, 0.5564060129644793 - ln2 / 2.0, ln2 / 2.0, ln2);
    }

    #[test]
    fn ties_pool_before_merging_whatever_their_order() {
        // Pooled: 0.5 is ½, above 0.6's 0, so all three pool at ⅓. Sorting the tie as it
        // came (no, then yes) and merging one at a time would give 0, ½, ½ instead.
        for set in [
            [forecast(0.5, false), forecast(0.5, true), forecast(0.6, false)],
            [forecast(0.6, false), forecast(0.5, true), forecast(0.5, false)],
        ] {
            let corp = corp(&set).unwrap();
            assert_eq!(corp.steps, [[0.5, 1.0 / 3.0], [0.6, 1.0 / 3.0]]);
            // The fit is climatology itself: no discrimination.
            assert_terms(corp.brier, corp.brier.mcb, 0.0, 2.0 / 9.0);
        }
    }

    #[test]
    fn monotone_forecasts_keep_their_order_and_equal_values_merge() {
        let set = [
            forecast(0.1, false),
            forecast(0.4, false),
            forecast(0.6, true),
            forecast(0.9, true),
        ];
        let corp = corp(&set).unwrap();
        assert_eq!(corp.steps, [[0.1, 0.0], [0.4, 0.0], [0.6, 1.0], [0.9, 1.0]]);
        // (0.01 + 0.16 + 0.16 + 0.01) / 4 against a perfect fit.
        assert_terms(corp.brier, 0.085, 0.25, 0.25);
    }

    #[test]
    fn reversed_forecasts_pool_into_climatology() {
        let corp = corp(&[forecast(0.9, false), forecast(0.1, true)]).unwrap();
        assert_eq!(corp.steps, [[0.1, 0.5], [0.9, 0.5]]);
        // (0.81 + 0.81) / 2 against ¼.
        assert_terms(corp.brier, 0.56, 0.0, 0.25);
        let ln2 = std::f64::consts::LN_2;
        assert_terms(corp.log, -(0.1f64.ln()) - ln2, 0.0, ln2);
    }

    #[test]
    fn one_outcome_leaves_nothing_to_discriminate() {
        let corp = corp(&[forecast(0.3, true), forecast(0.8, true)]).unwrap();
        assert_eq!(corp.steps, [[0.3, 1.0], [0.8, 1.0]]);
        assert_terms(corp.brier, (0.49 + 0.04) / 2.0, 0.0, 0.0);
        // The fit at 1 is clipped to 1 − ε, as log loss clips: 1e-16 a forecast.
        assert_terms(
            corp.log,
            -(0.3f64.ln() + 0.8f64.ln()) / 2.0,
            0.0,
            -(1.0 - f64::EPSILON).ln(),
        );
    }

    #[test]
    fn a_single_forecast() {
        let corp = corp(&[forecast(0.3, true)]).unwrap();
        assert_eq!(corp.steps, [[0.3, 1.0]]);
        assert_terms(corp.brier, 0.49, 0.0, 0.0);
        assert_eq!(super::corp(&[]), None);
    }

    proptest! {
        #[test]
        fn the_parts_add_up_and_the_brier_parts_are_not_negative(set in forecasts(1..200)) {
            let corp = corp(&set).unwrap();
            let scores = means(&set);
            for (terms, score) in [(corp.brier, scores.brier), (corp.log, scores.log_loss)] {
                let score = score.unwrap();
                let sum = terms.mcb - terms.dsc + terms.unc;
                prop_assert!((sum - score).abs() <= 1e-12, "{terms:?} sum to {sum}, not {score}");
            }
            // The fit beats the forecasts and climatology, both monotone in the forecasts;
            // the differences are of rounded means, so a few ulps below 0 can be rounding.
            prop_assert!(corp.brier.mcb >= -1e-15, "{:?}", corp.brier);
            prop_assert!(corp.brier.dsc >= -1e-15, "{:?}", corp.brier);
            let values: Vec<f64> = corp.steps.iter().map(|s| s[1]).collect();
            prop_assert!(values.windows(2).all(|w| w[0] <= w[1]), "{values:?}");
        }
    }
}
