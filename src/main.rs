use std::process::ExitCode;

use clap::Parser;
use fledger::cli::Cli;
use fledger::ledger::file::corruption;
use fledger::ledger::schema_check::ChangedOutsideFledger;
use fledger::ledger::verify::TamperDetected;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits 2; --help and --version exit 0.
    let cli = Cli::parse();
    match fledger::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_closed_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if err.is::<TamperDetected>() || err.is::<ChangedOutsideFledger>() => {
            eprintln!("fledger: {err:#}");
            ExitCode::from(3)
        }
        Err(err) if corruption(&err).is_some() => {
            eprintln!(
                "fledger: {err:#}: the ledger file is damaged (`fledger verify --full` lists what SQLite finds; restore it from a backup)"
            );
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("fledger: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// `fledger list | head` closes our stdout early; that is the reader's choice, not an error.
fn is_closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        // Writers wrap the io::Error: the csv and serde_json crates each in their own type.
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| match cause.downcast_ref::<csv::Error>()?.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            })
            .or_else(|| cause.downcast_ref::<serde_json::Error>()?.io_error_kind());
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
