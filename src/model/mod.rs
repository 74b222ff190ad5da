//! Domain types shared by every layer: validated probabilities, outcomes, dates, and the
//! read-side rows (what a reading of the ledger gives and what scoring takes).

pub mod dates;
pub mod evidence;
pub mod rows;

pub use dates::{format_date, parse_date, today};

use std::fmt;
use std::str::FromStr;

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};

/// A probability of YES, guaranteed finite and within 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
pub struct Probability(f64);

impl Probability {
    pub fn new(value: f64) -> Option<Self> {
        // Adding +0.0 turns -0.0 (from "-0:1", say) into 0.0, so it never prints as "-0".
        (value.is_finite() && (0.0..=1.0).contains(&value)).then_some(Self(value + 0.0))
    }

    pub fn value(self) -> f64 {
        self.0
    }
}

impl fmt::Display for Probability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Shortest text that parses back to the same f64, so exports round-trip exactly.
        write!(f, "{}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Yes,
    No,
    Ambiguous,
    Annulled,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Yes,
        Outcome::No,
        Outcome::Ambiguous,
        Outcome::Annulled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Yes => "yes",
            Outcome::No => "no",
            Outcome::Ambiguous => "ambiguous",
            Outcome::Annulled => "annulled",
        }
    }

    /// `Some(true)` for YES, `Some(false)` for NO, `None` for outcomes that are not scored.
    pub fn as_binary(self) -> Option<bool> {
        match self {
            Outcome::Yes => Some(true),
            Outcome::No => Some(false),
            Outcome::Ambiguous | Outcome::Annulled => None,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Outcome {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<Self> {
        // Compared in place rather than lowercasing a copy: scoring parses one per resolution.
        let trimmed = text.trim();
        match Outcome::ALL
            .into_iter()
            .find(|o| o.as_str().eq_ignore_ascii_case(trimmed))
        {
            Some(outcome) => Ok(outcome),
            None => bail!(
                "{} is not an outcome (expected yes, no, ambiguous or annulled)",
                quoted(text)
            ),
        }
    }
}

/// A count with its noun, singular or plural as the count needs: "1 prediction", "18
/// predictions". The nouns fledger counts all take an -s.
pub fn counted(count: impl std::fmt::Display, noun: &str) -> String {
    // Any integer type: the counts come as usize and i64.
    match count.to_string() {
        one if one == "1" => format!("1 {noun}"),
        many => format!("{many} {noun}s"),
    }
}

/// A value as error messages show it: in single quotes, surrounding space trimmed, control
/// characters escaped so that a value holding a newline still makes a one-line message.
pub fn quoted(text: &str) -> String {
    format!("'{}'", escape_controls(text.trim()))
}

/// `text` with every control character written as its escape (`\n`, `\u{1b}`), so that a
/// value from a file cannot move the cursor, recolour or clear a terminal.
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// SQLite's text functions (`length`, `trim`) stop at a NUL character, so a name or statement
/// that starts with one looks empty to the schema's checks. Refuse it with a message that says
/// so; a NUL further in is stored and exported byte for byte.
pub fn reject_nul(text: &str) -> Result<()> {
    if text.trim_start().starts_with('\0') {
        bail!(
            "{} starts with a NUL character, which SQLite reads as the end of the text",
            quoted(text)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_one_is_singular_and_any_other_plural() {
        assert_eq!(counted(1usize, "prediction"), "1 prediction");
        assert_eq!(counted(0usize, "prediction"), "0 predictions");
        assert_eq!(counted(18i64, "new question"), "18 new questions");
        assert_eq!(
            counted(11usize, "candidate prediction"),
            "11 candidate predictions"
        );
    }

    #[test]
    fn probability_rejects_out_of_range_and_nan() {
        assert!(Probability::new(1.5).is_none());
        assert!(Probability::new(-0.03).is_none());
        assert!(Probability::new(f64::NAN).is_none());
        assert!(Probability::new(f64::INFINITY).is_none());
        assert_eq!(Probability::new(0.0).map(Probability::value), Some(0.0));
        assert_eq!(Probability::new(1.0).map(Probability::value), Some(1.0));
    }

    #[test]
    fn probability_display_round_trips() {
        let p = Probability::new(0.1 + 0.2).unwrap();
        assert_eq!(p.to_string(), "0.30000000000000004");
        assert_eq!(p.to_string().parse::<f64>().unwrap(), p.value());
    }

    #[test]
    fn outcomes_parse_case_insensitively() {
        assert_eq!("YES".parse::<Outcome>().unwrap(), Outcome::Yes);
        assert_eq!(" annulled ".parse::<Outcome>().unwrap(), Outcome::Annulled);
        assert!("maybe".parse::<Outcome>().is_err());
    }

    #[test]
    fn quoted_values_stay_on_one_line() {
        assert_eq!(quoted(" 2022-01-01\nnoon "), "'2022-01-01\\nnoon'");
        assert_eq!(quoted("tab\there"), "'tab\\there'");
        assert_eq!(quoted("plain"), "'plain'");
        assert_eq!(escape_controls(" \u{1b}[2J "), " \\u{1b}[2J ");
    }
}
