//! The one denormalised view of a prediction that list, show, export and score all read: the
//! SQL and the mapping of its rows into [`crate::model::rows`].

use rustc_hash::FxHashMap as HashMap;

use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, Row};

use crate::model::evidence::{self, Facts};
use crate::model::rows::{Filter, GroupColumn, PredictionRow, ScoredRow, Status};
use crate::model::{format_date, today, Outcome};

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
       p.quote_offset, p.scale_version, w.reason,
       w.id IS NOT NULL AND EXISTS (SELECT 1 FROM resolutions AS early
                                     WHERE early.question_id = p.question_id
                                       AND early.created_at <= w.created_at),
       p.created_at, p.import_id IS NOT NULL, r.created_at";

/// The `FROM` and `WHERE` of a filter, and its parameters. Only the filters given are written, each as
/// a plain comparison on an indexed column, so SQLite can drive the query from the matching
/// index (forecaster, source, question, tag, made_on) rather than scan every prediction.
fn where_clause(filter: &Filter) -> (String, Vec<Value>) {
    let Conditions {
        conditions,
        values,
        by_date,
    } = conditions(filter);
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

/// A filter as SQL conditions over `p` (predictions) alone.
struct Conditions {
    conditions: Vec<&'static str>,
    values: Vec<Value>,
    /// Whether the made_on index should drive the query (see [`conditions`]).
    by_date: bool,
}

fn conditions(filter: &Filter) -> Conditions {
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
        // Written over `p` alone, like every other condition, so the scoring read (which
        // does not join) can use them too.
        Some(Status::Open) => {
            conditions.push("p.question_id NOT IN (SELECT question_id FROM resolutions)")
        }
        Some(Status::Resolved) => {
            conditions.push("p.question_id IN (SELECT question_id FROM resolutions)")
        }
        Some(Status::Due) => {
            conditions.push(
                "p.question_id NOT IN (SELECT question_id FROM resolutions)
                 AND p.question_id IN (SELECT id FROM questions WHERE resolve_by <= ?)",
            );
            values.push(Value::Text(format_date(today())));
        }
    }
    Conditions {
        conditions,
        values,
        by_date,
    }
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

/// The predictions `filter` selects, in id order, as [`ScoredRow`]s handed to `each` one at
/// a time: nothing per prediction is collected, so memory stays flat however large the ledger.
/// Of the phrase, the source and the tags, only the `group`'s is read; the others are left
/// empty (reading them cost a tenth of a million-row `score`).
///
/// Not the join the other readings share: the latest resolution of every question, the
/// forecasters, sources, withdrawals and tags are read once into maps, then the predictions
/// are scanned alone. Seeking the question, its latest resolution, the forecaster and the
/// source for each of a million predictions was most of a million-row `score`.
pub fn for_each_scored(
    conn: &Connection,
    filter: &Filter,
    group: GroupColumn,
    mut each: impl FnMut(&ScoredRow<'_>),
) -> Result<()> {
    let Conditions {
        conditions,
        values,
        by_date,
    } = conditions(filter);
    let mut predictions = String::from("FROM predictions AS p");
    if by_date {
        predictions.push_str(" INDEXED BY predictions_made_on");
    }
    if !conditions.is_empty() {
        predictions.push_str("\nWHERE ");
        predictions.push_str(&conditions.join("\n  AND "));
    }
    // With a filter, only the selected predictions' questions are looked up; without one the
    // whole table is read, which is cheaper than the `IN` over every prediction.
    let of_selected = |column: &str| {
        if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {column} IN (SELECT p.question_id {predictions})")
        }
    };
    // The dates one after another in one string, each question keeping where its own
    // starts, rather than a String each: half a million small allocations were a tenth of
    // a million-row score. The schema keeps resolved_on an ISO date, ten bytes.
    const DATE: usize = 10;
    let mut dates = String::new();
    // Where its resolved_on starts in `dates`, followed by when it was recorded, and where
    // that ends.
    let mut outcomes: ById<(Outcome, usize, usize)> = ById::default();
    let sql = format!(
        "SELECT question_id, outcome, resolved_on, created_at FROM resolutions {} ORDER BY id",
        of_selected("question_id")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(&values))?;
    while let Some(row) = rows.next()? {
        // In id order, so the latest resolution of a question is the one left standing.
        let outcome = row.get_ref(1)?.as_str()?.parse::<Outcome>()?;
        let resolved_on = row.get_ref(2)?.as_str()?;
        if resolved_on.len() != DATE {
            anyhow::bail!("a resolution is dated {resolved_on:?}, which is not an ISO date");
        }
        let at = dates.len();
        dates.push_str(resolved_on);
        dates.push_str(row.get_ref(3)?.as_str()?);
        outcomes.insert(row.get(0)?, (outcome, at, dates.len()));
    }

    let mut tags: HashMap<i64, Vec<String>> = HashMap::default();
    if group == GroupColumn::Tags {
        let sql = format!(
            "SELECT qt.question_id, t.name FROM question_tags AS qt JOIN tags AS t ON t.id = qt.tag_id
             {} ORDER BY qt.question_id, t.name",
            of_selected("qt.question_id")
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(&values))?;
        while let Some(row) = rows.next()? {
            tags.entry(row.get(0)?).or_default().push(row.get(1)?);
        }
    }

    let forecasters: ById<String> = ById::from_rows(
        conn.prepare("SELECT id, name FROM forecasters")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?,
    );
    type TitleAndOutlet = (String, Option<String>);
    let sources: ById<TitleAndOutlet> = if group == GroupColumn::Source {
        ById::from_rows(
            conn.prepare("SELECT id, title, outlet FROM sources")?
                .query_map([], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?
                .collect::<rusqlite::Result<_>>()?,
        )
    } else {
        ById::default()
    };
    let published: ById<String> = ById::from_rows(
        conn.prepare("SELECT id, published FROM sources WHERE published IS NOT NULL")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?,
    );
    // Each withdrawal, and whether it came once its question's outcome was recorded.
    let withdrawn: HashMap<i64, bool> = conn
        .prepare(
            "SELECT w.prediction_id,
                    EXISTS (SELECT 1 FROM resolutions AS r
                             WHERE r.question_id = p.question_id AND r.created_at <= w.created_at)
               FROM withdrawals AS w JOIN predictions AS p ON p.id = w.prediction_id",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;

    let phrase = if group == GroupColumn::Phrase {
        "p.phrase"
    } else {
        "NULL"
    };
    let sql = format!(
        "SELECT p.id, p.question_id, p.forecaster_id, p.source_id, p.probability, {phrase}, p.made_on,
                p.created_at, p.import_id IS NOT NULL, p.quote_offset IS NOT NULL
         {predictions}\nORDER BY p.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(&values))?;
    while let Some(row) = rows.next()? {
        let prediction_id: i64 = row.get(0)?;
        let question_id: i64 = row.get(1)?;
        let forecaster_id: i64 = row.get(2)?;
        // The columns left NULL are not read at all: each read is several calls into
        // SQLite, and reading columns is a fifth of a million-row score.
        let source_id: Option<i64> = row.get(3)?;
        let source = match group {
            GroupColumn::Source => source_id.and_then(|id| sources.get(id)),
            _ => None,
        };
        let phrase = match group {
            GroupColumn::Phrase => row.get_ref(5)?.as_str_or_null()?,
            _ => None,
        };
        let resolution = outcomes.get(question_id);
        let made_on = row.get_ref(6)?.as_str()?;
        let evidence = evidence::classify(&Facts {
            created_at: row.get_ref(7)?.as_str()?,
            made_on,
            imported: row.get(8)?,
            quote_verified: row.get(9)?,
            source_published: source_id
                .and_then(|id| published.get(id))
                .map(String::as_str),
            resolution: resolution
                .map(|&(_, at, end)| (&dates[at..at + DATE], &dates[at + DATE..end])),
        });
        let withdrawal = withdrawn.get(&prediction_id).copied();
        let Some(forecaster) = forecasters.get(forecaster_id) else {
            anyhow::bail!("prediction {prediction_id} names forecaster {forecaster_id}, who is not in the ledger");
        };
        each(&ScoredRow {
            prediction_id,
            question_id,
            forecaster,
            forecaster_id: Some(forecaster_id),
            probability: row.get(4)?,
            phrase,
            made_on,
            outcome: resolution.map(|(outcome, _, _)| *outcome),
            resolved_on: resolution.map(|&(_, at, _)| &dates[at..at + DATE]),
            source_title: source.map(|(title, _)| title.as_str()),
            source_outlet: source.and_then(|(_, outlet)| outlet.as_deref()),
            tags: tags.get(&question_id).map_or(&[], Vec::as_slice),
            withdrawn: withdrawal == Some(false),
            withdrawn_after_outcome: withdrawal == Some(true),
            evidence,
        });
    }
    Ok(())
}

/// Values keyed by row id. Ids are rowids that are never deleted, so they run densely from 1
/// and a vector indexed by id holds them: predictions arrive in id order and so look up their
/// questions in nearly sequential order, where a hash map sent every lookup to a random cache
/// line (a sixth of a million-row `score`). The vector grows to an id only while ids stay
/// within twice the values held; one far beyond (a filtered read, or an id edited behind
/// fledger's back) goes to a map instead of a vast vector.
struct ById<T> {
    dense: Vec<Option<T>>,
    sparse: HashMap<i64, T>,
    inserted: usize,
}

impl<T> Default for ById<T> {
    fn default() -> Self {
        ById {
            dense: Vec::new(),
            sparse: HashMap::default(),
            inserted: 0,
        }
    }
}

impl<T> ById<T> {
    fn from_rows(rows: Vec<(i64, T)>) -> Self {
        let mut by_id = ById::default();
        for (id, value) in rows {
            by_id.insert(id, value);
        }
        by_id
    }

    fn insert(&mut self, id: i64, value: T) {
        self.inserted += 1;
        match usize::try_from(id) {
            Ok(index) if index < self.dense.len() => self.dense[index] = Some(value),
            Ok(index) if index <= 2 * self.inserted + 1024 => {
                self.dense.resize_with(index + 1, || None);
                self.dense[index] = Some(value);
            }
            _ => {
                self.sparse.insert(id, value);
            }
        }
    }

    fn get(&self, id: i64) -> Option<&T> {
        // An id first seen far ahead went to the map, and the vector may have grown past it
        // since; a value written to the vector later is the newer one.
        usize::try_from(id)
            .ok()
            .and_then(|i| self.dense.get(i))
            .and_then(Option::as_ref)
            .or_else(|| self.sparse.get(&id))
    }
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
        withdrawn_after_outcome: row.get(24)?,
        created_at: row.get(25)?,
        evidence_class: evidence::classify(&Facts {
            created_at: row.get_ref(25)?.as_str()?,
            made_on: row.get_ref(7)?.as_str()?,
            imported: row.get(26)?,
            quote_verified: row.get_ref(21)?.as_i64_or_null()?.is_some(),
            source_published: row.get_ref(17)?.as_str_or_null()?,
            resolution: match (
                row.get_ref(10)?.as_str_or_null()?,
                row.get_ref(27)?.as_str_or_null()?,
            ) {
                (Some(on), Some(at)) => Some((on, at)),
                _ => None,
            },
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::ById;

    #[test]
    fn ids_within_reach_go_in_the_vector_and_stray_ones_in_the_map() {
        let mut by_id = ById::default();
        for id in [1, 2, 1_000_000_000_000, -5] {
            by_id.insert(id, id * 10);
        }
        assert_eq!(by_id.dense.len(), 3);
        assert_eq!(by_id.sparse.len(), 2);
        for id in [1, 2, 1_000_000_000_000, -5] {
            assert_eq!(by_id.get(id), Some(&(id * 10)));
        }
        assert_eq!(by_id.get(3), None);
        assert_eq!(by_id.get(999), None);
        by_id.insert(2, 7);
        assert_eq!(
            by_id.get(2),
            Some(&7),
            "a later value replaces the earlier one"
        );
    }

    #[test]
    fn an_id_seen_far_ahead_is_found_once_the_vector_has_grown_past_it() {
        let mut by_id = ById::default();
        by_id.insert(5000, "early");
        for id in 1..=6000 {
            if id % 2 == 0 && id != 5000 {
                by_id.insert(id, "dense");
            }
        }
        assert!(by_id.dense.len() > 5000);
        assert_eq!(by_id.get(5000), Some(&"early"));
        assert_eq!(by_id.get(4998), Some(&"dense"));
        assert_eq!(by_id.get(4999), None);
        by_id.insert(5000, "later");
        assert_eq!(by_id.get(5000), Some(&"later"));
    }

    #[test]
    fn an_empty_table_needs_no_room() {
        let by_id: ById<String> = ById::from_rows(Vec::new());
        assert!(by_id.dense.is_empty());
        assert_eq!(by_id.get(0), None);
        assert_eq!(by_id.get(1), None);
    }
}
