//! Records to validated rows: every value checked, and rows on one question made to agree.

use std::collections::HashMap;

use anyhow::{anyhow, bail, Context, Result};
use chrono::NaiveDate;

use super::{RawRecord, TAG_SEPARATOR};
use crate::confidence::{self, Scale};
use crate::ledger::{NewPrediction, NewSource, QuestionRef};
use crate::model::{fold_whitespace, format_date, parse_date, Outcome};

/// One validated row: the prediction to record and, when the row says so, its question's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    pub line: usize,
    pub prediction: NewPrediction,
    pub source: Option<NewSource>,
    pub outcome: Option<(Outcome, NaiveDate)>,
    pub evidence: Option<String>,
}

pub fn validate(records: &[RawRecord], default_scale: &Scale) -> Result<Vec<ImportRow>> {
    let rows = records
        .iter()
        .map(|record| {
            validate_one(record, default_scale).with_context(|| format!("line {}", record.line))
        })
        .collect::<Result<Vec<_>>>()?;
    check_questions_agree(&rows)?;
    Ok(rows)
}

fn validate_one(record: &RawRecord, default_scale: &Scale) -> Result<ImportRow> {
    let text = |column: &str| record.get(column).map(str::trim).filter(|v| !v.is_empty());
    let owned = |column: &str| text(column).map(str::to_string);
    let date = |column: &str| -> Result<Option<NaiveDate>> {
        text(column)
            .map(|value| parse_date(value).with_context(|| column.to_string()))
            .transpose()
    };

    let statement =
        owned("statement").ok_or_else(|| anyhow!("statement: the statement is empty"))?;
    let scale = match text("phrase_scale") {
        Some(name) => Some(confidence::scale(name).context("phrase_scale")?),
        None => None,
    };
    let (probability, phrase, scale_name) = match (text("probability"), text("confidence")) {
        (None, None) => {
            bail!("probability: empty, and no confidence either (one of them is required)")
        }
        (Some(number), words) => {
            let probability = confidence::parse_probability(number).context("probability")?;
            // The number is authoritative; the words are kept as written. A number written
            // in the confidence column is not a phrase.
            let phrase = words.filter(|w| confidence::parse_probability(w).is_err());
            (
                probability,
                phrase.map(str::to_string),
                phrase.and(scale.map(|s| s.name)),
            )
        }
        (None, Some(words)) => {
            let parsed = confidence::parse_confidence(words, scale.unwrap_or(default_scale))
                .context("confidence")?;
            (parsed.probability, parsed.phrase, parsed.scale)
        }
    };

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

    if let (Some((_, resolved_on)), Some(made)) = (outcome, made_on.or(source_published)) {
        if made > resolved_on {
            bail!(
                "made_on '{}' is after resolved_on '{}': a forecast made once the answer was known is hindsight",
                format_date(made),
                format_date(resolved_on)
            );
        }
    }

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
            probability,
            phrase,
            scale: scale_name.map(str::to_string),
            scale_version: None,
            made_on,
            quote: owned("quote"),
            note: owned("note"),
        },
        source,
        outcome,
        evidence: owned("evidence"),
    })
}

/// Rows with the same statement are one question: where two rows both give a deadline, an
/// outcome or a resolution date, they must give the same one.
fn check_questions_agree(rows: &[ImportRow]) -> Result<()> {
    let mut first_seen: HashMap<String, &ImportRow> = HashMap::new();
    for row in rows {
        let QuestionRef::Statement(statement) = &row.prediction.question else {
            continue;
        };
        let key = fold_whitespace(statement);
        let Some(earlier) = first_seen.get(&key).copied() else {
            first_seen.insert(key, row);
            continue;
        };
        let conflict = |field: &str, a: String, b: String| {
            anyhow!(
                "line {}: {field} '{b}' disagrees with line {}, which gives '{a}' for the same statement",
                row.line,
                earlier.line
            )
        };
        if let (Some(a), Some(b)) = (earlier.prediction.resolve_by, row.prediction.resolve_by) {
            if a != b {
                return Err(conflict("resolve_by", format_date(a), format_date(b)));
            }
        }
        if let (Some((a, on_a)), Some((b, on_b))) = (earlier.outcome, row.outcome) {
            if a != b {
                return Err(conflict("outcome", a.to_string(), b.to_string()));
            }
            if on_a != on_b {
                return Err(conflict(
                    "resolved_on",
                    format_date(on_a),
                    format_date(on_b),
                ));
            }
        }
        if earlier.outcome.is_none() && row.outcome.is_some() {
            // Later rows may be the first to carry the outcome: compare the rest against them.
            first_seen.insert(key, row);
        }
    }
    Ok(())
}
