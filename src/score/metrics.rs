//! Scores of a whole set of forecasts: Brier, log loss, base rate, sharpness, Brier skill
//! scores, and the Wilson interval used for observed frequencies.

use super::sum::{neumaier_mean, NeumaierMean};
use super::Forecast;

/// Clipping bound for log loss: scikit-learn >= 1.5 clips to the dtype's machine epsilon
/// (before 1.5 it was 1e-15, and augur-cli uses 1e-9), so a confident miss costs
/// `-ln(f64::EPSILON)` = 36.04 nats rather than infinity.
pub const LOG_LOSS_EPSILON: f64 = f64::EPSILON;

/// The 97.5th percentile of the standard normal, for two-sided 95% intervals.
pub const WILSON_Z: f64 = 1.959963984540054;

/// Mean squared error `(p - o)^2` on the 0..1 scale (PredictionBook's, not Fatebook's 0..2).
pub fn brier(forecasts: &[Forecast]) -> Option<f64> {
    neumaier_mean(forecasts.iter().map(squared_error))
}

fn squared_error(f: &Forecast) -> f64 {
    let error = f.probability - f.observed();
    error * error
}

/// Mean negative natural log of the probability given to what happened, with `p`
/// clipped to `[LOG_LOSS_EPSILON, 1 - LOG_LOSS_EPSILON]` exactly as scikit-learn does.
pub fn log_loss(forecasts: &[Forecast]) -> Option<f64> {
    neumaier_mean(forecasts.iter().map(log_cost))
}

fn log_cost(f: &Forecast) -> f64 {
    log_cost_of(f.probability, f.outcome)
}

/// One forecast's log loss, clipped as [`log_loss`] clips it.
pub(crate) fn log_cost_of(probability: f64, outcome: bool) -> f64 {
    -clipped_probability_of_outcome(probability, outcome).ln()
}

/// One forecast's Brier score.
pub(crate) fn squared_error_of(probability: f64, outcome: bool) -> f64 {
    let error = probability - if outcome { 1.0 } else { 0.0 };
    error * error
}

/// [`brier`], [`log_loss`] and [`mean_probability`] of one set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Means {
    pub(crate) brier: Option<f64>,
    pub(crate) log_loss: Option<f64>,
    pub(crate) mean_probability: Option<f64>,
}

/// [`Means`] in one pass rather than three; each mean sees the same terms in the same
/// order as its own function, so the results are the same to the bit.
pub(crate) fn means(forecasts: &[Forecast]) -> Means {
    let mut brier = NeumaierMean::default();
    let mut log_loss = NeumaierMean::default();
    let mut probability = NeumaierMean::default();
    for f in forecasts {
        brier.add(squared_error(f));
        log_loss.add(log_cost(f));
        probability.add(f.probability);
    }
    Means {
        brier: brier.mean(),
        log_loss: log_loss.mean(),
        mean_probability: probability.mean(),
    }
}

/// The probability a forecast gave to what happened, `p` clipped first as log loss clips
/// it; shared with the peer score so that both charge a confident miss the same 36 nats.
pub(crate) fn clipped_probability_of_outcome(probability: f64, outcome: bool) -> f64 {
    let p = probability.clamp(LOG_LOSS_EPSILON, 1.0 - LOG_LOSS_EPSILON);
    if outcome {
        p
    } else {
        1.0 - p
    }
}

/// Share of forecasts whose question resolved YES.
pub fn base_rate(forecasts: &[Forecast]) -> Option<f64> {
    let yes = forecasts.iter().filter(|f| f.outcome).count();
    share(yes, forecasts.len())
}

/// [`base_rate`] of `n` forecasts of which `yes` resolved YES.
pub(crate) fn share(yes: usize, n: usize) -> Option<f64> {
    (n > 0).then(|| yes as f64 / n as f64)
}

/// Mean forecast; set beside the base rate it shows whether a forecaster leans towards
/// YES or NO overall.
pub fn mean_probability(forecasts: &[Forecast]) -> Option<f64> {
    neumaier_mean(forecasts.iter().map(|f| f.probability))
}

