//! Colour in terminal tables: on a terminal unless told otherwise, never with `NO_COLOR`.
//!
//! `NO_COLOR` (https://no-color.org) wins even over `--color always`: a user who sets it has
//! said once for every program that they want none, and a script passing `--color always`
//! down to fledger should not overrule them.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

use clap::ValueEnum;
use comfy_table::{Attribute, Cell, Color};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal
    #[default]
    Auto,
    /// Also into a pipe or file (for `less -R`), unless NO_COLOR is set
    Always,
    Never,
}

/// Set once by `commands::run`; the library used on its own keeps `auto`.
static CHOICE: AtomicU8 = AtomicU8::new(ColorChoice::Auto as u8);

pub fn set_choice(choice: ColorChoice) {
    CHOICE.store(choice as u8, Ordering::Relaxed);
}

fn choice() -> ColorChoice {
    match CHOICE.load(Ordering::Relaxed) {
        1 => ColorChoice::Always,
        2 => ColorChoice::Never,
        _ => ColorChoice::Auto,
    }
}

/// Whether to colour, from the choice, whether `NO_COLOR` is set to anything but the empty
/// text, and whether stdout is a terminal.
pub fn decide(choice: ColorChoice, no_color: Option<&str>, terminal: bool) -> bool {
    if no_color.is_some_and(|value| !value.is_empty()) {
        return false;
    }
    match choice {
        ColorChoice::Auto => terminal,
        ColorChoice::Always => true,
        ColorChoice::Never => false,
    }
}

pub fn enabled() -> bool {
    let no_color = std::env::var_os("NO_COLOR");
    decide(
        choice(),
        no_color.as_ref().map(|v| v.to_str().unwrap_or("set")),
        std::io::stdout().is_terminal(),
    )
}

/// A column header, bold.
pub fn header(cell: Cell) -> Cell {
    cell.add_attribute(Attribute::Bold)
}

/// A cell of an `outcome` column: what happened at a glance.
pub fn outcome(cell: Cell, outcome: &str) -> Cell {
    match outcome {
        "yes" => cell.fg(Color::Green),
        "no" => cell.fg(Color::Red),
        "ambiguous" | "annulled" => cell.fg(Color::Yellow),
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_and_auto_follows_the_terminal() {
        use ColorChoice::*;
        for choice in [Auto, Always, Never] {
            assert!(!decide(choice, Some("1"), true), "{choice:?}");
        }
        assert!(decide(Auto, None, true));
        assert!(decide(Auto, Some(""), true), "empty NO_COLOR is unset");
        assert!(!decide(Auto, None, false));
        assert!(decide(Always, None, false));
        assert!(!decide(Never, None, true));
    }
}
