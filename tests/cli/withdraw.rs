//! `fledger withdraw`: the prediction stays listed and journaled and leaves the scores; a second
//! withdrawal, a blank reason or an unknown prediction is refused.

use crate::support::{stderr_lines, Ledger};

#[test]
fn withdrawal_keeps_the_prediction_in_history_and_out_of_scores() {
    let ledger = Ledger::seeded();
    // The ordinary case: a slip withdrawn while its question is open, then the question
    // resolves. `--evidence all`: resolved today, the new prediction is claimed, which
    // is not what this test is about.
    let score = || ledger.score_every_class(&["--json"]);
    let before = score();
    ledger.ok(&["add", "A question still open", "-p", "0.9", "--by", "Ana"]);
    let added = ledger
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["statement"] == "A question still open")
        .cloned()
        .unwrap();
    let (id, question) = (
        added["prediction_id"].to_string(),
        added["question_id"].to_string(),
    );
    ledger.ok(&["withdraw", &id, "--reason", "logged on the wrong question"]);
    // Times are kept to the second, and a resolution in the same second as a withdrawal
    // counts as before it (the withdrawal stays scored: the safe way to break the tie).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    ledger.ok(&["resolve", &question, "no", "--on", "today"]);
    let after = score();
    assert_eq!(after["excluded"]["withdrawn"], 1);
    assert_eq!(after["overall"]["n"], before["overall"]["n"]);
    // Once an outcome is recorded, withdrawing would erase a miss: refused unless asked
    // for, and then the prediction stays scored, marked.
    let late = ledger.run(&["withdraw", "1", "--reason", "logged on the wrong question"]);
    assert_eq!(late.status.code(), Some(1));
    assert_eq!(stderr_lines(&late).len(), 1);
    ledger.ok(&[
        "withdraw",
        "1",
        "--reason",
        "logged on the wrong question",
        "--after-outcome",
    ]);
    let late = score();
    assert_eq!(late["overall"]["n"], before["overall"]["n"]);
    assert_eq!(late["withdrawn_after_outcome"], 1);
    assert_eq!(late["excluded"]["withdrawn"], 1);
    // Still listed, still in the journal, and the ledger still verifies.
    let listed = ledger.json(&["list", "--json"]);
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["prediction_id"] == 1));
    let log = ledger.json(&["log", "--json"]);
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["table"] == "withdrawals"
            && e["summary"]
                .as_str()
                .unwrap()
                .contains("logged on the wrong question")));
    ledger.ok(&["verify"]);
    // A second withdrawal, a missing reason, an unknown prediction: refused.
    for args in [
        &["withdraw", "1", "--reason", "again"][..],
        &["withdraw", "1", "--reason", "  "][..],
        &["withdraw", "999", "--reason", "x"][..],
    ] {
        let output = ledger.run(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr_lines(&output).len(), 1);
    }
}
