//! The scorecard: which predictions count, how they group (`GroupBy`), which of a forecaster's
//! several count (`Policy`), and their scores. Read-side rows in, a [`Scorecard`] out.
//!
//! The scored set follows DESIGN.md: a prediction counts when its question's latest resolution
//! is yes or no and it was made on or before the resolution date. Everything else is counted,
//! by reason, in [`Excluded`].

use rustc_hash::FxHashMap as HashMap;

use clap::ValueEnum;
use serde::Serialize;

use crate::model::evidence::{Evidence, EvidenceCounts, EvidenceSet};
use crate::model::rows::{GroupColumn, PredictionRow, ScoredRow};
use crate::model::Outcome;
use crate::score::corp::{BandPoint, CorpStep};
use crate::score::{self, BinStyle, CalibrationBin, Forecast, PeerForecast, Summary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Forecaster,
    Source,
    Outlet,
    Tag,
    Phrase,
    Year,
    /// The calendar quarter of `made_on`.
    Quarter,
    /// Days from `made_on` to the resolution, in the buckets of `score::periods`.
    LeadTime,
}

impl GroupBy {
    /// What a scoring read must fill in for this grouping.
    pub fn column(group_by: Option<GroupBy>) -> GroupColumn {
        match group_by {
            Some(GroupBy::Phrase) => GroupColumn::Phrase,
            Some(GroupBy::Source | GroupBy::Outlet) => GroupColumn::Source,
            Some(GroupBy::Tag) => GroupColumn::Tags,
            Some(GroupBy::Forecaster | GroupBy::Year | GroupBy::Quarter | GroupBy::LeadTime)
            | None => GroupColumn::Nothing,
        }
    }

    /// The word used on the command line and in table headers.
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Forecaster => "forecaster",
            GroupBy::Source => "source",
            GroupBy::Outlet => "outlet",
            GroupBy::Tag => "tag",
            GroupBy::Phrase => "phrase",
            GroupBy::Year => "year",
            GroupBy::Quarter => "quarter",
            GroupBy::LeadTime => "lead_time",
        }
    }
}

/// Which of a forecaster's predictions on one question count, when there are several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Policy {
    /// Every published claim counts, updates included.
    #[default]
    All,
    /// Only the forecaster's first prediction on each question.
    First,
    /// Only the forecaster's last prediction made before the outcome was known.
    Latest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub group_by: Option<GroupBy>,
    pub bins: usize,
    pub bin_style: BinStyle,
    pub policy: Policy,
    /// The evidence classes that count (`--evidence`).
    pub evidence: EvidenceSet,
}

