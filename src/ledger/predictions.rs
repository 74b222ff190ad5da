//! A prediction to record (the question it is on, who made it, when, from which text) and the
//! checks on it that need the stored question or source; `recorder` writes it.

use anyhow::{bail, Result};
use chrono::NaiveDate;

use super::sources;
use crate::model::{format_date, quoted, Probability};

#[derive(Debug, Clone, PartialEq)]
pub enum QuestionRef {
    Existing(i64),
    /// Found by its statement (whitespace folded), or created.
    Statement(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewPrediction {
    pub question: QuestionRef,
    pub resolve_by: Option<NaiveDate>,
    pub tags: Vec<String>,
    /// `None`: the source's author, else the `user` passed to [`record`].
    pub forecaster: Option<String>,
    pub source_id: Option<i64>,
    pub probability: Probability,
    pub phrase: Option<String>,
    pub scale: Option<String>,
    /// The edition of `scale` that mapped the phrase.
    pub scale_version: Option<String>,
    /// `None`: the source's publication date, else today.
    pub made_on: Option<NaiveDate>,
    pub quote: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordedPrediction {
    pub question_id: i64,
    pub prediction_id: i64,
    pub new_question: bool,
}

/// Where the quote stands in the source's archived text. A source without archived text
/// cannot check it: the quote is kept, unverified (no offset).
pub(super) fn verified_offset(source: &sources::Source, quote: &str) -> Result<Option<i64>> {
    let Some(text) = source.text.as_deref() else {
        return Ok(None);
    };
    match crate::text::quote::locate(text, quote) {
        Some((offset, _)) => Ok(Some(i64::try_from(offset)?)),
        None => bail!(
            "{} is not in the archived text of source {} (compared ignoring spacing, quote marks and dashes)",
            shortened(quote),
            source.id
        ),
    }
}

/// A long value, quoted for a one-line message: its start is enough to recognise it.
fn shortened(text: &str) -> String {
    const KEEP: usize = 80;
    if text.chars().count() <= KEEP {
        quoted(text)
    } else {
        let start: String = text.chars().take(KEEP).collect();
        quoted(&format!("{start}…"))
    }
}

/// A question has one deadline; a second prediction may repeat it but not move it.
pub(super) fn check_same_deadline(
    question_id: i64,
    existing: Option<&str>,
    wanted: Option<NaiveDate>,
) -> Result<()> {
    let Some(wanted) = wanted.map(format_date) else {
        return Ok(());
    };
    match existing {
        Some(existing) if existing == wanted => Ok(()),
        Some(existing) => bail!(
            "resolve_by '{wanted}' disagrees with question {question_id}, which resolves by {existing}"
        ),
        None => bail!(
            "resolve_by '{wanted}' cannot be added to question {question_id}, which was logged without a resolve-by date"
        ),
    }
}
