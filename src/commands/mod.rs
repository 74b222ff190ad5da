//! One file per subcommand: arguments in, library calls, output out. This file turns the
//! parsed command line into a run (verbosity, colour, pager) and dispatches it; what every
//! command shares (the ledger, the user, the scale) is in [`context`].

mod add;
mod backup;
mod completions;
mod config;
mod context;
mod demo;
mod due;
mod export;
mod extract;
mod import;
mod init;
mod list;
mod log;
mod phrases;
mod remap;
mod report;
mod resolve;
mod score;
mod show;
mod source;
mod verify;
mod withdraw;

use std::io::{IsTerminal, Write};

use anyhow::Result;

use crate::cli::{Cli, Command, SourceCommand};
use crate::output::colour;
use crate::output::messages::{self, Verbosity};
use crate::output::pager;

pub use context::{name_arg, read_text, Context};
pub use score::score_ledger;

pub fn run(cli: Cli) -> Result<()> {
    let started = std::time::Instant::now();
    messages::set_verbosity(match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    });
    let config = config::load()?;
    match (&config.file, config::location()) {
        (Some(file), _) => messages::detail(format_args!("config {}", file.display())),
        (None, Some((path, _))) => {
            messages::detail(format_args!("no config file at {}", path.display()))
        }
        (None, None) => messages::detail("no config file ($FLEDGER_CONFIG is empty)"),
    }
    colour::set_choice(cli.color);
    let context = Context::new(cli.db, config);
    let stdout = std::io::stdout();
    let pager = pageable(&cli.command)
        .then(|| {
            let var = |name| std::env::var(name).ok();
            pager::command(
                cli.no_pager,
                stdout.is_terminal(),
                var("FLEDGER_PAGER"),
                var("PAGER"),
            )
        })
        .flatten();
    let mut out = stdout.lock();
    match pager {
        // Buffered, to know whether it fits on the screen; only on a terminal, for people.
        Some(pager) => {
            let mut text = Vec::new();
            dispatch(&context, cli.command, &mut text)?;
            pager::show(&text, &pager, &mut out)?;
        }
        None => dispatch(&context, cli.command, &mut out)?,
    }
    out.flush()?;
    messages::detail(format_args!(
        "took {:.3} s",
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

/// The commands whose output can run to many screens.
fn pageable(command: &Command) -> bool {
    matches!(
        command,
        Command::List(_)
            | Command::Log(_)
            | Command::Show(_)
            | Command::Phrases(_)
            | Command::Source(SourceCommand::Show(_))
    )
}

fn dispatch(context: &Context, command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Init => init::run(context),
        Command::Source(SourceCommand::Add(args)) => source::add(context, &args, out),
        Command::Source(SourceCommand::List(args)) => source::list(context, &args, out),
        Command::Source(SourceCommand::Show(args)) => source::show(context, &args, out),
        Command::Add(args) => add::run(context, &args, out),
        Command::List(args) => list::run(context, &args, out),
        Command::Show(args) => show::run(context, &args, out),
        Command::Resolve(args) => resolve::run(context, &args, out),
        Command::Due(args) => due::run(context, &args, out),
        Command::Score(args) => score::run(context, &args, out),
        Command::Export(args) => export::run(context, &args, out),
        Command::Import(args) => import::run(context, &args),
        Command::Report(args) => report::run(context, &args, out),
        Command::Extract(args) => extract::run(context, &args, out),
        Command::Phrases(args) => phrases::run(&args, out),
        Command::Remap(args) => remap::run(context, &args, out),
        Command::Verify(args) => verify::run(context, &args, out),
        Command::Log(args) => log::run(context, &args, out),
        Command::Withdraw(args) => withdraw::run(context, &args),
        Command::Backup(args) => backup::run(context, &args, out),
        Command::Completions(args) => completions::script(args.shell, out),
        Command::Man => completions::manual(out),
        Command::Demo(args) => demo::run(context, &args, out),
    }
}
