//! Murphy's (1973) decomposition of the Brier score, with the two within-bin terms of
//! Stephenson, Coelho & Jolliffe (2008) that make it exact for binned forecasts:
//! brier = reliability - resolution + uncertainty + within_bin_variance
//! - within_bin_covariance.

use serde::Serialize;

use super::calibration::{BinStyle, Binned};
use super::metrics::share;
use super::sum::{neumaier_sum, NeumaierSum};
use super::Forecast;

/// With N forecasts, bin k holding n_k of them with mean forecast f̄_k and observed
/// frequency ō_k, and base rate ō:
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Decomposition {
    /// (1/N) Σ_k n_k (f̄_k − ō_k)²: how far each bin's mean forecast is from what happened.
    pub reliability: f64,
    /// (1/N) Σ_k n_k (ō_k − ō)²: how much the bins' outcomes differ from the base rate.
    pub resolution: f64,
    /// ō (1 − ō): the Brier score of always forecasting the base rate.
    pub uncertainty: f64,
    /// (1/N) Σ_k Σ_{i∈k} (f_i − f̄_k)²: spread of the forecasts inside their bins.
    pub within_bin_variance: f64,
    /// (2/N) Σ_k Σ_{i∈k} (o_i − ō_k)(f_i − f̄_k): how much that spread tracked outcomes.
    pub within_bin_covariance: f64,
}

/// One non-empty bin's share of each sum, before dividing by N.
struct BinTerms {
    reliability: f64,
    resolution: f64,
    variance: f64,
    covariance: f64,
}

/// The decomposition over the calibration bins of `bins` and `style`; `None` for no
/// forecasts.
///
/// # Panics
/// If `bins` is 0.
pub fn decomposition(
    forecasts: &[Forecast],
    bins: usize,
    style: BinStyle,
) -> Option<Decomposition> {
    decomposition_of(forecasts, &Binned::new(forecasts, bins, style))
}

