use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::{name_arg, Context};
use crate::cli::date_arg;
use crate::cli::AddArgs;
use crate::confidence;
use crate::ledger::{recorder, NewPrediction, QuestionRef};
use crate::model::dates::Partial;
use crate::output::messages;
use crate::output::{write_json, Format};

pub fn run(context: &Context, args: &AddArgs, out: &mut dyn Write) -> Result<()> {
    let scale = context.scale(args.scale.as_deref())?;
    // With both -p and -c, the number counts and the words are kept as written, unmapped.
    let given = confidence::from_given(
        args.probability.as_deref(),
        args.confidence.as_deref(),
        None,
        &scale,
        ("invalid --probability", "invalid --confidence"),
    )?;
    let question = match (args.question, &args.statement) {
        (Some(id), _) => QuestionRef::Existing(id),
        (None, Some(statement)) => QuestionRef::Statement(statement.clone()),
        (None, None) => unreachable!("clap requires a statement without --question"),
    };
    let prediction = NewPrediction {
        question,
        resolve_by: date_arg(args.resolve_by.as_deref(), "--resolve-by", Partial::End)?,
        tags: args.tags.clone(),
        forecaster: name_arg(args.by.as_deref(), "--by")?,
        source_id: args.source,
        probability: given.probability,
        phrase: given.phrase,
        scale: given.scale,
        scale_version: given.scale_version,
        made_on: date_arg(args.made.as_deref(), "--made", Partial::Refuse)?,
        quote: args.quote.clone(),
        note: args.note.clone(),
    };

    let mut ledger = context.open_for_write()?;
    let user = context.user();
    let recorded = ledger.write(|tx| recorder::record(tx, &prediction, &user))?;
    if let (Some(id), Some(statement)) = (args.question, &args.statement) {
        let question = crate::ledger::questions::get(ledger.conn(), id)?;
        if crate::text::fold_whitespace(statement)
            != crate::text::fold_whitespace(&question.statement)
        {
            messages::warn(format_args!(
                "note: recorded on question {id}, \"{}\"; the statement given was not used",
                question.statement
            ));
        }
    }
    match args.output.format() {
        Format::Json => write_json(
            out,
            &json!({ "question_id": recorded.question_id, "prediction_id": recorded.prediction_id }),
        )?,
        _ => writeln!(out, "{}", recorded.prediction_id)?,
    }
    let on = if recorded.new_question {
        "new question"
    } else {
        "question"
    };
    messages::note(format_args!(
        "logged prediction {} ({} on {on} {})",
        recorded.prediction_id, given.probability, recorded.question_id
    ));
    Ok(())
}
