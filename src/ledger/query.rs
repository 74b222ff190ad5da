//! The one denormalised view of a prediction that list, show, export and score all read.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, Row};
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

/// The joins every reading of predictions shares.
const FROM: &str = "
FROM predictions AS p
LEFT JOIN withdrawals AS w ON w.prediction_id = p.id
JOIN questions AS q ON q.id = p.question_id
JOIN forecasters AS f ON f.id = p.forecaster_id
LEFT JOIN sources AS s ON s.id = p.source_id
LEFT JOIN current_resolutions AS r ON r.question_id = q.id";

const COLUMNS: &str = "
SELECT p.id, p.question_id, q.statement, f.name, p.probability, p.phrase, p.scale, p.made_on,
       q.resolve_by, r.outcome, r.resolved_on, r.evidence,
       p.source_id, s.title, s.author, s.outlet, s.url, s.published, p.quote, p.note,
       (SELECT json_group_array(t.name ORDER BY t.name)
          FROM question_tags AS qt JOIN tags AS t ON t.id = qt.tag_id
         WHERE qt.question_id = q.id),
       p.quote_offset, p.scale_version, w.reason";

/// Only what scoring reads; `{tags}` is the tag list, or NULL when nobody groups by tag.
const SCORED_COLUMNS: &str = "
SELECT p.id, p.question_id, f.name, p.probability, p.phrase, p.made_on,
       r.outcome, r.resolved_on, s.title, s.outlet, {tags},
       w.prediction_id IS NOT NULL";

const TAGS: &str = "(SELECT json_group_array(t.name ORDER BY t.name)
          FROM question_tags AS qt JOIN tags AS t ON t.id = qt.tag_id
         WHERE qt.question_id = q.id)";

/// The `FROM` and `WHERE` of a filter, and its parameters. Only the filters given are written, each as
/// a plain comparison on an indexed column, so SQLite can drive the query from the matching
/// index (forecaster, source, question, tag, made_on) rather than scan every prediction.
fn where_clause(filter: &Filter) -> (String, Vec<Value>) {
    // Without statistics SQLite prefers scanning predictions in id order to sorting an index
    // range, even for a one-month `--since/--until`; with no more selective filter given,
    // the date index is named. (Over the whole range it costs the same as the scan.)
    let by_date = (filter.since.is_some() || filter.until.is_some())
        && filter.forecaster.is_none()
        && filter.source_id.is_none()
        && filter.question_id.is_none()
        && filter.tag.is_none();
    let mut conditions: Vec<&str> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(name) = &filter.forecaster {
        // Through the subquery, SQLite reads this forecaster's rows by predictions_forecaster;
        // `f.name = ? COLLATE NOCASE` on the join made it scan every prediction.
        conditions
            .push("p.forecaster_id IN (SELECT id FROM forecasters WHERE name = ? COLLATE NOCASE)");
        values.push(Value::Text(name.trim().to_string()));
    }
    if let Some(id) = filter.source_id {
        conditions.push("p.source_id = ?");
        values.push(Value::Integer(id));
    }
    if let Some(id) = filter.question_id {
        conditions.push("p.question_id = ?");
        values.push(Value::Integer(id));
    }
    if let Some(since) = filter.since {
        conditions.push("p.made_on >= ?");
        values.push(Value::Text(format_date(since)));
    }
    if let Some(until) = filter.until {
        conditions.push("p.made_on <= ?");
        values.push(Value::Text(format_date(until)));
    }
    if let Some(tag) = &filter.tag {
        conditions.push(
            "p.question_id IN (SELECT qt.question_id FROM question_tags AS qt
                                JOIN tags AS t ON t.id = qt.tag_id WHERE t.name = ?)",
        );
        values.push(Value::Text(tag.trim().to_lowercase()));
    }
    match filter.status {
        None => {}
        Some(Status::Open) => conditions.push("r.id IS NULL"),
        Some(Status::Resolved) => conditions.push("r.id IS NOT NULL"),
        Some(Status::Due) => {
            conditions.push("r.id IS NULL AND q.resolve_by <= ?");
            values.push(Value::Text(format_date(today())));
        }
    }
    let mut clause = if by_date {
        FROM.replacen(
            "predictions AS p",
            "predictions AS p INDEXED BY predictions_made_on",
            1,
        )
    } else {
        FROM.to_string()
    };
    if !conditions.is_empty() {
        clause.push_str("\nWHERE ");
        clause.push_str(&conditions.join("\n  AND "));
    }
    (clause, values)
}

pub fn predictions(conn: &Connection, filter: &Filter) -> Result<Vec<PredictionRow>> {
    let mut rows = Vec::new();
    for_each_prediction(conn, filter, |row| {
        rows.push(row);
        Ok(())
    })?;
    Ok(rows)
}

/// [`predictions`] handed to `each` one at a time, in id order, without collecting them; the
/// first error from `each` stops the reading and is returned.
pub fn for_each_prediction(
    conn: &Connection,
    filter: &Filter,
    mut each: impl FnMut(PredictionRow) -> Result<()>,
) -> Result<()> {
    let (clause, values) = where_clause(filter);
    let sql = format!("{COLUMNS}{clause}\nORDER BY p.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    while let Some(row) = rows.next()? {
        each(from_row(row)?)?;
    }
    Ok(())
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
    let (clause, values) = where_clause(filter);
    let columns = SCORED_COLUMNS.replace("{tags}", if with_tags { TAGS } else { "NULL" });
    let sql = format!("{columns}{clause}\nORDER BY p.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
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
