//! `fledger score`'s peer comparison (`--peers`, and `peers` in `--json`): peer scores and
//! relative Brier on shared questions, worked by hand from Metaculus's published example. A
//! module of its own, named for the flag, beside `score`, which is built around one hand-worked
//! ledger (`--policy` is there).

use crate::support::{assert_close, num, parse_csv, Ledger};

/// Metaculus's published check: 0.9 / 0.6 / 0.3 on one YES question.
fn three_forecasters() -> Ledger {
    let ledger = Ledger::init();
    ledger.ok(&[
        "add",
        "It happens",
        "-p",
        "0.9",
        "--by",
        "Ana",
        "--made",
        "2022-01-01",
    ]);
    ledger.ok(&[
        "add",
        "--question",
        "1",
        "-p",
        "0.6",
        "--by",
        "Ben",
        "--made",
        "2022-01-02",
    ]);
    ledger.ok(&[
        "add",
        "--question",
        "1",
        "-p",
        "0.3",
        "--by",
        "Cy",
        "--made",
        "2022-01-03",
    ]);
    // A question only Ana predicted is nobody's peer comparison.
    ledger.ok(&[
        "add",
        "Alone",
        "-p",
        "0.5",
        "--by",
        "Ana",
        "--made",
        "2022-01-01",
    ]);
    ledger.ok(&["resolve", "1", "yes", "--on", "2022-02-01"]);
    ledger.ok(&["resolve", "2", "no", "--on", "2022-02-01"]);
    ledger
}

#[test]
fn peer_scores_match_the_published_example() {
    let peers = three_forecasters().score_every_class(&["--json"])["peers"].clone();
    let rows = peers.as_array().unwrap();
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r["forecaster"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ana", "Ben", "Cy"]);
    // 100 × mean(ln 0.9 − ln 0.6, ln 0.9 − ln 0.3) = 50 ln 4.5; likewise 50 ln(4/3), 50 ln(1/6).
    let expected_peer = [
        50.0 * 4.5f64.ln(),
        50.0 * (4.0f64 / 3.0).ln(),
        50.0 * (1.0f64 / 6.0).ln(),
    ];
    assert_close("published check", num(&rows[0], "peer_score"), 75.20, 0.005);
    // Brier 0.01, 0.16, 0.49; each minus the median of the other two.
    let expected_relative = [0.01 - 0.325, 0.16 - 0.25, 0.49 - 0.085];
    for (i, row) in rows.iter().enumerate() {
        assert_close("peer_score", num(row, "peer_score"), expected_peer[i], 1e-9);
        assert_close(
            "relative_brier",
            num(row, "relative_brier"),
            expected_relative[i],
            1e-12,
        );
        assert_eq!(row["questions"], 1);
        assert_eq!(row["predictions"], 1);
    }
}

#[test]
fn peers_table_prints_alone_in_every_format() {
    let ledger = three_forecasters();
    let csv = ledger.ok(&["score", "--evidence", "all", "--peers", "--format", "csv"]);
    let (header, rows) = parse_csv(&csv);
    assert_eq!(
        header,
        [
            "forecaster",
            "questions",
            "predictions",
            "relative_brier",
            "peer_score"
        ]
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][..3], ["Ana", "1", "1"]);
    assert_close(
        "Ana relative Brier",
        rows[0][3].parse().unwrap(),
        -0.315,
        1e-12,
    );
    let markdown = ledger.ok(&[
        "score",
        "--evidence",
        "all",
        "--peers",
        "--format",
        "markdown",
    ]);
    assert!(
        markdown.contains("| Cy | 1 | 1 | 0.405 | -89.588 |"),
        "{markdown}"
    );
}