impl Default for Options {
    /// What `fledger score` does without flags: ungrouped, ten equal-width bins, every
    /// prediction counted.
    fn default() -> Self {
        Options {
            group_by: None,
            bins: 10,
            bin_style: BinStyle::default(),
            policy: Policy::default(),
            evidence: EvidenceSet::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Excluded {
    pub unresolved: usize,
    pub ambiguous: usize,
    pub annulled: usize,
    pub hindsight: usize,
    /// Scoreable, but another prediction by the same forecaster on the same question counts
    /// instead under `--policy first|latest`.
    pub superseded: usize,
    /// Logged by mistake and withdrawn with a reason (`fledger withdraw`) before the outcome
    /// was recorded.
    pub withdrawn: usize,
    /// Scoreable, but typed in after the outcome on the user's word alone, and `--evidence`
    /// did not ask for claimed predictions (by default it does not).
    pub claimed: usize,
    /// Scoreable, but of a class other than claimed that `--evidence` left out.
    pub other_evidence: usize,
}

impl Excluded {
    pub fn total(&self) -> usize {
        self.unresolved
            + self.ambiguous
            + self.annulled
            + self.hindsight
            + self.superseded
            + self.withdrawn
            + self.claimed
            + self.other_evidence
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScore {
    pub group: String,
    #[serde(flatten)]
    pub summary: Summary,
    /// The group's own calibration bins, for per-group chart series.
    pub calibration: Vec<CalibrationBin>,
    /// The group's CORP (PAV-recalibrated) curve.
    pub corp: Vec<CorpStep>,
}

/// A forecaster against the others on the questions they shared (see `score::peer_scores`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerRow {
    pub forecaster: String,
    pub questions: usize,
    pub predictions: usize,
    pub relative_brier: Option<f64>,
    pub peer_score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub overall: Summary,
    pub groups: Vec<GroupScore>,
    pub calibration: Vec<CalibrationBin>,
    pub excluded: Excluded,
    /// Every prediction read, by evidence class.
    pub evidence: EvidenceCounts,
    /// The scored predictions, by evidence class.
    pub scored_evidence: EvidenceCounts,
    /// Scored predictions withdrawn after their outcome was recorded: a late withdrawal does
    /// not take a prediction out of the scores, and is counted here.
    pub withdrawn_after_outcome: usize,
    /// Forecasters with at least one question shared with another forecaster.
    pub peers: Vec<PeerRow>,
    /// The CORP curve of every scored prediction, and its consistency band.
    pub corp: Vec<CorpStep>,
    pub corp_band: Vec<BandPoint>,
    /// Every pair of forecasters with a shared question, paired-bootstrap compared.
    pub comparisons: Vec<Comparison>,
}

/// Forecaster `a` against `b` (in name order) on their shared questions: `brier_difference`
/// is a's Brier minus b's (below 0: a did better), with its paired-bootstrap 95% interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    pub questions: usize,
    pub brier_difference: f64,
    pub low: f64,
    pub high: f64,
    /// Whether the interval leaves out 0.
    pub detectable: bool,
}

fn comparisons(forecasts: &[PeerForecast], names: &[String]) -> Vec<Comparison> {
    use score::bootstrap::{RESAMPLES, SEED};
    let mut rows: Vec<Comparison> = score::paired::paired_comparisons(forecasts, RESAMPLES, SEED)
        .into_iter()
        .map(|pair| {
            let d = pair.difference;
            let (a, b) = (&names[pair.a], &names[pair.b]);
            // Flipping the order flips the sign and swaps the interval's ends.
            let (a, b, sign) = if a <= b { (a, b, 1.0) } else { (b, a, -1.0) };
            let (low, high) = if sign > 0.0 {
                (d.low, d.high)
            } else {
                (-d.high, -d.low)
            };
            Comparison {
                a: a.clone(),
                b: b.clone(),
                questions: d.questions,
                brier_difference: sign * d.brier_difference,
                low,
                high,
                detectable: d.detectable(),
            }
        })
        .collect();
    rows.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    rows
}

/// Whether a prediction is scored (and against which outcome) or why it is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Scored(bool),
    Withdrawn,
    Unresolved,
    Ambiguous,
    Annulled,
    Hindsight,
    /// Scoreable, but typed in after the outcome on the user's word alone.
    Claimed,
}

impl Fate {
    /// Why the prediction is left out, in the words of the `excluded` counts.
    pub fn exclusion(self) -> Option<&'static str> {
        match self {
            Fate::Scored(_) => None,
            Fate::Withdrawn => Some("withdrawn"),
            Fate::Unresolved => Some("unresolved"),
            Fate::Ambiguous => Some("ambiguous"),
            Fate::Annulled => Some("annulled"),
            Fate::Hindsight => Some("hindsight"),
            Fate::Claimed => Some("claimed"),
        }
    }
}

/// A listed prediction's fate under the default `--evidence`.
pub fn fate(row: &PredictionRow) -> Fate {
    match scored_fate(&row.scored()) {
        Fate::Scored(_) if row.evidence_class == Evidence::Claimed => Fate::Claimed,
        fate => fate,
    }
}

/// One prediction's own Brier score, when it is scored: what a per-prediction listing shows.
pub fn prediction_brier(row: &PredictionRow) -> Option<f64> {
    match fate(row) {
        Fate::Scored(outcome) => score::brier(&[Forecast {
            probability: row.probability,
            outcome,
        }]),
        _ => None,
    }
}

/// Why a scoreable prediction is left out by `--evidence`, in the words of `excluded`.
pub fn evidence_exclusion(class: Evidence, chosen: EvidenceSet) -> Option<&'static str> {
    match (chosen.contains(class), class) {
        (true, _) => None,
        (false, Evidence::Claimed) => Some("claimed"),
        (false, _) => Some("other_evidence"),
    }
}

