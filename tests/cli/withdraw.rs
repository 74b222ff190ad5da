//! `fledger withdraw`: the prediction stays listed and journaled and leaves the scores; a second
//! withdrawal, a blank reason or an unknown prediction is refused.

use crate::support::{stderr_lines, Ledger};

#[test]
fn withdrawal_keeps_the_prediction_in_history_and_out_of_scores() {
    let ledger = Ledger::seeded();
    let before = ledger.json(&["score", "--json"]);
    ledger.ok(&["withdraw", "1", "--reason", "logged on the wrong question"]);
    let after = ledger.json(&["score", "--json"]);
    assert_eq!(after["excluded"]["withdrawn"], 1);
    assert_eq!(
        after["overall"]["n"].as_u64().unwrap() + 1,
        before["overall"]["n"].as_u64().unwrap()
    );
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
