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

const SELECT: &str = "
SELECT p.id, p.question_id, q.statement, f.name, p.probability, p.phrase, p.scale, p.made_on,
       q.resolve_by, r.outcome, r.resolved_on, r.evidence,
       p.source_id, s.title, s.author, s.outlet, s.url, s.published, p.quote, p.note,
       (SELECT json_group_array(t.name ORDER BY t.name)
          FROM question_tags AS qt JOIN tags AS t ON t.id = qt.tag_id
         WHERE qt.question_id = q.id),
       p.quote_offset, p.scale_version, w.reason
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
ORDER BY p.id";

pub fn predictions(conn: &Connection, filter: &Filter) -> Result<Vec<PredictionRow>> {
    let status = filter.status.map(|status| match status {
        Status::Open => "open",
        Status::Resolved => "resolved",
        Status::Due => "due",
    });
    let tag = filter.tag.as_deref().map(|t| t.trim().to_lowercase());
    let mut stmt = conn.prepare_cached(SELECT)?;
    let rows = stmt.query_map(
        params![
            filter.forecaster.as_deref().map(str::trim),
            filter.source_id,
            filter.question_id,
            filter.since.map(format_date),
            filter.until.map(format_date),
            tag,
            status,
            format_date(today()),
        ],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