/// [`fate`] of the columns scoring reads, before `--evidence` chooses among the scoreable.
pub fn scored_fate(row: &ScoredRow<'_>) -> Fate {
    if row.withdrawn {
        return Fate::Withdrawn;
    }
    match (row.outcome, row.resolved_on) {
        (None, _) | (_, None) => Fate::Unresolved,
        (Some(Outcome::Ambiguous), _) => Fate::Ambiguous,
        (Some(Outcome::Annulled), _) => Fate::Annulled,
        // ISO dates compare correctly as text.
        (Some(_), Some(resolved_on)) if row.made_on > resolved_on => Fate::Hindsight,
        (Some(outcome), Some(_)) => Fate::Scored(outcome == Outcome::Yes),
    }
}

/// The first four characters of a date: its year.
fn year(made_on: &str) -> &str {
    let end = made_on
        .char_indices()
        .nth(4)
        .map_or(made_on.len(), |(at, _)| at);
    &made_on[..end]
}

/// A `made_on` date as a fixed-size key that orders as the text does (dates are ASCII and
/// never longer than ten bytes; padding with zeros keeps a prefix first).
fn date_key(made_on: &str) -> [u8; 10] {
    let mut key = [0u8; 10];
    let bytes = made_on.as_bytes();
    let n = bytes.len().min(10);
    key[..n].copy_from_slice(&bytes[..n]);
    key
}

/// A scoreable prediction, held until the policy has seen every row: the probability and
/// outcome, what the policy orders by, and where its groups are in `group_ids`.
struct Candidate {
    prediction_id: i64,
    question_id: i64,
    made_on: [u8; 10],
    forecaster: u32,
    evidence: Evidence,
    /// Its group ids are `group_ids[previous candidate's groups_end..groups_end]`.
    groups_end: u32,
    probability: f64,
    outcome: bool,
}

/// Names seen once each, numbered in order of first sight.
#[derive(Default)]
struct Interner {
    names: Vec<String>,
    index: HashMap<String, u32>,
    /// Numbers already given, by a key that always comes with the same name.
    by_key: HashMap<i64, u32>,
}

impl Interner {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.index.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).expect("fewer than 2^32 distinct names");
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), id);
        id
    }

    /// [`Interner::intern`], through `key` when there is one (a row id for the name):
    /// hashing and comparing the name itself for each of a million rows was 6% of a
    /// million-row score.
    fn intern_keyed(&mut self, key: Option<i64>, name: &str) -> u32 {
        let Some(key) = key else {
            return self.intern(name);
        };
        if let Some(&id) = self.by_key.get(&key) {
            return id;
        }
        let id = self.intern(name);
        self.by_key.insert(key, id);
        id
    }
}

/// The predictions that count, as the scores take them: all of them, for peer
/// comparison, and per group.
#[derive(Default)]
struct Scored {
    forecasts: Vec<Forecast>,
    peer_forecasts: Vec<PeerForecast>,
    /// Indexed by group id.
    grouped: Vec<Vec<Forecast>>,
    by_evidence: EvidenceCounts,
}

impl Scored {
    fn admit(&mut self, candidate: &Candidate, groups: &[u32]) {
        let forecast = Forecast {
            probability: candidate.probability,
            outcome: candidate.outcome,
        };
        self.forecasts.push(forecast);
        self.by_evidence.add(candidate.evidence);
        self.peer_forecasts.push(PeerForecast {
            question: candidate.question_id,
            forecaster: candidate.forecaster as usize,
            probability: candidate.probability,
            outcome: candidate.outcome,
        });
        for &group in groups {
            let group = group as usize;
            if group >= self.grouped.len() {
                self.grouped.resize_with(group + 1, Vec::new);
            }
            self.grouped[group].push(forecast);
        }
    }
}

/// Builds a [`Scorecard`] from rows pushed one at a time, in one pass: each row is sorted
/// into scored or excluded as it comes, with forecaster and group names interned. Under
/// `--policy all` a scoreable row is scored at once; under `first` or `latest` it is kept,
/// compactly, until every row has been seen. [`build`] feeds it a slice of ledger rows;
/// `score` feeds it straight from the streamed scoring query.
pub struct Builder {
    options: Options,
    excluded: Excluded,
    evidence: EvidenceCounts,
    withdrawn_after_outcome: usize,
    forecasters: Interner,
    groups: Interner,
    candidates: Vec<Candidate>,
    group_ids: Vec<u32>,
    scored: Scored,
}

impl Builder {
    pub fn new(options: &Options) -> Self {
        Self {
            options: *options,
            excluded: Excluded::default(),
            evidence: EvidenceCounts::default(),
            withdrawn_after_outcome: 0,
            forecasters: Interner::default(),
            groups: Interner::default(),
            candidates: Vec::new(),
            group_ids: Vec::new(),
            scored: Scored::default(),
        }
    }

