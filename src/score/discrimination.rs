//! Discrimination: whether the forecasts rank the questions that happened above the
//! ones that did not, however well or badly calibrated the numbers themselves are.

use super::Forecast;

/// Area under the ROC curve, as the Mann–Whitney U statistic: the share of (YES, NO)
/// pairs in which the YES question got the higher forecast, a tie counting ½.
/// `None` unless both outcomes occur (with no pairs there is nothing to rank).
///
/// Sorting once and giving tied forecasts their average rank makes this O(n log n);
/// comparing every pair would take minutes on a 100,000-row ledger.
pub fn auc(forecasts: &[Forecast]) -> Option<f64> {
    let yes = forecasts.iter().filter(|f| f.outcome).count();
    let no = forecasts.len() - yes;
    if yes == 0 || no == 0 {
        return None;
    }
    let mut sorted = forecasts.to_vec();
    sorted.sort_unstable_by(|a, b| a.probability.total_cmp(&b.probability));
    // Twice the rank sum of the YES forecasts. A run of ties at 0-based positions
    // start..end shares the average 1-based rank (start + 1 + end) / 2, so doubled ranks
    // are integers and U comes out exact, with a single rounding at the final division.
    let mut doubled_rank_sum: u128 = 0;
    let mut start = 0;
    while start < sorted.len() {
        // `==`, not total_cmp: -0.0 and 0.0 are the same forecast (total_cmp sorts them
        // next to each other, so they still form one run).
        let end = start
            + sorted[start..]
                .iter()
                .take_while(|f| f.probability == sorted[start].probability)
                .count();
        let yes_in_run = sorted[start..end].iter().filter(|f| f.outcome).count();
        doubled_rank_sum += (start + 1 + end) as u128 * yes_in_run as u128;
        start = end;
    }
    // U = R_yes − n_yes (n_yes + 1) / 2, and AUC = U / (n_yes n_no); both doubled.
    let (yes, no) = (yes as u128, no as u128);
    let doubled_u = doubled_rank_sum - yes * (yes + 1);
    Some(doubled_u as f64 / (2 * yes * no) as f64)
}

