//! CORP reliability (Dimitriadis, Gneiting & Jordan 2021, "Stable reliability diagrams for
//! probabilistic classifiers", PNAS 118(8) e2016191118): the forecasts recalibrated by the
//! pool-adjacent-violators algorithm (isotonic regression of outcome on forecast), which
//! needs no choice of bins, and the mean score S split into miscalibration, discrimination
//! and uncertainty, S = MCB − DSC + UNC, for the Brier score and for the log score.
//!
//! MCB is S(forecasts) − S(recalibrated), DSC is S(base rate) − S(recalibrated), UNC is
//! S(base rate). The log score clips as [`super::log_loss`] does, in all three, so the parts
//! add up to the log loss fledger reports.

use serde::Serialize;

use super::bootstrap::{quantile, SplitMix64};
use super::metrics::{self, log_cost_of, squared_error_of};
use super::sum::neumaier_sum;
use super::Forecast;

/// One step of the recalibrated curve: every forecast in `forecast_low..=forecast_high`
/// is recalibrated to `recalibrated`, the share of YES among the `n` of them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CorpStep {
    pub forecast_low: f64,
    pub forecast_high: f64,
    pub n: usize,
    pub yes: usize,
    pub recalibrated: f64,
}

/// One score's parts: `score` is the mean score of the forecasts as given, and
/// `score = mcb − dsc + unc` to rounding.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CorpTerms {
    pub score: f64,
    pub mcb: f64,
    pub dsc: f64,
    pub unc: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Corp {
    pub steps: Vec<CorpStep>,
    pub brier: CorpTerms,
    pub log: CorpTerms,
}

/// A run of forecasts, in forecast order, that the fit gives one value: `yes` of `n`.
#[derive(Debug, Clone, Copy)]
struct Block {
    low: f64,
    high: f64,
    n: usize,
    yes: usize,
}

impl Block {
    /// Whether this block's share of YES is at least `next`'s, compared on the counts
    /// (yes₁·n₂ ≥ yes₂·n₁), so pooling never depends on rounding.
    fn not_below(&self, next: &Block) -> bool {
        self.yes as u128 * next.n as u128 >= next.yes as u128 * self.n as u128
    }

    fn share(&self) -> f64 {
        self.yes as f64 / self.n as f64
    }
}

/// The forecasts' distinct values in increasing order with their counts. Ties are pooled
/// before any merging, as scikit-learn's `IsotonicRegression` and R's `reliabilitydiag`
/// do, so the fit does not depend on the order of tied forecasts.
fn pooled_by_value(forecasts: &[Forecast]) -> Vec<Block> {
    let mut sorted: Vec<(f64, bool)> = forecasts
        .iter()
        .map(|f| (f.probability, f.outcome))
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    // `==`, so that -0.0 and 0.0 are one forecast.
    sorted
        .chunk_by(|a, b| a.0 == b.0)
        .map(|tie| Block {
            low: tie[0].0,
            high: tie[0].0,
            n: tie.len(),
            yes: tie.iter().filter(|(_, outcome)| *outcome).count(),
        })
        .collect()
}

/// Pool adjacent violators over blocks in forecast order: the least-squares non-decreasing
/// fit (the same fit for every proper score), as steps whose shares strictly increase,
/// since equal neighbours are pooled too.
fn pav(blocks: impl IntoIterator<Item = Block>) -> Vec<Block> {
    let mut stack: Vec<Block> = Vec::new();
    for mut block in blocks {
        while let Some(last) = stack.last() {
            if !last.not_below(&block) {
                break;
            }
            block = Block {
                low: last.low,
                high: block.high,
                n: last.n + block.n,
                yes: last.yes + block.yes,
            };
            stack.pop();
        }
        stack.push(block);
    }
    stack
}

