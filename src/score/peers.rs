//! Peer comparison on shared questions: how each forecaster did against the others who
//! forecast the same questions, which cancels out how hard the questions were. A Brier
//! of 0.2 is poor on questions everyone else got right and good on ones they all missed.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::metrics::clipped_probability_of_outcome;
use super::sum::{neumaier_sum, NeumaierMean};

/// One resolved prediction, tagged with its question and a caller-chosen forecaster index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeerForecast {
    pub question: i64,
    pub forecaster: usize,
    pub probability: f64,
    pub outcome: bool,
}

/// One forecaster's standing against their peers, over the shared questions they
/// forecast. The two scores are means, hence `Option` like every mean here; as
/// [`peer_scores`] lists only forecasters with a shared question, it fills both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerScore {
    pub forecaster: usize,
    /// Distinct shared questions the forecaster predicted.
    pub questions: usize,
    /// Their predictions on those questions, each of which counts.
    pub predictions: usize,
    /// Mean of (own Brier − median Brier of the others); below 0 beats the peers.
    pub relative_brier: Option<f64>,
    /// Mean Metaculus-style peer score, 100 × mean (ln q_own − ln q_other); above 0
    /// beats the peers.
    pub peer_score: Option<f64>,
}

/// Relative Brier and peer scores gathered for one forecaster, prediction by prediction.
#[derive(Default)]
struct Tally {
    questions: usize,
    relative_brier: NeumaierMean,
    peer_score: NeumaierMean,
}

/// Relative Brier and peer score per forecaster, over the shared questions: those with
/// predictions from at least two distinct forecasters.
///
/// For a prediction with probability p on a shared question, the "others" are every
/// prediction on that question by a different forecaster. Its relative Brier is
/// (p − o)² minus the median of the others' Brier scores; its peer score is 100 × the
/// mean over the others of (ln q_own − ln q_other), q being the probability given to
/// what happened, clipped as log loss clips it. A forecaster's scores are the means over
/// all their predictions on shared questions: a question predicted twice counts twice
/// (filter to the first or latest prediction before calling for another reading).
///
/// Sorted by forecaster; a forecaster with no shared question is left out.
///
/// Given a `Vec`, it sorts that rather than a copy.
pub fn peer_scores(forecasts: impl Into<Vec<PeerForecast>>) -> Vec<PeerScore> {
    // The forecasts themselves sorted rather than references to them, so that comparing
    // reads them in order instead of chasing a million pointers. By question first, then
    // each question by forecaster, both stable: the same order as sorting by the pair,
    // but a ledger's predictions mostly come question by question already, which the
    // first sort merely checks, and the second sorts a handful at a time.
    let mut order = forecasts.into();
    order.sort_by_key(|f| f.question);
    // A hash map, sorted at the end: a B-tree's search was a quarter of this function.
    let mut tallies: HashMap<usize, Tally> = HashMap::default();
    let mut scratch = Scratch::default();
    for question in order.chunk_by_mut(|a, b| a.question == b.question) {
        question.sort_by_key(|f| f.forecaster);
        score_question(question, &mut tallies, &mut scratch);
    }
    let mut tallies: Vec<(usize, Tally)> = tallies.into_iter().collect();
    tallies.sort_unstable_by_key(|&(forecaster, _)| forecaster);
    tallies
        .into_iter()
        .map(|(forecaster, tally)| PeerScore {
            forecaster,
            questions: tally.questions,
            predictions: tally.relative_brier.count(),
            relative_brier: tally.relative_brier.mean(),
            peer_score: tally.peer_score.mean(),
        })
        .collect()
}

fn brier_of(f: &PeerForecast) -> f64 {
    let error = f.probability - if f.outcome { 1.0 } else { 0.0 };
    error * error
}

fn log_of(f: &PeerForecast) -> f64 {
    clipped_probability_of_outcome(f.probability, f.outcome).ln()
}

/// Buffers reused from one question to the next, which saves allocating them afresh for
/// each of several hundred thousand questions.
#[derive(Default)]
struct Scratch {
    /// The question's Brier scores and logs, in the order of its predictions.
    briers: Vec<f64>,
    logs: Vec<f64>,
    /// The question's Brier scores sorted, and one forecaster's.
    all_briers: Vec<f64>,
    own_briers: Vec<f64>,
}