    pub fn push(&mut self, row: &ScoredRow<'_>) {
        self.evidence.add(row.evidence);
        let outcome = match scored_fate(row) {
            Fate::Scored(outcome) => outcome,
            Fate::Unresolved => return self.excluded.unresolved += 1,
            Fate::Ambiguous => return self.excluded.ambiguous += 1,
            Fate::Annulled => return self.excluded.annulled += 1,
            Fate::Hindsight => return self.excluded.hindsight += 1,
            Fate::Withdrawn => return self.excluded.withdrawn += 1,
            Fate::Claimed => return self.excluded.claimed += 1,
        };
        match evidence_exclusion(row.evidence, self.options.evidence) {
            None => {}
            Some("claimed") => return self.excluded.claimed += 1,
            Some(_) => return self.excluded.other_evidence += 1,
        }
        self.withdrawn_after_outcome += usize::from(row.withdrawn_after_outcome);
        let groups_start = self.group_ids.len();
        if let Some(by) = self.options.group_by {
            self.push_groups(row, by);
        }
        let groups_end = u32::try_from(self.group_ids.len()).expect("fewer than 2^32 groupings");
        let candidate = Candidate {
            prediction_id: row.prediction_id,
            question_id: row.question_id,
            made_on: date_key(row.made_on),
            forecaster: self
                .forecasters
                .intern_keyed(row.forecaster_id, row.forecaster),
            evidence: row.evidence,
            groups_end,
            probability: row.probability,
            outcome,
        };
        if self.options.policy == Policy::All {
            // Nothing can supersede it: scored now rather than held until `finish`, which
            // at a million rows saves 50 MB of candidates.
            self.scored
                .admit(&candidate, &self.group_ids[groups_start..]);
            self.group_ids.truncate(groups_start);
        } else {
            self.candidates.push(candidate);
        }
    }

    /// The groups a row belongs to: one, except by tag, where a question with several tags
    /// counts in each.
    fn push_groups(&mut self, row: &ScoredRow<'_>, by: GroupBy) {
        let id = match by {
            GroupBy::Forecaster => self.groups.intern_keyed(row.forecaster_id, row.forecaster),
            GroupBy::Source => self
                .groups
                .intern(row.source_title.unwrap_or("(no source)")),
            GroupBy::Outlet => self
                .groups
                .intern(row.source_outlet.unwrap_or("(no outlet)")),
            GroupBy::Tag if row.tags.is_empty() => self.groups.intern("(untagged)"),
            GroupBy::Tag => {
                for tag in row.tags {
                    let id = self.groups.intern(tag);
                    self.group_ids.push(id);
                }
                return;
            }
            GroupBy::Phrase => match row.phrase {
                Some(phrase) => self
                    .groups
                    .intern(&crate::text::fold_whitespace(phrase).to_lowercase()),
                None => self.groups.intern("(number)"),
            },
            GroupBy::Year => self.groups.intern(year(row.made_on)),
            GroupBy::Quarter => self.groups.intern(
                score::periods::quarter(row.made_on)
                    .as_deref()
                    .unwrap_or("(no month)"),
            ),
            GroupBy::LeadTime => self.groups.intern(
                row.resolved_on
                    .and_then(|on| score::periods::lead_time(row.made_on, on))
                    .unwrap_or("(no full date)"),
            ),
        };
        self.group_ids.push(id);
    }

    /// Which candidates the policy keeps: per forecaster and question, the first or the
    /// latest scoreable one by date (then by id, the order they were logged).
    fn kept(&self) -> Vec<bool> {
        let later = self.options.policy == Policy::Latest;
        let order = |c: &Candidate| (c.made_on, c.prediction_id);
        let mut chosen: HashMap<(i64, u32), usize> = HashMap::default();
        for (index, candidate) in self.candidates.iter().enumerate() {
            let key = (candidate.question_id, candidate.forecaster);
            match chosen.get(&key) {
                Some(&current)
                    if (order(candidate) > order(&self.candidates[current])) != later => {}
                _ => {
                    chosen.insert(key, index);
                }
            }
        }
        let mut kept = vec![false; self.candidates.len()];
        for index in chosen.into_values() {
            kept[index] = true;
        }
        kept
    }

