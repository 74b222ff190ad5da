//! Bytes to records: UTF-8 check, CSV or JSON, and the line every record starts on.

use std::io::{BufRead, Read};

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

use super::lines::{Counted, Starts};
use super::{COLUMNS, TAG_SEPARATOR};
use crate::model::quoted;

/// One row of an import file: its non-empty fields by column name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawRecord {
    pub line: usize,
    // A short list rather than a map: a row has at most eighteen fields, and a map allocated
    // keys and nodes for every row when allocation was a quarter of an import's reading time.
    fields: Vec<(&'static str, String)>,
}

impl RawRecord {
    pub fn new(line: usize) -> Self {
        Self {
            line,
            fields: Vec::new(),
        }
    }

    pub fn get(&self, column: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(name, _)| *name == column)
            .map(|(_, value)| value.as_str())
    }

    /// Sets a field of one of fledger's [`COLUMNS`]; another name or a blank value is left out.
    pub fn set(&mut self, column: &str, value: impl AsRef<str> + Into<String>) {
        let Some(column) = known_column(column) else {
            return;
        };
        if value.as_ref().trim().is_empty() {
            return;
        }
        match self.fields.iter_mut().find(|(name, _)| *name == column) {
            Some((_, existing)) => *existing = value.into(),
            None => self.fields.push((column, value.into())),
        }
    }

    /// The fields, in no particular order.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.fields
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
    }
}

fn known_column(name: &str) -> Option<&'static str> {
    COLUMNS.iter().find(|column| **column == name).copied()
}

/// What a file held, and the columns it had that fledger does not know (reported, not used).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub records: Vec<RawRecord>,
    pub unknown_columns: Vec<String>,
}

/// Reads CSV, or JSON when the first non-blank character is `[`.
pub fn parse(bytes: &[u8]) -> Result<Parsed> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let line = Starts::of(bytes).line_at(err.valid_up_to());
            bail!(
                "line {line}: the file is not UTF-8 text (invalid byte at offset {})",
                err.valid_up_to()
            );
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('[') {
        parse_json(text)
    } else {
        parse_csv(text)
    }
}

fn check_columns(names: &[String]) -> Result<Vec<String>> {
    for required in ["statement"] {
        if !names.iter().any(|n| n == required) {
            bail!("line 1: missing column '{required}'");
        }
    }
    if !names
        .iter()
        .any(|n| n == "probability" || n == "confidence")
    {
        bail!("line 1: missing column 'probability' or 'confidence' (one of them is required)");
    }
    let mut seen = Vec::new();
    for name in names {
        if seen.contains(name) {
            bail!("line 1: column {} appears twice", quoted(name));
        }
        seen.push(name.clone());
    }
    Ok(unknown_keys(names))
}

fn parse_csv(text: &str) -> Result<Parsed> {
    let (records, unknown_columns) = csv_records(text.as_bytes())?;
    Ok(Parsed {
        records: records.collect::<Result<_>>()?,
        unknown_columns,
    })
}

/// CSV records read one at a time, so an import never holds the whole file.
pub struct CsvRecords<R: Read> {
    reader: csv::Reader<Counted<R>>,
    headers: Vec<String>,
    record: csv::StringRecord,
}

/// Reads the header row and checks the columns; returns the records to come and the columns
/// fledger does not know.
pub fn csv_records<R: Read>(input: R) -> Result<(CsvRecords<R>, Vec<String>)> {
    let (reader, names) = csv_header(input, Fields::Exact)?;
    let headers: Vec<String> = names.iter().map(|name| name.to_lowercase()).collect();
    let unknown_columns = check_columns(&headers)?;
    let records = CsvRecords {
        reader,
        headers,
        record: csv::StringRecord::new(),
    };
    Ok((records, unknown_columns))
}

impl<R: Read> Iterator for CsvRecords<R> {
    type Item = Result<RawRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Err(err) => return Some(Err(csv_error(&mut self.reader, &err))),
                Ok(false) => return None,
                Ok(true) => {}
            }
            if self.record.iter().all(|field| field.trim().is_empty()) {
                continue;
            }
            let line = record_line(&mut self.reader, &self.record);
            let mut record = RawRecord::new(line);
            for (name, value) in self.headers.iter().zip(self.record.iter()) {
                record.set(name, value);
            }
            return Some(Ok(record));
        }
    }
}

