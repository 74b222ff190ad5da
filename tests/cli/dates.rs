//! Dates as people type them on the command line: partial dates, `today`, `+30d`, `end of`.
//! Each flag's reading of a month or a year alone is part of its contract (see README).

use crate::support::*;
use chrono::{Days, NaiveDate};
use serde_json::Value;

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The only prediction's row in `list --json`.
fn listed(ledger: &Ledger) -> Value {
    let list = ledger.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    list[0].clone()
}

/// The rows `COMMAND --json ARGS` prints.
fn rows(ledger: &Ledger, command: &[&str], args: &[&str]) -> Vec<Value> {
    let mut all = command.to_vec();
    all.push("--json");
    all.extend_from_slice(args);
    ledger.json(&all).as_array().unwrap().clone()
}

#[track_caller]
fn assert_refused(ledger: &Ledger, args: &[&str], message: &str) {
    let before = ledger.snapshot();
    let output = ledger.run(args);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{args:?}: {}",
        stderr(&output)
    );
    assert_eq!(stderr_lines(&output), [format!("fledger: {message}")]);
    assert_eq!(ledger.snapshot(), before, "{args:?} changed the ledger");
}

#[test]
fn a_year_as_a_deadline_is_its_last_day() {
    let ledger = Ledger::init();
    ledger.ok(&[
        "add",
        "Ukraine joins NATO",
        "-p",
        "3%",
        "--resolve-by",
        "2030",
    ]);
    assert_eq!(listed(&ledger)["resolve_by"], "2030-12-31");
}

#[test]
fn deadlines_in_words_months_and_from_today() {
    let cases = [
        (
            "2022-02",
            iso(NaiveDate::from_ymd_opt(2022, 2, 28).unwrap()),
        ),
        ("end of June 2022", "2022-06-30".to_string()),
        ("end of 2024-02", "2024-02-29".to_string()),
        ("+30d", iso(today() + Days::new(30))),
        ("+2w", iso(today() + Days::new(14))),
    ];
    for (typed, stored) in cases {
        let ledger = Ledger::init();
        ledger.ok(&["add", "A question", "-p", "0.5", "--resolve-by", typed]);
        assert_eq!(listed(&ledger)["resolve_by"], stored.as_str(), "{typed}");
    }
}

#[test]
fn resolve_on_today_and_yesterday() {
    let ledger = Ledger::init();
    ledger.ok(&["add", "A question", "-p", "0.5", "--made", "-7d"]);
    assert_eq!(
        listed(&ledger)["made_on"],
        iso(today() - Days::new(7)).as_str()
    );
    ledger.ok(&["resolve", "1", "yes", "--on", "today"]);
    assert_eq!(listed(&ledger)["resolved_on"], iso(today()).as_str());
    ledger.ok(&[
        "resolve",
        "1",
        "yes",
        "--on",
        "yesterday",
        "--reason",
        "it was known a day earlier",
    ]);
    assert_eq!(
        listed(&ledger)["resolved_on"],
        iso(today() - Days::new(1)).as_str()
    );
}

#[test]
fn the_day_something_happened_needs_a_day() {
    let ledger = Ledger::init();
    ledger.ok(&["add", "A question", "-p", "0.5", "--made", "2022-01-10"]);
    assert_refused(
        &ledger,
        &["add", "Another", "-p", "0.5", "--made", "2022-02"],
        "invalid --made: '2022-02' is a month, not a day: give the day (2022-02-28), or say which \
         one with 'start of 2022-02' or 'end of 2022-02'",
    );
    assert_refused(
        &ledger,
        &["resolve", "1", "no", "--on", "2022"],
        "invalid --on: '2022' is a year, not a day: give the day (2022-12-31), or say which one \
         with 'start of 2022' or 'end of 2022'",
    );
    assert_refused(
        &ledger,
        &["source", "add", "A brief", "--published", "June 2022"],
        "invalid --published: 'June 2022' is a month, not a day: give the day (2022-06-30), or say \
         which one with 'start of June 2022' or 'end of June 2022'",
    );
    // Said outright, it is a day like any other.
    ledger.ok(&["resolve", "1", "no", "--on", "end of 2022"]);
    assert_eq!(listed(&ledger)["resolved_on"], "2022-12-31");
}

#[test]
fn bad_dates_name_the_value_and_the_flag() {
    let ledger = Ledger::init();
    assert_refused(
        &ledger,
        &["add", "A question", "-p", "0.5", "--resolve-by", "2022-13"],
        "invalid --resolve-by: '2022-13' is not a date: there is no month 13 (months run 01 to 12)",
    );
    let output = ledger.run(&["list", "--since", "next tuesday"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("fledger: invalid --since: 'next tuesday' is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY, today,"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn filters_read_a_year_as_the_whole_year() {
    let ledger = Ledger::init();
    for (statement, made) in [
        ("A", "2021-12-31"),
        ("B", "2022-01-01"),
        ("C", "2022-12-31"),
        ("D", "2023-01-01"),
    ] {
        ledger.ok(&["add", statement, "-p", "0.5", "--made", made]);
    }
    let statements = |args: &[&str]| -> Vec<String> {
        rows(&ledger, &["list"], args)
            .iter()
            .map(|row| row["statement"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        statements(&["--since", "2022", "--until", "2022"]),
        ["B", "C"]
    );
    assert_eq!(statements(&["--until", "2021-12"]), ["A"]);
    assert_eq!(statements(&["--since", "start of 2023"]), ["D"]);
    let scored = ledger.json(&["score", "--json", "--since", "2022-12", "--until", "2022"]);
    assert_eq!(scored["excluded"]["unresolved"], 1);
}

#[test]
fn due_until_a_date_from_today() {
    let ledger = Ledger::init();
    let soon = iso(today() + Days::new(10));
    let later = iso(today() + Days::new(60));
    ledger.ok(&[
        "add",
        "Overdue",
        "-p",
        "0.5",
        "--made",
        "2020-01-01",
        "--resolve-by",
        "2021-01-01",
    ]);
    ledger.ok(&["add", "Soon", "-p", "0.5", "--resolve-by", &soon]);
    ledger.ok(&["add", "Later", "-p", "0.5", "--resolve-by", &later]);

    let due = |args: &[&str]| -> Vec<(String, i64)> {
        rows(&ledger, &["due"], args)
            .iter()
            .map(|row| {
                (
                    row["statement"].as_str().unwrap().to_string(),
                    row["days_overdue"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let overdue = (today() - NaiveDate::from_ymd_opt(2021, 1, 1).unwrap()).num_days();
    assert_eq!(due(&[]), [("Overdue".to_string(), overdue)]);
    // Days overdue still count from today: the question due in ten days is at -10.
    assert_eq!(
        due(&["--until", "+30d"]),
        [("Overdue".to_string(), overdue), ("Soon".to_string(), -10)]
    );
    assert_eq!(due(&["--until", "-7d"]), [("Overdue".to_string(), overdue)]);
    let output = ledger.run(&["due", "--until", "+30x"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("fledger: invalid --until: '+30x' is not a date"));
}
