//! Metaculus's data export: a zip holding question_data.csv, forecast_data.csv and a README
//! that documents every column (written by Metaculus/metaculus, utils/csv_utils.py).
//!
//! question_data.csv: "Question ID", "Question URL", "Question Title", "Question Type"
//! (binary, multiple_choice, numeric, discrete, date), "Categories" (a Python list such as
//! `['Technology', 'AI']`), "Scheduled Close Time", "Actual Close Time", "Resolution" (for a
//! binary question: yes, no, ambiguous, annulled or empty) and "Resolution Known Time".
//! forecast_data.csv: one row per forecast, "Question ID", "Forecaster ID", "Forecaster
//! Username" (or "Forecaster (Anonymized)"), "Start Time", "Forecaster Count" (set only on the
//! community aggregates), "Probability Yes". Times are Python's `2026-01-19 16:45:56+00:00`.
//!
//! Only binary questions have a probability of YES; forecasts on the others, and the
//! community aggregates (not a person's forecast), are left out and counted.
//!
//! What real exports do that the README does not say: rows of a question that is unresolved,
//! annulled or ambiguous are one field short (the writer leaves off the empty last one), so
//! missing trailing fields read as empty; lines end with CRLF; "Is Bot" (True/False) marks bot
//! accounts, which newer exports have and older ones (nine columns, from Question ID to
//! Continuous CDF) lack.

use std::collections::HashMap;
use std::io::{BufReader, Read};

use anyhow::{bail, Context, Result};

use super::table::{Fields, Table, TableRow};
use super::titles::{Titles, RENAMED};
use super::values::{moment, probability, Moment, Scale};
use super::{expand, hindsight, tags, Forecast, Foreign, Options, Row};
use crate::model::{quoted, Outcome};

/// One file of an export: its name for messages (a path, or the zip and the entry) and its
/// bytes.
pub struct Part {
    pub name: String,
    pub reader: Box<dyn Read + Send>,
}

/// The two files of an export, from a folder or a zip.
pub struct Export {
    pub questions: Part,
    pub forecasts: Part,
}

pub const QUESTIONS: &str = "question_data.csv";
pub const FORECASTS: &str = "forecast_data.csv";

/// Whether a header (lowercase) is question_data.csv's.
pub fn recognises_questions(header: &[String]) -> bool {
    ["question id", "question title", "question type"]
        .iter()
        .all(|name| header.iter().any(|h| h == name))
}

/// Whether a header (lowercase) is forecast_data.csv's.
pub fn recognises_forecasts(header: &[String]) -> bool {
    ["question id", "probability yes"]
        .iter()
        .all(|name| header.iter().any(|h| h == name))
}

const AGGREGATE: &str =
    "left out, community aggregates (recency_weighted and the like: not a person's forecast)";
const NOT_BINARY: &str =
    "left out, forecasts on questions that are not binary (fledger scores yes/no questions)";
const BOT: &str = "imported, forecasts by bots ('Is Bot' is True; --exclude-bots leaves them out)";
const BOT_LEFT_OUT: &str = "left out, forecasts by bots ('Is Bot' is True: --exclude-bots)";

const QUESTION_COLUMNS: &[&str] = &[
    "question id",
    "question url",
    "question title",
    "question type",
    "categories",
    "scheduled close time",
    "actual close time",
    "resolution",
    "resolution known time",
];
const FORECAST_COLUMNS: &[&str] = &[
    "question id",
    "forecaster id",
    "forecaster username",
    "forecaster (anonymized)",
    "is bot",
    "start time",
    "forecaster count",
    "probability yes",
];

struct Question {
    title: String,
    url: Option<String>,
    binary: bool,
    settled: Option<(Outcome, Moment)>,
    closes: Option<Moment>,
    tags: Option<String>,
}

fn open(reader: Box<dyn Read + Send>) -> Result<Table<BufReader<Box<dyn Read + Send>>>> {
    Table::open(BufReader::with_capacity(1 << 16, reader), Fields::AtMost)
}

