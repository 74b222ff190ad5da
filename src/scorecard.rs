//! Which predictions count, how they group, and their scores: ledger rows in, a scorecard out.
//!
//! The scored set follows DESIGN.md: a prediction counts when its question's latest resolution
//! is yes or no and it was made on or before the resolution date. Everything else is counted,
//! by reason, in [`Excluded`].

use std::collections::BTreeMap;

use clap::ValueEnum;
use serde::Serialize;

use crate::ledger::PredictionRow;
use crate::model::Outcome;
use crate::score::{self, BinStyle, CalibrationBin, Forecast, Summary};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub group_by: Option<GroupBy>,
    pub bins: usize,
    pub bin_style: BinStyle,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Excluded {
    pub unresolved: usize,
    pub ambiguous: usize,
    pub annulled: usize,
    pub hindsight: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScore {
    pub group: String,
    #[serde(flatten)]
    pub summary: Summary,
    /// The group's own calibration bins, for per-group chart series.
    pub calibration: Vec<CalibrationBin>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub overall: Summary,
    pub groups: Vec<GroupScore>,
    pub calibration: Vec<CalibrationBin>,
    pub excluded: Excluded,
}

/// Whether a prediction is scored (and against which outcome) or why it is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Scored(bool),
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
            Fate::Unresolved => Some("unresolved"),
            Fate::Ambiguous => Some("ambiguous"),
            Fate::Annulled => Some("annulled"),
            Fate::Hindsight => Some("hindsight"),
        }
    }
}

pub fn fate(row: &PredictionRow) -> Fate {
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

pub fn build(rows: &[PredictionRow], options: &Options) -> Scorecard {
    let mut excluded = Excluded::default();
    let mut scored = Vec::new();
    let mut grouped: BTreeMap<String, Vec<Forecast>> = BTreeMap::new();
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
        };
        let forecast = Forecast {
            probability: row.probability,
            outcome,
        };
        scored.push(forecast);
        if let Some(by) = options.group_by {
            for name in group_names(row, by) {
                grouped.entry(name).or_default().push(forecast);
            }
        }
    }
    let summarize =
        |forecasts: &[Forecast]| score::summarize(forecasts, options.bins, options.bin_style);
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
    }
}
