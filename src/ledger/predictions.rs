//! Recording a prediction: the question it is on, who made it, when, from which text.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{clean, journal, now_timestamp, questions, resolutions, sources};
use crate::model::{format_date, quoted, reject_nul, today, Probability};

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

/// Records one prediction, creating its question and forecaster when they are new.
/// `user` is who is at the keyboard: the forecaster when neither `--by` nor a source author says.
pub fn record(conn: &Connection, new: &NewPrediction, user: &str) -> Result<RecordedPrediction> {
    let source = new.source_id.map(|id| sources::get(conn, id)).transpose()?;
    let source_published = match source.as_ref().and_then(|s| s.published.as_deref()) {
        Some(text) => Some(crate::model::parse_date(text)?),
        None => None,
    };
    let made_on = new.made_on.or(source_published).unwrap_or_else(today);
    if made_on > today() {
        bail!("made_on '{}' is in the future", format_date(made_on));
    }
    let forecaster = new
        .forecaster
        .as_deref()
        .or(source.as_ref().and_then(|s| s.author.as_deref()))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .unwrap_or(user);
    if forecaster.trim().is_empty() {
        bail!("no forecaster: pass --by NAME or set $FLEDGER_USER");
    }

    let (question_id, new_question) = match &new.question {
        QuestionRef::Existing(id) => (questions::get(conn, *id)?.id, false),
        QuestionRef::Statement(statement) => match questions::find_by_statement(conn, statement)? {
            Some(id) => (id, false),
            None => (questions::insert(conn, statement, new.resolve_by)?, true),
        },
    };
    if !new_question {
        check_same_deadline(conn, question_id, new.resolve_by)?;
        if let Some(resolution) = resolutions::current(conn, question_id)? {
            if format_date(made_on) > resolution.resolved_on {
                bail!(
                    "made_on '{}' is after question {question_id}'s recorded outcome ({} on {}): a forecast made once the answer was known is hindsight",
                    format_date(made_on),
                    resolution.outcome,
                    resolution.resolved_on
                );
            }
        }
    }

    let quote = clean(new.quote.as_deref());
    let quote_offset = match (quote, source.as_ref()) {
        (Some(quote), Some(source)) => verified_offset(source, quote)?,
        _ => None,
    };

    let forecaster_id = forecaster_id(conn, forecaster)?;
    conn.prepare_cached(
        "INSERT INTO predictions
           (question_id, forecaster_id, source_id, probability, phrase, scale, scale_version,
            made_on, quote, quote_offset, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        question_id,
        forecaster_id,
        new.source_id,
        new.probability.value(),
        clean(new.phrase.as_deref()),
        clean(new.phrase.as_deref()).and(new.scale.as_deref()),
        clean(new.phrase.as_deref())
            .and(new.scale.as_deref())
            .and(new.scale_version.as_deref()),
        format_date(made_on),
        quote,
        quote_offset,
        clean(new.note.as_deref()),
        now_timestamp(),
    ])
    .context("cannot store the prediction")?;
    let prediction_id = conn.last_insert_rowid();
    journal::append(conn, "predictions", &[prediction_id])?;
    questions::add_tags(conn, question_id, &new.tags)?;
    Ok(RecordedPrediction {
        question_id,
        prediction_id,
        new_question,
    })
}

/// Where the quote stands in the source's archived text. A source without archived text
/// cannot check it: the quote is kept, unverified (no offset).
fn verified_offset(source: &sources::Source, quote: &str) -> Result<Option<i64>> {
    let Some(text) = source.text.as_deref() else {
        return Ok(None);
    };
    match crate::quote::locate(text, quote) {
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
fn check_same_deadline(
    conn: &Connection,
    question_id: i64,
    resolve_by: Option<NaiveDate>,
) -> Result<()> {
    let Some(wanted) = resolve_by.map(format_date) else {
        return Ok(());
    };
    let question = questions::get(conn, question_id)?;
    match question.resolve_by {
        Some(existing) if existing == wanted => Ok(()),
        Some(existing) => bail!(
            "resolve_by '{wanted}' disagrees with question {question_id}, which resolves by {existing}"
        ),
        None => bail!(
            "resolve_by '{wanted}' cannot be added to question {question_id}, which was logged without a resolve-by date"
        ),
    }
}

fn forecaster_id(conn: &Connection, name: &str) -> Result<i64> {
    let name = name.trim();
    reject_nul(name).context("forecaster")?;
    let existing: Option<i64> = conn
        .prepare_cached("SELECT id FROM forecasters WHERE name = ?1")?
        .query_row([name], |row| row.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO forecasters (name, created_at) VALUES (?1, ?2)")?
        .execute(params![name, now_timestamp()])?;
    let id = conn.last_insert_rowid();
    journal::append(conn, "forecasters", &[id])?;
    Ok(id)
}