pub fn records(export: Export, options: &Options) -> Result<Foreign> {
    let Export {
        questions,
        forecasts,
    } = export;
    let (by_id, question_unmapped) =
        read_questions(questions.reader).context(questions.name.clone())?;
    let forecast_file = forecasts.name;
    let mut table = open(forecasts.reader).context(forecast_file.clone())?;
    let required =
        |table: &Table<_>, name: &str| table.required(&[name], "Metaculus forecast_data.csv");
    let columns = Columns {
        names: table.names().to_vec(),
        question: required(&table, "question id").context(forecast_file.clone())?,
        forecaster_id: table.column(&["forecaster id"]),
        forecaster: table.column(&["forecaster username", "forecaster (anonymized)"]),
        bot: table.column(&["is bot"]),
        exclude_bots: options.exclude_bots,
        count: table.column(&["forecaster count"]),
        start: required(&table, "start time").context(forecast_file.clone())?,
        probability: required(&table, "probability yes").context(forecast_file.clone())?,
    };
    let unmapped_columns: Vec<String> = [
        (QUESTIONS, question_unmapped),
        (FORECASTS, table.unmapped(FORECAST_COLUMNS)),
    ]
    .into_iter()
    .filter(|(_, names)| !names.is_empty())
    .map(|(file, names)| format!("{file} ({})", names.join(", ")))
    .collect();
    let mut titles = Titles::default();
    let rows = std::iter::from_fn(move || table.next_row()).map(move |row| {
        let row = row?;
        convert(&columns, &by_id, &mut titles, &row).with_context(|| format!("line {}", row.line))
    });
    Ok(Foreign {
        rows: expand(rows),
        unmapped_columns,
        unmapped_are_keys: false,
        file: Some(forecast_file),
    })
}

fn read_questions(
    reader: Box<dyn Read + Send>,
) -> Result<(HashMap<String, Question>, Vec<String>)> {
    let mut table = open(reader)?;
    let format = "Metaculus question_data.csv";
    let id = table.required(&["question id"], format)?;
    let title = table.required(&["question title"], format)?;
    let kind = table.required(&["question type"], format)?;
    let url = table.column(&["question url"]);
    let categories = table.column(&["categories"]);
    let closes = table.column(&["scheduled close time"]);
    let actual_close = table.column(&["actual close time"]);
    let resolution = table.column(&["resolution"]);
    let known = table.column(&["resolution known time"]);
    let names = table.names().to_vec();
    let named = |index: Option<usize>| index.map_or("", |i| names[i].as_str());
    let unmapped = table.unmapped(QUESTION_COLUMNS);
    let mut questions: HashMap<String, (usize, Question)> = HashMap::new();
    while let Some(row) = table.next_row() {
        let row = row?;
        let line = row.line;
        let question = (|| -> Result<(String, Question)> {
            let key = row.get(Some(id)).with_context(|| format!("'{}' is empty", named(Some(id))))?;
            let binary = row.get(Some(kind)).is_some_and(|k| k.eq_ignore_ascii_case("binary"));
            let outcome = match row.get(resolution) {
                Some(value) if binary => Some(outcome(value, named(resolution))?),
                _ => None,
            };
            let settled = match outcome {
                None => None,
                Some(outcome) => {
                    let (column, value) = [known, actual_close]
                        .into_iter()
                        .find_map(|c| Some((c, row.get(c)?)))
                        .with_context(|| format!("'{}' is empty, but the resolution is {outcome} (when did it become known?)", named(known)))?;
                    Some((outcome, moment(value, named(column))?))
                }
            };
            let question = Question {
                title: row
                    .get(Some(title))
                    .with_context(|| format!("'{}' is empty", named(Some(title))))?
                    .to_string(),
                url: row.get(url).map(str::to_string),
                binary,
                settled,
                closes: row.get(closes).map(|v| moment(v, named(closes))).transpose()?,
                tags: tags(row.get(categories).map(python_list).as_deref()),
            };
            Ok((key.to_string(), question))
        })()
        .with_context(|| format!("line {line}"))?;
        let (key, question) = question;
        if let Some((first, _)) = questions.get(&key) {
            bail!(
                "line {line}: 'Question ID' {} appears twice (first on line {first})",
                quoted(&key)
            );
        }
        questions.insert(key, (line, question));
    }
    let by_id = questions
        .into_iter()
        .map(|(key, (_, q))| (key, q))
        .collect();
    Ok((by_id, unmapped))
}

