//! `fledger score --group-by quarter` and `--group-by lead-time`: Brier, log loss and the
//! CORP parts per quarter of `made_on` and per lead-time bucket, with n.

use crate::support::{import_file, num, Ledger};

fn ledger() -> Ledger {
    let ledger = Ledger::init();
    import_file(
        &ledger,
        "times.csv",
        b"statement,probability,forecaster,made_on,outcome,resolved_on\n\
          Early call,0.8,Ana,2022-01-10,yes,2022-01-15\n\
          Month call,0.3,Ana,2022-02-01,no,2022-02-20\n\
          Spring call,0.6,Ana,2022-04-01,no,2022-06-01\n\
          Long call,0.9,Ana,2022-11-30,yes,2024-01-01\n",
    );
    ledger
}

#[test]
fn quarters_of_made_on() {
    let card = ledger().json(&["score", "--group-by", "quarter", "--format", "json"]);
    let groups = card["groups"].as_array().unwrap();
    let names: Vec<&str> = groups
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["2022-Q1", "2022-Q2", "2022-Q4"]);
    assert_eq!(groups[0]["n"], 2);
    // Q1: (0.04 + 0.09) / 2.
    assert!((num(&groups[0], "brier") - 0.065).abs() < 1e-12);
    for g in groups {
        let parts = num(g, "corp_brier_mcb") - num(g, "corp_brier_dsc") + num(g, "corp_brier_unc");
        assert!((parts - num(g, "brier")).abs() < 1e-12);
    }
}

#[test]
fn lead_time_buckets() {
    let csv = ledger().ok(&["score", "--group-by", "lead-time", "--format", "csv"]);
    let groups: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|line| line.split(',').nth(1).unwrap())
        .collect();
    // 5, 19, 61 and 762 days.
    assert_eq!(
        groups,
        [
            "1: up to a week",
            "2: 8–30 days",
            "3: 31–90 days",
            "5: over a year",
            "all"
        ]
    );
    assert!(csv.starts_with("group_by,group,n,"), "{csv}");
    assert!(csv.contains("\nlead_time,1: up to a week,1,"), "{csv}");
}