/// The PAV-recalibrated curve of the forecasts; empty for no forecasts.
pub fn recalibrated_steps(forecasts: &[Forecast]) -> Vec<CorpStep> {
    pav(pooled_by_value(forecasts))
        .into_iter()
        .map(|b| CorpStep {
            forecast_low: b.low,
            forecast_high: b.high,
            n: b.n,
            yes: b.yes,
            recalibrated: b.share(),
        })
        .collect()
}

/// The mean `cost` over `total` forecasts, given as (value, n, yes) groups: n forecasts of
/// `value` of which `yes` came true.
fn grouped_mean(
    groups: impl Iterator<Item = (f64, usize, usize)>,
    cost: fn(f64, bool) -> f64,
    total: usize,
) -> f64 {
    neumaier_sum(groups.flat_map(|(value, n, yes)| {
        [
            yes as f64 * cost(value, true),
            (n - yes) as f64 * cost(value, false),
        ]
    })) / total as f64
}

fn terms(total: usize, steps: &[CorpStep], cost: fn(f64, bool) -> f64, score: f64) -> CorpTerms {
    let yes: usize = steps.iter().map(|s| s.yes).sum();
    let recalibrated = grouped_mean(
        steps.iter().map(|s| (s.recalibrated, s.n, s.yes)),
        cost,
        total,
    );
    let unc = grouped_mean(
        std::iter::once((yes as f64 / total as f64, total, yes)),
        cost,
        total,
    );
    CorpTerms {
        score,
        mcb: score - recalibrated,
        dsc: unc - recalibrated,
        unc,
    }
}

/// The CORP curve and decompositions; `None` for no forecasts.
pub fn corp(forecasts: &[Forecast]) -> Option<Corp> {
    let means = metrics::means(forecasts);
    let (brier, log) = (means.brier?, means.log_loss?);
    let steps = recalibrated_steps(forecasts);
    let total = forecasts.len();
    Some(Corp {
        brier: terms(total, &steps, squared_error_of, brier),
        log: terms(total, &steps, log_cost_of, log),
        steps,
    })
}

/// Resamples behind the consistency band, and its level: reliabilitydiag's default is 100
/// resamples of a 90% band; twice that steadies the band's edges at little cost, since
/// each resample is one linear PAV pass over the distinct forecasts.
pub const BAND_RESAMPLES: usize = 200;
pub const BAND_LEVEL: f64 = 0.9;

/// Where the consistency band is drawn: at most about this many of the distinct forecast
/// values, spread evenly through them, and always the highest.
pub const BAND_POINTS: usize = 101;

/// One point of the consistency band: where calibrated forecasts' recalibrated curve lies
/// at `forecast`, `low` to `high`, in the band's level of resamples.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BandPoint {
    pub forecast: f64,
    pub low: f64,
    pub high: f64,
}

