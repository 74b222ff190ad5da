//! Messages on stderr, sorted by what they are for, so that `-q` and `-v` mean one thing
//! everywhere. Errors are not here: `main` prints them, always.
//!
//! - [`warn`]: something is not as the user may think (a row left out of the scores as
//!   hindsight, a column ignored, the statement given not used). Always shown.
//! - [`note`]: what a command did or what to try next ("logged prediction 3", "imported 18
//!   predictions", "wrote report.html"). Hidden by `-q`.
//! - [`detail`]: how it went about it (which ledger and config file, how long it took). Shown
//!   only with `-v`.

use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet = 0,
    Normal = 1,
    Verbose = 2,
}

/// One process, one command line: set once by `commands::run`; the library used on its own
/// keeps the normal level.
static LEVEL: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

pub fn set_verbosity(verbosity: Verbosity) {
    LEVEL.store(verbosity as u8, Ordering::Relaxed);
}

pub fn verbosity() -> Verbosity {
    match LEVEL.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

pub fn warn(message: impl Display) {
    eprintln!("{message}");
}

pub fn note(message: impl Display) {
    if verbosity() >= Verbosity::Normal {
        eprintln!("{message}");
    }
}

pub fn detail(message: impl Display) {
    if verbosity() >= Verbosity::Verbose {
        eprintln!("{message}");
    }
}