/// `['Technology', 'AI']` (Python's list as text) as `Technology, AI`.
fn python_list(text: &str) -> String {
    text.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|item| item.trim().trim_matches(['\'', '"']).trim())
        .collect::<Vec<_>>()
        .join(",")
}

fn outcome(value: &str, column: &str) -> Result<Outcome> {
    match value.parse::<Outcome>() {
        Ok(outcome) => Ok(outcome),
        Err(_) => bail!(
            "'{column}' = {} is not the resolution of a binary question (expected yes, no, ambiguous, annulled or empty)",
            quoted(value)
        ),
    }
}

struct Columns {
    names: Vec<String>,
    question: usize,
    forecaster_id: Option<usize>,
    forecaster: Option<usize>,
    bot: Option<usize>,
    exclude_bots: bool,
    count: Option<usize>,
    start: usize,
    probability: usize,
}

/// Whether "Is Bot" says so: Python writes True and False.
fn is_bot(value: Option<&str>, column: &str) -> Result<bool> {
    match value {
        None => Ok(false),
        Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
        Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
        Some(v) => bail!("'{column}' = {} is not True or False", quoted(v)),
    }
}

fn convert(
    columns: &Columns,
    questions: &HashMap<String, Question>,
    titles: &mut Titles,
    row: &TableRow,
) -> Result<Vec<Row>> {
    let name = |index: usize| columns.names[index].as_str();
    let notice = |what: &str| {
        Ok(vec![Row::Notice {
            line: row.line,
            what: what.to_string(),
        }])
    };
    let key = row
        .get(Some(columns.question))
        .with_context(|| format!("'{}' is empty", name(columns.question)))?;
    let Some(question) = questions.get(key) else {
        bail!(
            "'{}' = {} is not in {QUESTIONS}",
            name(columns.question),
            quoted(key)
        );
    };
    let aggregate = row.get(columns.count).is_some()
        || (columns.forecaster_id.is_some() && row.get(columns.forecaster_id).is_none());
    if aggregate {
        return notice(AGGREGATE);
    }
    if !question.binary {
        return notice(NOT_BINARY);
    }
    let p = row
        .get(Some(columns.probability))
        .with_context(|| format!("'{}' is empty", name(columns.probability)))?;
    let probability = probability(p, name(columns.probability), Scale::Unit)?;
    let start = row
        .get(Some(columns.start))
        .with_context(|| format!("'{}' is empty", name(columns.start)))?;
    let made = moment(start, name(columns.start))?;
    if let Some((_, known)) = question.settled.filter(|(_, known)| made.after(*known)) {
        return Ok(vec![hindsight(row.line, made, known)]);
    }
    let bot = is_bot(row.get(columns.bot), columns.bot.map_or("", name))?;
    if bot && columns.exclude_bots {
        return notice(BOT_LEFT_OUT);
    }
    let (statement, renamed) =
        titles.statement(&question.title, key, || format!("Metaculus question {key}"));
    let mut rows = Vec::new();
    if bot {
        rows.push(Row::Notice {
            line: row.line,
            what: BOT.to_string(),
        });
    }
    if renamed {
        rows.push(Row::Notice {
            line: row.line,
            what: RENAMED.to_string(),
        });
    }
    let forecast = Forecast {
        statement,
        probability,
        forecaster: row.get(columns.forecaster).map(str::to_string),
        made,
        resolve_by: question.closes,
        settled: question.settled,
        tags: question.tags.clone(),
        note: question.url.clone(),
    };
    rows.push(forecast.row(row.line));
    Ok(rows)
}
