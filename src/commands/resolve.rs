use std::io::Write;

use anyhow::{Context as _, Result};
use serde_json::json;

use super::{name_arg, Context};
use crate::cli::date_arg;
use crate::cli::ResolveArgs;
use crate::ledger::{resolutions, NewResolution};
use crate::model::dates::Partial;
use crate::model::{today, Outcome};
use crate::output::messages;
use crate::output::{write_json, Format};

pub fn run(context: &Context, args: &ResolveArgs, out: &mut dyn Write) -> Result<()> {
    let outcome: Outcome = args.outcome.parse().context("invalid OUTCOME")?;
    let resolution = NewResolution {
        question_id: args.question,
        outcome,
        resolved_on: date_arg(args.on.as_deref(), "--on", Partial::Refuse)?.unwrap_or_else(today),
        evidence: args.evidence.clone(),
        resolved_by: name_arg(args.by.as_deref(), "--by")?.unwrap_or_else(|| context.user()),
        reason: args.reason.clone(),
    };
    let mut ledger = context.open_for_write()?;
    let recorded = ledger.write(|tx| resolutions::insert(tx, &resolution))?;
    if args.output.format() == Format::Json {
        write_json(
            out,
            &json!({ "question_id": args.question, "resolution_id": recorded.resolution_id }),
        )?;
    }
    messages::note(format_args!(
        "question {} resolved {outcome}",
        args.question
    ));
    if recorded.hindsight_predictions > 0 {
        messages::warn(format_args!(
            "warning: {} on this question {} made after {}; left out of scores as hindsight",
            crate::model::counted(recorded.hindsight_predictions, "prediction"),
            if recorded.hindsight_predictions == 1 {
                "was"
            } else {
                "were"
            },
            crate::model::format_date(resolution.resolved_on)
        ));
    }
    Ok(())
}
