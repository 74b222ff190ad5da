//! Fatebook (fatebook.io): its CSV export and its spreadsheet-import columns.
//!
//! The export (Sage-Future/fatebook, lib/web/export.ts) has one row per forecast: "Question
//! title", "Forecast created by", "Forecast (scale = 0-1)", "Forecast created at", "Question
//! created at", "Question resolve by", "Resolution" (older exports: "Question resolution"),
//! "Resolved at" ("Question resolved at"), "Question notes", "Question tags" and columns
//! fledger has no place for (scores, sharing, comments). Timestamps are written
//! `YYYY-MM-DD HH:MM:SS` in UTC without saying so (Fatebook issue #90).
//!
//! The spreadsheet import (pages/import-from-spreadsheet.tsx, lib/web/import_router.ts) takes
//! questionTitle, forecast (0–100, `%` allowed), qCreatedAt, resolution (YES, NO, AMBIGUOUS
//! or blank), resolvedAt, resolveBy, fCreatedAt, tags (comma-separated), notes, notesExtra;
//! every forecast is the importing user's, made at fCreatedAt, else qCreatedAt.
//!
//! A question is the title plus its creation time, as Fatebook itself keys imported questions.

use std::io::BufRead;

use anyhow::{bail, Context, Result};
use chrono::Days;

use super::table::{Fields, Table, TableRow};
use super::titles::{Titles, RENAMED};
use super::values::{moment, probability, Moment, Scale};
use super::{expand, hindsight, tags, Forecast, Foreign, Row};
use crate::model::{quoted, Outcome};

/// Where one of Fatebook's two layouts keeps each thing (lowercase column names, the first
/// one present wins).
struct Layout {
    name: &'static str,
    title: &'static [&'static str],
    option: &'static [&'static str],
    forecaster: &'static [&'static str],
    forecast: &'static [&'static str],
    scale: Scale,
    /// When the forecast was made, in order of preference.
    made: &'static [&'static str],
    created: &'static [&'static str],
    resolve_by: &'static [&'static str],
    resolution: &'static [&'static str],
    resolved_at: &'static [&'static str],
    /// Fatebook's importer dates a resolution without a date the day after the question.
    resolved_defaults_to_next_day: bool,
    notes: &'static [&'static str],
    tags: &'static [&'static str],
}

const EXPORT: Layout = Layout {
    name: "Fatebook export",
    title: &["question title"],
    option: &["multiple choice option"],
    forecaster: &["forecast created by"],
    forecast: &["forecast (scale = 0-1)"],
    scale: Scale::Unit,
    made: &["forecast created at"],
    created: &["question created at"],
    resolve_by: &["question resolve by"],
    resolution: &["resolution", "question resolution"],
    resolved_at: &["resolved at", "question resolved at"],
    resolved_defaults_to_next_day: false,
    notes: &["question notes"],
    tags: &["question tags"],
};

const SPREADSHEET: Layout = Layout {
    name: "Fatebook spreadsheet import",
    title: &["questiontitle"],
    option: &[],
    forecaster: &[],
    forecast: &["forecast"],
    scale: Scale::Percent,
    made: &["fcreatedat", "qcreatedat"],
    created: &["qcreatedat"],
    resolve_by: &["resolveby"],
    resolution: &["resolution"],
    resolved_at: &["resolvedat"],
    resolved_defaults_to_next_day: true,
    notes: &["notes", "notesextra"],
    tags: &["tags"],
};

impl Layout {
    fn columns(&self) -> impl Iterator<Item = &'static str> {
        [
            self.title,
            self.option,
            self.forecaster,
            self.forecast,
            self.made,
            self.created,
            self.resolve_by,
            self.resolution,
            self.resolved_at,
            self.notes,
            self.tags,
        ]
        .into_iter()
        .flatten()
        .copied()
    }
}

/// Whether a header is one of Fatebook's layouts (lowercase names).
pub fn recognises(header: &[String]) -> bool {
    let has = |name: &str| header.iter().any(|h| h == name);
    (has("question title") && has("forecast (scale = 0-1)"))
        || (has("questiontitle") && has("forecast"))
}

/// The columns of one file, found once from its header.
struct Columns {
    layout: &'static Layout,
    /// The header as the file writes it, for messages.
    names: Vec<String>,
    title: usize,
    option: Option<usize>,
    forecaster: Option<usize>,
    forecast: usize,
    made: Vec<usize>,
    created: Option<usize>,
    resolve_by: Option<usize>,
    resolution: Option<usize>,
    resolved_at: Option<usize>,
    notes: Vec<usize>,
    tags: Option<usize>,
}

