//! Command-line surface (clap derive). One subcommand, one args struct; names follow DESIGN.md.
//! The flag groups several commands share, and their one conversion each into library values,
//! are in [`flags`].
//!
//! Values that a user can get wrong in a way that is about the data, not the syntax (dates,
//! probabilities, outcomes), are taken as text and validated by the command, so the error
//! names the value and field and exits 1 rather than 2.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

mod flags;

pub use flags::{date_arg, FilterArgs, OutputArgs, ScoreOptionArgs, ScoringArgs};

use crate::output::colour::ColorChoice;
use crate::output::Format;
use crate::score::card::GroupBy;

#[derive(Debug, Parser)]
#[command(
    name = "fledger",
    version,
    about = "A forecast ledger: log the predictions texts make, resolve them, score them.",
    after_help = "Environment:
  FLEDGER_DB             the ledger when --db is not given
  FLEDGER_USER           your name as forecaster and reviewer when --by is not given
  FLEDGER_CONFIG         the config file to read instead of the XDG one; empty: none
  FLEDGER_PAGER, PAGER   the pager for long lists on a terminal [default: less -FRX]; empty: none
  NO_COLOR               set and not empty: no colour, even with --color always
  XDG_DATA_HOME          the default ledger is $XDG_DATA_HOME/fledger/ledger.db (~/.local/share)
  XDG_CONFIG_HOME        the config file is $XDG_CONFIG_HOME/fledger/config.toml (~/.config)

A flag beats its environment variable, which beats the config file (ledger, scale, user), which
beats the built-in default. The forecaster defaults to the source's author first.