/// Population variance of the forecasts, mean (p − p̄)²: how far they stray from one
/// constant value, whatever happened. Two passes, because the one-pass E(p²) − p̄² cancels
/// catastrophically when the forecasts barely differ.
pub fn sharpness(forecasts: &[Forecast]) -> Option<f64> {
    spread_around(forecasts, mean_probability(forecasts)?)
}

/// [`sharpness`] given the mean forecast.
pub(crate) fn spread_around(forecasts: &[Forecast], mean: f64) -> Option<f64> {
    neumaier_mean(forecasts.iter().map(|f| (f.probability - mean).powi(2)))
}

/// 1 − Brier / ō(1 − ō): skill over always forecasting the set's own base rate ō (whose
/// Brier score is ō(1 − ō)). `None` when every question went the same way, since then
/// that reference forecast is perfect and no skill can be measured against it.
pub fn brier_skill_base_rate(forecasts: &[Forecast]) -> Option<f64> {
    skill_over_base_rate(brier(forecasts)?, base_rate(forecasts)?)
}

/// [`brier_skill_base_rate`] of a set's Brier score and base rate.
pub(crate) fn skill_over_base_rate(brier: f64, rate: f64) -> Option<f64> {
    let reference = rate * (1.0 - rate);
    // ō(1 − ō) is exactly 0 only at ō = 0 or 1; otherwise it is at least (1/N)(1 − 1/N).
    if reference == 0.0 {
        return None;
    }
    Some(1.0 - brier / reference)
}

/// 1 − Brier / 0.25: skill over saying 50% to everything, whose Brier score is 0.25
/// whatever happens.
pub fn brier_skill_half(forecasts: &[Forecast]) -> Option<f64> {
    brier(forecasts).map(skill_over_half)
}

/// [`brier_skill_half`] of a set's Brier score.
pub(crate) fn skill_over_half(brier: f64) -> f64 {
    1.0 - brier / 0.25
}

/// 95% Wilson score interval for `successes` out of `n`.
///
/// Unlike the normal approximation it stays inside [0, 1] and is not degenerate at
/// 0% or 100%, which is where small calibration bins of a human ledger usually sit.
/// `None` when `n == 0`, or when `successes > n` (no such proportion).
pub fn wilson_interval(successes: usize, n: usize) -> Option<(f64, f64)> {
    if n == 0 || successes > n {
        return None;
    }
    // The upper bound is the mirror of the lower bound for the failures; written that
    // way both bounds come out exactly 0 and 1 at 0% and 100%, where the textbook
    // centre ± half-width form leaves an ulp of cancellation noise.
    let low = wilson_lower(successes, n);
    let high = 1.0 - wilson_lower(n - successes, n);
    Some((low, high))
}

