//! Time windows to group forecasts by: the quarter a forecast was made in, and its lead
//! time (days from the forecast to the resolution), since a call made a week before the
//! outcome is a different feat from one made a year before.

use chrono::NaiveDate;

/// The calendar quarter of an ISO date, as `2022-Q1`; `None` when the date has no month.
pub fn quarter(made_on: &str) -> Option<String> {
    let year = made_on.get(..4)?;
    let month: u32 = made_on.get(5..7)?.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then(|| format!("{year}-Q{}", (month - 1) / 3 + 1))
}

/// Lead-time buckets, upper bounds in days, inclusive, with their names; numbered so that
/// the names sort in the order of the buckets. Past the last bound: "5: over a year".
const LEAD_TIMES: [(i64, &str); 4] = [
    (7, "1: up to a week"),
    (30, "2: 8–30 days"),
    (90, "3: 31–90 days"),
    (365, "4: 91–365 days"),
];
const OVER_A_YEAR: &str = "5: over a year";

/// The lead-time bucket of a forecast made on `made_on` on a question resolved on
/// `resolved_on` (both ISO dates, day precision); `None` when either is not a full date.
pub fn lead_time(made_on: &str, resolved_on: &str) -> Option<&'static str> {
    let day = |text: &str| NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok();
    let days = (day(resolved_on)? - day(made_on)?).num_days();
    Some(
        LEAD_TIMES
            .iter()
            .find(|(bound, _)| days <= *bound)
            .map_or(OVER_A_YEAR, |(_, name)| name),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_start_in_january_april_july_and_october() {
        assert_eq!(quarter("2022-01-01").as_deref(), Some("2022-Q1"));
        assert_eq!(quarter("2022-03-31").as_deref(), Some("2022-Q1"));
        assert_eq!(quarter("2022-04-01").as_deref(), Some("2022-Q2"));
        assert_eq!(quarter("2022-09-30").as_deref(), Some("2022-Q3"));
        assert_eq!(quarter("2022-12-31").as_deref(), Some("2022-Q4"));
        assert_eq!(quarter("2022"), None);
        assert_eq!(quarter("2022-13-01"), None);
    }

    #[test]
    fn lead_times_fall_in_inclusive_buckets() {
        assert_eq!(
            lead_time("2022-01-01", "2022-01-01"),
            Some("1: up to a week")
        );
        assert_eq!(
            lead_time("2022-01-01", "2022-01-08"),
            Some("1: up to a week")
        );
        assert_eq!(lead_time("2022-01-01", "2022-01-09"), Some("2: 8–30 days"));
        assert_eq!(lead_time("2022-01-01", "2022-01-31"), Some("2: 8–30 days"));
        assert_eq!(lead_time("2022-01-01", "2022-02-01"), Some("3: 31–90 days"));
        assert_eq!(
            lead_time("2022-01-01", "2023-01-01"),
            Some("4: 91–365 days")
        );
        assert_eq!(lead_time("2022-01-01", "2023-01-02"), Some(OVER_A_YEAR));
        // 2024 is a leap year: 366 days.
        assert_eq!(lead_time("2024-01-01", "2025-01-01"), Some(OVER_A_YEAR));
        assert_eq!(lead_time("2022-01", "2022-02-01"), None);
    }

    #[test]
    fn bucket_names_sort_in_bucket_order() {
        let mut names: Vec<&str> = LEAD_TIMES.iter().map(|(_, n)| *n).collect();
        names.push(OVER_A_YEAR);
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }
}