    pub fn finish(mut self) -> Scorecard {
        let options = self.options;
        let mut excluded = self.excluded;
        // Only under `--policy first|latest` are there candidates left to decide on.
        let kept = self.kept();
        let mut groups_start = 0;
        for (candidate, kept) in self.candidates.iter().zip(kept) {
            let groups = groups_start as usize..candidate.groups_end as usize;
            groups_start = candidate.groups_end;
            if kept {
                self.scored.admit(candidate, &self.group_ids[groups]);
            } else {
                excluded.superseded += 1;
            }
        }
        drop(self.candidates);
        drop(self.group_ids);
        let Scored {
            forecasts: scored,
            peer_forecasts,
            mut grouped,
            by_evidence,
        } = self.scored;
        let summarize = |forecasts: &[Forecast]| {
            score::summarize_with_calibration(forecasts, options.bins, options.bin_style)
        };
        let forecasters = self.forecasters.names;
        let comparisons = comparisons(&peer_forecasts, &forecasters);
        let mut peers: Vec<PeerRow> = score::peer_scores(peer_forecasts)
            .into_iter()
            .map(|peer| PeerRow {
                forecaster: forecasters[peer.forecaster].clone(),
                questions: peer.questions,
                predictions: peer.predictions,
                relative_brier: peer.relative_brier,
                peer_score: peer.peer_score,
            })
            .collect();
        peers.sort_by(|a, b| a.forecaster.cmp(&b.forecaster));
        // Groups in name order; a group whose every prediction was superseded is left out.
        grouped.resize_with(self.groups.names.len(), Vec::new);
        let mut groups: Vec<(String, Vec<Forecast>)> = self
            .groups
            .names
            .into_iter()
            .zip(grouped)
            .filter(|(_, forecasts)| !forecasts.is_empty())
            .collect();
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        let (overall, calibration) = summarize(&scored);
        Scorecard {
            overall,
            groups: groups
                .into_iter()
                .map(|(group, forecasts)| {
                    let (summary, calibration) = summarize(&forecasts);
                    GroupScore {
                        group,
                        summary,
                        calibration,
                        corp: score::corp::recalibrated_steps(&forecasts),
                    }
                })
                .collect(),
            calibration,
            excluded,
            evidence: self.evidence,
            scored_evidence: by_evidence,
            withdrawn_after_outcome: self.withdrawn_after_outcome,
            peers,
            corp: score::corp::recalibrated_steps(&scored),
            corp_band: score::corp::consistency_band(
                &scored,
                score::corp::BAND_RESAMPLES,
                score::corp::BAND_LEVEL,
                score::bootstrap::SEED,
            ),
            comparisons,
        }
    }
}

