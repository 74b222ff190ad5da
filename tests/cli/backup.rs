//! `fledger backup`: a copy that exports and verifies as the ledger does, and never overwrites
//! a file.

use crate::support::{self, Ledger};
use serde_json::Value;

#[test]
fn backup_is_a_verified_copy_and_never_overwrites() {
    let ledger = Ledger::seeded();
    let copy = ledger.path().join("copy.db");
    ledger.ok(&["backup", copy.to_str().unwrap()]);
    let original = ledger.json(&["export", "predictions", "--json"]);
    let output = support::fledger_in(ledger.path())
        .args([
            "--db",
            copy.to_str().unwrap(),
            "export",
            "predictions",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&output.stdout).unwrap(),
        original
    );
    let verified = support::fledger_in(ledger.path())
        .args(["--db", copy.to_str().unwrap(), "verify"])
        .output()
        .unwrap();
    assert!(verified.status.success());
    let again = ledger.run(&["backup", copy.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
}