/// Scores every prediction on one question, given sorted by forecaster.
///
/// All of one forecaster's predictions share the same others, so the others' median
/// and mean are worked out once per forecaster, from the whole question's values less
/// their own. That keeps a question with thousands of forecasters at O(k log² k)
/// rather than the O(k²) of gathering the others anew for each prediction.
fn score_question(
    predictions: &[PeerForecast],
    tallies: &mut HashMap<usize, Tally>,
    scratch: &mut Scratch,
) {
    // Sorted by forecaster: two of them, or the first and last are the same one.
    let (Some(first), Some(last)) = (predictions.first(), predictions.last()) else {
        return;
    };
    if first.forecaster == last.forecaster {
        return;
    }
    let Scratch {
        briers,
        logs,
        all_briers,
        own_briers,
    } = scratch;
    briers.clear();
    briers.extend(predictions.iter().map(brier_of));
    logs.clear();
    logs.extend(predictions.iter().map(log_of));
    all_briers.clear();
    all_briers.extend_from_slice(briers);
    all_briers.sort_unstable_by(f64::total_cmp);
    let all_logs = neumaier_sum(logs.iter().copied());
    let mut start = 0;
    for own in predictions.chunk_by(|a, b| a.forecaster == b.forecaster) {
        let range = start..start + own.len();
        start = range.end;
        own_briers.clear();
        own_briers.extend_from_slice(&briers[range.clone()]);
        own_briers.sort_unstable_by(f64::total_cmp);
        let others_median = median_without(all_briers, own_briers);
        // Subtracting one rounded sum from another costs about ε·|sum| in absolute
        // terms, negligible after dividing by the number of others.
        let others = (predictions.len() - own.len()) as f64;
        let others_mean_log =
            (all_logs - neumaier_sum(logs[range.clone()].iter().copied())) / others;
        let tally = tallies.entry(own[0].forecaster).or_default();
        tally.questions += 1;
        for (brier, log) in briers[range.clone()].iter().zip(&logs[range]) {
            tally.relative_brier.add(brier - others_median);
            tally.peer_score.add(100.0 * (log - others_mean_log));
        }
    }
}

/// Median of the multiset `all` less its sub-multiset `own` (both sorted by total_cmp),
/// without building the difference; `all` must hold at least one value beyond `own`.
/// For an even count, the mean of the two middle values (as numpy's median).
fn median_without(all: &[f64], own: &[f64]) -> f64 {
    let n = all.len() - own.len();
    let nth = |rank| match own {
        // Most forecasters predict a question once: the others are then `all` less one
        // value, found by a single search rather than a search of searches.
        [value] => {
            let at = all.partition_point(|x| x.total_cmp(value).is_lt());
            all[if rank < at { rank } else { rank + 1 }]
        }
        _ => nth_without(all, own, rank),
    };
    if n % 2 == 1 {
        nth(n / 2)
    } else {
        (nth(n / 2 - 1) + nth(n / 2)) / 2.0
    }
}

/// The `rank`-th smallest (from 0) of `all` less `own`: the least v in `all` with more
/// than `rank` values at most v once `own`'s are taken out. That count never falls as v
/// grows, so a binary search over `all` finds v, each step counting by binary search.
fn nth_without(all: &[f64], own: &[f64], rank: usize) -> f64 {
    let at_most = |values: &[f64], v: f64| values.partition_point(|x| x.total_cmp(&v).is_le());
    let index = all.partition_point(|&v| at_most(all, v) - at_most(own, v) <= rank);
    all[index]
}

#[cfg(test)]
mod tests {
    use super::super::sum::neumaier_mean;
    use super::*;
    use crate::score::testing::peer;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    fn assert_close(actual: Option<f64>, expected: f64, tolerance: f64) {
        let actual = actual.expect("a score");
        assert!(
            (actual - expected).abs() <= tolerance,
            "{actual} differs from {expected} by more than {tolerance}"
        );
    }

    #[test]
    fn the_published_three_forecaster_example() {
        // One YES question at 0.9, 0.6 and 0.3. Peer scores, 100 × mean of log ratios:
        // 0.9: 50 (ln(0.9/0.6) + ln(0.9/0.3)) = 50 ln 4.5   =  75.2038698…
        // 0.6: 50 (ln(0.6/0.9) + ln(0.6/0.3)) = 50 ln(4/3)  =  14.3841036…
        // 0.3: 50 (ln(0.3/0.9) + ln(0.3/0.6)) = 50 ln(1/6)  = −89.5879734…
        let scores = peer_scores([
            peer(1, 0, 0.9, true),
            peer(1, 1, 0.6, true),
            peer(1, 2, 0.3, true),
        ]);
        let published = [75.20, 14.38, -89.59];
        let exact = [
            50.0 * 4.5f64.ln(),
            50.0 * (4.0f64 / 3.0).ln(),
            50.0 * (1.0f64 / 6.0).ln(),
        ];
        // Briers 0.01, 0.16, 0.49; each less the median (here the mean) of the other two.
        let relative = [0.01 - 0.325, 0.16 - 0.25, 0.49 - 0.085];
        assert_eq!(scores.len(), 3);
        for (k, score) in scores.iter().enumerate() {
            assert_eq!(
                (score.forecaster, score.questions, score.predictions),
                (k, 1, 1)
            );
            assert_close(score.peer_score, published[k], 0.005);
            assert_close(score.peer_score, exact[k], 1e-12);
            assert_close(score.relative_brier, relative[k], 1e-15);
        }
    }

