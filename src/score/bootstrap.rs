//! Seeded bootstrap: percentile intervals of mean scores, and the paired bootstrap of two
//! forecasters' score difference over the questions they share (Efron & Tibshirani 1993,
//! "An Introduction to the Bootstrap", ch. 13 percentile intervals; resampling whole
//! questions keeps each pair of forecasts together, as the paired design asks).

use serde::Serialize;

use super::metrics::{log_cost_of, squared_error_of};
use super::sum::neumaier_mean;
use super::Forecast;

/// Resamples behind every interval: enough that a 95% percentile endpoint moves by well
/// under a tenth of the interval's width between seeds, few enough that scoring 100,000
/// predictions stays quick.
pub const RESAMPLES: usize = 1000;

/// The seed every interval starts from, so the same ledger always prints the same numbers.
pub const SEED: u64 = 0x5eed_f1ed_6e12;

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny generator written out here rather than
/// taken from a crate, so that a seeded interval stays the same number across dependency
/// upgrades.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0), by Lemire's multiply-shift; its bias below 2⁻³² for any
    /// ledger size is far under the resampling noise.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// The `q` quantile of sorted values, linearly interpolated (numpy's default, R's type 7).
///
/// # Panics
/// If `sorted` is empty.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    let at = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let (low, high) = (at.floor() as usize, at.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (at - low as f64)
}

/// A 95% percentile interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// The 95% percentile interval of the mean of `values` over `resamples` resamples with
/// replacement; `None` for fewer than two values, whose resamples are all the same value
/// and would print a zero-width interval that claims certainty.
pub fn mean_interval(values: &[f64], resamples: usize, seed: u64) -> Option<Interval> {
    mean_intervals(&[values], resamples, seed).pop().flatten()
}

/// [`mean_interval`] of several equally long series resampled together (the same indices
/// for each), as Brier and log loss of one set are.
fn mean_intervals(series: &[&[f64]], resamples: usize, seed: u64) -> Vec<Option<Interval>> {
    let n = series.first().map_or(0, |s| s.len());
    if n < 2 || resamples == 0 {
        return vec![None; series.len()];
    }
    let mut rng = SplitMix64::new(seed);
    let mut means = vec![Vec::with_capacity(resamples); series.len()];
    for _ in 0..resamples {
        let mut sums = vec![0.0; series.len()];
        for _ in 0..n {
            let i = rng.below(n);
            for (sum, s) in sums.iter_mut().zip(series) {
                *sum += s[i];
            }
        }
        for (m, sum) in means.iter_mut().zip(sums) {
            m.push(sum / n as f64);
        }
    }
    means
        .into_iter()
        .map(|mut m| {
            m.sort_unstable_by(f64::total_cmp);
            Some(Interval {
                low: quantile(&m, 0.025),
                high: quantile(&m, 0.975),
            })
        })
        .collect()
}

/// Bootstrap 95% intervals of the Brier score and of the log loss of one set.
pub fn score_intervals(
    forecasts: &[Forecast],
    resamples: usize,
    seed: u64,
) -> (Option<Interval>, Option<Interval>) {
    let brier: Vec<f64> = forecasts
        .iter()
        .map(|f| squared_error_of(f.probability, f.outcome))
        .collect();
    let log: Vec<f64> = forecasts
        .iter()
        .map(|f| log_cost_of(f.probability, f.outcome))
        .collect();
    let mut both = mean_intervals(&[&brier, &log], resamples, seed).into_iter();
    (both.next().flatten(), both.next().flatten())
}

/// Two forecasters on the questions both answered: the mean over those questions of A's
/// Brier minus B's (each forecaster's Brier on a question is the mean over its predictions
/// there), with the paired-bootstrap 95% interval of that mean.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairedDifference {
    pub questions: usize,
    /// Mean of A's Brier minus B's: below 0 means A did better.
    pub brier_difference: f64,
    pub low: f64,
    pub high: f64,
}

impl PairedDifference {
    /// Whether the interval leaves out 0: a difference the shared questions can see.
    pub fn detectable(&self) -> bool {
        self.high < 0.0 || self.low > 0.0
    }
}

/// The paired comparison of per-question score differences; `None` with fewer than two
/// shared questions.
pub fn paired_difference(
    differences: &[f64],
    resamples: usize,
    seed: u64,
) -> Option<PairedDifference> {
    let mean = neumaier_mean(differences.iter().copied())?;
    let interval = mean_interval(differences, resamples, seed)?;
    Some(PairedDifference {
        questions: differences.len(),
        brier_difference: mean,
        low: interval.low,
        high: interval.high,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::testing::forecast;

    #[test]
    fn splitmix_matches_the_reference_stream() {
        // First outputs for seed 0 from the reference C implementation (Vigna's splitmix64.c).
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        let sorted = [1.0, 2.0, 4.0, 8.0];
        assert_eq!(quantile(&sorted, 0.0), 1.0);
        assert_eq!(quantile(&sorted, 0.5), 3.0);
        assert_eq!(quantile(&sorted, 1.0), 8.0);
        // 0.25 · 3 = 0.75 of the way from 1 to 2.
        assert_eq!(quantile(&sorted, 0.25), 1.75);
    }

    #[test]
    fn same_seed_same_interval_other_seed_other_interval() {
        let set: Vec<Forecast> = (0..200)
            .map(|i| forecast(f64::from(i % 10) / 10.0, i % 4 == 0))
            .collect();
        let a = score_intervals(&set, 500, 42);
        assert_eq!(a, score_intervals(&set, 500, 42));
        assert_ne!(a, score_intervals(&set, 500, 43));
        let (brier, log) = (a.0.unwrap(), a.1.unwrap());
        let (b, l) = (
            crate::score::brier(&set).unwrap(),
            crate::score::log_loss(&set).unwrap(),
        );
        assert!(brier.low < b && b < brier.high, "{brier:?} around {b}");
        assert!(log.low < l && l < log.high, "{log:?} around {l}");
    }

    #[test]
    fn a_constant_has_no_spread_and_nothing_has_no_interval() {
        let i = mean_interval(&[0.25; 30], 100, 1).unwrap();
        assert_eq!((i.low, i.high), (0.25, 0.25));
        assert_eq!(mean_interval(&[], 100, 1), None);
        assert_eq!(mean_interval(&[0.3], 100, 1), None);
        assert_eq!(score_intervals(&[], 100, 1), (None, None));
    }

    #[test]
    fn a_real_difference_is_detected_and_noise_is_not() {
        // A beats B by 0.1 on every one of 40 questions, ± 0.02: the interval is far from 0.
        let real: Vec<f64> = (0..40)
            .map(|i| -0.1 + if i % 2 == 0 { 0.02 } else { -0.02 })
            .collect();
        let d = paired_difference(&real, RESAMPLES, SEED).unwrap();
        assert!((d.brier_difference + 0.1).abs() < 1e-12);
        assert!(d.high < 0.0 && d.detectable(), "{d:?}");
        // Wins and losses of 0.3 that cancel: mean 0, interval across 0.
        let noise: Vec<f64> = (0..40)
            .map(|i| if i % 2 == 0 { 0.3 } else { -0.3 })
            .collect();
        let d = paired_difference(&noise, RESAMPLES, SEED).unwrap();
        assert!(d.low < 0.0 && d.high > 0.0 && !d.detectable(), "{d:?}");
        assert_eq!(paired_difference(&[], RESAMPLES, SEED), None);
    }
}