/// `(2s + z² - z·sqrt(z² + 4s(n-s)/n)) / (2(n + z²))`; at s = 0 the two terms of the
/// numerator are both the rounded z² (sqrt(x²) == |x| in IEEE arithmetic), so it is 0.
fn wilson_lower(successes: usize, n: usize) -> f64 {
    let (s, f, n) = (successes as f64, (n - successes) as f64, n as f64);
    let z2 = WILSON_Z * WILSON_Z;
    let spread = WILSON_Z * (z2 + 4.0 * s * f / n).sqrt();
    (2.0 * s + z2 - spread) / (2.0 * (n + z2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::testing::{forecast, forecasts, hand_set};
    use proptest::prelude::*;

    fn assert_close(actual: f64, expected: f64, tolerance: f64) {
        assert!(
            (actual - expected).abs() <= tolerance,
            "{actual} differs from {expected} by more than {tolerance}"
        );
    }

    #[test]
    fn brier_of_the_hand_set() {
        // (0.1² + 0.7² + 0.2² + 0.5²) / 4 = (0.01 + 0.49 + 0.04 + 0.25) / 4 = 0.79 / 4
        assert_close(brier(&hand_set()).unwrap(), 0.1975, 1e-12);
    }

    #[test]
    fn log_loss_of_the_hand_set() {
        // -(ln 0.9 + ln 0.3 + ln 0.8 + ln 0.5) / 4 = -ln(0.108) / 4
        // = 2.2256240518579173 / 4
        assert_close(log_loss(&hand_set()).unwrap(), 0.5564060129644793, 1e-12);
    }

    #[test]
    fn base_rate_of_the_hand_set() {
        assert_eq!(base_rate(&hand_set()), Some(0.5));
        assert_eq!(base_rate(&[forecast(0.3, false)]), Some(0.0));
        assert_eq!(base_rate(&[forecast(0.3, true); 3]), Some(1.0));
    }

    #[test]
    fn empty_sets_have_no_score() {
        assert_eq!(brier(&[]), None);
        assert_eq!(log_loss(&[]), None);
        assert_eq!(base_rate(&[]), None);
    }

    #[test]
    fn confident_misses_cost_minus_ln_epsilon() {
        // -ln(2.220446049250313e-16) = 52 ln 2
        let cost = 36.04365338911715;
        assert_close(log_loss(&[forecast(1.0, false)]).unwrap(), cost, 1e-12);
        assert_close(log_loss(&[forecast(0.0, true)]).unwrap(), cost, 1e-12);
        assert_eq!(brier(&[forecast(1.0, false)]), Some(1.0));
        // ... and a confident hit costs -ln(1 - eps), not exactly 0.
        assert_eq!(
            log_loss(&[forecast(1.0, true)]),
            Some(-(1.0 - f64::EPSILON).ln())
        );
        assert_eq!(
            log_loss(&[forecast(0.0, false)]),
            log_loss(&[forecast(1.0, true)])
        );
        assert!(log_loss(&[forecast(1.0, true)]).unwrap() > 0.0);
    }

    #[test]
    fn a_coin_flip_costs_ln_2_and_a_quarter() {
        let flips = [forecast(0.5, true), forecast(0.5, false)];
        assert_close(log_loss(&flips).unwrap(), std::f64::consts::LN_2, 1e-15);
        assert_eq!(brier(&flips), Some(0.25));
    }

    #[test]
    fn mean_and_sharpness_of_the_hand_set() {
        // Mean 2.3 / 4 = 0.575; deviations 0.325, 0.125, 0.375, 0.075:
        // (0.105625 + 0.015625 + 0.140625 + 0.005625) / 4 = 0.2675 / 4.
        assert_close(mean_probability(&hand_set()).unwrap(), 0.575, 1e-15);
        assert_close(sharpness(&hand_set()).unwrap(), 0.066875, 1e-15);
        assert_eq!(sharpness(&[forecast(0.3, true); 5]), Some(0.0));
        // The widest spread: half at 0, half at 1.
        assert_eq!(
            sharpness(&[forecast(0.0, false), forecast(1.0, true)]),
            Some(0.25)
        );
    }

    #[test]
    fn skill_against_the_base_rate_and_a_coin() {
        // (0.8 yes, 0.6 yes, 0.3 no): Brier (0.04 + 0.16 + 0.09) / 3 = 0.29 / 3.
        // Base rate 2/3, reference 2/3 · 1/3 = 2/9: 1 − (0.29 / 3) / (2 / 9) = 0.565.
        // Against 0.25: 1 − (0.29 / 3) / 0.25 = 1 − 0.29 · 4 / 3 = 0.61333…
        let set = [
            forecast(0.8, true),
            forecast(0.6, true),
            forecast(0.3, false),
        ];
        assert_close(brier_skill_base_rate(&set).unwrap(), 0.565, 1e-12);
        assert_close(
            brier_skill_half(&set).unwrap(),
            1.0 - 0.29 * 4.0 / 3.0,
            1e-12,
        );
        // Forecasting 0.5 throughout has no skill over a coin, whatever happens.
        assert_eq!(brier_skill_half(&[forecast(0.5, true)]), Some(0.0));
        // Forecasting the base rate has none over the base rate.
        let flat = [forecast(0.5, true), forecast(0.5, false)];
        assert_eq!(brier_skill_base_rate(&flat), Some(0.0));
    }

    #[test]
    fn no_skill_score_without_a_reference() {
        // Every question YES (or every NO): the base-rate forecast is perfect.
        assert_eq!(brier_skill_base_rate(&[forecast(0.7, true); 3]), None);
        assert_eq!(brier_skill_base_rate(&[forecast(0.7, false)]), None);
        assert_eq!(brier_skill_base_rate(&[]), None);
        assert_eq!(brier_skill_half(&[]), None);
        assert_eq!(mean_probability(&[]), None);
        assert_eq!(sharpness(&[]), None);
    }

    #[test]
    fn wilson_matches_a_50_digit_decimal_computation() {
        // Reference: centre ± half-width form, in Python's decimal with 50 digits:
        // c = (p + z²/2n) / (1 + z²/n), h = z / (1 + z²/n) · sqrt(p(1-p)/n + z²/4n²)
        let cases = [
            (3, 10, 0.10779126740630103, 0.6032218525388546),
            (0, 10, 0.0, 0.2775327998628892),
            (10, 10, 0.7224672001371107, 1.0),
            (1, 1, 0.20654931437723742, 1.0),
            (0, 1, 0.0, 0.7934506856227626),
            (50, 100, 0.4038315303659956, 0.5961684696340044),
            (1, 3, 0.06149194472039624, 0.7923403991979523),
        ];
        for (successes, n, low, high) in cases {
            let (l, h) = wilson_interval(successes, n).unwrap();
            assert_close(l, low, 1e-15);
            assert_close(h, high, 1e-15);
        }
    }

    #[test]
    fn wilson_ends_are_exact() {
        assert_eq!(wilson_interval(0, 7).unwrap().0, 0.0);
        assert_eq!(wilson_interval(7, 7).unwrap().1, 1.0);
    }

    #[test]
    fn wilson_has_no_interval_without_data() {
        assert_eq!(wilson_interval(0, 0), None);
        assert_eq!(wilson_interval(4, 3), None);
    }

    proptest! {
        #[test]
        fn brier_is_within_0_and_1(set in forecasts(1..200)) {
            let score = brier(&set).unwrap();
            prop_assert!((0.0..=1.0).contains(&score));
        }

        #[test]
        fn log_loss_is_finite_and_non_negative(set in forecasts(1..200)) {
            let score = log_loss(&set).unwrap();
            prop_assert!(score > 0.0 && score <= -LOG_LOSS_EPSILON.ln() + 1e-12);
        }

        #[test]
        fn base_rate_is_a_share(set in forecasts(1..200)) {
            let rate = base_rate(&set).unwrap();
            prop_assert!((0.0..=1.0).contains(&rate));
        }

        #[test]
        fn sharpness_is_a_variance_of_shares(set in forecasts(1..200)) {
            let spread = sharpness(&set).unwrap();
            prop_assert!((0.0..=0.25).contains(&spread));
            let mean = mean_probability(&set).unwrap();
            // Bhatia–Davis: a variance of values in [0, 1] is at most m(1 − m).
            prop_assert!(spread <= mean * (1.0 - mean) + 1e-12);
        }

        #[test]
        fn skill_scores_are_at_most_1(set in forecasts(1..200)) {
            let half = brier_skill_half(&set).unwrap();
            prop_assert!((-3.0..=1.0).contains(&half));
            if let Some(skill) = brier_skill_base_rate(&set) {
                prop_assert!(skill <= 1.0);
            }
        }

        #[test]
        fn wilson_brackets_the_observed_share(n in 1usize..10_000, share in 0.0f64..=1.0) {
            let successes = (share * n as f64).round() as usize;
            let (low, high) = wilson_interval(successes, n).unwrap();
            let observed = successes as f64 / n as f64;
            prop_assert!(0.0 <= low && low <= observed && observed <= high && high <= 1.0);
        }
    }
}