    #[test]
    fn every_prediction_counts_when_a_forecaster_repeats() {
        // Forecaster 7 says 0.8 then 0.6 on a YES question, forecaster 3 says 0.3 once.
        // 7's predictions each have one other (0.3, Brier 0.49); 3's have two
        // (0.8 and 0.6, Briers 0.04 and 0.16, median 0.1).
        // 7: relative (0.04 − 0.49 + 0.16 − 0.49) / 2 = −0.39;
        //    peer 50 (ln(0.8/0.3) + ln(0.6/0.3)) = 50 ln(16/3).
        // 3: relative 0.49 − 0.1 = 0.39; peer 50 (ln(0.3/0.8) + ln(0.3/0.6)) = 50 ln(3/16).
        let set = [
            peer(5, 7, 0.8, true),
            peer(5, 3, 0.3, true),
            peer(5, 7, 0.6, true),
        ];
        let scores = peer_scores(set);
        assert_eq!(
            scores
                .iter()
                .map(|s| (s.forecaster, s.questions, s.predictions))
                .collect::<Vec<_>>(),
            [(3, 1, 1), (7, 1, 2)]
        );
        assert_close(scores[0].relative_brier, 0.39, 1e-15);
        assert_close(scores[0].peer_score, 50.0 * (3.0f64 / 16.0).ln(), 1e-12);
        assert_close(scores[1].relative_brier, -0.39, 1e-15);
        assert_close(scores[1].peer_score, 50.0 * (16.0f64 / 3.0).ln(), 1e-12);
    }

    #[test]
    fn only_shared_questions_count() {
        let set = [
            // Question 1: forecaster 0 alone, twice; not shared.
            peer(1, 0, 0.9, false),
            peer(1, 0, 0.8, false),
            // Question 2: shared by 0 and 1.
            peer(2, 1, 0.5, false),
            peer(2, 0, 0.2, false),
            // Question 3: forecaster 2 alone; 2 has no shared question at all.
            peer(3, 2, 0.5, true),
        ];
        let scores = peer_scores(set);
        assert_eq!(
            scores,
            [
                PeerScore {
                    forecaster: 0,
                    questions: 1,
                    predictions: 1,
                    relative_brier: Some(0.04 - 0.25),
                    peer_score: Some(100.0 * (0.8f64.ln() - 0.5f64.ln())),
                },
                PeerScore {
                    forecaster: 1,
                    questions: 1,
                    predictions: 1,
                    relative_brier: Some(0.25 - 0.04),
                    peer_score: Some(100.0 * (0.5f64.ln() - 0.8f64.ln())),
                },
            ]
        );
        assert_eq!(peer_scores(&set[..2]), []);
        assert_eq!(peer_scores([]), []);
    }

    #[test]
    fn questions_counts_distinct_shared_questions() {
        let set = [
            peer(1, 0, 0.6, true),
            peer(1, 0, 0.7, true),
            peer(1, 1, 0.4, true),
            peer(2, 0, 0.3, false),
            peer(2, 1, 0.1, false),
            peer(3, 1, 0.5, true),
        ];
        let scores = peer_scores(set);
        assert_eq!(
            scores
                .iter()
                .map(|s| (s.questions, s.predictions))
                .collect::<Vec<_>>(),
            [(2, 3), (2, 2)]
        );
    }

    #[test]
    fn a_confident_miss_is_clipped_like_log_loss() {
        // 1.0 on a NO question: q = 1 − (1 − ε) = ε, against 0.5.
        let scores = peer_scores([peer(1, 0, 1.0, false), peer(1, 1, 0.5, false)]);
        let expected = 100.0 * (f64::EPSILON.ln() - 0.5f64.ln());
        assert_close(scores[0].peer_score, expected, 1e-12);
        assert_close(scores[1].peer_score, -expected, 1e-12);
        assert_close(scores[0].relative_brier, 0.75, 1e-15);
    }

    #[test]
    fn serialises_in_contract_order() {
        let scores = peer_scores([peer(1, 0, 0.5, true), peer(1, 1, 0.5, true)]);
        assert_eq!(
            serde_json::to_string(&scores[0]).unwrap(),
            r#"{"forecaster":0,"questions":1,"predictions":1,"relative_brier":0.0,"peer_score":0.0}"#
        );
    }

