//! Completions and the manual page come from the clap definitions: every command is in them,
//! and the bash script is valid bash.

use crate::support::Ledger;

const COMMANDS: &[&str] = &[
    "init", "source", "add", "list", "show", "resolve", "due", "score", "export", "import",
    "report", "extract", "phrases", "remap", "verify", "log", "withdraw", "backup", "demo",
];

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

#[test]
fn the_manual_page_is_roff_with_every_command() {
    let page = Ledger::new().ok(&["man"]);
    assert!(page.contains(".TH fledger 1"), "{page}");
    assert!(page.contains(".SH NAME"));
    for command in COMMANDS {
        assert!(page.contains(command), "the manual lacks {command}");
    }
}
