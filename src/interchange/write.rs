//! Rows to files: CSV and JSON with the import columns, so an export imports back unchanged.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value};

use super::{COLUMNS, TAG_SEPARATOR};
use crate::model::rows::PredictionRow;
use crate::output::JsonArray;

/// The row as the import columns, in [`COLUMNS`] order; `None` for an empty field.
fn fields(row: &PredictionRow) -> [Option<String>; 18] {
    [
        Some(row.statement.clone()),
        Some(row.probability.to_string()),
        row.phrase.clone(),
        row.scale.clone(),
        Some(row.forecaster.clone()),
        Some(row.made_on.clone()),
        row.resolve_by.clone(),
        row.outcome.map(|o| o.to_string()),
        row.resolved_on.clone(),
        row.evidence.clone(),
        row.source_title.clone(),
        row.source_author.clone(),
        row.source_outlet.clone(),
        row.source_url.clone(),
        row.source_published.clone(),
        row.quote.clone(),
        (!row.tags.is_empty()).then(|| row.tags.join(&TAG_SEPARATOR.to_string())),
        row.note.clone(),
    ]
}

pub fn write_csv(out: &mut dyn Write, rows: &[PredictionRow]) -> Result<()> {
    let mut writer = csv_writer(out)?;
    for row in rows {
        write_csv_row(&mut writer, row)?;
    }
    writer.flush()?;
    Ok(())
}

/// A CSV writer with the header row written: rows follow one at a time through
/// [`write_csv_row`] (an export that streams), then the caller flushes it.
pub fn csv_writer<W: Write>(out: W) -> Result<csv::Writer<W>> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    Ok(writer)
}

pub fn write_csv_row<W: Write>(writer: &mut csv::Writer<W>, row: &PredictionRow) -> Result<()> {
    writer.write_record(fields(row).iter().map(|f| f.as_deref().unwrap_or("")))?;
    Ok(())
}

/// A JSON array of rows as import objects, written one row at a time (an export that streams),
/// byte for byte what `serde_json::to_writer_pretty` makes of the whole array.
pub struct JsonRows<W: Write>(JsonArray<W>);

impl<W: Write> JsonRows<W> {
    pub fn new(out: W) -> Self {
        JsonRows(JsonArray::new(out))
    }

    pub fn push(&mut self, row: &PredictionRow) -> Result<()> {
        let mut object = Map::new();
        for (column, field) in COLUMNS.iter().zip(fields(row)) {
            let value = match (*column, field) {
                (_, None) => Value::Null,
                ("probability", Some(_)) => Value::from(row.probability),
                ("tags", Some(_)) => Value::from(row.tags.clone()),
                (_, Some(text)) => Value::String(text),
            };
            object.insert(column.to_string(), value);
        }
        self.0.push(&object)
    }

    pub fn finish(self) -> Result<()> {
        self.0.finish()
    }
}
