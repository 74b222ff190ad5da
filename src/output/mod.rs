//! What fledger writes for people and programs: rows of values as a terminal table, CSV, JSON
//! or Markdown, the streaming JSON writer, colour, the pager, and the messages on stderr.
//!
//! Every command that prints rows builds a [`Table`] of JSON values, so the four formats
//! show the same data: JSON keeps types (numbers, nulls, arrays), the text formats print them.

pub mod colour;
pub mod messages;
pub mod pager;

use std::io::{IsTerminal, Write};

use anyhow::Result;
use clap::ValueEnum;
use comfy_table::{presets, CellAlignment, ContentArrangement};
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading in a terminal.
    Table,
    Csv,
    Json,
    Markdown,
}

impl Format {
    /// `table` on a terminal; CSV when stdout is a pipe or file, so scripts get data.
    pub fn default_for_stdout() -> Self {
        if std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Csv
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    pub fn new(columns: &[&str]) -> Self {
        Self {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// Rows as JSON objects keyed by column, in column order.
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|row| {
                    Value::Object(
                        self.columns
                            .iter()
                            .cloned()
                            .zip(row.iter().cloned())
                            .collect::<Map<_, _>>(),
                    )
                })
                .collect(),
        )
    }

    pub fn render(&self, format: Format, out: &mut dyn Write) -> Result<()> {
        match format {
            Format::Table => writeln!(out, "{}", self.to_terminal())?,
            Format::Markdown => out.write_all(self.to_markdown().as_bytes())?,
            Format::Csv => self.write_csv(out)?,
            Format::Json => {
                // Serialised from the rows as they are: building `to_json`'s copy of a long
                // listing first tripled its memory.
                serde_json::to_writer_pretty(&mut *out, &Objects(self))?;
                writeln!(out)?;
            }
        }
        Ok(())
    }

    fn to_terminal(&self) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        if std::io::stdout().is_terminal() {
            table.set_content_arrangement(ContentArrangement::Dynamic);
        }
        let colour = colour::enabled();
        if colour {
            // comfy-table would otherwise style only when it sees a terminal itself.
            table.enforce_styling();
        }
        table.set_header(self.columns.iter().map(|column| {
            let cell = comfy_table::Cell::new(column);
            if colour {
                colour::header(cell)
            } else {
                cell
            }
        }));
        for row in &self.rows {
            table.add_row(row.iter().zip(&self.columns).map(|(value, column)| {
                let cell = comfy_table::Cell::new(display(value));
                match (value, column.as_str()) {
                    (Value::Number(_), _) => cell.set_alignment(CellAlignment::Right),
                    (Value::String(outcome), "outcome") if colour => colour::outcome(cell, outcome),
                    _ => cell,
                }
            }));
        }
        table
    }

    fn to_markdown(&self) -> String {
        let escape = |text: String| text.replace('|', "\\|").replace(['\n', '\r'], " ");
        let mut text = format!("| {} |\n", self.columns.join(" | "));
        let rule: Vec<&str> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let numeric = self.rows.iter().any(|r| r[i].is_number());
                if numeric {
                    "---:"
                } else {
                    "---"
                }
            })
            .collect();
        text.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|v| escape(display(v))).collect();
            text.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        text
    }

    /// An HTML `<table>`; numbers right-aligned and rounded as in the terminal.
    pub fn to_html(&self) -> String {
        let mut html = String::from("<table>\n<thead><tr>");
        for column in &self.columns {
            html.push_str(&format!("<th>{}</th>", escape_html(column)));
        }
        html.push_str("</tr></thead>\n<tbody>\n");
        for row in &self.rows {
            html.push_str("<tr>");
            for value in row {
                let class = if value.is_number() {
                    " class=\"num\""
                } else {
                    ""
                };
                html.push_str(&format!("<td{class}>{}</td>", escape_html(&display(value))));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n</table>\n");
        html
    }

    fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&self.columns)?;
        for row in &self.rows {
            writer.write_record(row.iter().map(exact))?;
        }
        writer.flush()?;
        Ok(())
    }
}

pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A table's rows as JSON objects keyed by column, in column order: what [`Table::to_json`]
/// gives, serialised without building it.
struct Objects<'a>(&'a Table);

impl serde::Serialize for Objects<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut rows = serializer.serialize_seq(Some(self.0.rows.len()))?;
        for row in &self.0.rows {
            rows.serialize_element(&Object(&self.0.columns, row))?;
        }
        rows.end()
    }
}

/// One row as a JSON object keyed by column.
struct Object<'a>(&'a [String], &'a [Value]);

impl serde::Serialize for Object<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (column, value) in self.0.iter().zip(self.1) {
            map.serialize_entry(column, value)?;
        }
        map.end()
    }
}

/// A pretty-printed JSON array written one element at a time, byte for byte what
/// `serde_json::to_writer_pretty` makes of the whole array (and a final newline), so a long
/// output never has to be held whole.
pub struct JsonArray<W: Write> {
    out: W,
    elements: usize,
}

impl<W: Write> JsonArray<W> {
    pub fn new(out: W) -> Self {
        JsonArray { out, elements: 0 }
    }

    pub fn push(&mut self, element: &impl serde::Serialize) -> Result<()> {
        // Pretty JSON has raw newlines only between tokens (those inside strings are
        // escaped), so indenting after each one nests the element in the array.
        let text = serde_json::to_string_pretty(element)?;
        let separator = if self.elements == 0 { "[\n" } else { ",\n" };
        write!(self.out, "{separator}  {}", text.replace('\n', "\n  "))?;
        self.elements += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        let end = if self.elements == 0 { "[]\n" } else { "\n]\n" };
        self.out.write_all(end.as_bytes())?;
        self.out.flush()?;
        Ok(())
    }
}

