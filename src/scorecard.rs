//! Which predictions count, how they group, and their scores: ledger rows in, a scorecard out.
//!
//! The scored set follows DESIGN.md: a prediction counts when its question's latest resolution
//! is yes or no and it was made on or before the resolution date. Everything else is counted,
//! by reason, in [`Excluded`].

use std::collections::{BTreeMap, HashMap, HashSet};

use clap::ValueEnum;
use serde::Serialize;

use crate::ledger::PredictionRow;
use crate::model::Outcome;
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
}

impl GroupBy {
    /// The word used on the command line and in table headers.
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Forecaster => "forecaster",
            GroupBy::Source => "source",
            GroupBy::Outlet => "outlet",
            GroupBy::Tag => "tag",
            GroupBy::Phrase => "phrase",
            GroupBy::Year => "year",
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
    /// Logged by mistake and withdrawn with a reason (`fledger withdraw`).
    pub withdrawn: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScore {
    pub group: String,
    #[serde(flatten)]
    pub summary: Summary,
    /// The group's own calibration bins, for per-group chart series.
    pub calibration: Vec<CalibrationBin>,
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
    /// Forecasters with at least one question shared with another forecaster.
    pub peers: Vec<PeerRow>,
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
        }
    }
}

pub fn fate(row: &PredictionRow) -> Fate {
    if row.withdrawn.is_some() {
        return Fate::Withdrawn;
    }
    match (row.outcome, row.resolved_on.as_deref()) {
        (None, _) | (_, None) => Fate::Unresolved,
        (Some(Outcome::Ambiguous), _) => Fate::Ambiguous,
        (Some(Outcome::Annulled), _) => Fate::Annulled,
        // ISO dates compare correctly as text.
        (Some(_), Some(resolved_on)) if row.made_on.as_str() > resolved_on => Fate::Hindsight,
        (Some(outcome), Some(_)) => Fate::Scored(outcome == Outcome::Yes),
    }
}

/// The names of the groups a row belongs to: one, except by tag, where a question with
/// several tags counts in each.
fn group_names(row: &PredictionRow, by: GroupBy) -> Vec<String> {
    let or = |value: &Option<String>, missing: &str| {
        value.clone().unwrap_or_else(|| missing.to_string())
    };
    match by {
        GroupBy::Forecaster => vec![row.forecaster.clone()],
        GroupBy::Source => vec![or(&row.source_title, "(no source)")],
        GroupBy::Outlet => vec![or(&row.source_outlet, "(no outlet)")],
        GroupBy::Tag if row.tags.is_empty() => vec!["(untagged)".to_string()],
        GroupBy::Tag => row.tags.clone(),
        GroupBy::Phrase => vec![row
            .phrase
            .as_deref()
            .map(|p| crate::model::fold_whitespace(p).to_lowercase())
            .unwrap_or_else(|| "(number)".to_string())],
        GroupBy::Year => vec![row.made_on.chars().take(4).collect()],
    }
}

/// The prediction ids that a policy keeps: per forecaster and question, the first or the
/// latest scoreable one by date (then by id, the order they were logged). `None` keeps all.
fn kept_by_policy(rows: &[PredictionRow], policy: Policy) -> Option<HashSet<i64>> {
    let later = match policy {
        Policy::All => return None,
        Policy::First => false,
        Policy::Latest => true,
    };
    let mut chosen: HashMap<(i64, &str), &PredictionRow> = HashMap::new();
    for row in rows
        .iter()
        .filter(|row| matches!(fate(row), Fate::Scored(_)))
    {
        let key = (row.question_id, row.forecaster.as_str());
        let order = |r: &PredictionRow| (r.made_on.clone(), r.prediction_id);
        match chosen.get(&key) {
            Some(current) if (order(row) > order(current)) != later => {}
            _ => {
                chosen.insert(key, row);
            }
        }
    }
    Some(chosen.values().map(|row| row.prediction_id).collect())
}

pub fn build(rows: &[PredictionRow], options: &Options) -> Scorecard {
    let mut excluded = Excluded::default();
    let mut scored = Vec::new();
    let mut grouped: BTreeMap<String, Vec<Forecast>> = BTreeMap::new();
    // Peer scoring takes forecasters as indexes into this list.
    let mut forecasters: Vec<&str> = Vec::new();
    let mut forecaster_index: HashMap<&str, usize> = HashMap::new();
    let mut peer_forecasts = Vec::new();
    let kept = kept_by_policy(rows, options.policy);
    for row in rows {
        let outcome = match fate(row) {
            Fate::Scored(outcome) => outcome,
            Fate::Unresolved => {
                excluded.unresolved += 1;
                continue;
            }
            Fate::Ambiguous => {
                excluded.ambiguous += 1;
                continue;
            }
            Fate::Annulled => {
                excluded.annulled += 1;
                continue;
            }
            Fate::Hindsight => {
                excluded.hindsight += 1;
                continue;
            }
            Fate::Withdrawn => {
                excluded.withdrawn += 1;
                continue;
            }
        };
        if kept
            .as_ref()
            .is_some_and(|kept| !kept.contains(&row.prediction_id))
        {
            excluded.superseded += 1;
            continue;
        }
        let forecast = Forecast {
            probability: row.probability,
            outcome,
        };
        scored.push(forecast);
        let forecaster = *forecaster_index.entry(&row.forecaster).or_insert_with(|| {
            forecasters.push(&row.forecaster);
            forecasters.len() - 1
        });
        peer_forecasts.push(PeerForecast {
            question: row.question_id,
            forecaster,
            probability: row.probability,
            outcome,
        });
        if let Some(by) = options.group_by {
            for name in group_names(row, by) {
                grouped.entry(name).or_default().push(forecast);
            }
        }
    }
    let summarize =
        |forecasts: &[Forecast]| score::summarize(forecasts, options.bins, options.bin_style);
    let mut peers: Vec<PeerRow> = score::peer_scores(&peer_forecasts)
        .into_iter()
        .map(|peer| PeerRow {
            forecaster: forecasters[peer.forecaster].to_string(),
            questions: peer.questions,
            predictions: peer.predictions,
            relative_brier: peer.relative_brier,
            peer_score: peer.peer_score,
        })
        .collect();
    peers.sort_by(|a, b| a.forecaster.cmp(&b.forecaster));
    Scorecard {
        overall: summarize(&scored),
        groups: grouped
            .into_iter()
            .map(|(group, forecasts)| GroupScore {
                group,
                summary: summarize(&forecasts),
                calibration: score::calibration(&forecasts, options.bins, options.bin_style),
            })
            .collect(),
        calibration: score::calibration(&scored, options.bins, options.bin_style),
        excluded,
        peers,
    }
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
        }
    }

    fn options(group_by: Option<GroupBy>, policy: Policy) -> Options {
        Options {
            group_by,
            bins: 10,
            bin_style: BinStyle::EqualWidth,
            policy,
        }
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
                withdrawn: 0
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