Dates: 2022-02-24; 2022-06 or 2022 (a deadline's or --until's last day, --since's first day);
today, yesterday, +30d, -2w, +6m, +1y; end of 2022, start of June 2022.

Examples:
  fledger demo
  fledger list --open
  fledger score --group-by forecaster --format markdown
  fledger help add"
)]
pub struct Cli {
    /// The ledger file [default: $FLEDGER_DB, else the config file's ledger, else the XDG data dir]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Print only errors and warnings on stderr, not what was done
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print which ledger and config file are used, and how long the command took
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Colour tables: auto (on a terminal), always, never; NO_COLOR set turns it off regardless
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print long output straight to the terminal rather than through $PAGER
    #[arg(long, global = true)]
    pub no_pager: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the ledger (it is also created by the first write)
    #[command(after_help = "Examples:\n  fledger init\n  fledger --db team.db init")]
    Init,
    /// Add, list and show the texts predictions come from
    #[command(subcommand)]
    #[command(after_help = "Examples:\n  fledger source list\n  fledger source show 1")]
    Source(SourceCommand),
    /// Log a prediction: a statement and its probability, or the author's words for it
    #[command(
        after_help = "Examples:\n  fledger add \"Ukraine joins NATO by 2030\" -c \"very unlikely\" --resolve-by 2030 --tag nato\n  fledger add --question 1 -p 30% --by \"A. Reader\" --made 2022-02-01\n  fledger add \"Talks resume\" -p 0.6 --resolve-by \"end of June 2030\" --json"
    )]
    Add(AddArgs),
    /// List predictions
    #[command(
        after_help = "Examples:\n  fledger list --tag ukraine\n  fledger list --by \"Ali Tuygan\" --format markdown\n  fledger list --since 2022 --until 2022-06 --json\n  fledger list --open"
    )]
    List(ListArgs),
    /// Show a question: its predictions and its resolution history
    #[command(after_help = "Examples:\n  fledger show 1\n  fledger show 9 --json")]
    Show(ShowArgs),
    /// Record what happened to a question (again, with --reason, to correct it)
    #[command(
        after_help = "Examples:\n  fledger resolve 5 no --on today --reason \"the terms were clarified\" --evidence \"...\"\n  fledger resolve 3 no --on \"end of 2022\" --reason \"the war went on\" -q"
    )]
    Resolve(ResolveArgs),
    /// Questions past their resolve-by date that nobody has resolved
    #[command(
        after_help = "Examples:\n  fledger due\n  fledger due --until +30d\n  fledger due --until \"end of 2030\" --format markdown"
    )]
    Due(DueArgs),
    /// Accuracy: Brier score, log loss, calibration, per group
    #[command(
        after_help = "Examples:\n  fledger score --group-by forecaster\n  fledger score --group-by phrase --format csv > phrases.csv\n  fledger score --calibration --bins 5\n  fledger score --chart calibration.svg"
    )]
    Score(ScoreArgs),
    /// Write predictions (in the import format) or scores to a file or stdout
    #[command(
        after_help = "Examples:\n  fledger export predictions -o ledger.csv\n  fledger export scores --group-by tag --format json\n  fledger export -o - | head -3"
    )]
    Export(ExportArgs),
    /// Read predictions from CSV or JSON; one bad row and nothing is imported
    #[command(
        after_help = "Examples:\n  fledger export predictions -o ledger.csv && fledger import --dry-run ledger.csv\n  fledger export predictions | fledger import --dry-run -"
    )]
    Import(ImportArgs),
    /// List the candidate predictions in a text: sentence, estimative words, probability, offset, speaker
    #[command(
        after_help = "Examples:\n  echo \"Talks will very likely fail.\" | fledger extract -\n  echo \"It is probable.\" > brief.txt && fledger extract brief.txt --scale kent\n  echo \"War is unlikely.\" | fledger extract - --source 1 --format csv > candidates.csv"
    )]
    Extract(ExtractArgs),
    /// The phrase scales: every term, its published range and the number fledger uses
    #[command(
        after_help = "Examples:\n  fledger phrases --scale icd203\n  fledger phrases --scale kent --format markdown"
    )]
    Phrases(PhrasesArgs),
    /// How the scores would change if every phrase were read on another scale (writes nothing)
    #[command(
        after_help = "Examples:\n  fledger remap --scale kent\n  fledger remap --scale phia --group-by forecaster"
    )]
    Remap(RemapArgs),
    /// Write a self-contained HTML report: accuracy tables, calibration charts, every prediction
    #[command(
        after_help = "Examples:\n  fledger report -o report.html\n  fledger report --title \"Russia-West 2022\" --since 2022 -o - > r.html"
    )]
    Report(ReportArgs),
    /// Check the ledger against its hash-chained journal; exit 3 if anything was changed behind fledger's back
    #[command(
        after_help = "Examples:\n  fledger verify\n  fledger verify --full\n  fledger verify --head"
    )]
    Verify(VerifyArgs),
    /// Show the journal: every write, in order, with its hash
    #[command(
        after_help = "Examples:\n  fledger log --question 1\n  fledger log --since -7d --format csv"
    )]
    Log(LogArgs),
    /// Withdraw a wrongly logged prediction: it stays in the history, out of the scores
    #[command(
        after_help = "Examples:\n  fledger withdraw 10 --reason \"logged from the wrong paragraph\" --after-outcome"
    )]
    Withdraw(WithdrawArgs),
    /// Write a consistent copy of the ledger, even while others write to it
    #[command(
        after_help = "Examples:\n  fledger backup ledger-copy.db\n  fledger backup - | gzip > ledger.db.gz"
    )]
    Backup(BackupArgs),
    /// Print a shell completion script: `fledger completions bash > /etc/bash_completion.d/fledger`
    #[command(
        after_help = "Examples:\n  fledger completions bash > fledger.bash\n  fledger completions zsh > _fledger"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `fledger man > fledger.1 && man ./fledger.1`
    #[command(after_help = "Examples:\n  fledger man > fledger.1")]
    Man,
    /// Build a demo ledger (default ./fledger-demo.db) from the seed texts and print its accuracy tables
    #[command(
        after_help = "Examples:\n  fledger demo\n  fledger demo --db demo2.db --format markdown"
    )]
    Demo(DemoArgs),
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Add a source text
    #[command(
        after_help = "Examples:\n  fledger source add \"Negotiations Start\" --author \"Ali Tuygan\" --published 2022-01-10\n  echo \"The talks will very likely fail.\" | fledger source add \"A note\" --file -"
    )]
    Add(SourceAddArgs),
    /// List sources
    #[command(
        after_help = "Examples:\n  fledger source list\n  fledger source list --format json"
    )]
    List(OutputArgs),
    /// Show one source, with its archived text
    #[command(after_help = "Examples:\n  fledger source show 1\n  fledger source show 2 --json")]
    Show(SourceShowArgs),
}

