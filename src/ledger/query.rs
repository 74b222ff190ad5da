//! The one denormalised view of a prediction that list, show, export and score all read.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};
use serde::Serialize;

use crate::model::{format_date, today, Outcome};

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
    /// Why the prediction was withdrawn, if it was: it then stays listed but is not scored.
    pub withdrawn: Option<String>,
}

/// The joins and filters every reading of predictions shares; `?1`..`?8` as bound by
/// [`FilterParams`].
macro_rules! from_where {
    () => {
        "
FROM predictions AS p
LEFT JOIN withdrawals AS w ON w.prediction_id = p.id
JOIN questions AS q ON q.id = p.question_id
JOIN forecasters AS f ON f.id = p.forecaster_id
LEFT JOIN sources AS s ON s.id = p.source_id
LEFT JOIN current_resolutions AS r ON r.question_id = q.id
WHERE (?1 IS NULL OR f.name = ?1 COLLATE NOCASE)
  AND (?2 IS NULL OR p.source_id = ?2)
  AND (?3 IS NULL OR p.question_id = ?3)
  AND (?4 IS NULL OR p.made_on >= ?4)
  AND (?5 IS NULL OR p.made_on <= ?5)
  AND (?6 IS NULL OR EXISTS (SELECT 1 FROM question_tags AS qt JOIN tags AS t ON t.id = qt.tag_id
                              WHERE qt.question_id = q.id AND t.name = ?6))
  AND (?7 IS NULL
       OR (?7 = 'open' AND r.id IS NULL)
       OR (?7 = 'resolved' AND r.id IS NOT NULL)
       OR (?7 = 'due' AND r.id IS NULL AND q.resolve_by <= ?8))
ORDER BY p.id"
    };
}

const SELECT: &str = concat!(
    "
SELECT p.id, p.question_id, q.statement, f.name, p.probability, p.phrase, p.scale, p.made_on,
       q.resolve_by, r.outcome, r.resolved_on, r.evidence,
       p.source_id, s.title, s.author, s.outlet, s.url, s.published, p.quote, p.note,
       (SELECT json_group_array(t.name ORDER BY t.name)
          FROM question_tags AS qt JOIN tags AS t ON t.id = qt.tag_id
         WHERE qt.question_id = q.id),
       p.quote_offset, p.scale_version, w.reason",
    from_where!()
);

/// Only what scoring reads; the tags only when `?9` asks for them (grouping by tag).
const SELECT_SCORED: &str = concat!(
    "
SELECT p.id, p.question_id, f.name, p.probability, p.phrase, p.made_on,
       r.outcome, r.resolved_on, s.title, s.outlet,
       CASE WHEN ?9 THEN (SELECT json_group_array(t.name ORDER BY t.name)
          FROM question_tags AS qt JOIN tags AS t ON t.id = qt.tag_id
         WHERE qt.question_id = q.id) END,
       w.prediction_id IS NOT NULL",
    from_where!()
);

/// A filter as the eight parameters of the shared `WHERE`.
type FilterParams = (
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<&'static str>,
    String,
);

fn filter_params(filter: &Filter) -> FilterParams {
    let status = filter.status.map(|status| match status {
        Status::Open => "open",
        Status::Resolved => "resolved",
        Status::Due => "due",
    });
    (
        filter.forecaster.as_deref().map(|f| f.trim().to_string()),
        filter.source_id,
        filter.question_id,
        filter.since.map(format_date),
        filter.until.map(format_date),
        filter.tag.as_deref().map(|t| t.trim().to_lowercase()),
        status,
        format_date(today()),
    )
}

