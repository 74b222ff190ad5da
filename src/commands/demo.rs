use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};

use super::Context;
use crate::cli::DemoArgs;
use crate::interchange::seed_ledger;
use crate::ledger::Ledger;
use crate::output::messages;
use crate::output::Format;
use crate::report::{render_scorecard, Part};
use crate::score::card::{self, GroupBy};

const DEFAULT_FILE: &str = "fledger-demo.db";

pub fn run(context: &Context, args: &DemoArgs, out: &mut dyn Write) -> Result<()> {
    // Only an explicit --db: $FLEDGER_DB is the user's real ledger, never a demo target.
    let path = context
        .explicit_db()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_FILE));
    if path.exists() {
        if !args.force {
            bail!(
                "{} already exists: pass --force to replace it, or --db PATH for another file",
                path.display()
            );
        }
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{}{suffix}", path.display()));
            if file.exists() {
                std::fs::remove_file(&file)
                    .with_context(|| format!("cannot remove {}", file.display()))?;
            }
        }
    }
    let mut ledger = Ledger::open(&path)?;
    let summary = seed_ledger::load(&mut ledger, "fledger demo")?;
    messages::note(format_args!(
        "demo ledger {}: {} predictions on {} questions from {} sources, {} resolved",
        path.display(),
        summary.predictions,
        summary.questions,
        summary.sources,
        summary.resolutions
    ));
    let rows = crate::ledger::query::predictions(ledger.conn(), &Default::default())?;
    let options = card::Options {
        group_by: Some(GroupBy::Forecaster),
        ..card::Options::default()
    };
    let card = card::build(&rows, &options);
    let format = args.output.format.unwrap_or(Format::Table);
    let format = if args.output.json {
        Format::Json
    } else {
        format
    };
    render_scorecard(&card, options.group_by, Part::Everything, format, out)?;
    let db = path.display();
    messages::note("");
    messages::note(format_args!("Explore it further:"));
    for command in [
        format!("fledger --db {db} list"),
        format!("fledger --db {db} show 1"),
        format!("fledger --db {db} score --group-by phrase"),
        format!("fledger --db {db} score --group-by source --format markdown"),
        format!("fledger --db {db} source list"),
        format!("fledger --db {db} export predictions -o ledger.csv"),
    ] {
        messages::note(format_args!("  {command}"));
    }
    Ok(())
}