/// [`decomposition`] over bins already tallied from `forecasts`.
pub(crate) fn decomposition_of(forecasts: &[Forecast], binned: &Binned) -> Option<Decomposition> {
    let base_rate = share(binned.yes(), forecasts.len())?;
    // The within-bin terms need each bin's means, so they take a second pass; each bin's
    // sums still see its forecasts in the order given. (An empty bin's means are never
    // used.)
    let means: Vec<(f64, f64)> = binned
        .tallies
        .iter()
        .map(|tally| {
            (
                tally.mean_probability().unwrap_or(0.0),
                tally.observed_frequency().unwrap_or(0.0),
            )
        })
        .collect();
    let mut within = vec![(NeumaierSum::default(), NeumaierSum::default()); means.len()];
    for f in forecasts {
        let k = binned.index(f.probability);
        let (mean_forecast, frequency) = means[k];
        let (variance, covariance) = &mut within[k];
        variance.add((f.probability - mean_forecast).powi(2));
        covariance.add((f.observed() - frequency) * (f.probability - mean_forecast));
    }
    let terms: Vec<BinTerms> = binned
        .tallies
        .iter()
        .zip(means.iter().zip(&within))
        .filter(|(tally, _)| tally.n > 0)
        .map(
            |(tally, (&(mean_forecast, frequency), (variance, covariance)))| {
                let n = tally.n as f64;
                BinTerms {
                    reliability: n * (mean_forecast - frequency).powi(2),
                    resolution: n * (frequency - base_rate).powi(2),
                    variance: variance.total(),
                    covariance: covariance.total(),
                }
            },
        )
        .collect();
    let n = forecasts.len() as f64;
    let mean_of = |term: fn(&BinTerms) -> f64| neumaier_sum(terms.iter().map(term)) / n;
    Some(Decomposition {
        reliability: mean_of(|t| t.reliability),
        resolution: mean_of(|t| t.resolution),
        uncertainty: base_rate * (1.0 - base_rate),
        within_bin_variance: mean_of(|t| t.variance),
        within_bin_covariance: 2.0 * mean_of(|t| t.covariance),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::brier;
    use crate::score::testing::{forecast, hand_set};
    use proptest::prelude::*;

    fn recomposed(d: &Decomposition) -> f64 {
        d.reliability - d.resolution + d.uncertainty + d.within_bin_variance
            - d.within_bin_covariance
    }

    fn assert_terms(actual: Decomposition, expected: [f64; 5]) {
        let got = [
            actual.reliability,
            actual.resolution,
            actual.uncertainty,
            actual.within_bin_variance,
            actual.within_bin_covariance,
        ];
        for (name, (g, e)) in ["REL", "RES", "UNC", "WBV", "WBC"]
            .iter()
            .zip(got.iter().zip(expected))
        {
            assert!((g - e).abs() < 1e-12, "{name}: {g} vs {e}");
        }
    }

    #[test]
    fn one_forecast_per_bin_is_all_reliability_and_resolution() {
        // Ten bins put each forecast alone: f̄_k = f_i, ō_k = o_i, so REL = brier = 0.1975,
        // RES = mean (o_i - 0.5)² = 0.25, UNC = 0.5 · 0.5, and nothing within bins.
        let d = decomposition(&hand_set(), 10, BinStyle::EqualWidth).unwrap();
        assert_terms(d, [0.1975, 0.25, 0.25, 0.0, 0.0]);
        assert!((recomposed(&d) - 0.1975).abs() < 1e-12);
    }

    #[test]
    fn a_single_bin_leaves_no_resolution() {
        // f̄ = 2.3 / 4 = 0.575, ō = 0.5: REL = 0.075² = 0.005625, RES = 0;
        // WBV = (0.325² + 0.125² + 0.375² + 0.075²) / 4 = 0.2675 / 4 = 0.066875;
        // WBC = (2/4)(0.5·0.325 − 0.5·0.125 + 0.5·0.375 − 0.5·0.075) = 0.125.
        let d = decomposition(&hand_set(), 1, BinStyle::EqualWidth).unwrap();
        assert_terms(d, [0.005625, 0.0, 0.25, 0.066875, 0.125]);
        assert!((recomposed(&d) - 0.1975).abs() < 1e-12);
    }

    #[test]
    fn two_bins() {
        // [0, 0.5] holds 0.2 (no) and 0.5 (yes): f̄ = 0.35, ō = 0.5.
        // (0.5, 1] holds 0.7 (no) and 0.9 (yes): f̄ = 0.8, ō = 0.5.
        // REL = (2·0.15² + 2·0.3²) / 4 = 0.05625; RES = 0;
        // WBV = (2·0.15² + 2·0.1²) / 4 = 0.01625; WBC = (2/4)(0.15 + 0.1) = 0.125.
        let d = decomposition(&hand_set(), 2, BinStyle::EqualWidth).unwrap();
        assert_terms(d, [0.05625, 0.0, 0.25, 0.01625, 0.125]);
        assert!((recomposed(&d) - 0.1975).abs() < 1e-12);
    }

    #[test]
    fn centred_bins_of_round_forecasts_have_no_within_bin_terms() {
        // With 10 centred bins, 0.9, 0.7, 0.2, 0.5 each sit on a centre, alone.
        let d = decomposition(&hand_set(), 10, BinStyle::Centered).unwrap();
        assert_terms(d, [0.1975, 0.25, 0.25, 0.0, 0.0]);
    }

    #[test]
    fn nothing_to_decompose() {
        assert_eq!(decomposition(&[], 10, BinStyle::EqualWidth), None);
        assert_eq!(decomposition(&[], 10, BinStyle::Centered), None);
    }

    #[test]
    #[should_panic(expected = "at least one bin")]
    fn zero_bins_is_a_caller_bug() {
        decomposition(&hand_set(), 0, BinStyle::EqualWidth);
    }

    fn probability() -> impl Strategy<Value = f64> {
        prop_oneof![
            0.0f64..=1.0,
            Just(0.0),
            Just(1.0),
            (0u32..=20).prop_map(|k| f64::from(k) / 20.0),
        ]
    }

    proptest! {
        #[test]
        fn the_terms_add_up_to_brier(
            set in prop::collection::vec((probability(), any::<bool>()), 1..400),
            bins in 1usize..=20,
            centred in any::<bool>(),
        ) {
            let style = if centred { BinStyle::Centered } else { BinStyle::EqualWidth };
            let set: Vec<Forecast> = set.into_iter().map(|(p, o)| forecast(p, o)).collect();
            let d = decomposition(&set, bins, style).unwrap();
            let brier = brier(&set).unwrap();
            prop_assert!((recomposed(&d) - brier).abs() <= 1e-12, "{d:?} vs {brier}");
            prop_assert!(d.reliability >= 0.0 && d.resolution >= 0.0);
            prop_assert!(d.within_bin_variance >= 0.0);
            prop_assert!((0.0..=0.25).contains(&d.uncertainty));
        }
    }
}
