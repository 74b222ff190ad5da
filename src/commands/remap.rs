use std::io::Write;

use anyhow::{Context as _, Result};
use serde_json::{json, Value};

use super::Context;
use crate::cli::RemapArgs;
use crate::confidence::load_scale;
use crate::confidence::remap::remap;
use crate::ledger::query;
use crate::output::{write_json, Format, Table};
use crate::score::card::{self, Options};
use crate::score::Summary;

fn metrics(summary: &Summary) -> Value {
    json!({ "n": summary.n, "brier": summary.brier, "log_loss": summary.log_loss })
}

pub fn run(context: &Context, args: &RemapArgs, out: &mut dyn Write) -> Result<()> {
    let scale = load_scale(&args.scale).context("invalid --scale")?;
    let ledger = context.open_for_read()?;
    let rows = query::predictions(ledger.conn(), &args.filter.to_filter()?)?;
    let (remapped_rows, phrases) = remap(&rows, &scale);
    let options = Options {
        group_by: args.group_by,
        ..Options::default()
    };
    let current = card::build(&rows, &options);
    let remapped = card::build(&remapped_rows, &options);

    let mut comparison = Table::new(&[
        "group",
        "n",
        "brier_now",
        &format!("brier_{}", scale.name),
        "log_loss_now",
        &format!("log_loss_{}", scale.name),
    ]);
    let pairs = current
        .groups
        .iter()
        .map(|g| (g.group.as_str(), &g.summary))
        .zip(remapped.groups.iter().map(|g| &g.summary))
        .chain(std::iter::once((
            ("(all)", &current.overall),
            &remapped.overall,
        )));
    for ((name, now), then) in pairs {
        comparison.push(vec![
            json!(name),
            json!(now.n),
            json!(now.brier),
            json!(then.brier),
            json!(now.log_loss),
            json!(then.log_loss),
        ]);
    }
    let mut readings = Table::new(&[
        "phrase",
        "predictions",
        "probability_now",
        &format!("probability_{}", scale.name),
    ]);
    for (phrase, reading) in &phrases {
        readings.push(vec![
            json!(phrase),
            json!(reading.count),
            json!(reading.current),
            json!(reading.remapped),
        ]);
    }
    let unreadable = phrases
        .values()
        .filter(|r| r.remapped.is_none())
        .map(|r| r.count)
        .sum::<usize>();

    match args.output.format() {
        Format::Json => write_json(
            out,
            &json!({
                "scale": scale.name,
                "scale_version": scale.version,
                "overall": { "now": metrics(&current.overall), "remapped": metrics(&remapped.overall) },
                "groups": current.groups.iter().zip(&remapped.groups).map(|(now, then)| json!({
                    "group": now.group, "now": metrics(&now.summary), "remapped": metrics(&then.summary)
                })).collect::<Vec<_>>(),
                "phrases": readings.to_json(),
            }),
        ),
        Format::Csv => comparison.render(Format::Csv, out),
        format => {
            writeln!(
                out,
                "Scores now and with every phrase read on {} ({})",
                scale.name, scale.version
            )?;
            comparison.render(format, out)?;
            writeln!(out)?;
            readings.render(format, out)?;
            writeln!(
                out,
                "{} {} their number: {} has no reading for their words. Nothing was written.",
                crate::model::counted(unreadable, "prediction"),
                if unreadable == 1 { "keeps" } else { "keep" },
                scale.name
            )?;
            Ok(())
        }
    }
}