pub fn predictions(conn: &Connection, filter: &Filter) -> Result<Vec<PredictionRow>> {
    let (forecaster, source, question, since, until, tag, status, today) = filter_params(filter);
    let mut stmt = conn.prepare_cached(SELECT)?;
    let rows = stmt.query_map(
        params![forecaster, source, question, since, until, tag, status, today],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The columns scoring reads, borrowed: from a [`PredictionRow`] or straight from a row of
/// the streamed scoring query ([`for_each_scored`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredRow<'a> {
    pub prediction_id: i64,
    pub question_id: i64,
    pub forecaster: &'a str,
    pub probability: f64,
    pub phrase: Option<&'a str>,
    pub made_on: &'a str,
    pub outcome: Option<Outcome>,
    pub resolved_on: Option<&'a str>,
    pub source_title: Option<&'a str>,
    pub source_outlet: Option<&'a str>,
    pub tags: &'a [String],
    pub withdrawn: bool,
}

impl PredictionRow {
    /// This row as scoring sees it.
    pub fn scored(&self) -> ScoredRow<'_> {
        ScoredRow {
            prediction_id: self.prediction_id,
            question_id: self.question_id,
            forecaster: &self.forecaster,
            probability: self.probability,
            phrase: self.phrase.as_deref(),
            made_on: &self.made_on,
            outcome: self.outcome,
            resolved_on: self.resolved_on.as_deref(),
            source_title: self.source_title.as_deref(),
            source_outlet: self.source_outlet.as_deref(),
            tags: &self.tags,
            withdrawn: self.withdrawn.is_some(),
        }
    }
}

/// The predictions `filter` selects, in id order, as [`ScoredRow`]s handed to `each` one at
/// a time: nothing is collected, so memory stays flat however large the ledger. Tags are
/// read only when `with_tags` (they are empty otherwise).
pub fn for_each_scored(
    conn: &Connection,
    filter: &Filter,
    with_tags: bool,
    mut each: impl FnMut(&ScoredRow<'_>),
) -> Result<()> {
    let (forecaster, source, question, since, until, tag, status, today) = filter_params(filter);
    let mut stmt = conn.prepare_cached(SELECT_SCORED)?;
    let mut rows = stmt.query(params![
        forecaster, source, question, since, until, tag, status, today, with_tags
    ])?;
    let mut tags: Vec<String> = Vec::new();
    while let Some(row) = rows.next()? {
        let text =
            |index: usize| -> Result<Option<&str>> { Ok(row.get_ref(index)?.as_str_or_null()?) };
        let outcome = text(6)?.map(|text| text.parse::<Outcome>()).transpose()?;
        tags.clear();
        if let Some(json) = text(10)? {
            tags = serde_json::from_str(json)?;
        }
        each(&ScoredRow {
            prediction_id: row.get(0)?,
            question_id: row.get(1)?,
            forecaster: text(2)?.unwrap_or_default(),
            probability: row.get(3)?,
            phrase: text(4)?,
            made_on: text(5)?.unwrap_or_default(),
            outcome,
            resolved_on: text(7)?,
            source_title: text(8)?,
            source_outlet: text(9)?,
            tags: &tags,
            withdrawn: row.get(11)?,
        });
    }
    Ok(())
}

fn from_row(row: &Row) -> rusqlite::Result<PredictionRow> {
    let conversion = |index: usize, err: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, err)
    };
    let outcome: Option<String> = row.get(9)?;
    let outcome = outcome
        .map(|text| text.parse::<Outcome>())
        .transpose()
        .map_err(|e| conversion(9, e.into()))?;
    let tags: String = row.get(20)?;
    let tags = serde_json::from_str(&tags).map_err(|e| conversion(20, e.into()))?;
    Ok(PredictionRow {
        prediction_id: row.get(0)?,
        question_id: row.get(1)?,
        statement: row.get(2)?,
        forecaster: row.get(3)?,
        probability: row.get(4)?,
        phrase: row.get(5)?,
        scale: row.get(6)?,
        made_on: row.get(7)?,
        resolve_by: row.get(8)?,
        outcome,
        resolved_on: row.get(10)?,
        evidence: row.get(11)?,
        source_id: row.get(12)?,
        source_title: row.get(13)?,
        source_author: row.get(14)?,
        source_outlet: row.get(15)?,
        source_url: row.get(16)?,
        source_published: row.get(17)?,
        quote: row.get(18)?,
        note: row.get(19)?,
        tags,
        quote_offset: row.get(21)?,
        scale_version: row.get(22)?,
        withdrawn: row.get(23)?,
    })
}
