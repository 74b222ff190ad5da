use std::process::ExitCode;

use clap::Parser;
use fledger::cli::Cli;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits 2; --help and --version exit 0.
    let cli = Cli::parse();
    match fledger::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_closed_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("fledger: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// `fledger list | head` closes our stdout early; that is the reader's choice, not an error.
fn is_closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().or_else(|| {
            match cause.downcast_ref::<csv::Error>()?.kind() {
                csv::ErrorKind::Io(io) => Some(io),
                _ => None,
            }
        });
        io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
