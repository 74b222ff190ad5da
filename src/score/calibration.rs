//! Calibration bins: which forecasts count together when asking "of the things given
//! about 70%, how many happened?".

use serde::Serialize;

use super::metrics::wilson_interval;
use super::sum::{neumaier_sum, NeumaierSum};
use super::Forecast;

/// How `bins` (N) turns into bin boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BinStyle {
    /// N bins of width 1/N, right-closed, the first also holding 0: [0, 0.1], (0.1, 0.2],
    /// …, (0.9, 1] for N = 10. The edges are numpy's `linspace(0, 1, N + 1)` (edge i is
    /// `i * (1/N)`, the last exactly 1) and a forecast goes where `np.searchsorted` puts
    /// it, so the bins are bit for bit those of scikit-learn's
    /// `calibration_curve(strategy="uniform")`. A round forecast such as 0.7 sits on an
    /// edge (here 0.7000000000000001) and lands in the lower bin.
    #[default]
    EqualWidth,
    /// N + 1 bins centred on 0, 1/N, …, 1 (as Fatebook draws them), each 1/N wide; the
    /// two end bins are half as wide, clamped to [0, 1]. A forecast goes to the nearest
    /// centre, and one exactly halfway between two centres to the lower. Halfway points
    /// are computed as the correctly rounded (2j + 1) / 2N, the same double as the literal
    /// 0.15 or 0.25 a person types, so such ties break consistently downwards.
    /// Suits human ledgers: 10%, 20%, … and phrase midpoints sit at a bin's centre,
    /// never on its edge.
    Centered,
}

/// One calibration bin; every bin is listed, an empty one with `n = 0` and no statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationBin {
    pub bin_low: f64,
    pub bin_high: f64,
    pub n: usize,
    pub mean_probability: Option<f64>,
    pub observed_frequency: Option<f64>,
    pub wilson_low: Option<f64>,
    pub wilson_high: Option<f64>,
    /// The edges as people name them, k/N correctly rounded (0.3 where `bin_low` is numpy's
    /// 0.30000000000000004): what CSV and tables print. The JSON keeps numpy's doubles, so
    /// it compares bit for bit with scikit-learn.
    #[serde(skip)]
    pub nominal: (f64, f64),
}

/// The bins of one (N, style) pair; bin k covers (upper(k - 1), upper(k)].
#[derive(Debug, Clone)]
struct Binning {
    bins: usize,
    style: BinStyle,
    /// `upper(0..len - 1)`, worked out once: [`Binning::index`] runs once or twice per
    /// forecast.
    inner_edges: Vec<f64>,
}

impl Binning {
    fn new(bins: usize, style: BinStyle) -> Self {
        assert!(bins >= 1, "calibration needs at least one bin");
        let mut binning = Binning {
            bins,
            style,
            inner_edges: Vec::new(),
        };
        binning.inner_edges = (0..binning.len() - 1).map(|k| binning.upper(k)).collect();
        binning
    }

    fn len(&self) -> usize {
        match self.style {
            BinStyle::EqualWidth => self.bins,
            BinStyle::Centered => self.bins + 1,
        }
    }

    fn upper(&self, k: usize) -> f64 {
        if k + 1 >= self.len() {
            return 1.0;
        }
        let n = self.bins as f64;
        match self.style {
            // numpy's linspace multiplies by the step rather than dividing by N, and
            // the two differ in the last bit (3 * 0.1 = 0.30000000000000004 vs 0.3).
            BinStyle::EqualWidth => (k + 1) as f64 * (1.0 / n),
            BinStyle::Centered => (2 * k + 1) as f64 / (2.0 * n),
        }
    }

    /// `upper` as the exact quotient (k + 1) / N rather than numpy's product.
    fn nominal_upper(&self, k: usize) -> f64 {
        match self.style {
            BinStyle::EqualWidth if k + 1 < self.len() => (k + 1) as f64 / self.bins as f64,
            _ => self.upper(k),
        }
    }

    fn lower(&self, k: usize) -> f64 {
        match k {
            0 => 0.0,
            _ => self.upper(k - 1),
        }
    }

    /// Number of inner boundaries strictly below `probability` (searchsorted, side left).
    fn index(&self, probability: f64) -> usize {
        self.inner_edges.partition_point(|&edge| edge < probability)
    }
}

/// One calibration bin's forecasts, tallied as they are met: how many, how many came
/// true, and the compensated sum of their probabilities in the order given.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BinTally {
    pub(crate) n: usize,
    pub(crate) yes: usize,
    probability: NeumaierSum,
}

