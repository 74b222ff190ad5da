//! `fledger man`: the manual page is roff and names every command.

use crate::support::{Ledger, COMMANDS};

#[test]
fn the_manual_page_is_roff_with_every_command() {
    let page = Ledger::new().ok(&["man"]);
    assert!(page.contains(".TH fledger 1"), "{page}");
    assert!(page.contains(".SH NAME"));
    for command in COMMANDS {
        assert!(page.contains(command), "the manual lacks {command}");
    }
}
