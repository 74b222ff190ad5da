//! PredictionBook (predictionbook.com): its API's JSON.
//!
//! `GET /api/my_predictions` answers `{"user": {...}, "predictions": [...]}` and
//! `GET /api/predictions` a bare array (bellroy/predictionbook: app/controllers/api,
//! app/serializers). A prediction has `id`, `description`, `deadline`, `created_at`,
//! `updated_at`, `withdrawn`, `outcome` (true, false or null) and `responses`; a response has
//! `confidence` (0–100, null for a comment alone), `created_at`, `comment`, `user_id` and
//! `user_label`. Since 2023-08 a prediction also has `last_judgement_at` (when it was last
//! judged) and `description_with_group` (the description after its group's, for a prediction
//! in a group). Older dumps carry `judgements` (`outcome`, `created_at`) instead of, or beside,
//! `outcome`. The outcome is dated by the latest judgement, else by `last_judgement_at`, else
//! by `updated_at` — the prediction's last edit, usually its creation (PredictionBook's
//! `judge!` does not touch the prediction), as Fatebook's PredictionBook importer does; the
//! import says how many forecasts that last, weak, date concerns. A withdrawn prediction is
//! kept as annulled.

use std::collections::HashMap;

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

use super::titles::{Titles, RENAMED};
use super::values::{moment, probability, Moment, Scale};
use super::{expand, hindsight, Forecast, Foreign, Row};
use crate::interchange::read::object_lines;
use crate::model::Outcome;

/// Whether parsed JSON is PredictionBook's: an object with `predictions`, or predictions
/// themselves (objects with `responses`).
pub fn recognises(value: &Value) -> bool {
    match value {
        Value::Object(object) => {
            object.contains_key("responses")
                || object.get("predictions").is_some_and(Value::is_array)
        }
        Value::Array(items) => items.first().is_some_and(recognises),
        _ => false,
    }
}

const NO_CONFIDENCE: &str =
    "left out, responses without a confidence (a comment alone is not a forecast)";
const DATED_BY_EDIT: &str =
    "imported forecasts whose outcome is dated by 'updated_at', the prediction's last edit, which may be long before it was judged (the file has neither 'judgements' nor 'last_judgement_at')";

/// The keys each kind of object has that fledger reads; any other is reported.
const TOP_KEYS: &[&str] = &["user", "predictions"];
const ACCOUNT_KEYS: &[&str] = &["user_id", "name"];
const PREDICTION_KEYS: &[&str] = &[
    "id",
    "description",
    "description_with_group",
    "deadline",
    "created_at",
    "updated_at",
    "withdrawn",
    "outcome",
    "last_judgement_at",
    "judgements",
    "responses",
];
const JUDGEMENT_KEYS: &[&str] = &["outcome", "created_at"];
const RESPONSE_KEYS: &[&str] = &[
    "confidence",
    "created_at",
    "comment",
    "user_label",
    "user",
    "user_id",
];

/// The keys met that fledger does not read, by the kind of object they are in, in the order
/// first met.
#[derive(Default)]
struct Unread(Vec<(&'static str, Vec<String>)>);

impl Unread {
    fn note(&mut self, kind: &'static str, known: &[&str], object: &Value) {
        let Value::Object(object) = object else {
            return;
        };
        for key in object.keys() {
            if known.contains(&key.as_str()) {
                continue;
            }
            let at = match self.0.iter().position(|(k, _)| *k == kind) {
                Some(at) => at,
                None => {
                    self.0.push((kind, Vec::new()));
                    self.0.len() - 1
                }
            };
            if !self.0[at].1.contains(key) {
                self.0[at].1.push(key.clone());
            }
        }
    }

    /// As the import lists them: `predictions (uuid, version), responses (id)`.
    fn listed(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|(kind, keys)| format!("{kind} ({})", keys.join(", ")))
            .collect()
    }
}

pub fn records(text: &str) -> Result<Foreign> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let document: Value = serde_json::from_str(text)
        .map_err(|e| anyhow!("line {}: malformed JSON ({e})", e.line()))?;
    let lines = Lines::of(&document, text);
    let (predictions, account) = match &document {
        Value::Array(items) => (items.as_slice(), None),
        Value::Object(object) if object.contains_key("predictions") => (
            object["predictions"]
                .as_array()
                .map(Vec::as_slice)
                .ok_or_else(|| anyhow!("line 1: 'predictions' is not a list"))?,
            object.get("user"),
        ),
        single @ Value::Object(_) => (std::slice::from_ref(single), None),
        other => bail!("line 1: expected PredictionBook predictions, found {other}"),
    };
    let mut unread = Unread::default();
    if document.get("predictions").is_some() {
        unread.note("the top level", TOP_KEYS, &document);
    }
    if let Some(account) = account {
        unread.note("user", ACCOUNT_KEYS, account);
    }
    for prediction in predictions {
        unread.note("predictions", PREDICTION_KEYS, prediction);
        let each = |key: &str| {
            prediction
                .get(key)
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice)
        };
        for judgement in each("judgements") {
            unread.note("judgements", JUDGEMENT_KEYS, judgement);
        }
        for response in each("responses") {
            unread.note("responses", RESPONSE_KEYS, response);
        }
    }
    let mut titles = Titles::default();
    let rows: Vec<Result<Vec<Row>>> = predictions
        .iter()
        .map(|prediction| convert(prediction, account, &lines, &mut titles))
        .collect();
    Ok(Foreign {
        rows: expand(rows.into_iter()),
        unmapped_columns: unread.listed(),
        unmapped_are_keys: true,
        file: None,
    })
}