#[derive(Debug, Args)]
pub struct SourceAddArgs {
    #[arg(allow_hyphen_values = true)]
    pub title: String,
    #[arg(long, allow_hyphen_values = true)]
    pub author: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub outlet: Option<String>,
    #[arg(long)]
    pub url: Option<String>,
    /// Publication date: YYYY-MM-DD, today, -3d (a month or year alone is refused: which day?)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub published: Option<String>,
    /// Archive the full text from a file (`-` for stdin); its SHA-256 is stored with it
    #[arg(long, value_name = "TEXT")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct SourceShowArgs {
    pub id: i64,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("confidence_given").required(true).multiple(true).args(["probability", "confidence"])))]
pub struct AddArgs {
    /// The proposition, phrased so that YES means it happened (optional with --question)
    #[arg(required_unless_present = "question", allow_hyphen_values = true)]
    pub statement: Option<String>,
    /// Probability of YES: 0.7, .7, 70%, 3:1, 1 in 4
    #[arg(short, long, value_name = "PROB", allow_hyphen_values = true)]
    pub probability: Option<String>,
    /// The author's words ("very unlikely"), mapped through --scale; with -p, kept as written
    #[arg(short, long, value_name = "PHRASE", allow_hyphen_values = true)]
    pub confidence: Option<String>,
    /// Phrase scale for -c [default: the config file's scale, else icd203]
    #[arg(long)]
    pub scale: Option<String>,
    /// Forecaster [default: the source's author, else $FLEDGER_USER, else the config's user, else your login]
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub by: Option<String>,
    /// Source id (see `fledger source list`)
    #[arg(long, value_name = "ID")]
    pub source: Option<i64>,
    /// When the prediction was made: YYYY-MM-DD, today, -3d [default: the source's date, else today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub made: Option<String>,
    /// The verbatim words of the text
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub quote: Option<String>,
    /// The deadline: YYYY-MM-DD, or 2022-06 / 2022 (the last day), +6m, end of 2022
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub resolve_by: Option<String>,
    /// A tag for the question (repeatable)
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Add to an existing question: a second forecaster's view, or an author's update
    #[arg(long, value_name = "ID")]
    pub question: Option<i64>,
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub note: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("status").args(["open", "resolved", "due"])))]
pub struct ListArgs {
    /// Only unresolved questions
    #[arg(long)]
    pub open: bool,
    /// Only resolved questions
    #[arg(long)]
    pub resolved: bool,
    /// Only unresolved questions past their resolve-by date
    #[arg(long)]
    pub due: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Questions due on or before DATE instead of today: +30d adds the coming month's (2022-06: its last day)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Question id
    pub id: i64,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// Question id
    pub question: i64,
    /// yes, no, ambiguous or annulled
    pub outcome: String,
    /// When it happened or became known: YYYY-MM-DD, today, yesterday, -3d [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub on: Option<String>,
    #[arg(long, value_name = "E", allow_hyphen_values = true)]
    pub evidence: Option<String>,
    /// Why an earlier resolution is being corrected (required to resolve again)
    #[arg(long, value_name = "R", allow_hyphen_values = true)]
    pub reason: Option<String>,
    /// Who resolves [default: $FLEDGER_USER, else the config's user, else your login]
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub by: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub options: ScoreOptionArgs,
    /// Print only the calibration table (one row per bin)
    #[arg(long)]
    pub calibration: bool,
    /// Print only the peer table: forecasters against each other on shared questions
    #[arg(long, conflicts_with = "calibration")]
    pub peers: bool,
    /// Print only the CORP reliability curve: the PAV-recalibrated steps, with the 90% consistency band
    #[arg(long, conflicts_with_all = ["calibration", "peers"])]
    pub corp: bool,
    /// Also write the calibration chart as SVG (one series per group when grouped); `-`: only the SVG, to stdout
    #[arg(long, value_name = "FILE")]
    pub chart: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ExportKind {
    /// One row per prediction, in the import format
    #[default]
    Predictions,
    /// The accuracy table of `fledger score`
    Scores,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(value_enum, default_value_t)]
    pub what: ExportKind,
    /// Whose columns to write the predictions in: fledger's, or Fatebook's spreadsheet import
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t)]
    pub to: crate::interchange::foreign::ExportFormat,
    /// Write to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// csv (default) or json; table and markdown for scores
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    /// Shorthand for --format json
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub options: ScoreOptionArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// CSV or JSON file, `-` for stdin; for Metaculus, the export's zip, its folder or one of its two files
    pub file: PathBuf,
    /// The tool that wrote the file [default: told from its header, when only one fits]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<crate::interchange::foreign::ImportFormat>,
    /// Phrase scale for rows that give only a confidence phrase [default: the config file's, else icd203]
    #[arg(long)]
    pub scale: Option<String>,
    /// Check every row and report, but write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Refuse the whole file for one forecast made after its outcome was known [default: leave such forecasts out, with a warning naming their lines]
    #[arg(long)]
    pub strict: bool,
    /// Leave out the forecasts the file marks as a bot's (Metaculus's "Is Bot")
    #[arg(long)]
    pub exclude_bots: bool,
}

