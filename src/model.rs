//! Domain types shared by every layer: validated probabilities, outcomes, dates.

use std::fmt;
use std::str::FromStr;

use anyhow::{bail, Result};
use chrono::NaiveDate;
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
    let mut out = String::from("'");
    for c in text.trim().chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('\'');
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

/// Parses a calendar date written as `YYYY-MM-DD`, rejecting impossible days like 2022-02-30.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let trimmed = text.trim();
    let well_shaped = trimmed.len() == 10
        && trimmed.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !well_shaped {
        bail!("{} is not a date (expected YYYY-MM-DD)", quoted(text));
    }
    // Digits checked above; chrono's format parser cost more than the rest of an imported row.
    let number = |range: std::ops::Range<usize>| {
        trimmed.as_bytes()[range]
            .iter()
            .fold(0u32, |n, digit| n * 10 + u32::from(digit - b'0'))
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    match NaiveDate::from_ymd_opt(year as i32, month, day) {
        Some(date) => Ok(date),
        None => bail!("{} is not a real calendar date", quoted(text)),
    }
}

/// The one text form dates are stored and printed in.
pub fn format_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    // Written by hand for the four-digit years every stored date has: chrono's strftime
    // re-reads its pattern on every call, a tenth of an import's parsing time.
    match date.year() {
        year @ 0..=9999 => format!("{year:04}-{:02}-{:02}", date.month(), date.day()),
        _ => date.format("%Y-%m-%d").to_string(),
    }
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Statements that differ only in spacing are the same question.
pub fn fold_whitespace(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    folded
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

    proptest::proptest! {
        #[test]
        fn dates_read_and_print_as_chrono_does(days in -800_000i32..4_000_000, shape in "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            proptest::prop_assert_eq!(format_date(date), date.format("%Y-%m-%d").to_string());
            let chrono = NaiveDate::parse_from_str(&shape, "%Y-%m-%d").ok();
            proptest::prop_assert_eq!(parse_date(&shape).ok(), chrono);
        }
    }

    #[test]
    fn dates_must_be_real() {
        assert_eq!(format_date(parse_date("2022-02-24").unwrap()), "2022-02-24");
        assert!(parse_date("2022-02-30").is_err());
        assert!(parse_date("2026-13-45").is_err());
        assert!(parse_date("2022-2-4").is_err());
        assert!(parse_date("24/02/2022").is_err());
        assert!(parse_date("2024-02-29").is_ok());
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
    }

    #[test]
    fn whitespace_folds() {
        assert_eq!(
            fold_whitespace("  Russia\tinvades \n Ukraine "),
            "Russia invades Ukraine"
        );
    }
}
