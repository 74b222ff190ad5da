//! `fledger completions`: every shell's script names every command, an unknown shell is
//! refused, and the bash script is valid bash. Like the manual page (`man`), the scripts come
//! from the clap definitions.

use crate::support::{Ledger, COMMANDS};

#[test]
fn completions_name_every_command_in_every_shell() {
    let ledger = Ledger::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = ledger.ok(&["completions", shell]);
        for command in COMMANDS {
            assert!(
                script.contains(command),
                "{shell} completions lack {command}"
            );
        }
    }
    let refused = ledger.run(&["completions", "tcsh"]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn the_bash_script_parses_as_bash() {
    let ledger = Ledger::new();
    let script = ledger.write_file(
        "fledger.bash",
        ledger.ok(&["completions", "bash"]).as_bytes(),
    );
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(status.success());
}
