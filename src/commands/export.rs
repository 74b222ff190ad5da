use std::io::Write;

use anyhow::{Context as _, Result};

use super::Context;
use crate::cli::{ExportArgs, ExportKind};
use crate::interchange::foreign::{write_fatebook, ExportFormat};
use crate::interchange::{csv_writer, write_csv_row, JsonRows};
use crate::ledger::query;
use crate::output::Format;
use crate::report::{render_scorecard, Part};

pub fn run(context: &Context, args: &ExportArgs, out: &mut dyn Write) -> Result<()> {
    let format = if args.json { Format::Json } else { args.format };
    let ledger = context.open_for_read()?;
    // Rendered in memory first, so a failure never leaves half a file behind.
    let mut buffer = Vec::new();
    match (args.what, args.to) {
        (ExportKind::Predictions, ExportFormat::Fatebook) => {
            if format != Format::Csv {
                anyhow::bail!(
                    "invalid --format: --to fatebook writes Fatebook's CSV columns, not {format:?}"
                );
            }
            let filter = args.options.filter.to_filter()?;
            write_fatebook(&mut buffer, &query::predictions(ledger.conn(), &filter)?)?;
        }
        (ExportKind::Scores, ExportFormat::Fatebook) => {
            anyhow::bail!("invalid --to: Fatebook takes predictions, not scores (fledger export predictions --to fatebook)")
        }
        // Streamed from the query into the buffer: the rows are never all in memory.
        (ExportKind::Predictions, ExportFormat::Fledger) => {
            let filter = args.options.filter.to_filter()?;
            match format {
                Format::Csv => {
                    let mut writer = csv_writer(&mut buffer)?;
                    query::for_each_prediction(ledger.conn(), &filter, |row| {
                        write_csv_row(&mut writer, &row)
                    })?;
                    writer.flush()?;
                }
                Format::Json => {
                    let mut writer = JsonRows::new(&mut buffer);
                    query::for_each_prediction(ledger.conn(), &filter, |row| writer.push(&row))?;
                    writer.finish()?;
                }
                other => anyhow::bail!(
                    "invalid --format: predictions export as csv or json (the import formats), not {other:?}"
                ),
            }
        }
        (ExportKind::Scores, ExportFormat::Fledger) => {
            let card = super::score_ledger(
                &ledger,
                &args.options.filter.to_filter()?,
                &args.options.options(),
            )?;
            render_scorecard(
                &card,
                args.options.group_by,
                Part::Everything,
                format,
                &mut buffer,
            )?;
        }
    }
    match &args.output {
        Some(path) if path.as_os_str() != "-" => std::fs::write(path, &buffer)
            .with_context(|| format!("cannot write {}", path.display()))?,
        _ => out.write_all(&buffer)?,
    }
    Ok(())
}