/// Rows rendered as they come: CSV and JSON are written row by row, so a listing of a million
/// predictions is never all in memory; the terminal table and Markdown size their columns
/// from every row, so they collect the rows and render them at [`Rows::finish`]. The output is
/// what [`Table::render`] gives for the same rows.
pub struct Rows<'a> {
    format: Format,
    sink: Sink<'a>,
}

enum Sink<'a> {
    Collect(Table, &'a mut dyn Write),
    // Boxed: the CSV writer carries its buffer inline, several times the other variants.
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    // Buffered: stdout writes through at every newline, and each object has several.
    Json(
        JsonArray<std::io::BufWriter<&'a mut dyn Write>>,
        Vec<String>,
    ),
}

impl<'a> Rows<'a> {
    pub fn new(columns: &[&str], format: Format, out: &'a mut dyn Write) -> Result<Self> {
        let sink = match format {
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(columns)?;
                Sink::Csv(Box::new(writer))
            }
            Format::Json => Sink::Json(
                JsonArray::new(std::io::BufWriter::new(out)),
                columns.iter().map(|c| c.to_string()).collect(),
            ),
            Format::Table | Format::Markdown => Sink::Collect(Table::new(columns), out),
        };
        Ok(Rows { format, sink })
    }

    pub fn push(&mut self, row: Vec<Value>) -> Result<()> {
        match &mut self.sink {
            Sink::Collect(table, _) => table.push(row),
            Sink::Csv(writer) => writer.write_record(row.iter().map(exact))?,
            Sink::Json(array, columns) => array.push(&Object(columns, &row))?,
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        match self.sink {
            Sink::Collect(table, out) => table.render(self.format, out),
            Sink::Csv(mut writer) => Ok(writer.flush()?),
            Sink::Json(array, _) => array.finish(),
        }
    }
}

pub fn write_json(out: &mut dyn Write, value: &Value) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Full precision, for files: a number prints as the shortest text that reads back the same.
fn exact(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(exact).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

/// For people: four decimals at most, a dash for a missing value.
fn display(value: &Value) -> String {
    match value {
        Value::Null => "-".to_string(),
        Value::Number(number) if number.is_f64() => {
            number.as_f64().map_or_else(String::new, round4)
        }
        Value::Array(items) => items.iter().map(display).collect::<Vec<_>>().join(", "),
        other => exact(other),
    }
}

pub fn round4(x: f64) -> String {
    let text = format!("{x:.4}");
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Table {
        let mut table = Table::new(&["name", "p", "tags"]);
        table.push(vec![json!("a|b"), json!(0.125), json!(["x", "y"])]);
        table.push(vec![json!("c"), Value::Null, json!([])]);
        table
    }

    fn rendered(format: Format) -> String {
        let mut out = Vec::new();
        sample().render(format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_is_the_rows_as_objects_in_column_order() {
        let mut expected = Vec::new();
        write_json(&mut expected, &sample().to_json()).unwrap();
        assert_eq!(rendered(Format::Json), String::from_utf8(expected).unwrap());
        assert!(
            rendered(Format::Json).starts_with("[\n  {\n    \"name\": \"a|b\",\n    \"p\": 0.125,")
        );
        let mut empty = Vec::new();
        Table::new(&["a"]).render(Format::Json, &mut empty).unwrap();
        assert_eq!(String::from_utf8(empty).unwrap(), "[]\n");
    }

    #[test]
    fn rows_rendered_as_they_come_are_the_table_rendered_whole() {
        for format in [Format::Table, Format::Csv, Format::Json, Format::Markdown] {
            for table in [sample(), Table::new(&["name", "p", "tags"])] {
                let mut whole = Vec::new();
                table.render(format, &mut whole).unwrap();
                let mut streamed = Vec::new();
                let columns: Vec<&str> = table.columns.iter().map(String::as_str).collect();
                let mut rows = Rows::new(&columns, format, &mut streamed).unwrap();
                for row in &table.rows {
                    rows.push(row.clone()).unwrap();
                }
                rows.finish().unwrap();
                assert_eq!(
                    String::from_utf8(streamed).unwrap(),
                    String::from_utf8(whole).unwrap(),
                    "{format:?} with {} rows",
                    table.rows.len()
                );
            }
        }
    }

    #[test]
    fn csv_is_exact_and_empty_for_null() {
        assert_eq!(rendered(Format::Csv), "name,p,tags\na|b,0.125,x;y\nc,,\n");
    }

    #[test]
    fn markdown_escapes_pipes_and_right_aligns_numbers() {
        assert_eq!(
            rendered(Format::Markdown),
            "| name | p | tags |\n| --- | ---: | --- |\n| a\\|b | 0.125 | x, y |\n| c | - |  |\n"
        );
    }

    #[test]
    fn json_keeps_types() {
        let value: Value = serde_json::from_str(&rendered(Format::Json)).unwrap();
        assert_eq!(
            value,
            json!([{"name": "a|b", "p": 0.125, "tags": ["x", "y"]}, {"name": "c", "p": null, "tags": []}])
        );
    }

    #[test]
    fn people_see_four_decimals() {
        assert_eq!(round4(0.123456), "0.1235");
        assert_eq!(round4(0.5), "0.5");
        assert_eq!(round4(36.04365338911715), "36.0437");
        assert_eq!(round4(-0.00001), "0");
    }
}