pub fn build(rows: &[PredictionRow], options: &Options) -> Scorecard {
    let mut builder = Builder::new(options);
    for row in rows {
        builder.push(&row.scored());
    }
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        id: i64,
        question: i64,
        forecaster: &str,
        p: f64,
        made_on: &str,
        outcome: Option<Outcome>,
    ) -> PredictionRow {
        PredictionRow {
            prediction_id: id,
            question_id: question,
            statement: format!("Q{question}"),
            forecaster: forecaster.to_string(),
            probability: p,
            phrase: None,
            scale: None,
            made_on: made_on.to_string(),
            resolve_by: None,
            outcome,
            resolved_on: outcome.map(|_| "2022-06-01".to_string()),
            evidence: None,
            source_id: None,
            source_title: None,
            source_author: None,
            source_outlet: None,
            source_url: None,
            source_published: None,
            quote: None,
            note: None,
            tags: Vec::new(),
            quote_offset: None,
            scale_version: None,
            withdrawn: None,
            withdrawn_after_outcome: false,
            evidence_class: Evidence::Registered,
            created_at: format!("{made_on}T12:00:00Z"),
        }
    }

    fn options(group_by: Option<GroupBy>, policy: Policy) -> Options {
        Options {
            group_by,
            policy,
            ..Options::default()
        }
    }

    #[test]
    fn a_prediction_is_scored_on_its_own_only_when_it_counts() {
        let hit = row(1, 1, "ana", 0.8, "2022-01-01", Some(Outcome::Yes));
        let open = row(2, 2, "ana", 0.8, "2022-01-01", None);
        // (0.8 - 1)² = 0.04, up to the rounding of 0.8 - 1.
        assert!((prediction_brier(&hit).unwrap() - 0.04).abs() < 1e-15);
        assert_eq!(prediction_brier(&open), None);
    }

    #[test]
    fn every_prediction_is_scored_or_counted_by_reason() {
        let rows = vec![
            row(1, 1, "ana", 0.8, "2022-01-01", Some(Outcome::Yes)),
            row(2, 2, "ana", 0.3, "2022-01-01", Some(Outcome::No)),
            row(3, 3, "ana", 0.5, "2022-01-01", None),
            row(4, 4, "ana", 0.5, "2022-01-01", Some(Outcome::Ambiguous)),
            row(5, 5, "ana", 0.5, "2022-01-01", Some(Outcome::Annulled)),
            // Made the day after the outcome: hindsight. Made on the day itself still counts.
            row(6, 1, "ben", 0.99, "2022-06-02", Some(Outcome::Yes)),
            row(7, 2, "ben", 0.4, "2022-06-01", Some(Outcome::No)),
        ];
        let card = build(&rows, &options(None, Policy::All));
        assert_eq!(card.overall.n, 3);
        // (0.2² + 0.3² + 0.4²) / 3 = (0.04 + 0.09 + 0.16) / 3
        assert!((card.overall.brier.unwrap() - 0.29 / 3.0).abs() < 1e-15);
        assert_eq!(
            card.excluded,
            Excluded {
                unresolved: 1,
                ambiguous: 1,
                annulled: 1,
                hindsight: 1,
                superseded: 0,
                withdrawn: 0,
                claimed: 0,
                other_evidence: 0
            }
        );
    }

    #[test]
    fn groups_follow_the_chosen_key() {
        let mut tagged = row(1, 1, "ana", 0.8, "2021-03-01", Some(Outcome::Yes));
        tagged.tags = vec!["nato".into(), "war".into()];
        tagged.phrase = Some("Very  Likely".into());
        let plain = row(2, 2, "ben", 0.3, "2022-01-01", Some(Outcome::No));
        let rows = vec![tagged, plain];
        let names = |by| -> Vec<(String, usize)> {
            build(&rows, &options(Some(by), Policy::All))
                .groups
                .into_iter()
                .map(|g| (g.group, g.summary.n))
                .collect()
        };
        let pairs = |list: &[(&str, usize)]| -> Vec<(String, usize)> {
            list.iter()
                .map(|(name, n)| (name.to_string(), *n))
                .collect()
        };
        assert_eq!(
            names(GroupBy::Tag),
            pairs(&[("(untagged)", 1), ("nato", 1), ("war", 1)])
        );
        assert_eq!(
            names(GroupBy::Phrase),
            pairs(&[("(number)", 1), ("very likely", 1)])
        );
        assert_eq!(names(GroupBy::Year), pairs(&[("2021", 1), ("2022", 1)]));
        assert_eq!(names(GroupBy::Outlet), pairs(&[("(no outlet)", 2)]));
    }

    #[test]
    fn policies_pick_one_prediction_per_forecaster_and_question() {
        // Ana says 0.2, then updates to 0.9 on a question that resolved YES; Ben says 0.6 once.
        let rows = vec![
            row(1, 1, "ana", 0.2, "2022-01-01", Some(Outcome::Yes)),
            row(2, 1, "ana", 0.9, "2022-03-01", Some(Outcome::Yes)),
            row(3, 1, "ben", 0.6, "2022-02-01", Some(Outcome::Yes)),
            // Logged after the outcome: hindsight, never the "latest" that counts.
            row(4, 1, "ana", 1.0, "2022-07-01", Some(Outcome::Yes)),
        ];
        let brier = |policy| build(&rows, &options(None, policy)).overall.brier.unwrap();
        let excluded = |policy| build(&rows, &options(None, policy)).excluded;
        // all: (0.64 + 0.01 + 0.16) / 3; first: (0.64 + 0.16) / 2; latest: (0.01 + 0.16) / 2.
        assert!((brier(Policy::All) - 0.81 / 3.0).abs() < 1e-15);
        assert!((brier(Policy::First) - 0.40).abs() < 1e-15);
        assert!((brier(Policy::Latest) - 0.085).abs() < 1e-15);
        assert_eq!(excluded(Policy::All).superseded, 0);
        assert_eq!(excluded(Policy::Latest).superseded, 1);
        assert_eq!(excluded(Policy::Latest).hindsight, 1);
    }
}
