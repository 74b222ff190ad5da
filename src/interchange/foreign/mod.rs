//! Other forecasting tools' files, read into the records of fledger's own format.
//!
//! Each tool is an adapter that turns its rows into [`RawRecord`]s keyed by fledger's column
//! names and carrying the line of the tool's file they came from, so they go through the same
//! validation, agreement check and writing as a fledger file, in the same one transaction.
//! The adapters check and convert the values they translate (percentages, timestamps,
//! resolutions) themselves, so an error names the tool's column, not fledger's.

mod detect;
mod fatebook;
mod fatebook_export;
mod metaculus;
mod predictionbook;
mod table;
mod titles;
mod values;
mod zipped;

use std::io::BufRead;

use clap::ValueEnum;

use super::RawRecord;
use crate::model::Outcome;
use values::Moment;

pub use detect::{from_reader, open};
pub use fatebook_export::write_fatebook;
pub use metaculus::{Export, Part};

/// The file formats `fledger import --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// fledger's own columns (CSV, JSON or JSON Lines)
    Fledger,
    /// Fatebook's CSV export, or its spreadsheet-import columns
    Fatebook,
    /// PredictionBook's JSON (predictions with their responses)
    Predictionbook,
    /// Metaculus's data export: a folder with question_data.csv and forecast_data.csv
    Metaculus,
}

impl ImportFormat {
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Fledger => "fledger",
            ImportFormat::Fatebook => "fatebook",
            ImportFormat::Predictionbook => "predictionbook",
            ImportFormat::Metaculus => "metaculus",
        }
    }
}

/// The file formats `fledger export --to` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ExportFormat {
    /// fledger's own columns, which `fledger import` reads back
    #[default]
    Fledger,
    /// Fatebook's spreadsheet-import columns (questionTitle, forecast 0-100, ...)
    Fatebook,
}

/// An import source whose format is known, opened but not yet read.
pub enum Input {
    Fledger(Box<dyn BufRead + Send>),
    Foreign(Source),
}

/// A file of another tool, opened but not yet read.
pub enum Source {
    Fatebook(Box<dyn BufRead + Send>),
    PredictionBook(Box<dyn BufRead + Send>),
    Metaculus(Export),
}

/// How an import treats what a file holds beyond what fledger records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Refuse the whole file for one forecast made after its outcome was known, rather than
    /// leave it out with a warning.
    pub strict: bool,
    /// Leave out the forecasts a file marks as a bot's (Metaculus's "Is Bot").
    pub exclude_bots: bool,
}

/// What a foreign row became: a record to import, or a note that it was left out or changed,
/// which the import reports on stderr grouped by what it says.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Record(RawRecord),
    Notice {
        line: usize,
        what: String,
    },
    /// A forecast made after its question's outcome was known (both as the file writes them):
    /// left out with a warning, or the whole file refused under `--strict`.
    Hindsight {
        line: usize,
        made: String,
        known: String,
    },
}

/// A foreign file as fledger records, with the columns (or JSON keys) that map to nothing
/// (reported, not used) and the name to put before errors, when it is not the name the user
/// gave.
pub struct Foreign {
    pub rows: Box<dyn Iterator<Item = anyhow::Result<Row>> + Send>,
    pub unmapped_columns: Vec<String>,
    pub unmapped_are_keys: bool,
    pub file: Option<String>,
}

/// Reads a foreign format into records; the caller imports them.
pub fn records(source: Source, options: &Options) -> anyhow::Result<Foreign> {
    match source {
        Source::Fatebook(reader) => fatebook::records(reader),
        Source::PredictionBook(mut reader) => {
            let mut text = String::new();
            reader
                .read_to_string(&mut text)
                .map_err(|_| anyhow::anyhow!("the file is not UTF-8 text"))?;
            predictionbook::records(&text)
        }
        Source::Metaculus(export) => metaculus::records(export, options),
    }
}

/// What the import reports for each forecast it leaves out because it came after the outcome.
pub const HINDSIGHT: &str =
    "left out, made after their question's outcome was known (hindsight, which fledger does not record)";

/// The row for a forecast made at `made`, after its outcome was known at `known`.
fn hindsight(line: usize, made: Moment, known: Moment) -> Row {
    Row::Hindsight {
        line,
        made: made.to_string(),
        known: known.to_string(),
    }
}

/// Each foreign row's records and notices, one after the other; an error stops the import.
fn expand(
    rows: impl Iterator<Item = anyhow::Result<Vec<Row>>> + Send + 'static,
) -> Box<dyn Iterator<Item = anyhow::Result<Row>> + Send> {
    Box::new(rows.flat_map(|result| match result {
        Ok(rows) => rows.into_iter().map(Ok).collect(),
        Err(err) => vec![Err(err)],
    }))
}

/// One forecast of another tool, in fledger's terms.
struct Forecast {
    statement: String,
    /// As fledger's `probability` column takes it (see [`values::probability`]).
    probability: String,
    forecaster: Option<String>,
    made: Moment,
    resolve_by: Option<Moment>,
    settled: Option<(Outcome, Moment)>,
    tags: Option<String>,
    note: Option<String>,
}

impl Forecast {
    /// The record with fledger's columns; empty values are left out, as fledger's reader does.
    fn row(self, line: usize) -> Row {
        let fields = [
            ("statement", Some(self.statement)),
            ("probability", Some(self.probability)),
            ("forecaster", self.forecaster),
            ("made_on", Some(self.made.iso_date())),
            ("resolve_by", self.resolve_by.map(Moment::iso_date)),
            (
                "outcome",
                self.settled.map(|(outcome, _)| outcome.to_string()),
            ),
            (
                "resolved_on",
                self.settled.map(|(_, known)| known.iso_date()),
            ),
            ("tags", self.tags),
            ("note", self.note),
        ];
        let mut record = RawRecord::new(line);
        for (name, value) in fields {
            if let Some(value) = value {
                record.set(name, value);
            }
        }
        Row::Record(record)
    }
}

/// Tags as fledger's one `tags` field, from a list a tool separates with commas or semicolons.
fn tags(list: Option<&str>) -> Option<String> {
    let tags: Vec<&str> = list?
        .split([',', ';'])
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .collect();
    (!tags.is_empty()).then(|| tags.join(&super::TAG_SEPARATOR.to_string()))
}
