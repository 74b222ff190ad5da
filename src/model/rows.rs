//! The read-side rows: what a reading of the ledger gives (`PredictionRow`, `ScoredRow`), what
//! selects them (`Filter`, `Status`) and which optional column a scoring read fills
//! (`GroupColumn`). Storage fills them; scoring, rendering and export take them.

use chrono::NaiveDate;
use serde::Serialize;

use super::evidence::Evidence;
use super::Outcome;

/// Which questions a listing covers, by the state of their latest resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Resolved,
    /// Open and past its resolve-by date.
    Due,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub status: Option<Status>,
    pub tag: Option<String>,
    /// Forecaster name, compared case-insensitively.
    pub forecaster: Option<String>,
    pub source_id: Option<i64>,
    pub question_id: Option<i64>,
    /// Inclusive bounds on `made_on`.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredictionRow {
    pub prediction_id: i64,
    pub question_id: i64,
    pub statement: String,
    pub forecaster: String,
    pub probability: f64,
    pub phrase: Option<String>,
    pub scale: Option<String>,
    pub made_on: String,
    pub resolve_by: Option<String>,
    pub outcome: Option<Outcome>,
    pub resolved_on: Option<String>,
    pub evidence: Option<String>,
    pub source_id: Option<i64>,
    pub source_title: Option<String>,
    pub source_author: Option<String>,
    pub source_outlet: Option<String>,
    pub source_url: Option<String>,
    pub source_published: Option<String>,
    pub quote: Option<String>,
    pub note: Option<String>,
    pub tags: Vec<String>,
    /// Character offset of the quote in the source's archived text; `None`: unverified.
    pub quote_offset: Option<i64>,
    pub scale_version: Option<String>,
    /// Why the prediction was withdrawn, if it was: it then stays listed but is not scored,
    /// unless the withdrawal came after the outcome was recorded.
    pub withdrawn: Option<String>,
    /// Withdrawn once its question's outcome was recorded: it stays scored, marked.
    pub withdrawn_after_outcome: bool,
    pub evidence_class: Evidence,
    /// When fledger recorded it (RFC 3339 UTC): what its evidence class is judged by.
    pub created_at: String,
}

/// The columns scoring reads, borrowed: from a [`PredictionRow`] or straight from a row of
/// the streamed scoring query (`ledger::query::for_each_scored`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredRow<'a> {
    pub prediction_id: i64,
    pub question_id: i64,
    pub forecaster: &'a str,
    /// The forecaster's row id, when the reading has it: always with the same name, and
    /// cheaper than the name to look up once per row.
    pub forecaster_id: Option<i64>,
    pub probability: f64,
    pub phrase: Option<&'a str>,
    pub made_on: &'a str,
    pub outcome: Option<Outcome>,
    pub resolved_on: Option<&'a str>,
    pub source_title: Option<&'a str>,
    pub source_outlet: Option<&'a str>,
    pub tags: &'a [String],
    /// Withdrawn before its outcome was recorded, so not scored.
    pub withdrawn: bool,
    /// Withdrawn after its outcome was recorded: scored all the same, and counted.
    pub withdrawn_after_outcome: bool,
    pub evidence: Evidence,
}

impl PredictionRow {
    /// This row as scoring sees it.
    pub fn scored(&self) -> ScoredRow<'_> {
        ScoredRow {
            prediction_id: self.prediction_id,
            question_id: self.question_id,
            forecaster: &self.forecaster,
            forecaster_id: None,
            probability: self.probability,
            phrase: self.phrase.as_deref(),
            made_on: &self.made_on,
            outcome: self.outcome,
            resolved_on: self.resolved_on.as_deref(),
            source_title: self.source_title.as_deref(),
            source_outlet: self.source_outlet.as_deref(),
            tags: &self.tags,
            withdrawn: self.withdrawn.is_some() && !self.withdrawn_after_outcome,
            withdrawn_after_outcome: self.withdrawn_after_outcome,
            evidence: self.evidence_class,
        }
    }
}

/// The column a grouping needs beyond what every scoring reads (forecaster, dates, outcome).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupColumn {
    /// None: forecaster and year come with every row.
    Nothing,
    Phrase,
    /// The source's title and outlet.
    Source,
    Tags,
}