/// How many fields a CSV row may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fields {
    /// As many as the header.
    Exact,
    /// As many as the header or fewer, the missing ones at the end read as empty (Metaculus's
    /// export writes rows one field short for questions without a resolution).
    AtMost,
}

/// A CSV reader past its header row, and the header's names as written (spacing and a
/// byte-order mark trimmed); a file without one is refused.
pub(crate) fn csv_header<R: Read>(
    input: R,
    fields: Fields,
) -> Result<(csv::Reader<Counted<R>>, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(fields == Fields::AtMost)
        .from_reader(Counted::new(input));
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(err) => return Err(csv_error(&mut reader, &err)),
    };
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    if names.iter().all(String::is_empty) {
        bail!("line 1: the file is empty (expected a header row)");
    }
    Ok((reader, names))
}

/// JSON Lines: one object per line, read one line at a time; every key met is added to
/// `keys_seen`, to report the unknown ones once all are read.
pub fn json_lines<R: BufRead>(
    input: R,
    keys_seen: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
) -> impl Iterator<Item = Result<RawRecord>> {
    input.lines().enumerate().filter_map(move |(index, line)| {
        let line_number = index + 1;
        let text = match line {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::InvalidData => {
                return Some(Err(anyhow!(
                    "line {line_number}: the file is not UTF-8 text"
                )))
            }
            Err(err) => return Some(Err(err.into())),
        };
        let text = text.trim().trim_start_matches('\u{feff}');
        if text.is_empty() {
            return None;
        }
        let mut keys = keys_seen.lock().unwrap_or_else(|e| e.into_inner());
        Some(
            serde_json::from_str::<Value>(text)
                .map_err(|e| anyhow!("line {line_number}: malformed JSON ({e})"))
                .and_then(|value| record_from_json(line_number, value, &mut keys)),
        )
    })
}

/// The keys (lowercase) that are none of fledger's columns.
pub fn unknown_keys(keys: &[String]) -> Vec<String> {
    keys.iter()
        .filter(|k| !k.is_empty() && !COLUMNS.contains(&k.as_str()))
        .cloned()
        .collect()
}

/// One JSON object as a record; `names_seen` collects every key met, to report unknown ones.
fn record_from_json(line: usize, value: Value, names_seen: &mut Vec<String>) -> Result<RawRecord> {
    let Value::Object(object) = value else {
        bail!("line {line}: expected an object, found {value}");
    };
    let mut record = RawRecord::new(line);
    for (key, value) in object {
        let name = key.trim().to_lowercase();
        if !names_seen.contains(&name) {
            names_seen.push(name.clone());
        }
        if let Some(text) = json_field(&name, value).with_context(|| format!("line {line}"))? {
            record.set(&name, text);
        }
    }
    Ok(record)
}

/// The line a record read by `reader` starts on.
pub(crate) fn record_line<R: Read>(
    reader: &mut csv::Reader<Counted<R>>,
    record: &csv::StringRecord,
) -> usize {
    let offset = record.position().map_or(0, csv::Position::byte);
    reader.get_mut().line_at(offset)
}

/// An error of `reader` as fledger reports it, with the line it counted.
pub(crate) fn csv_error<R: Read>(
    reader: &mut csv::Reader<Counted<R>>,
    err: &csv::Error,
) -> anyhow::Error {
    let line = err.position().map(|p| reader.get_mut().line_at(p.byte()));
    let why = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "the row has {len} fields where the header has {expected_len} (a quote left open, or a stray comma?)"
        ),
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text".to_string(),
        _ => format!("malformed CSV ({err})"),
    };
    match line {
        Some(line) => anyhow!("line {line}: {why}"),
        None => anyhow!("{why}"),
    }
}

fn parse_json(text: &str) -> Result<Parsed> {
    let values: Vec<Value> = serde_json::from_str(text).map_err(|e| {
        anyhow!(
            "line {}: malformed JSON ({e}): expected an array of objects",
            e.line()
        )
    })?;
    let lines = object_start_lines(text);
    let mut names_seen: Vec<String> = Vec::new();
    let mut records = Vec::new();
    for (index, value) in values.into_iter().enumerate() {
        let line = lines.get(index).copied().unwrap_or(1);
        records.push(record_from_json(line, value, &mut names_seen)?);
    }
    if records.is_empty() {
        return Ok(Parsed::default());
    }
    let unknown_columns = check_columns(&names_seen)?;
    Ok(Parsed {
        records,
        unknown_columns,
    })
}

