//! The values other tools write — probabilities on 0–1 or 0–100, timestamps in several
//! shapes — checked and turned into fledger's, with errors that name the tool's column.

use anyhow::{bail, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::model::{format_date, parse_date, quoted};

/// How a tool writes a probability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// 0 to 1
    Unit,
    /// 0 to 100, with or without a `%`
    Percent,
}

/// A probability as the text fledger's `probability` column takes; exact, since Rust prints
/// the shortest decimal that reads back as the same number.
pub fn probability(value: &str, column: &str, scale: Scale) -> Result<String> {
    let text = value.trim();
    let number = match scale {
        Scale::Unit => text.parse::<f64>().ok(),
        Scale::Percent => text
            .strip_suffix('%')
            .unwrap_or(text)
            .trim()
            .parse::<f64>()
            .ok()
            .map(|percent| percent / 100.0),
    };
    let range = match scale {
        Scale::Unit => "a number from 0 to 1",
        Scale::Percent => "a percentage from 0 to 100",
    };
    match number {
        Some(p) if p.is_finite() && (0.0..=1.0).contains(&p) => Ok((p + 0.0).to_string()),
        _ => bail!(
            "'{column}' = {} is not a probability (expected {range})",
            quoted(value)
        ),
    }
}

/// When something happened, as precisely as the tool says: a date, and the UTC time when the
/// tool gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub date: NaiveDate,
    pub at: Option<NaiveDateTime>,
}

/// The time when the tool gave one, else the date.
impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Some(at) => write!(f, "{}", at.format("%Y-%m-%d %H:%M:%S")),
            None => f.write_str(&self.iso_date()),
        }
    }
}

impl Moment {
    pub fn iso_date(self) -> String {
        format_date(self.date)
    }

    /// Whether a forecast made at `self` came after an outcome known at `known`: by the clock
    /// when both have one, else by the calendar (a forecast on the day itself counts).
    pub fn after(self, known: Moment) -> bool {
        match (self.at, known.at) {
            (Some(made), Some(known)) => made > known,
            _ => self.date > known.date,
        }
    }
}

/// Reads `2024-01-31`, `2024-01-31 13:05:07`, `2024-01-31T13:05:07.123Z` or
/// `2024-01-31 13:05:07.319217+00:00`. A time with an offset is turned to UTC; one without is
/// taken as UTC (Fatebook's export writes UTC without saying so, and sometimes drops a
/// seconds digit: `04:00:0`).
pub fn moment(value: &str, column: &str) -> Result<Moment> {
    let text = value.trim();
    if let Ok(date) = parse_date(text) {
        return Ok(Moment { date, at: None });
    }
    let with_offset = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z"))
        .map(|time| time.with_timezone(&Utc).naive_utc());
    let at = with_offset.or_else(|_| {
        [
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .ok_or(())
    });
    match at {
        Ok(at) => Ok(Moment {
            date: at.date(),
            at: Some(at),
        }),
        Err(_) => bail!(
            "'{column}' = {} is not a date or time (expected YYYY-MM-DD, optionally with a time such as 13:05:07)",
            quoted(value)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_and_unit_probabilities() {
        assert_eq!(
            probability("70", "forecast", Scale::Percent).unwrap(),
            "0.7"
        );
        assert_eq!(
            probability(" 12.5% ", "forecast", Scale::Percent).unwrap(),
            "0.125"
        );
        assert_eq!(probability("0.35", "p", Scale::Unit).unwrap(), "0.35");
        let err = probability("1.7", "Probability Yes", Scale::Unit)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "'Probability Yes' = '1.7' is not a probability (expected a number from 0 to 1)"
        );
        assert!(probability("170", "forecast", Scale::Percent).is_err());
        assert!(probability("NaN", "p", Scale::Unit).is_err());
        assert!(probability("", "p", Scale::Unit).is_err());
    }

    #[test]
    fn timestamps_become_utc_dates() {
        let date = |text: &str| moment(text, "t").unwrap().iso_date();
        assert_eq!(date("2024-01-31"), "2024-01-31");
        assert_eq!(date("2024-01-31 23:05:07"), "2024-01-31");
        assert_eq!(date("2033-03-22 04:00:0"), "2033-03-22");
        assert_eq!(date("2015-07-01T04:22:03.000Z"), "2015-07-01");
        assert_eq!(date("2026-01-19 16:45:56.319217+00:00"), "2026-01-19");
        assert_eq!(date("2024-01-31T23:30:00-02:00"), "2024-02-01");
        let err = moment("31/01/2024", "Start Time").unwrap_err().to_string();
        assert!(
            err.starts_with("'Start Time' = '31/01/2024' is not a date"),
            "{err}"
        );
        assert!(moment("2024-02-30 10:00:00", "t").is_err());
    }

    #[test]
    fn after_compares_clocks_when_both_have_one() {
        let m = |text: &str| moment(text, "t").unwrap();
        assert!(m("2024-01-31 10:00:01").after(m("2024-01-31 10:00:00")));
        assert!(!m("2024-01-31 23:00:00").after(m("2024-01-31")));
        assert!(m("2024-02-01").after(m("2024-01-31 10:00:00")));
    }
}
