use std::io::{IsTerminal, Write};

use anyhow::{bail, Context as _, Result};

use super::Context;
use crate::cli::BackupArgs;
use crate::output::messages;

pub fn run(context: &Context, args: &BackupArgs, out: &mut dyn Write) -> Result<()> {
    if args.path.as_os_str() == "-" {
        return to_stdout(context, out);
    }
    if args.path.exists() {
        bail!(
            "{} already exists: a backup never overwrites",
            args.path.display()
        );
    }
    context.open_for_read()?.backup_to(&args.path)?;
    messages::note(format_args!("backed up to {}", args.path.display()));
    Ok(())
}

/// `fledger backup - | gzip > ledger.db.gz`: SQLite writes its copy to a file, so it goes
/// through a private temporary one.
fn to_stdout(context: &Context, out: &mut dyn Write) -> Result<()> {
    if std::io::stdout().is_terminal() {
        bail!("backup -: stdout is a terminal; redirect it to a file or a pipe");
    }
    let ledger = context.open_for_read()?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let temporary =
        std::env::temp_dir().join(format!("fledger-backup-{}-{stamp}.db", std::process::id()));
    let copied = ledger.backup_to(&temporary).and_then(|()| {
        let mut file = std::fs::File::open(&temporary)
            .with_context(|| format!("cannot read {}", temporary.display()))?;
        std::io::copy(&mut file, out)?;
        Ok(())
    });
    // Removed whatever happened: it is a whole copy of the ledger.
    let _ = std::fs::remove_file(&temporary);
    copied
}
