//! Dates as people type them on the command line: `2022-02-24`, `2022-02`, `2022`, `today`,
//! `+30d`, `end of 2022`. Each becomes one ISO date before anything is stored or compared.
//! Files keep to strict `YYYY-MM-DD` ([`crate::model::parse_date`]): they are data, written
//! by programs, and a shorthand there would mean something different on each day it is read.

use anyhow::{bail, Result};
use chrono::{Datelike, Days, Months, NaiveDate};

use super::quoted;

/// What a month or a year on its own means for one flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partial {
    /// Its first day: the lower bound of a range (`--since 2022` is from 2022-01-01).
    Start,
    /// Its last day: a deadline or an upper bound ("by February 2022" is 2022-02-28).
    End,
    /// Refused: the day something happened, which the ledger compares with other such days to
    /// tell foresight from hindsight; a day made up from a month could move a prediction to
    /// the wrong side of an outcome.
    Refuse,
}

/// A month or a year, as written without a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Year(i32),
    Month(i32, u32),
}

impl Period {
    fn first_day(self) -> NaiveDate {
        let (year, month) = match self {
            Period::Year(year) => (year, 1),
            Period::Month(year, month) => (year, month),
        };
        NaiveDate::from_ymd_opt(year, month, 1).expect("a parsed period has a first day")
    }

    fn last_day(self) -> NaiveDate {
        let months = match self {
            Period::Year(_) => 12,
            Period::Month(..) => 1,
        };
        self.first_day()
            .checked_add_months(Months::new(months))
            .and_then(|next| next.pred_opt())
            .expect("a four-digit year's periods end within chrono's range")
    }

    fn kind(self) -> &'static str {
        match self {
            Period::Year(_) => "a year",
            Period::Month(..) => "a month",
        }
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const FORMS: &str =
    "expected YYYY-MM-DD, YYYY-MM, YYYY, today, yesterday, tomorrow, +30d, -2w, +6m, +1y, \
     end of 2022, start of June 2022";

/// Parses a date typed on the command line; `today` anchors the relative forms.
pub fn parse_user_date(text: &str, partial: Partial, today: NaiveDate) -> Result<NaiveDate> {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = folded.to_ascii_lowercase();
    match lower.as_str() {
        "today" => return Ok(today),
        "yesterday" => return offset(text, today, -1, 'd'),
        "tomorrow" => return offset(text, today, 1, 'd'),
        _ => {}
    }
    if let Some(result) = relative(text, &lower, today) {
        return result;
    }
    for (prefix, start) in [("end of ", false), ("start of ", true)] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let period = period(text, rest)?;
            return Ok(if start {
                period.first_day()
            } else {
                period.last_day()
            });
        }
    }
    if lower.len() == 10 && lower.starts_with(|c: char| c.is_ascii_digit()) {
        return parse_date(text);
    }
    let period = period(text, &lower)?;
    match partial {
        Partial::Start => Ok(period.first_day()),
        Partial::End => Ok(period.last_day()),
        Partial::Refuse => bail!(
            "{} is {}, not a day: give the day ({}), or say which one with 'start of {}' or 'end of {}'",
            quoted(text),
            period.kind(),
            crate::model::format_date(period.last_day()),
            folded,
            folded
        ),
    }
}

/// `+30d`, `-2w`, `+6m`, `+1y`; `None` when the text is not of that shape at all.
fn relative(text: &str, lower: &str, today: NaiveDate) -> Option<Result<NaiveDate>> {
    let sign = match lower.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let unit = lower.chars().last()?;
    let digits = lower.get(1..lower.len() - 1)?;
    if !"dwmy".contains(unit) || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match digits.parse::<i64>() {
        Ok(count) => offset(text, today, sign * count, unit),
        Err(_) => Err(out_of_range(text)),
    })
}

