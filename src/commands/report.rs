use std::io::Write;

use anyhow::{Context as _, Result};

use super::Context;
use crate::cli::ReportArgs;
use crate::ledger::query;
use crate::output::messages;
use crate::report::html::{render, ReportInput, ReportRow};
use crate::score::card::{self, GroupBy, Options};

pub fn run(context: &Context, args: &ReportArgs, out: &mut dyn Write) -> Result<()> {
    let path = context.ledger_path()?;
    let ledger = context.open_for_read()?;
    let rows = query::predictions(ledger.conn(), &args.filter.to_filter()?)?;
    let provenance = format!(
        "Ledger {}, read {}",
        path.display(),
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    let grouped = |by| {
        let options = Options {
            group_by: Some(by),
            ..args.scoring.options()
        };
        card::build(&rows, &options)
    };
    let listed: Vec<ReportRow> = rows
        .iter()
        .map(|row| ReportRow {
            row,
            exclusion: card::fate(row).exclusion(),
            brier: card::prediction_brier(row),
        })
        .collect();
    let html = render(&ReportInput {
        title: &args.title,
        provenance: &provenance,
        rows: &listed,
        by_forecaster: &grouped(GroupBy::Forecaster),
        by_phrase: &grouped(GroupBy::Phrase),
    });
    match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            std::fs::write(path, html)
                .with_context(|| format!("cannot write {}", path.display()))?;
            messages::note(format_args!("wrote {}", path.display()));
        }
        _ => out.write_all(html.as_bytes())?,
    }
    Ok(())
}
