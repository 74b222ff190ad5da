//! `fledger phrases`: every published scale with its numbers, one scale as CSV, the survey
//! scale, a scale file, and an unknown scale refused. How `add` reads words on a scale is in
//! `add`.

use crate::support::{num, parse_csv, repo_file, stderr_lines, Ledger};

#[test]
fn phrases_lists_every_published_scale_with_its_numbers() {
    let ledger = Ledger::new();
    let rows = ledger.json(&["phrases", "--json"]);
    let rows = rows.as_array().unwrap();
    let scales: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["scale"].as_str().unwrap()).collect();
    assert_eq!(
        scales.into_iter().collect::<Vec<_>>(),
        ["icd203", "ipcc", "kent", "mauboussin", "phia"]
    );
    let find = |scale: &str, term: &str| -> f64 {
        let row = rows
            .iter()
            .find(|r| r["scale"] == scale && r["term"] == term)
            .unwrap_or_else(|| panic!("{scale} {term}"));
        num(row, "probability")
    };
    assert_eq!(find("icd203", "very unlikely"), 0.125);
    assert_eq!(find("icd203", "almost certain"), 0.97);
    assert_eq!(find("kent", "probable"), 0.75);
    assert_eq!(find("kent", "almost certain"), 0.93);
    let (header, csv_rows) =
        parse_csv(&ledger.ok(&["phrases", "--scale", "kent", "--format", "csv"]));
    assert_eq!(header[..3], ["scale", "version", "term"]);
    assert_eq!(csv_rows.len(), 7);
    // The survey scale: all 23 phrases, each at the median of the published responses.
    let survey = ledger.json(&["phrases", "--scale", "mauboussin", "--format", "json"]);
    let survey = survey.as_array().unwrap();
    assert_eq!(survey.len(), 23);
    let likely = survey.iter().find(|r| r["term"] == "likely").unwrap();
    assert_eq!(num(likely, "probability"), 0.7);
    assert_eq!(
        (num(likely, "low_percent"), num(likely, "high_percent")),
        (51.0, 85.0)
    );
    assert_eq!(
        likely["version"],
        "HBR 2018 survey medians (amauboussin/probability-survey b9e3822)"
    );
    let custom = ledger.ok(&[
        "phrases",
        "--scale",
        repo_file("scales/example.csv").to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(parse_csv(&custom).1.len() >= 2, "{custom}");
    let refused = ledger.run(&["phrases", "--scale", "astrology"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr_lines(&refused)[0].contains("astrology"));
}