/// The line each object of the document opens on, found by its address in the parsed value.
struct Lines(HashMap<*const Value, usize>);

impl Lines {
    fn of_value(
        value: &Value,
        lines: &mut impl Iterator<Item = usize>,
        map: &mut HashMap<*const Value, usize>,
    ) {
        match value {
            Value::Object(object) => {
                map.insert(value as *const Value, lines.next().unwrap_or(1));
                for child in object.values() {
                    Self::of_value(child, lines, map);
                }
            }
            Value::Array(items) => {
                for item in items {
                    Self::of_value(item, lines, map);
                }
            }
            _ => {}
        }
    }

    fn of(document: &Value, text: &str) -> Self {
        let mut map = HashMap::new();
        let mut lines = object_lines(text).into_iter().map(|(_, line)| line);
        Self::of_value(document, &mut lines, &mut map);
        Lines(map)
    }

    fn line(&self, value: &Value) -> usize {
        self.0.get(&(value as *const Value)).copied().unwrap_or(1)
    }
}

fn text<'v>(object: &'v Value, key: &str) -> Option<&'v str> {
    object
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

fn time(object: &Value, key: &str) -> Result<Option<Moment>> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(value)) => moment(value, key).map(Some),
        Some(other) => bail!("'{key}' = '{other}' is not a date or time"),
    }
}

/// A settled question: its outcome, when it became known, and whether that is only the
/// prediction's last edit.
#[derive(Clone, Copy)]
struct Settled {
    outcome: Outcome,
    known: Moment,
    by_edit: bool,
}

/// The question's outcome and when it became known, if it is settled.
fn settled(prediction: &Value) -> Result<Option<Settled>> {
    let settled = |outcome, known| Settled {
        outcome,
        known,
        by_edit: false,
    };
    let outcome = |value: &Value, key: &str| -> Result<Option<Outcome>> {
        match value.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(true)) => Ok(Some(Outcome::Yes)),
            Some(Value::Bool(false)) => Ok(Some(Outcome::No)),
            Some(other) => {
                bail!("'{key}' = '{other}' is not an outcome (expected true, false or null)")
            }
        }
    };
    if prediction.get("withdrawn").and_then(Value::as_bool) == Some(true) {
        let when = time(prediction, "updated_at")?.or(time(prediction, "created_at")?);
        let when = when.context("'updated_at' is missing: when was the prediction withdrawn?")?;
        return Ok(Some(settled(Outcome::Annulled, when)));
    }
    if let Some(judgement) = prediction
        .get("judgements")
        .and_then(Value::as_array)
        .and_then(|all| all.last())
    {
        return match outcome(judgement, "outcome").context("judgements")? {
            Some(outcome) => {
                let when = time(judgement, "created_at")
                    .context("judgements")?
                    .context("judgements: 'created_at' is missing: when was it judged?")?;
                Ok(Some(settled(outcome, when)))
            }
            None => Ok(None),
        };
    }
    let Some(outcome) = outcome(prediction, "outcome")? else {
        return Ok(None);
    };
    if let Some(when) = time(prediction, "last_judgement_at")? {
        return Ok(Some(settled(outcome, when)));
    }
    let when = time(prediction, "updated_at")?.context(
        "'last_judgement_at' and 'updated_at' are missing: when was the prediction judged?",
    )?;
    Ok(Some(Settled {
        outcome,
        known: when,
        by_edit: true,
    }))
}

