//! Every pair of forecasters on the questions both answered: the paired bootstrap of their
//! per-question Brier difference (see [`super::bootstrap::paired_difference`]).

use rustc_hash::FxHashMap as HashMap;

use super::bootstrap::{paired_difference, PairedDifference};
use super::metrics::squared_error_of;
use super::PeerForecast;

/// Forecasters `a` < `b` (their indices) and A's Brier minus B's over their shared questions.
#[derive(Debug, Clone, PartialEq)]
pub struct PairComparison {
    pub a: usize,
    pub b: usize,
    pub difference: PairedDifference,
}

/// One comparison per pair of forecasters with two or more shared questions, ordered by (a, b). A
/// forecaster's Brier on a question is the mean over its predictions there, so several
/// updates weigh as one question, as the paired design needs.
pub fn paired_comparisons(
    forecasts: &[PeerForecast],
    resamples: usize,
    seed: u64,
) -> Vec<PairComparison> {
    let mut per_question: HashMap<(i64, usize), (f64, usize)> = HashMap::default();
    for f in forecasts {
        let entry = per_question.entry((f.question, f.forecaster)).or_default();
        entry.0 += squared_error_of(f.probability, f.outcome);
        entry.1 += 1;
    }
    let mut rows: Vec<(i64, usize, f64)> = per_question
        .into_iter()
        .map(|((q, who), (sum, n))| (q, who, sum / n as f64))
        .collect();
    rows.sort_unstable_by_key(|&(question, forecaster, _)| (question, forecaster));
    let mut differences: HashMap<(usize, usize), Vec<f64>> = HashMap::default();
    for question in rows.chunk_by(|x, y| x.0 == y.0) {
        for (i, &(_, a, brier_a)) in question.iter().enumerate() {
            for &(_, b, brier_b) in &question[i + 1..] {
                differences
                    .entry((a, b))
                    .or_default()
                    .push(brier_a - brier_b);
            }
        }
    }
    let mut pairs: Vec<PairComparison> = differences
        .into_iter()
        .filter_map(|((a, b), d)| {
            Some(PairComparison {
                a,
                b,
                difference: paired_difference(&d, resamples, seed)?,
            })
        })
        .collect();
    pairs.sort_unstable_by_key(|p| (p.a, p.b));
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::bootstrap::{RESAMPLES, SEED};
    use crate::score::testing::peer;

    #[test]
    fn a_sharp_forecaster_beats_a_hedger_and_two_hedgers_tie() {
        // On 30 questions, 0 says 0.9 toward the outcome, 1 and 2 say 0.5 (except that 2
        // leans 0.6 the right way on even questions and 0.4 the wrong way on odd ones).
        let mut set = Vec::new();
        for q in 0..30 {
            let yes = q % 3 != 0;
            set.push(peer(q, 0, if yes { 0.9 } else { 0.1 }, yes));
            set.push(peer(q, 1, 0.5, yes));
            let lean = if q % 2 == 0 { 0.1 } else { -0.1 };
            set.push(peer(q, 2, if yes { 0.5 + lean } else { 0.5 - lean }, yes));
        }
        let pairs = paired_comparisons(&set, RESAMPLES, SEED);
        assert_eq!(
            pairs.iter().map(|p| (p.a, p.b)).collect::<Vec<_>>(),
            vec![(0, 1), (0, 2), (1, 2)]
        );
        // 0.01 − 0.25 on every question: no spread at all.
        let d = &pairs[0].difference;
        assert_eq!(d.questions, 30);
        assert!(
            (d.brier_difference + 0.24).abs() < 1e-12 && d.detectable(),
            "{d:?}"
        );
        // 1 against 2: 0.25 − 0.16 and 0.25 − 0.36 in turn, mean −0.01, interval across 0.
        let d = &pairs[2].difference;
        assert!(
            (d.brier_difference + 0.01).abs() < 1e-12 && !d.detectable(),
            "{d:?}"
        );
    }

    #[test]
    fn updates_count_as_one_question_and_loners_pair_with_nobody() {
        let set = [
            peer(1, 0, 0.2, true),
            peer(1, 0, 0.6, true),
            peer(1, 1, 0.5, true),
            peer(2, 0, 0.5, true),
            peer(2, 1, 0.5, true),
            peer(3, 2, 0.5, true),
        ];
        let pairs = paired_comparisons(&set, 10, 1);
        assert_eq!(pairs.len(), 1);
        // ((0.64 + 0.16)/2 − 0.25 + 0) / 2 = 0.075.
        assert!((pairs[0].difference.brier_difference - 0.075).abs() < 1e-12);
        assert_eq!(pairs[0].difference.questions, 2);
        // One shared question is no comparison.
        assert!(paired_comparisons(&set[..3], 10, 1).is_empty());
    }
}
