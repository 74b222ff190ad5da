use std::io::IsTerminal;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use super::Context;
use crate::cli::ImportArgs;
use crate::interchange::digest::ReadDigest;
use crate::interchange::foreign::{self, Input};
use crate::interchange::{self, Imported, Origin, Progress};
use crate::ledger::{indexes, Ledger};
use crate::model::counted;
use crate::output::messages;

/// A spinner with the row count, on stderr and only on a terminal: pipes and logs stay clean,
/// and `-q` means quiet.
fn progress_display() -> ProgressBar {
    if !std::io::stderr().is_terminal() || messages::verbosity() == messages::Verbosity::Quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {human_pos} rows imported ({per_sec}, {elapsed}){msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

pub fn run(context: &Context, args: &ImportArgs) -> Result<()> {
    let name = args.file.display().to_string();
    let scale = context.scale(args.scale.as_deref())?;
    // Told before the ledger is opened: a file of no known format leaves it untouched.
    let digest = ReadDigest::default();
    let input = foreign::open(&args.file, args.from, &digest)?;
    let origin = Origin {
        name: &name,
        digest: &digest,
    };
    let own_format = matches!(input, Input::Fledger(_));
    let user = context.user();
    let path = context.ledger_path()?;
    // A dry run against a ledger that does not exist yet checks against an empty one, in
    // memory, rather than create the file it promised not to write.
    let mut ledger = match (args.dry_run, path.exists()) {
        (true, false) => Ledger::open_in_memory()?,
        _ => context.open_for_write()?.with_bulk_cache()?,
    };
    let bar = progress_display();
    let mut show = |progress: Progress| bar.set_position(progress.rows as u64);
    let options = args.options();
    let result = if args.dry_run {
        // Every check runs, including those against the ledger; the transaction is then dropped.
        ledger.dry_run(|tx| {
            interchange::import_with(tx, input, &origin, &scale, &user, &options, &mut show)
        })
    } else {
        // A file's size tells an import's size before it is read; stdin's does not.
        let bytes = Some(&args.file)
            .filter(|file| file.as_os_str() != "-")
            .and_then(|file| std::fs::metadata(file).ok())
            .filter(std::fs::Metadata::is_file)
            .map_or(0, |meta| meta.len());
        ledger.write(|tx| {
            let work =
                || interchange::import_with(tx, input, &origin, &scale, &user, &options, &mut show);
            if indexes::worth_deferring(tx, bytes)? {
                messages::detail(
                    "a large import: the filter indexes are built once, after the rows",
                );
                indexes::deferred(tx, || {
                    let imported = work()?;
                    bar.set_message("; building indexes");
                    Ok(imported)
                })
            } else {
                work()
            }
        })
    };
    bar.finish_and_clear();
    let Imported {
        summary,
        unknown_columns,
        unknown_are_keys,
        notices,
        lines_of,
    } = result?;
    if !unknown_columns.is_empty() {
        let what = match (own_format, unknown_are_keys) {
            (true, false) => "ignored unknown column(s)",
            (true, true) => "ignored unknown key(s)",
            (false, false) => "ignored column(s) that map to nothing in fledger",
            (false, true) => "ignored key(s) that map to nothing in fledger",
        };
        messages::warn(format_args!(
            "warning: {name}: {what}: {}",
            unknown_columns.join(", ")
        ));
    }
    let lines_of = lines_of.as_deref().unwrap_or(&name);
    for (what, lines) in &notices {
        messages::warn(format_args!(
            "warning: {lines_of}: {what}: {} ({})",
            lines.len(),
            line_list(lines)
        ));
    }
    let verb = if args.dry_run {
        "would import"
    } else {
        "imported"
    };
    messages::note(format_args!(
        "{verb} {} ({}, {}, {}) from {name}",
        counted(summary.predictions, "prediction"),
        counted(summary.questions, "new question"),
        counted(summary.sources, "new source"),
        counted(summary.resolutions, "resolution"),
    ));
    Ok(())
}

/// `line 4`, `lines 4, 9, 12`, or the first ten and how many more.
fn line_list(lines: &[usize]) -> String {
    const SHOWN: usize = 10;
    let shown: Vec<String> = lines.iter().take(SHOWN).map(usize::to_string).collect();
    let more = lines.len().saturating_sub(SHOWN);
    let word = if lines.len() == 1 { "line" } else { "lines" };
    match more {
        0 => format!("{word} {}", shown.join(", ")),
        more => format!("{word} {} and {more} more", shown.join(", ")),
    }
}
