//! Records to validated rows: every value checked, and rows on one question made to agree.

use anyhow::{anyhow, bail, Context, Result};
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

use super::{RawRecord, TAG_SEPARATOR};
use crate::confidence::{self, Scale};
use crate::ledger::{NewPrediction, NewSource, QuestionRef};
use crate::model::{format_date, parse_date, Outcome};
use crate::text::fold_whitespace;

/// One validated row: the prediction to record and, when the row says so, its question's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    pub line: usize,
    pub prediction: NewPrediction,
    pub source: Option<NewSource>,
    pub outcome: Option<(Outcome, NaiveDate)>,
    pub evidence: Option<String>,
}

impl ImportRow {
    /// When the row was made (its date, else its source's) and when its outcome was known, if
    /// the first is after the second: hindsight, which fledger does not record.
    pub fn hindsight(&self) -> Option<(NaiveDate, NaiveDate)> {
        let (_, resolved_on) = self.outcome?;
        let made = self
            .prediction
            .made_on
            .or(self.source.as_ref().and_then(|s| s.published))?;
        (made > resolved_on).then_some((made, resolved_on))
    }
}

/// One record to one row, every value checked; errors start with the record's line.
pub fn validate_one(record: &RawRecord, default_scale: &Scale) -> Result<ImportRow> {
    validate_fields(record, default_scale).with_context(|| format!("line {}", record.line))
}

fn validate_fields(record: &RawRecord, default_scale: &Scale) -> Result<ImportRow> {
    let text = |column: &str| record.get(column).map(str::trim).filter(|v| !v.is_empty());
    let owned = |column: &str| text(column).map(str::to_string);
    let date = |column: &str| -> Result<Option<NaiveDate>> {
        text(column)
            .map(|value| parse_date(value).with_context(|| column.to_string()))
            .transpose()
    };

    let statement =
        owned("statement").ok_or_else(|| anyhow!("statement: the statement is empty"))?;
    // The scale named for this row's words: the import's own scale (which may be a user's
    // file) by its name, else a built-in one.
    let named_scale = match text("phrase_scale") {
        Some(name) if name.eq_ignore_ascii_case(&default_scale.name) => Some(default_scale),
        Some(name) => Some(confidence::scale(name).context("phrase_scale")?),
        None => None,
    };
    let given = confidence::from_given(
        text("probability"),
        text("confidence"),
        named_scale,
        default_scale,
        ("probability", "confidence"),
    )?;

    let made_on = date("made_on")?;
    let resolved_on = date("resolved_on")?;
    let outcome = text("outcome")
        .map(|value| value.parse::<Outcome>().context("outcome"))
        .transpose()?;
    let outcome = match (outcome, resolved_on) {
        (Some(outcome), Some(on)) => Some((outcome, on)),
        (None, None) => None,
        (Some(outcome), None) => {
            bail!("resolved_on: empty, but outcome is '{outcome}' (when did it happen?)")
        }
        (None, Some(on)) => bail!("outcome: empty, but resolved_on is '{}'", format_date(on)),
    };

    let source_published = date("source_published")?;
    let source = match owned("source_title") {
        Some(title) => Some(NewSource {
            title,
            author: owned("source_author"),
            outlet: owned("source_outlet"),
            url: owned("source_url"),
            published: source_published,
            text: None,
        }),
        None => {
            if let Some(column) = [
                "source_author",
                "source_outlet",
                "source_url",
                "source_published",
            ]
            .into_iter()
            .find(|c| text(c).is_some())
            {
                bail!("source_title: empty, but {column} is given (a source needs a title)");
            }
            None
        }
    };

    let tags = text("tags")
        .map(|all| {
            all.split(TAG_SEPARATOR)
                .filter(|t| !t.trim().is_empty())
                .map(|t| crate::ledger::questions::normalize_tag(t).context("tags"))
                .collect::<Result<Vec<_>>>()
        })
        .transpose()?
        .unwrap_or_default();

    Ok(ImportRow {
        line: record.line,
        prediction: NewPrediction {
            question: QuestionRef::Statement(statement),
            resolve_by: date("resolve_by")?,
            tags,
            forecaster: owned("forecaster"),
            source_id: None,
            probability: given.probability,
            phrase: given.phrase,
            scale: given.scale,
            scale_version: given.scale_version,
            made_on,
            quote: owned("quote"),
            note: owned("note"),
        },
        source,
        outcome,
        evidence: owned("evidence"),
    })
}

/// What the rows seen so far said about one question, with the line that first said it.
#[derive(Default)]
struct Seen {
    resolve_by: Option<(usize, NaiveDate)>,
    outcome: Option<(usize, Outcome, NaiveDate)>,
}

/// Rows with the same statement are one question: where two rows both give a deadline, an
/// outcome or a resolution date, they must give the same one. Fed one row at a time, so a
/// streamed import checks as it goes; memory grows with the questions, not the rows.
#[derive(Default)]
pub struct Agreement {
    questions: HashMap<String, Seen>,
}

impl Agreement {
    pub fn check(&mut self, row: &ImportRow) -> Result<()> {
        let QuestionRef::Statement(statement) = &row.prediction.question else {
            return Ok(());
        };
        let seen = self
            .questions
            .entry(fold_whitespace(statement))
            .or_default();
        let conflict = |field: &str, earlier_line: usize, earlier: String, now: String| {
            anyhow!(
                "line {}: {field} '{now}' disagrees with line {earlier_line}, which gives '{earlier}' for the same statement",
                row.line
            )
        };
        if let Some(resolve_by) = row.prediction.resolve_by {
            match seen.resolve_by {
                Some((line, earlier)) if earlier != resolve_by => {
                    return Err(conflict(
                        "resolve_by",
                        line,
                        format_date(earlier),
                        format_date(resolve_by),
                    ))
                }
                Some(_) => {}
                None => seen.resolve_by = Some((row.line, resolve_by)),
            }
        }
        if let Some((outcome, on)) = row.outcome {
            match seen.outcome {
                Some((line, earlier, _)) if earlier != outcome => {
                    return Err(conflict(
                        "outcome",
                        line,
                        earlier.to_string(),
                        outcome.to_string(),
                    ))
                }
                Some((line, _, earlier_on)) if earlier_on != on => {
                    return Err(conflict(
                        "resolved_on",
                        line,
                        format_date(earlier_on),
                        format_date(on),
                    ))
                }
                Some(_) => {}
                None => seen.outcome = Some((row.line, outcome, on)),
            }
        }
        Ok(())
    }
}