/// `today` moved by `count` days, weeks, months or years; a month later than 31 January is
/// the last day of February.
fn offset(text: &str, today: NaiveDate, count: i64, unit: char) -> Result<NaiveDate> {
    let magnitude = count.unsigned_abs();
    let moved = match unit {
        'd' | 'w' => {
            let days = Days::new(if unit == 'w' {
                magnitude.saturating_mul(7)
            } else {
                magnitude
            });
            if count < 0 {
                today.checked_sub_days(days)
            } else {
                today.checked_add_days(days)
            }
        }
        _ => {
            let months = if unit == 'y' {
                magnitude.checked_mul(12)
            } else {
                Some(magnitude)
            };
            let months = months.and_then(|m| u32::try_from(m).ok()).map(Months::new);
            months.and_then(|months| {
                if count < 0 {
                    today.checked_sub_months(months)
                } else {
                    today.checked_add_months(months)
                }
            })
        }
    };
    moved
        .filter(|date| (1000..=9999).contains(&date.year()))
        .ok_or_else(|| out_of_range(text))
}

fn out_of_range(text: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{} is too far from today (dates run from year 1000 to 9999)",
        quoted(text)
    )
}

/// `2022`, `2022-06`, `June 2022`, `jun 2022`.
fn period(text: &str, lower: &str) -> Result<Period> {
    let year = |digits: &str| -> Option<i32> {
        (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
            .filter(|year| *year >= 1000)
    };
    if let Some(year) = year(lower) {
        return Ok(Period::Year(year));
    }
    if let Some((y, m)) = lower.split_once('-') {
        if let (Some(year), 2, true) = (year(y), m.len(), m.bytes().all(|b| b.is_ascii_digit())) {
            return match m.parse::<u32>() {
                Ok(month @ 1..=12) => Ok(Period::Month(year, month)),
                _ => bail!(
                    "{} is not a date: there is no month {m} (months run 01 to 12)",
                    quoted(text)
                ),
            };
        }
    }
    if let Some((name, y)) = lower.split_once(' ') {
        let month = MONTHS
            .iter()
            .position(|full| name.len() >= 3 && full.starts_with(name));
        if let (Some(index), Some(year)) = (month, year(y)) {
            return Ok(Period::Month(year, index as u32 + 1));
        }
    }
    bail!("{} is not a date ({FORMS})", quoted(text))
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

#[cfg(test)]
mod tests {
    use super::*;

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

    use crate::model::format_date;
    use proptest::prelude::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn parsed(text: &str, partial: Partial) -> String {
        let today = day("2024-01-31");
        match parse_user_date(text, partial, today) {
            Ok(date) => format_date(date),
            Err(err) => format!("error: {err}"),
        }
    }

    #[test]
    fn full_dates_are_strict() {
        for partial in [Partial::Start, Partial::End, Partial::Refuse] {
            assert_eq!(parsed("2022-02-24", partial), "2022-02-24");
            assert_eq!(parsed(" 2022-02-24 ", partial), "2022-02-24");
        }
        assert_eq!(
            parsed("2022-02-30", Partial::End),
            "error: '2022-02-30' is not a real calendar date"
        );
        assert!(parsed("2022-2-4", Partial::End).starts_with("error: '2022-2-4' is not a date"));
    }

    #[test]
    fn a_month_or_year_is_its_start_or_end_or_refused() {
        assert_eq!(parsed("2022", Partial::Start), "2022-01-01");
        assert_eq!(parsed("2022", Partial::End), "2022-12-31");
        assert_eq!(parsed("2022-02", Partial::Start), "2022-02-01");
        assert_eq!(parsed("2022-02", Partial::End), "2022-02-28");
        assert_eq!(parsed("2024-02", Partial::End), "2024-02-29");
        assert_eq!(parsed("June 2022", Partial::End), "2022-06-30");
        assert_eq!(parsed("sep 2022", Partial::Start), "2022-09-01");
        assert_eq!(
            parsed("2022-02", Partial::Refuse),
            "error: '2022-02' is a month, not a day: give the day (2022-02-28), or say which one \
             with 'start of 2022-02' or 'end of 2022-02'"
        );
        assert!(parsed("2022", Partial::Refuse).starts_with("error: '2022' is a year, not a day"));
    }

    #[test]
    fn end_of_and_start_of_say_which_day() {
        for partial in [Partial::Start, Partial::End, Partial::Refuse] {
            assert_eq!(parsed("end of 2022", partial), "2022-12-31");
            assert_eq!(parsed("End  of 2022-06", partial), "2022-06-30");
            assert_eq!(parsed("end of February 2023", partial), "2023-02-28");
            assert_eq!(parsed("start of 2022", partial), "2022-01-01");
        }
        assert!(parsed("end of 2022-06-15", Partial::End).starts_with("error:"));
        assert!(parsed("end of", Partial::End).starts_with("error:"));
    }

    #[test]
    fn relative_dates_count_from_today() {
        // Today is 2024-01-31 in `parsed`.
        assert_eq!(parsed("today", Partial::Refuse), "2024-01-31");
        assert_eq!(parsed("TODAY", Partial::Refuse), "2024-01-31");
        assert_eq!(parsed("yesterday", Partial::Refuse), "2024-01-30");
        assert_eq!(parsed("tomorrow", Partial::Refuse), "2024-02-01");
        assert_eq!(parsed("+30d", Partial::End), "2024-03-01");
        assert_eq!(parsed("-7d", Partial::Start), "2024-01-24");
        assert_eq!(parsed("+2w", Partial::End), "2024-02-14");
        assert_eq!(parsed("+1m", Partial::End), "2024-02-29");
        assert_eq!(parsed("+6m", Partial::End), "2024-07-31");
        assert_eq!(parsed("-1y", Partial::End), "2023-01-31");
        assert_eq!(parsed("+0d", Partial::End), "2024-01-31");
    }

    #[test]
    fn bad_dates_name_the_value() {
        assert_eq!(
            parsed("2022-13", Partial::End),
            "error: '2022-13' is not a date: there is no month 13 (months run 01 to 12)"
        );
        for text in [
            "soon",
            "+30",
            "30d",
            "+d",
            "+3x",
            "next week",
            "2022-1",
            "0999",
            "Jun",
        ] {
            let message = parsed(text, Partial::End);
            assert!(
                message.starts_with(&format!("error: '{text}' is not a date")),
                "{text}: {message}"
            );
        }
        assert_eq!(
            parsed("+99999999999999999999d", Partial::End),
            "error: '+99999999999999999999d' is too far from today (dates run from year 1000 to 9999)"
        );
        assert!(parsed("+9000y", Partial::End).contains("too far from today"));
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (1000i32..=9999, 1u32..=12, 1u32..=31)
            .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
    }

    fn any_partial() -> impl Strategy<Value = Partial> {
        prop_oneof![
            Just(Partial::Start),
            Just(Partial::End),
            Just(Partial::Refuse)
        ]
    }

    proptest! {
        #[test]
        fn iso_dates_round_trip(date in any_day(), today in any_day(), partial in any_partial()) {
            prop_assert_eq!(parse_user_date(&format_date(date), partial, today).unwrap(), date);
        }

        #[test]
        fn months_span_their_days(date in any_day(), today in any_day()) {
            let month = date.format("%Y-%m").to_string();
            let start = parse_user_date(&month, Partial::Start, today).unwrap();
            let end = parse_user_date(&month, Partial::End, today).unwrap();
            prop_assert!(start <= date && date <= end);
            prop_assert_eq!((start.day(), start.month()), (1, date.month()));
            prop_assert_eq!(end.succ_opt().map(|next| next.day()), Some(1));
            prop_assert_eq!(parse_user_date(&format!("end of {month}"), Partial::Refuse, today).unwrap(), end);
            prop_assert!(parse_user_date(&month, Partial::Refuse, today).is_err());
        }

        #[test]
        fn day_offsets_move_by_that_many_days(today in any_day(), days in 0u32..3000, back in any::<bool>()) {
            let text = format!("{}{days}d", if back { '-' } else { '+' });
            if let Ok(date) = parse_user_date(&text, Partial::End, today) {
                prop_assert_eq!((date - today).num_days().abs(), i64::from(days));
            }
            let weeks = parse_user_date(&format!("+{days}w"), Partial::End, today);
            if let Ok(date) = weeks {
                prop_assert_eq!((date - today).num_days(), 7 * i64::from(days));
            }
        }

        #[test]
        fn garbage_is_an_error_naming_the_value(text in "\\PC{0,20}", today in any_day()) {
            if let Err(err) = parse_user_date(&text, Partial::End, today) {
                prop_assert!(err.to_string().starts_with(&quoted(&text)), "{}", err);
            }
        }
    }
}