/// The consistency band (the paper's resampling under the calibration hypothesis): outcomes
/// redrawn `resamples` times as if the forecasts were calibrated (each YES with its own
/// forecast's probability), the PAV curve refitted each time, and at each band point the
/// central `level` share of the refitted values. A CORP curve outside the band is
/// miscalibration that chance would rarely produce.
pub fn consistency_band(
    forecasts: &[Forecast],
    resamples: usize,
    level: f64,
    seed: u64,
) -> Vec<BandPoint> {
    let blocks = pooled_by_value(forecasts);
    let Some(last) = blocks.last() else {
        return Vec::new();
    };
    if resamples == 0 {
        return Vec::new();
    }
    let stride = blocks.len().div_ceil(BAND_POINTS).max(1);
    let mut points: Vec<f64> = blocks.iter().step_by(stride).map(|b| b.low).collect();
    if points.last() != Some(&last.low) {
        points.push(last.low);
    }
    let mut rng = SplitMix64::new(seed);
    let mut drawn: Vec<Vec<f64>> = vec![Vec::with_capacity(resamples); points.len()];
    for _ in 0..resamples {
        let redrawn: Vec<Block> = blocks
            .iter()
            .map(|b| Block {
                yes: (0..b.n).filter(|_| rng.unit() < b.low).count(),
                ..*b
            })
            .collect();
        let steps = pav(redrawn);
        let mut at = 0;
        for (point, values) in points.iter().zip(&mut drawn) {
            while at + 1 < steps.len() && steps[at + 1].low <= *point {
                at += 1;
            }
            values.push(steps[at].share());
        }
    }
    let tail = (1.0 - level) / 2.0;
    points
        .into_iter()
        .zip(drawn)
        .map(|(forecast, mut values)| {
            values.sort_unstable_by(f64::total_cmp);
            BandPoint {
                forecast,
                low: quantile(&values, tail),
                high: quantile(&values, 1.0 - tail),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::testing::{forecast, forecasts, hand_set};
    use proptest::prelude::*;

    fn values(steps: &[CorpStep]) -> Vec<(f64, f64, usize, f64)> {
        steps
            .iter()
            .map(|s| (s.forecast_low, s.forecast_high, s.n, s.recalibrated))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn already_monotone_outcomes_pool_only_equal_neighbours() {
        let set = [
            forecast(0.1, false),
            forecast(0.4, false),
            forecast(0.6, true),
            forecast(0.9, true),
        ];
        assert_eq!(
            values(&recalibrated_steps(&set)),
            vec![(0.1, 0.4, 2, 0.0), (0.6, 0.9, 2, 1.0)]
        );
        // (0.01 + 0.16 + 0.16 + 0.01) / 4 against a perfect fit.
        let c = corp(&set).unwrap();
        assert!(close(c.brier.mcb, 0.085) && close(c.brier.dsc, 0.25));
    }

    #[test]
    fn a_violation_is_pooled() {
        // The hand set in forecast order: 0.2 no, 0.5 yes, 0.7 no, 0.9 yes. 0.5's 1 over
        // 0.7's 0 violates: pooled at ½.
        assert_eq!(
            values(&recalibrated_steps(&hand_set())),
            vec![(0.2, 0.2, 1, 0.0), (0.5, 0.7, 2, 0.5), (0.9, 0.9, 1, 1.0)]
        );
    }

    #[test]
    fn tied_forecasts_pool_first_whatever_their_order() {
        // Pooled, 0.5 is ½, above 0.6's 0, so all three pool at ⅓. Taking the tie one
        // forecast at a time (no, then yes) would give 0, ½, ½ instead.
        for set in [
            [
                forecast(0.5, false),
                forecast(0.5, true),
                forecast(0.6, false),
            ],
            [
                forecast(0.6, false),
                forecast(0.5, true),
                forecast(0.5, false),
            ],
        ] {
            assert_eq!(
                values(&recalibrated_steps(&set)),
                vec![(0.5, 0.6, 3, 1.0 / 3.0)]
            );
            // The fit is the base rate itself: no discrimination.
            assert!(corp(&set).unwrap().brier.dsc.abs() < 1e-15);
        }
    }

    #[test]
    fn pooling_cascades_back() {
        // 0.3: yes, yes, no (⅔); 0.5: no (0); 0.8: yes, no (½).
        // ⅔ > 0 pools 0.3..0.5 to 2/4 = ½; ½ ≥ ½ pools with 0.8 to 3/6.
        let set = [
            forecast(0.3, true),
            forecast(0.5, false),
            forecast(0.3, true),
            forecast(0.8, true),
            forecast(0.3, false),
            forecast(0.8, false),
        ];
        assert_eq!(values(&recalibrated_steps(&set)), vec![(0.3, 0.8, 6, 0.5)]);
    }

    #[test]
    fn all_one_outcome_is_one_step_with_nothing_to_discriminate() {
        let set = [
            forecast(0.2, true),
            forecast(0.9, true),
            forecast(0.5, true),
        ];
        let c = corp(&set).unwrap();
        assert_eq!(values(&c.steps), vec![(0.2, 0.9, 3, 1.0)]);
        // Recalibrated and base rate are both 1: UNC = DSC = 0, MCB is the Brier score
        // (0.64 + 0.01 + 0.25) / 3 = 0.3.
        assert_eq!((c.brier.unc, c.brier.dsc), (0.0, 0.0));
        assert!(close(c.brier.mcb, 0.3));
        // The clipped certainty 1 − ε costs ε in the log score, to both.
        assert!(close(c.log.unc, f64::EPSILON) && c.log.dsc.abs() < 1e-15);
    }

    #[test]
    fn the_hand_set_decomposes_by_hand() {
        // Brier 0.1975. Recalibrated 0, ½, ½, 1: (0 + ¼ + ¼ + 0) / 4 = 0.125. Base rate ½:
        // UNC = 0.25, so MCB = 0.0725 and DSC = 0.125.
        let c = corp(&hand_set()).unwrap();
        assert!(close(c.brier.score, 0.1975));
        assert!(close(c.brier.mcb, 0.0725));
        assert!(close(c.brier.dsc, 0.125));
        assert!(close(c.brier.unc, 0.25));
        // Log: UNC = ln 2; recalibrated (2 ln 2 + 2ε) / 4, the certain steps clipped.
        let ln2 = std::f64::consts::LN_2;
        assert!(close(c.log.unc, ln2));
        assert!(close(c.log.dsc, ln2 / 2.0));
        assert!(close(c.log.mcb, 0.5564060129644793 - ln2 / 2.0));
    }

    #[test]
    fn reversed_forecasts_pool_into_the_base_rate() {
        let c = corp(&[forecast(0.9, false), forecast(0.1, true)]).unwrap();
        assert_eq!(values(&c.steps), vec![(0.1, 0.9, 2, 0.5)]);
        // (0.81 + 0.81) / 2 against ¼.
        assert!(close(c.brier.mcb, 0.56) && c.brier.dsc.abs() < 1e-15);
    }

    #[test]
    fn nothing_to_recalibrate() {
        assert_eq!(corp(&[]), None);
        assert!(recalibrated_steps(&[]).is_empty());
        assert!(consistency_band(&[], 100, 0.9, 1).is_empty());
    }

    #[test]
    fn the_band_is_seeded_and_holds_calibrated_curves() {
        // Forecasts 0.025, 0.075, … 0.975, each outcome drawn to match it (every third
        // index for a third is too rough: use the forecast's own share of 20).
        let set: Vec<Forecast> = (0..2000)
            .map(|i| {
                let level = i % 20;
                forecast(f64::from(level) / 20.0 + 0.025, (i / 20) % 20 < level)
            })
            .collect();
        let band = consistency_band(&set, 100, 0.9, 7);
        assert_eq!(band, consistency_band(&set, 100, 0.9, 7));
        assert_ne!(band, consistency_band(&set, 100, 0.9, 8));
        assert_eq!(band.len(), 20);
        for point in &band {
            assert!(point.low <= point.high, "{point:?}");
            assert!(
                point.low <= point.forecast + 0.1 && point.high >= point.forecast - 0.1,
                "{point:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn the_identity_holds_and_the_parts_are_not_negative(set in forecasts(1..300)) {
            let c = corp(&set).unwrap();
            for t in [c.brier, c.log] {
                prop_assert!((t.mcb - t.dsc + t.unc - t.score).abs() <= 1e-12, "{t:?}");
            }
            // Differences of rounded means: a few ulps below 0 can be rounding.
            prop_assert!(c.brier.mcb >= -1e-15 && c.brier.dsc >= -1e-15, "{:?}", c.brier);
            prop_assert!(c.steps.windows(2).all(|w| w[0].recalibrated < w[1].recalibrated));
            prop_assert_eq!(c.steps.iter().map(|s| s.n).sum::<usize>(), set.len());
        }
    }
}
