use std::io::Write;

use anyhow::{Context as _, Result};

use super::Context;
use crate::cli::ScoreArgs;
use crate::ledger::{query, Ledger};
use crate::model::rows::Filter;
use crate::output::messages;
use crate::report::{render_scorecard, scorecard_svg, Part};
use crate::score::card::{self, Options, Scorecard};

/// The scorecard of the predictions `filter` selects, as `options` asks: what `score`,
/// `export scores` and a program using the library all get. Streamed: only the columns
/// scoring reads, one row at a time into the builder.
pub fn score_ledger(ledger: &Ledger, filter: &Filter, options: &Options) -> Result<Scorecard> {
    let mut builder = card::Builder::new(options);
    query::for_each_scored(
        ledger.conn(),
        filter,
        card::GroupBy::column(options.group_by),
        |row| builder.push(row),
    )?;
    Ok(builder.finish())
}

pub fn run(context: &Context, args: &ScoreArgs, out: &mut dyn Write) -> Result<()> {
    let ledger = context.open_for_read()?;
    let card = score_ledger(
        &ledger,
        &args.options.filter.to_filter()?,
        &args.options.options(),
    )?;
    let chart = args.chart.as_ref().map(|path| {
        let title = match args.options.group_by {
            Some(by) => format!("Calibration by {}", by.name()),
            None => "Calibration".to_string(),
        };
        (path, scorecard_svg(&card, &title))
    });
    // `--chart -`: stdout is the SVG, and only the SVG.
    if let Some((path, svg)) = &chart {
        if path.as_os_str() == "-" {
            out.write_all(svg.as_bytes())?;
            return Ok(());
        }
    }
    let part = match (args.calibration, args.peers, args.corp) {
        (true, _, _) => Part::Calibration,
        (_, true, _) => Part::Peers,
        (_, _, true) => Part::Corp,
        _ => Part::Everything,
    };
    render_scorecard(
        &card,
        args.options.group_by,
        part,
        args.output.format(),
        out,
    )?;
    if let Some((path, svg)) = chart {
        std::fs::write(path, svg).with_context(|| format!("cannot write {}", path.display()))?;
        messages::note(format_args!(
            "wrote the calibration chart to {}",
            path.display()
        ));
    }
    Ok(())
}
