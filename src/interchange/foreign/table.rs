//! A foreign CSV file read one row at a time, its columns found by name in any case.

use std::io::Read;

use anyhow::{bail, Result};

use crate::interchange::lines::Counted;
use crate::interchange::read::{csv_error, csv_header, record_line};

pub(crate) use crate::interchange::read::Fields;

/// The header of a foreign CSV file and its rows still to come.
pub struct Table<R: Read> {
    reader: csv::Reader<Counted<R>>,
    /// The header as written, and lowercased for look-up.
    names: Vec<String>,
    folded: Vec<String>,
}

/// One data row and the line it starts on.
pub struct TableRow {
    pub line: usize,
    record: csv::StringRecord,
}

impl<R: Read> Table<R> {
    pub fn open(input: R, fields: Fields) -> Result<Self> {
        let (reader, names) = csv_header(input, fields)?;
        let folded = names.iter().map(|n| n.to_lowercase()).collect();
        Ok(Table {
            reader,
            names,
            folded,
        })
    }

    /// The position of the first of `columns` (lowercase) the header has.
    pub fn column(&self, columns: &[&str]) -> Option<usize> {
        columns
            .iter()
            .find_map(|wanted| self.folded.iter().position(|name| name == wanted))
    }

    /// Like [`Table::column`], but the file is refused without it.
    pub fn required(&self, columns: &[&str], format: &str) -> Result<usize> {
        match self.column(columns) {
            Some(index) => Ok(index),
            None => bail!(
                "line 1: missing column '{}' (a {format} has it)",
                columns[0]
            ),
        }
    }

    /// The header's columns, as written, that are none of `used` (lowercase).
    pub fn unmapped(&self, used: &[&str]) -> Vec<String> {
        self.names
            .iter()
            .zip(&self.folded)
            .filter(|(name, folded)| !name.is_empty() && !used.contains(&folded.as_str()))
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// The header as the file writes it, for messages.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The next row that is not blank.
    pub fn next_row(&mut self) -> Option<Result<TableRow>> {
        let mut record = csv::StringRecord::new();
        loop {
            match self.reader.read_record(&mut record) {
                Err(err) => return Some(Err(csv_error(&mut self.reader, &err))),
                Ok(false) => return None,
                Ok(true) => {}
            }
            if record.iter().all(|field| field.trim().is_empty()) {
                continue;
            }
            let line = record_line(&mut self.reader, &record);
            // A flexible reader takes short rows; a long one is still a broken file.
            if record.len() > self.names.len() {
                return Some(Err(anyhow::anyhow!(
                    "line {line}: the row has {} fields where the header has {} (a quote left open, or a stray comma?)",
                    record.len(),
                    self.names.len()
                )));
            }
            return Some(Ok(TableRow { line, record }));
        }
    }
}

impl TableRow {
    /// The trimmed field in `column`, `None` when the column is absent or the field empty.
    pub fn get(&self, column: Option<usize>) -> Option<&str> {
        column
            .and_then(|index| self.record.get(index))
            .map(str::trim)
            .filter(|value| !value.is_empty())
    }
}