pub fn records(reader: Box<dyn BufRead + Send>) -> Result<Foreign> {
    let mut table = Table::open(reader, Fields::Exact)?;
    let layout = if table.column(EXPORT.title).is_some() {
        &EXPORT
    } else if table.column(SPREADSHEET.title).is_some() {
        &SPREADSHEET
    } else {
        bail!("line 1: missing column 'Question title' (Fatebook's export) or 'questionTitle' (its spreadsheet import)");
    };
    let every = |names: &[&str]| -> Vec<usize> {
        names
            .iter()
            .filter_map(|name| table.column(&[name]))
            .collect()
    };
    let columns = Columns {
        layout,
        names: table.names().to_vec(),
        title: table.required(layout.title, layout.name)?,
        option: table.column(layout.option),
        forecaster: table.column(layout.forecaster),
        forecast: table.required(layout.forecast, layout.name)?,
        made: every(layout.made),
        created: table.column(layout.created),
        resolve_by: table.column(layout.resolve_by),
        resolution: table.column(layout.resolution),
        resolved_at: table.column(layout.resolved_at),
        notes: every(layout.notes),
        tags: table.column(layout.tags),
    };
    let used: Vec<&str> = layout.columns().collect();
    let unmapped_columns = table.unmapped(&used);
    let mut titles = Titles::default();
    let rows = std::iter::from_fn(move || table.next_row()).map(move |row| {
        let row = row?;
        convert(&columns, &mut titles, &row).with_context(|| format!("line {}", row.line))
    });
    Ok(Foreign {
        rows: expand(rows),
        unmapped_columns,
        unmapped_are_keys: false,
        file: None,
    })
}

fn convert(columns: &Columns, titles: &mut Titles, row: &TableRow) -> Result<Vec<Row>> {
    let layout = columns.layout;
    let name = |index: usize| columns.names[index].as_str();
    let named = |index: Option<usize>| index.map_or("", name);
    let title = row
        .get(Some(columns.title))
        .with_context(|| format!("'{}' is empty", name(columns.title)))?;
    let title = match row.get(columns.option) {
        Some(option) => format!("{title} — {option}"),
        None => title.to_string(),
    };
    let created = row.get(columns.created);
    let key = format!("{title}\u{0}{}", created.unwrap_or_default());
    let (statement, renamed) = titles.statement(&title, &key, || match created {
        Some(created) => format!("Fatebook question created {created}"),
        None => format!("Fatebook question on line {}", row.line),
    });

    let forecast = row
        .get(Some(columns.forecast))
        .with_context(|| format!("'{}' is empty", name(columns.forecast)))?;
    let probability = probability(forecast, name(columns.forecast), layout.scale)?;
    let made = match columns
        .made
        .iter()
        .find_map(|&i| Some((i, row.get(Some(i))?)))
    {
        Some((index, value)) => moment(value, name(index))?,
        None => bail!(
            "'{}' is empty (when was the forecast made?)",
            layout.made[0]
        ),
    };
    let outcome = row
        .get(columns.resolution)
        .map(|value| resolution(value, named(columns.resolution)))
        .transpose()?;
    let resolved = match (outcome, row.get(columns.resolved_at)) {
        (None, _) => None,
        (Some(_), Some(value)) => Some(moment(value, named(columns.resolved_at))?),
        (Some(_), None) if layout.resolved_defaults_to_next_day => {
            let created = match created {
                Some(value) => moment(value, named(columns.created))?,
                None => made,
            };
            let next_day = created.date.checked_add_days(Days::new(1));
            Some(Moment {
                date: next_day.unwrap_or(created.date),
                at: None,
            })
        }
        (Some(outcome), None) => bail!(
            "'{}' is empty, but the resolution is {} (when was it resolved?)",
            layout.resolved_at[0],
            outcome.as_str().to_uppercase()
        ),
    };
    let mut rows = Vec::new();
    if renamed {
        rows.push(Row::Notice {
            line: row.line,
            what: RENAMED.to_string(),
        });
    }
    if let Some(known) = resolved.filter(|known| made.after(*known)) {
        rows.push(hindsight(row.line, made, known));
        return Ok(rows);
    }
    let resolve_by = row
        .get(columns.resolve_by)
        .map(|value| moment(value, named(columns.resolve_by)))
        .transpose()?;
    let notes: Vec<&str> = columns
        .notes
        .iter()
        .filter_map(|&i| row.get(Some(i)))
        .collect();
    let forecast = Forecast {
        statement,
        probability,
        forecaster: row.get(columns.forecaster).map(str::to_string),
        made,
        resolve_by,
        settled: outcome.zip(resolved),
        tags: tags(row.get(columns.tags)),
        note: (!notes.is_empty()).then(|| notes.join(" ")),
    };
    rows.push(forecast.row(row.line));
    Ok(rows)
}

/// Fatebook's resolutions; fledger's outcomes have the same names.
fn resolution(value: &str, column: &str) -> Result<Outcome> {
    match value.trim().to_ascii_uppercase().as_str() {
        "YES" => Ok(Outcome::Yes),
        "NO" => Ok(Outcome::No),
        "AMBIGUOUS" => Ok(Outcome::Ambiguous),
        _ => bail!(
            "'{column}' = {} is not a Fatebook resolution (expected YES, NO, AMBIGUOUS or blank)",
            quoted(value)
        ),
    }
}