impl BinTally {
    pub(crate) fn mean_probability(&self) -> Option<f64> {
        (self.n > 0).then(|| self.probability.total() / self.n as f64)
    }

    /// The share that came true, exact: a compensated sum of zeros and ones is their count.
    pub(crate) fn observed_frequency(&self) -> Option<f64> {
        (self.n > 0).then(|| self.yes as f64 / self.n as f64)
    }
}

/// Forecasts tallied per bin, every bin present, in one pass and without copying them;
/// shared by the calibration table, ECE and the decomposition so that all use the very
/// same bins.
pub(crate) struct Binned {
    binning: Binning,
    pub(crate) tallies: Vec<BinTally>,
}

impl Binned {
    pub(crate) fn new(forecasts: &[Forecast], bins: usize, style: BinStyle) -> Self {
        let binning = Binning::new(bins, style);
        let mut tallies = vec![BinTally::default(); binning.len()];
        for forecast in forecasts {
            let tally = &mut tallies[binning.index(forecast.probability)];
            tally.n += 1;
            tally.yes += usize::from(forecast.outcome);
            tally.probability.add(forecast.probability);
        }
        Binned { binning, tallies }
    }

    /// How many of the forecasts resolved YES.
    pub(crate) fn yes(&self) -> usize {
        self.tallies.iter().map(|tally| tally.yes).sum()
    }

    /// The bin [`Binned::new`] put a forecast of `probability` in.
    pub(crate) fn index(&self, probability: f64) -> usize {
        self.binning.index(probability)
    }

    /// The calibration table of these bins (see [`calibration`]).
    pub(crate) fn table(&self) -> Vec<CalibrationBin> {
        let binning = &self.binning;
        self.tallies
            .iter()
            .enumerate()
            .map(|(k, tally)| {
                let wilson = wilson_interval(tally.yes, tally.n);
                CalibrationBin {
                    bin_low: binning.lower(k),
                    bin_high: binning.upper(k),
                    nominal: (
                        k.checked_sub(1)
                            .map_or(0.0, |below| binning.nominal_upper(below)),
                        binning.nominal_upper(k),
                    ),
                    n: tally.n,
                    mean_probability: tally.mean_probability(),
                    observed_frequency: tally.observed_frequency(),
                    wilson_low: wilson.map(|(low, _)| low),
                    wilson_high: wilson.map(|(_, high)| high),
                }
            })
            .collect()
    }
}

/// Index of the bin holding `probability`: 0..N for equal-width bins, 0..=N for centred
/// ones.
///
/// # Panics
/// If `bins` is 0.
pub fn bin_index(probability: f64, bins: usize, style: BinStyle) -> usize {
    Binning::new(bins, style).index(probability)
}

/// Per-bin count, mean forecast, observed frequency of YES and its 95% Wilson interval.
///
/// # Panics
/// If `bins` is 0.
pub fn calibration(forecasts: &[Forecast], bins: usize, style: BinStyle) -> Vec<CalibrationBin> {
    Binned::new(forecasts, bins, style).table()
}

/// Expected calibration error, Σ_k (n_k / N) |f̄_k − ō_k|: the gap between mean forecast
/// and observed frequency in each bin of [`calibration`], weighted by the bin's share of
/// the forecasts. Computed from that very table, so it always describes the bins a
/// reader sees. `None` for no forecasts.
///
/// # Panics
/// If `bins` is 0.
pub fn expected_calibration_error(
    forecasts: &[Forecast],
    bins: usize,
    style: BinStyle,
) -> Option<f64> {
    table_calibration_error(&calibration(forecasts, bins, style))
}