/// "Right side of maybe": the share of forecasts on the side of ½ that came true (above ½
/// on YES, below ½ on NO). A forecast of exactly ½ takes no side, so it is left out of
/// both counts; `None` when every forecast is ½ (or there are none).
pub fn right_side_of_maybe(forecasts: &[Forecast]) -> Option<f64> {
    let (mut right, mut sided) = (0usize, 0usize);
    for f in forecasts.iter().filter(|f| f.probability != 0.5) {
        sided += 1;
        right += usize::from((f.probability > 0.5) == f.outcome);
    }
    (sided > 0).then(|| right as f64 / sided as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_side_of_maybe_leaves_out_a_half() {
        // 0.9 yes: right; 0.7 no: wrong; 0.2 no: right; 0.5 yes: no side. 2 of 3.
        let set = crate::score::testing::hand_set();
        assert_eq!(right_side_of_maybe(&set), Some(2.0 / 3.0));
        assert_eq!(right_side_of_maybe(&[forecast(0.5, true)]), None);
        assert_eq!(right_side_of_maybe(&[]), None);
        assert_eq!(
            right_side_of_maybe(&[forecast(0.0, false), forecast(1.0, false)]),
            Some(0.5)
        );
    }
    use crate::score::testing::{forecast, forecasts};
    use proptest::prelude::*;

    /// Every (YES, NO) pair compared directly: the definition, in O(n²).
    fn pairwise(forecasts: &[Forecast]) -> Option<f64> {
        let (mut wins, mut pairs) = (0.0, 0.0);
        for y in forecasts.iter().filter(|f| f.outcome) {
            for n in forecasts.iter().filter(|f| !f.outcome) {
                pairs += 1.0;
                if y.probability > n.probability {
                    wins += 1.0;
                } else if y.probability == n.probability {
                    wins += 0.5;
                }
            }
        }
        (pairs > 0.0).then(|| wins / pairs)
    }

    #[test]
    fn four_points_with_a_tie() {
        // YES at 0.8 and 0.4, NO at 0.4 and 0.2. Pairs (yes, no):
        // (0.8, 0.4) 1, (0.8, 0.2) 1, (0.4, 0.4) ½, (0.4, 0.2) 1 -> 3.5 of 4 = 0.875.
        // By ranks: 0.2 -> 1, the two 0.4s -> 2.5 each, 0.8 -> 4; R_yes = 4 + 2.5 = 6.5,
        // U = 6.5 − 2·3/2 = 3.5.
        let set = [
            forecast(0.4, false),
            forecast(0.8, true),
            forecast(0.2, false),
            forecast(0.4, true),
        ];
        assert_eq!(auc(&set), Some(0.875));
    }

    #[test]
    fn perfect_reversed_and_uninformative_rankings() {
        let perfect = [forecast(0.9, true), forecast(0.1, false)];
        assert_eq!(auc(&perfect), Some(1.0));
        let reversed = [forecast(0.1, true), forecast(0.9, false)];
        assert_eq!(auc(&reversed), Some(0.0));
        // One forecast for everything: every pair is a tie.
        let constant = [
            forecast(0.7, true),
            forecast(0.7, false),
            forecast(0.7, true),
        ];
        assert_eq!(auc(&constant), Some(0.5));
    }

    #[test]
    fn signed_zeros_are_one_forecast() {
        let set = [forecast(-0.0, true), forecast(0.0, false)];
        assert_eq!(auc(&set), Some(0.5));
    }

    #[test]
    fn no_pairs_no_auc() {
        assert_eq!(auc(&[]), None);
        assert_eq!(auc(&[forecast(0.3, true), forecast(0.6, true)]), None);
        assert_eq!(auc(&[forecast(0.3, false)]), None);
    }

    #[test]
    fn a_hundred_thousand_rounded_forecasts_match_a_count_per_level() {
        // Forecasts in whole percent: AUC is then Σ over levels of yes(level) times
        // (no below it + ½ no at it), a count that needs no sorting.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            // xorshift64*: deterministic, no dependency.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11
        };
        let set: Vec<Forecast> = (0..100_000)
            .map(|_| {
                let level = next() % 101;
                let outcome = next() % 100 < level;
                forecast(level as f64 / 100.0, outcome)
            })
            .collect();
        let (mut yes, mut no) = ([0u64; 101], [0u64; 101]);
        for f in &set {
            let level = (f.probability * 100.0).round() as usize;
            if f.outcome {
                yes[level] += 1;
            } else {
                no[level] += 1;
            }
        }
        let (mut doubled_wins, mut no_below) = (0u64, 0u64);
        for level in 0..=100 {
            doubled_wins += yes[level] * (2 * no_below + no[level]);
            no_below += no[level];
        }
        let pairs = yes.iter().sum::<u64>() * no.iter().sum::<u64>();
        let expected = doubled_wins as f64 / (2 * pairs) as f64;
        assert_eq!(auc(&set), Some(expected));
    }

    proptest! {
        #[test]
        fn ranks_agree_with_comparing_every_pair(set in forecasts(0..150)) {
            match (auc(&set), pairwise(&set)) {
                (Some(got), Some(want)) => prop_assert!((got - want).abs() <= 1e-12),
                (got, want) => prop_assert_eq!(got, want),
            }
        }

        #[test]
        fn flipping_every_outcome_mirrors_the_auc(set in forecasts(0..150)) {
            let flipped: Vec<Forecast> =
                set.iter().map(|f| forecast(f.probability, !f.outcome)).collect();
            if let (Some(a), Some(b)) = (auc(&set), auc(&flipped)) {
                prop_assert!((a + b - 1.0).abs() <= 1e-12);
            }
        }
    }
}