impl ImportArgs {
    pub fn options(&self) -> crate::interchange::foreign::Options {
        crate::interchange::foreign::Options {
            strict: self.strict,
            exclude_bots: self.exclude_bots,
        }
    }
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The report's heading
    #[arg(long, default_value = "Forecast accuracy report")]
    pub title: String,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("text").required(true).multiple(true).args(["file", "source"])))]
pub struct ExtractArgs {
    /// The text to read (`-` for stdin) [default: the archived text of --source]
    pub file: Option<PathBuf>,
    /// The source the text is: its title, author, outlet, url and date fill the CSV rows
    #[arg(long, value_name = "ID")]
    pub source: Option<i64>,
    /// Phrase scale: a built-in name or a scale file [default: the config file's, else icd203]
    #[arg(long, value_name = "S")]
    pub scale: Option<String>,
    /// table, json, markdown, or csv: rows in the import format, to edit and then import
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct PhrasesArgs {
    /// One scale: a built-in name (icd203, kent, phia, ipcc, mauboussin) or a scale file [default: all built-in]
    #[arg(long, value_name = "S")]
    pub scale: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct RemapArgs {
    /// The scale to read every phrase on: a built-in name or a scale file
    #[arg(long, value_name = "S")]
    pub scale: String,
    /// Also compare per group
    #[arg(long, value_enum)]
    pub group_by: Option<GroupBy>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Print only the chain head (entry number and hash) once verified: publish it to prove later what the ledger held
    #[arg(long)]
    pub head: bool,
    /// Also run SQLite's integrity check over every page of the file (it reads the whole file: most of a large ledger's verify). Without it verify checks the schema and the journal
    #[arg(long)]
    pub full: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only entries about this question (the question, its predictions, resolutions, tags)
    #[arg(long, value_name = "ID")]
    pub question: Option<i64>,
    /// Only entries about this forecaster and their predictions
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Only entries written on or after DATE (2022 or 2022-06: from its first day; -7d)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only entries written on or before DATE (2022 or 2022-06: through its last day)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// Prediction id (see `fledger list`)
    pub prediction: i64,
    /// Why it is withdrawn (required)
    #[arg(long, value_name = "R", allow_hyphen_values = true)]
    pub reason: String,
    /// Who withdraws it [default: $FLEDGER_USER, else the config's user, else your login]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Withdraw it although its question's outcome is recorded: it then stays in the scores, marked
    #[arg(long)]
    pub after_outcome: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (must not exist); `-` for stdout
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Replace an existing demo ledger file
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}
