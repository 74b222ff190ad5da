use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::ShowArgs;
use crate::ledger::{query, questions, resolutions, sources};
use crate::model::rows::Filter;
use crate::output::{write_json, Format, Table};

pub fn run(context: &Context, args: &ShowArgs, out: &mut dyn Write) -> Result<()> {
    let ledger = context.open_for_read()?;
    let conn = ledger.conn();
    let question = questions::get(conn, args.id)?;
    let filter = Filter {
        question_id: Some(question.id),
        ..Filter::default()
    };
    let rows = query::predictions(conn, &filter)?;
    let history = resolutions::history(conn, question.id)?;

    let mut predictions = Table::new(&[
        "prediction_id",
        "forecaster",
        "probability",
        "phrase",
        "scale",
        "made_on",
        "source_id",
        "source_title",
        "quote",
        "quote_verified",
        "note",
        "withdrawn",
        "withdrawn_after_outcome",
        "evidence_class",
        "recorded_at",
    ]);
    for row in &rows {
        predictions.push(vec![
            json!(row.prediction_id),
            json!(row.forecaster),
            json!(row.probability),
            json!(row.phrase),
            json!(row.scale),
            json!(row.made_on),
            json!(row.source_id),
            json!(row.source_title),
            json!(row.quote),
            json!(row.quote.as_ref().map(|_| row.quote_offset.is_some())),
            json!(row.note),
            json!(row.withdrawn),
            json!(row.withdrawn.as_ref().map(|_| row.withdrawn_after_outcome)),
            json!(row.evidence_class),
            json!(row.created_at),
        ]);
    }
    let mut resolution_table = Table::new(&[
        "resolution_id",
        "outcome",
        "resolved_on",
        "evidence",
        "resolved_by",
        "reason",
        "recorded_at",
    ]);
    for resolution in &history {
        resolution_table.push(vec![
            json!(resolution.id),
            json!(resolution.outcome),
            json!(resolution.resolved_on),
            json!(resolution.evidence),
            json!(resolution.resolved_by),
            json!(resolution.reason),
            json!(resolution.created_at),
        ]);
    }
    let current = history.last();
    // Each verified quote in its sentence, from the source's archived text.
    let mut contexts = Vec::new();
    for row in &rows {
        let (Some(quote), Some(source_id), Some(_)) = (&row.quote, row.source_id, row.quote_offset)
        else {
            continue;
        };
        if let Some(text) = sources::get(conn, source_id)?.text {
            if let Some(context) = crate::text::quote::in_context(&text, quote) {
                contexts.push((row.prediction_id, context));
            }
        }
    }

    match args.output.format() {
        Format::Json => write_json(
            out,
            &json!({
                "question_id": question.id,
                "statement": question.statement,
                "resolve_by": question.resolve_by,
                "tags": question.tags,
                "outcome": current.map(|r| r.outcome),
                "resolved_on": current.map(|r| &r.resolved_on),
                "predictions": predictions.to_json(),
                "quotes_in_context": contexts.iter().map(|(id, context)| json!({
                    "prediction_id": id, "context": context
                })).collect::<Vec<_>>(),
                "resolutions": resolution_table.to_json(),
            }),
        ),
        // One table per file: CSV carries the predictions.
        Format::Csv => predictions.render(Format::Csv, out),
        format => {
            let heading = if format == Format::Markdown {
                "## "
            } else {
                ""
            };
            writeln!(
                out,
                "{heading}Question {}: {}",
                question.id, question.statement
            )?;
            writeln!(out)?;
            writeln!(
                out,
                "resolve by: {}",
                question.resolve_by.as_deref().unwrap_or("-")
            )?;
            writeln!(
                out,
                "tags:       {}",
                if question.tags.is_empty() {
                    "-".to_string()
                } else {
                    question.tags.join(", ")
                }
            )?;
            match current {
                Some(r) => writeln!(out, "outcome:    {} on {}", r.outcome, r.resolved_on)?,
                None => writeln!(out, "outcome:    open")?,
            }
            writeln!(out)?;
            writeln!(out, "{heading}Predictions")?;
            predictions.render(format, out)?;
            for (id, context) in &contexts {
                writeln!(out, "prediction {id}, in its source: {context}")?;
            }
            writeln!(out)?;
            writeln!(out, "{heading}Resolution history (the latest counts)")?;
            if history.is_empty() {
                writeln!(out, "none yet")?;
                Ok(())
            } else {
                resolution_table.render(format, out)
            }
        }
    }
}