    #[test]
    fn medians_of_a_multiset_less_a_part_of_it() {
        let all = [0.1, 0.2, 0.2, 0.2, 0.5, 0.9];
        assert_eq!(median_without(&all, &[]), 0.2);
        assert_eq!(median_without(&all, &[0.2, 0.2]), (0.2 + 0.5) / 2.0);
        assert_eq!(median_without(&all, &[0.1, 0.2, 0.2, 0.2]), 0.7);
        assert_eq!(median_without(&all, &[0.1, 0.2, 0.5, 0.9]), 0.2);
        assert_eq!(median_without(&all, &[0.9]), 0.2);
        assert_eq!(median_without(&all, &[0.1, 0.2, 0.2, 0.2, 0.5]), 0.9);
    }

    /// The definitions, applied one prediction at a time, in O(k²) per question.
    fn by_definition(forecasts: &[PeerForecast]) -> Vec<PeerScore> {
        let mut questions: BTreeMap<usize, BTreeSet<i64>> = BTreeMap::new();
        let mut relative: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
        let mut peer: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
        for own in forecasts {
            let others: Vec<&PeerForecast> = forecasts
                .iter()
                .filter(|f| f.question == own.question && f.forecaster != own.forecaster)
                .collect();
            if others.is_empty() {
                continue;
            }
            let mut briers: Vec<f64> = others.iter().map(|f| brier_of(f)).collect();
            briers.sort_by(f64::total_cmp);
            let middle = briers.len() / 2;
            let median = if briers.len() % 2 == 1 {
                briers[middle]
            } else {
                (briers[middle - 1] + briers[middle]) / 2.0
            };
            let differences = others.iter().map(|f| log_of(own) - log_of(f));
            questions
                .entry(own.forecaster)
                .or_default()
                .insert(own.question);
            relative
                .entry(own.forecaster)
                .or_default()
                .push(brier_of(own) - median);
            peer.entry(own.forecaster)
                .or_default()
                .push(100.0 * neumaier_sum(differences) / others.len() as f64);
        }
        questions
            .into_iter()
            .map(|(forecaster, questions)| PeerScore {
                forecaster,
                questions: questions.len(),
                predictions: relative[&forecaster].len(),
                relative_brier: neumaier_mean(relative[&forecaster].iter().copied()),
                peer_score: neumaier_mean(peer[&forecaster].iter().copied()),
            })
            .collect()
    }

    fn probability() -> impl Strategy<Value = f64> {
        prop_oneof![
            0.0f64..=1.0,
            Just(0.0),
            Just(1.0),
            (0u32..=10).prop_map(|k| f64::from(k) / 10.0),
        ]
    }

    proptest! {
        #[test]
        fn peer_scores_on_one_question_sum_to_zero(
            probabilities in prop::collection::vec(probability(), 2..20),
            outcome in any::<bool>(),
        ) {
            let set: Vec<PeerForecast> = probabilities
                .iter()
                .enumerate()
                .map(|(k, &p)| peer(42, k, p, outcome))
                .collect();
            let scores: Vec<f64> = peer_scores(&set[..]).iter().map(|s| s.peer_score.unwrap()).collect();
            prop_assert_eq!(scores.len(), set.len());
            // Each score is off by at most a few ε · 100 · 36 (the largest |ln q|), and
            // there are at most 19 of them: about 1e-10 in all.
            let total = neumaier_sum(scores.iter().copied());
            prop_assert!(total.abs() <= 1e-9, "{scores:?} sum to {total}");
        }

        #[test]
        fn agrees_with_the_definitions_applied_one_by_one(
            set in prop::collection::vec((0usize..8, 0usize..6, probability()), 0..80),
            outcomes in prop::collection::vec(any::<bool>(), 8),
        ) {
            // One outcome per question, as a ledger has.
            let set: Vec<PeerForecast> = set
                .into_iter()
                .map(|(q, f, p)| peer(q as i64, f, p, outcomes[q]))
                .collect();
            let (got, want) = (peer_scores(&set[..]), by_definition(&set));
            prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                prop_assert_eq!(
                    (g.forecaster, g.questions, g.predictions),
                    (w.forecaster, w.questions, w.predictions)
                );
                let close = |a: Option<f64>, b: Option<f64>| (a.unwrap() - b.unwrap()).abs() <= 1e-9;
                prop_assert!(close(g.relative_brier, w.relative_brier), "{:?} vs {:?}", g, w);
                prop_assert!(close(g.peer_score, w.peer_score), "{:?} vs {:?}", g, w);
            }
        }
    }
}