/// A JSON value as the text the CSV reader would have seen in that column.
fn json_field(name: &str, value: Value) -> Result<Option<String>> {
    Ok(match value {
        Value::Null => None,
        Value::String(text) => Some(text),
        // JSON may write 3e-6; Rust's Display writes the same f64 as a plain decimal, the form
        // the CSV columns use.
        Value::Number(number) => Some(match number.as_f64() {
            Some(float) if !number.is_i64() && !number.is_u64() => float.to_string(),
            _ => number.to_string(),
        }),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Array(items) if name == "tags" => {
            let mut tags = Vec::new();
            for item in items {
                match item {
                    Value::String(tag) => tags.push(tag),
                    other => bail!("tags: '{other}' is not a tag (expected a string)"),
                }
            }
            Some(tags.join(&TAG_SEPARATOR.to_string()))
        }
        other => bail!("{name}: '{other}' is not a text or a number"),
    })
}

/// The line on which each top-level object of a JSON array opens, so errors can name it.
fn object_start_lines(text: &str) -> Vec<usize> {
    object_lines(text)
        .into_iter()
        .filter(|&(depth, _)| depth == 1)
        .map(|(_, line)| line)
        .collect()
}

/// Every object of a JSON text in the order they open (which is the order a walk of the
/// parsed value meets them, since keys keep their order), each as its nesting depth (0 for
/// the outermost value) and the line its `{` is on.
pub(crate) fn object_lines(text: &str) -> Vec<(usize, usize)> {
    let mut objects = Vec::new();
    let (mut line, mut depth, mut in_string, mut escaped) = (1, 0usize, false, false);
    let mut after_cr = false;
    for ch in text.chars() {
        if in_string {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else {
            match ch {
                '"' => in_string = true,
                '[' | '{' => {
                    if ch == '{' {
                        objects.push((depth, line));
                    }
                    depth += 1;
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if ch == '\r' || (ch == '\n' && !after_cr) {
            line += 1;
        }
        after_cr = ch == '\r';
    }
    objects
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_headers_are_case_insensitive_and_lines_are_counted() {
        let parsed =
            parse(b"Statement,PROBABILITY,extra\nA,0.5,x\n\"B\nstill B\",0.25,y\nC,0.1,z\n")
                .unwrap();
        assert_eq!(parsed.unknown_columns, vec!["extra"]);
        let lines: Vec<usize> = parsed.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 3, 5]);
        assert_eq!(parsed.records[1].get("statement"), Some("B\nstill B"));
        assert_eq!(parsed.records[0].get("extra"), None);
    }

    #[test]
    fn a_broken_quote_names_its_line() {
        let err = parse(b"statement,probability\nA,0.5\n\"B,0.5\nC,0.1\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("line 3"), "{err}");
    }

    #[test]
    fn non_utf8_names_its_line() {
        let err = parse(b"statement,probability\nA,0.5\nB\xff,0.5\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("line 3: the file is not UTF-8"), "{err}");
    }

    #[test]
    fn missing_columns_are_named() {
        let err = parse(b"statement,forecaster\nA,ana\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("missing column 'probability' or 'confidence'"),
            "{err}"
        );
        let err = parse(b"probability\n0.5\n").unwrap_err().to_string();
        assert!(err.contains("missing column 'statement'"), "{err}");
    }

    #[test]
    fn json_records_know_their_lines_and_tags_may_be_arrays() {
        let text = b"[\n  {\"statement\": \"A {not a brace}\", \"probability\": 0.5},\n  {\n    \"statement\": \"B\",\n    \"probability\": \"25%\", \"tags\": [\"x\", \"y\"]\n  }\n]\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.records.len(), 2);
        assert_eq!(parsed.records[0].line, 2);
        assert_eq!(parsed.records[1].line, 3);
        assert_eq!(parsed.records[1].get("tags"), Some("x;y"));
        assert_eq!(parsed.records[0].get("probability"), Some("0.5"));

        let tiny =
            parse(b"[{\"statement\": \"A\", \"probability\": 3.184845153005154e-6}]").unwrap();
        assert_eq!(
            tiny.records[0].get("probability"),
            Some("0.000003184845153005154")
        );
    }
}