/// [`expected_calibration_error`] of a calibration table already made.
pub(crate) fn table_calibration_error(table: &[CalibrationBin]) -> Option<f64> {
    let n: usize = table.iter().map(|bin| bin.n).sum();
    if n == 0 {
        return None;
    }
    let gaps = table.iter().filter_map(|bin| {
        let gap = (bin.mean_probability? - bin.observed_frequency?).abs();
        Some(bin.n as f64 * gap)
    });
    Some(neumaier_sum(gaps) / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::testing::forecast;
    use proptest::prelude::*;

    #[test]
    fn equal_width_edges_are_numpy_linspace() {
        let bins = calibration(&[], 10, BinStyle::EqualWidth);
        let edges: Vec<f64> = bins.iter().map(|b| b.bin_low).chain([1.0]).collect();
        // np.linspace(0, 1, 11).tolist()
        let linspace = [
            0.0,
            0.1,
            0.2,
            0.30000000000000004,
            0.4,
            0.5,
            0.6000000000000001,
            0.7000000000000001,
            0.8,
            0.9,
            1.0,
        ];
        assert_eq!(edges, linspace);
        assert!(bins.windows(2).all(|w| w[0].bin_high == w[1].bin_low));
        // np.linspace(0, 1, 8)[1:4]
        assert_eq!(
            calibration(&[], 7, BinStyle::EqualWidth)[1..4]
                .iter()
                .map(|b| b.bin_low)
                .collect::<Vec<_>>(),
            [0.14285714285714285, 0.2857142857142857, 0.42857142857142855]
        );
    }

    #[test]
    fn nominal_edges_are_exact_quotients() {
        let bins = calibration(&[], 10, BinStyle::EqualWidth);
        let nominal: Vec<String> = bins.iter().map(|b| b.nominal.0.to_string()).collect();
        assert_eq!(
            nominal,
            ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"]
        );
        assert_eq!(bins[9].nominal.1, 1.0);
        assert!(bins.windows(2).all(|w| w[0].nominal.1 == w[1].nominal.0));
        let sevenths = calibration(&[], 7, BinStyle::EqualWidth);
        assert_eq!(sevenths[3].nominal.0, 3.0 / 7.0);
        let centred = calibration(&[], 10, BinStyle::Centered);
        assert!(centred.iter().all(|b| b.nominal == (b.bin_low, b.bin_high)));
    }

    #[test]
    fn equal_width_edge_values_land_like_searchsorted() {
        let cases = [
            (0.0, 0),
            (0.1, 0), // on edge 0.1: right-closed, lower bin
            (0.10000000000000002, 1),
            (0.2, 1),
            (0.3, 2),                 // below edge 0.30000000000000004
            (0.30000000000000004, 2), // on it
            (0.6, 5),                 // below edge 0.6000000000000001
            (0.7, 6),                 // below edge 0.7000000000000001
            (0.9, 8),                 // on edge 0.9
            (0.95, 9),
            (1.0, 9),
        ];
        for (probability, bin) in cases {
            assert_eq!(
                bin_index(probability, 10, BinStyle::EqualWidth),
                bin,
                "{probability}"
            );
        }
        assert_eq!(bin_index(3.0 / 7.0, 7, BinStyle::EqualWidth), 2);
        assert_eq!(bin_index(0.4285714285714286, 7, BinStyle::EqualWidth), 3);
        assert_eq!(bin_index(0.0, 1, BinStyle::EqualWidth), 0);
        assert_eq!(bin_index(1.0, 1, BinStyle::EqualWidth), 0);
    }

    #[test]
    fn centered_bins_go_to_the_nearest_centre_ties_down() {
        let cases = [
            (0.0, 0),
            (0.05, 0), // halfway between 0 and 0.1
            (0.0500000000000001, 1),
            (0.1, 1),
            (0.25, 2),
            (0.3, 3),
            (0.65, 6),
            (0.7, 7),
            (0.95, 9),
            (0.96, 10),
            (1.0, 10),
        ];
        for (probability, bin) in cases {
            assert_eq!(
                bin_index(probability, 10, BinStyle::Centered),
                bin,
                "{probability}"
            );
        }
        let bins = calibration(&[], 10, BinStyle::Centered);
        assert_eq!(bins.len(), 11);
        assert_eq!((bins[0].bin_low, bins[0].bin_high), (0.0, 0.05));
        assert_eq!((bins[1].bin_low, bins[1].bin_high), (0.05, 0.15));
        assert_eq!((bins[10].bin_low, bins[10].bin_high), (0.95, 1.0));
        let one = calibration(&[], 1, BinStyle::Centered);
        assert_eq!(
            one.iter()
                .map(|b| (b.bin_low, b.bin_high))
                .collect::<Vec<_>>(),
            [(0.0, 0.5), (0.5, 1.0)]
        );
    }

    #[test]
    fn hand_set_bins() {
        let set = [
            forecast(0.9, true),
            forecast(0.7, false),
            forecast(0.2, false),
            forecast(0.5, true),
        ];
        let bins = calibration(&set, 10, BinStyle::EqualWidth);
        assert_eq!(bins.len(), 10);
        // 0.2 -> (0.1, 0.2], 0.5 -> (0.4, 0.5], 0.7 -> (0.6, 0.7], 0.9 -> (0.8, 0.9]
        let filled: Vec<(usize, f64, f64)> = bins
            .iter()
            .enumerate()
            .filter(|(_, b)| b.n > 0)
            .map(|(k, b)| {
                (
                    k,
                    b.mean_probability.unwrap(),
                    b.observed_frequency.unwrap(),
                )
            })
            .collect();
        assert_eq!(
            filled,
            [(1, 0.2, 0.0), (4, 0.5, 1.0), (6, 0.7, 0.0), (8, 0.9, 1.0)]
        );
        for bin in bins.iter().filter(|b| b.n == 0) {
            assert_eq!(
                (
                    bin.mean_probability,
                    bin.observed_frequency,
                    bin.wilson_low,
                    bin.wilson_high
                ),
                (None, None, None, None)
            );
        }
        // Wilson for 1/1: (0.20654931437723742, 1.0)
        assert_eq!(bins[4].wilson_high, Some(1.0));
        assert!((bins[4].wilson_low.unwrap() - 0.20654931437723742).abs() < 1e-15);
    }

    #[test]
    fn edge_forecasts_share_bins() {
        let set = [
            forecast(0.1, true),
            forecast(0.05, false),
            forecast(0.0, false),
            forecast(0.3, true),
            forecast(0.25, false),
            forecast(0.7, true),
            forecast(0.65, false),
            forecast(1.0, true),
            forecast(0.95, false),
        ];
        let summary = |style, bins| -> Vec<(usize, usize, f64, f64)> {
            calibration(&set, bins, style)
                .iter()
                .enumerate()
                .filter(|(_, b)| b.n > 0)
                .map(|(k, b)| {
                    (
                        k,
                        b.n,
                        b.mean_probability.unwrap(),
                        b.observed_frequency.unwrap(),
                    )
                })
                .collect()
        };
        let equal = summary(BinStyle::EqualWidth, 10);
        // [0, 0.1]: 0.1 0.05 0.0 -> mean 0.05, 1 of 3; (0.2, 0.3]: 0.3 0.25 -> 0.275, 1 of 2;
        // (0.6, 0.7]: 0.7 0.65 -> 0.675; (0.9, 1]: 1.0 0.95 -> 0.975.
        let expected = [
            (0, 3, 0.05, 1.0 / 3.0),
            (2, 2, 0.275, 0.5),
            (6, 2, 0.675, 0.5),
            (9, 2, 0.975, 0.5),
        ];
        assert_eq!(equal.len(), expected.len());
        for (got, want) in equal.iter().zip(expected) {
            assert_eq!((got.0, got.1), (want.0, want.1));
            assert!((got.2 - want.2).abs() < 1e-12 && (got.3 - want.3).abs() < 1e-12);
        }
        let bins = calibration(&set, 10, BinStyle::EqualWidth);
        let (low, high) = wilson_interval(1, 3).unwrap();
        assert_eq!(
            (bins[0].wilson_low, bins[0].wilson_high),
            (Some(low), Some(high))
        );

        // Centred: every forecast sits on its own centre except the ties 0.05, 0.25,
        // 0.65 and 0.95, which go down to 0, 0.2, 0.6 and 0.9.
        let centred: Vec<(usize, usize)> = summary(BinStyle::Centered, 10)
            .iter()
            .map(|&(k, n, _, _)| (k, n))
            .collect();
        assert_eq!(
            centred,
            [
                (0, 2),
                (1, 1),
                (2, 1),
                (3, 1),
                (6, 1),
                (7, 1),
                (9, 1),
                (10, 1)
            ]
        );
    }

    #[test]
    fn ece_of_the_hand_set() {
        let set = [
            forecast(0.9, true),
            forecast(0.7, false),
            forecast(0.2, false),
            forecast(0.5, true),
        ];
        let ece = |bins| expected_calibration_error(&set, bins, BinStyle::EqualWidth).unwrap();
        // Ten bins put each forecast alone: mean |p − o| = (0.1 + 0.7 + 0.2 + 0.5) / 4.
        assert!((ece(10) - 0.375).abs() < 1e-12);
        // Two: [0, 0.5] holds 0.2 (no) and 0.5 (yes), |0.35 − 0.5| = 0.15; (0.5, 1] holds
        // 0.7 (no) and 0.9 (yes), |0.8 − 0.5| = 0.3; (2 · 0.15 + 2 · 0.3) / 4 = 0.225.
        assert!((ece(2) - 0.225).abs() < 1e-12);
        // One: |0.575 − 0.5|.
        assert!((ece(1) - 0.075).abs() < 1e-12);
    }

    #[test]
    fn ece_follows_the_bin_style() {
        // 0.05 and 0.1 share [0, 0.1] in equal-width bins (mean 0.075, 1 of 2 happened:
        // gap 0.425), but sit apart in centred ones (gaps 0.05 and 0.9).
        let set = [forecast(0.05, false), forecast(0.1, true)];
        let equal = expected_calibration_error(&set, 10, BinStyle::EqualWidth).unwrap();
        let centred = expected_calibration_error(&set, 10, BinStyle::Centered).unwrap();
        assert!((equal - 0.425).abs() < 1e-12);
        assert!((centred - 0.475).abs() < 1e-12);
    }

    #[test]
    fn ece_of_nothing_is_none() {
        assert_eq!(
            expected_calibration_error(&[], 10, BinStyle::EqualWidth),
            None
        );
        assert_eq!(
            expected_calibration_error(&[forecast(0.3, false)], 10, BinStyle::Centered),
            Some(0.3)
        );
    }

    fn style() -> impl Strategy<Value = BinStyle> {
        prop_oneof![Just(BinStyle::EqualWidth), Just(BinStyle::Centered)]
    }

    fn probability() -> impl Strategy<Value = f64> {
        prop_oneof![
            0.0f64..=1.0,
            Just(0.0),
            Just(1.0),
            (0u32..=100).prop_map(|k| f64::from(k) / 100.0),
        ]
    }

    proptest! {
        #[test]
        fn counts_add_up_to_the_number_of_forecasts(
            set in prop::collection::vec((probability(), any::<bool>()), 0..300),
            bins in 1usize..=20,
            style in style(),
        ) {
            let set: Vec<Forecast> = set.into_iter().map(|(p, o)| forecast(p, o)).collect();
            let table = calibration(&set, bins, style);
            prop_assert_eq!(table.iter().map(|b| b.n).sum::<usize>(), set.len());
            for bin in &table {
                if let (Some(mean), Some(frequency)) =
                    (bin.mean_probability, bin.observed_frequency)
                {
                    // A mean of values in [low, high] can round past them by an ulp.
                    prop_assert!(bin.bin_low - 1e-15 <= mean && mean <= bin.bin_high + 1e-15);
                    let (low, high) = (bin.wilson_low.unwrap(), bin.wilson_high.unwrap());
                    prop_assert!(low <= frequency && frequency <= high);
                }
            }
        }

        #[test]
        fn ece_squared_is_at_most_the_reliability(
            set in prop::collection::vec((probability(), any::<bool>()), 1..300),
            bins in 1usize..=20,
            style in style(),
        ) {
            // Both weigh the bins' gaps |f̄_k − ō_k| by n_k / N, ECE as they are and
            // reliability squared, so by Jensen ECE² <= REL.
            let set: Vec<Forecast> = set.into_iter().map(|(p, o)| forecast(p, o)).collect();
            let ece = expected_calibration_error(&set, bins, style).unwrap();
            let reliability = crate::score::decomposition(&set, bins, style).unwrap().reliability;
            prop_assert!((0.0..=1.0).contains(&ece));
            prop_assert!(ece * ece <= reliability + 1e-12);
        }

        #[test]
        fn each_probability_lies_in_its_bin(
            p in probability(),
            bins in 1usize..=20,
            style in style(),
        ) {
            let table = calibration(&[], bins, style);
            let bin = &table[bin_index(p, bins, style)];
            prop_assert!(bin.bin_low <= p && p <= bin.bin_high);
            // Right-closed: only the first bin holds its lower edge.
            prop_assert!(bin.bin_low < p || bin.bin_low == 0.0);
        }

        #[test]
        fn equal_width_agrees_with_a_plain_count_of_edges(p in probability(), bins in 1usize..=20) {
            let step = 1.0 / bins as f64;
            let below = (1..bins).filter(|&i| i as f64 * step < p).count();
            prop_assert_eq!(bin_index(p, bins, BinStyle::EqualWidth), below);
        }

        #[test]
        fn centred_goes_to_the_nearest_centre(p in probability(), bins in 1usize..=20) {
            let k = bin_index(p, bins, BinStyle::Centered);
            let distance = |j: usize| (p - j as f64 / bins as f64).abs();
            prop_assert!((0..=bins).all(|j| distance(k) <= distance(j) + 1e-15));
        }
    }
}
