use std::io::Read;

use anyhow::{Context as _, Result};

use super::{current_user, Context};
use crate::cli::ImportArgs;
use crate::confidence;
use crate::interchange;
use crate::ledger::Ledger;

pub fn run(context: &Context, args: &ImportArgs) -> Result<()> {
    let name = args.file.display().to_string();
    let scale = confidence::scale(&args.scale).context("invalid --scale")?;
    let mut bytes = Vec::new();
    if args.file.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
    } else {
        bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {name}"))?;
    }
    let parsed = interchange::parse(&bytes).with_context(|| name.clone())?;
    if !parsed.unknown_columns.is_empty() {
        eprintln!(
            "warning: {name}: ignoring unknown column(s): {}",
            parsed.unknown_columns.join(", ")
        );
    }
    let rows = interchange::validate(&parsed.records, scale).with_context(|| name.clone())?;
    let user = current_user();
    let path = context.ledger_path()?;
    // A dry run against a ledger that does not exist yet checks against an empty one, in
    // memory, rather than create the file it promised not to write.
    let mut ledger = match (args.dry_run, path.exists()) {
        (true, false) => Ledger::open_in_memory()?,
        _ => context.open_for_write()?,
    };
    let summary = if args.dry_run {
        // Every check runs, including those against the ledger; the transaction is then dropped.
        ledger.dry_run(|tx| interchange::apply(tx, &rows, &user))
    } else {
        ledger.write(|tx| interchange::apply(tx, &rows, &user))
    }
    .with_context(|| name.clone())?;
    let verb = if args.dry_run {
        "would import"
    } else {
        "imported"
    };
    eprintln!(
        "{verb} {} predictions ({} new questions, {} new sources, {} resolutions) from {name}",
        summary.predictions, summary.questions, summary.sources, summary.resolutions
    );
    Ok(())
}