/// Who made a response: its label, else its user's name, else the account's own name when
/// the response is the account holder's, else the user id.
fn forecaster(response: &Value, account: Option<&Value>) -> Option<String> {
    if let Some(label) = text(response, "user_label") {
        return Some(label.to_string());
    }
    match response.get("user") {
        Some(Value::String(name)) if !name.trim().is_empty() => {
            return Some(name.trim().to_string())
        }
        Some(user @ Value::Object(_)) => {
            if let Some(name) = text(user, "name").or(text(user, "login")) {
                return Some(name.to_string());
            }
        }
        _ => {}
    }
    let user_id = response.get("user_id").filter(|id| !id.is_null())?;
    match account {
        Some(account) if account.get("user_id") == Some(user_id) => {
            text(account, "name").map(str::to_string)
        }
        _ => Some(format!("PredictionBook user {user_id}")),
    }
}

/// What a prediction says about its question.
struct Question<'v> {
    title: &'v str,
    key: String,
    url: Option<String>,
    resolve_by: Option<Moment>,
    settled: Option<Settled>,
    responses: &'v [Value],
}

fn question<'v>(prediction: &'v Value, line: usize) -> Result<Question<'v>> {
    let id = prediction.get("id").filter(|id| !id.is_null());
    Ok(Question {
        title: text(prediction, "description_with_group")
            .or(text(prediction, "description"))
            .context("'description' is empty")?,
        key: id.map_or_else(|| format!("line {line}"), Value::to_string),
        url: id.map(|id| format!("https://predictionbook.com/predictions/{id}")),
        resolve_by: time(prediction, "deadline")?,
        settled: settled(prediction)?,
        responses: match prediction.get("responses") {
            Some(Value::Array(responses)) => responses.as_slice(),
            None | Some(Value::Null) => &[],
            Some(other) => bail!("'responses' = '{other}' is not a list"),
        },
    })
}

fn convert(
    prediction: &Value,
    account: Option<&Value>,
    lines: &Lines,
    titles: &mut Titles,
) -> Result<Vec<Row>> {
    let prediction_line = lines.line(prediction);
    let Question {
        title,
        key,
        url,
        resolve_by,
        settled,
        responses,
    } = question(prediction, prediction_line).with_context(|| format!("line {prediction_line}"))?;
    let (statement, renamed) = titles.statement(title, &key, || format!("PredictionBook #{key}"));
    let mut rows = Vec::new();
    for (index, response) in responses.iter().enumerate() {
        let line = lines.line(response);
        if index == 0 && renamed {
            rows.push(Row::Notice {
                line,
                what: RENAMED.to_string(),
            });
        }
        let converted = (|| -> Result<Row> {
            let confidence = match response.get("confidence") {
                None | Some(Value::Null) => {
                    return Ok(Row::Notice {
                        line,
                        what: NO_CONFIDENCE.to_string(),
                    })
                }
                Some(Value::Number(n)) => n.to_string(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            };
            let probability = probability(&confidence, "confidence", Scale::Percent)?;
            let made = time(response, "created_at")?
                .context("'created_at' is missing: when was the forecast made?")?;
            if let Some(settled) = settled.filter(|s| made.after(s.known)) {
                return Ok(hindsight(line, made, settled.known));
            }
            let note = match (&url, text(response, "comment")) {
                (Some(url), Some(comment)) => Some(format!("{url} — {comment}")),
                (Some(url), None) => Some(url.clone()),
                (None, comment) => comment.map(str::to_string),
            };
            let forecast = Forecast {
                statement: statement.clone(),
                probability,
                forecaster: forecaster(response, account),
                made,
                resolve_by,
                settled: settled.map(|s| (s.outcome, s.known)),
                tags: None,
                note,
            };
            Ok(forecast.row(line))
        })()
        .with_context(|| format!("line {line}: responses"))?;
        let imported = matches!(converted, Row::Record(_));
        rows.push(converted);
        if imported && settled.is_some_and(|s| s.by_edit) {
            rows.push(Row::Notice {
                line,
                what: DATED_BY_EDIT.to_string(),
            });
        }
    }
    Ok(rows)
}
