//! What changes on a terminal: colour (never into a pipe unless asked, never with NO_COLOR)
//! and the pager (only on a terminal, only for long output). The terminal cases run under
//! util-linux `script`, which gives fledger a pseudo-terminal; without it they are skipped.

use std::path::Path;
use std::process::Command;

use crate::support::*;

const ESC: char = '\u{1b}';

fn demo() -> Ledger {
    let ledger = Ledger::new();
    ledger.ok(&["demo"]);
    ledger
}

#[test]
fn piped_tables_have_no_colour_unless_asked_and_no_color_wins() {
    let ledger = demo();
    for args in [
        &["list", "--format", "table"][..],
        &["show", "1", "--format", "table"],
        &["score", "--format", "table"],
        &["list", "--format", "csv"],
    ] {
        let text = ledger.ok(args);
        assert!(!text.contains(ESC), "{args:?}:\n{text}");
    }
    let forced = ledger.ok(&["list", "--format", "table", "--color", "always"]);
    assert!(forced.contains("\u{1b}[1m"), "bold headers:\n{forced}");
    assert!(
        forced.contains("\u{1b}[38;5;9m no "),
        "a red 'no':\n{forced}"
    );
    // Colour is for tables: data formats stay data even when forced.
    let csv = ledger.ok(&["list", "--format", "csv", "--color", "always"]);
    assert!(!csv.contains(ESC));

    let output = ledger
        .cmd()
        .args(["list", "--format", "table", "--color", "always"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&output).contains(ESC));
}

#[test]
fn no_pager_into_a_pipe() {
    let ledger = demo();
    let marker = ledger.path().join("paged.txt");
    let pager = fake_pager(ledger.path());
    let output = ledger
        .cmd()
        .args(["list", "--format", "table"])
        .env("PAGER", &pager)
        .env("PAGED", &marker)
        .output()
        .unwrap();
    assert_success(&output, &["list"]);
    assert!(!marker.exists(), "a pager ran with stdout a pipe");
    assert!(stdout(&output).contains("prediction_id"));
}

/// A pager that saves what it is given to `$PAGED`.
fn fake_pager(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("fake-pager");
    std::fs::write(&path, "#!/bin/sh\ncat > \"$PAGED\"\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

/// Runs `fledger ARGS` on a pseudo-terminal `rows` lines tall, with `env` set; returns what
/// the fake pager was given, or `None` when no pager ran. `Err` when `script` is missing.
fn on_terminal(
    ledger: &Ledger,
    rows: u16,
    args: &str,
    env: &[(&str, &str)],
) -> Result<(Option<String>, String), ()> {
    if Command::new("script").arg("--version").output().is_err() {
        return Err(());
    }
    let marker = ledger.path().join("paged.txt");
    let _ = std::fs::remove_file(&marker);
    let line = format!(
        "stty rows {rows} cols 200; {BIN} --db {} {args}",
        ledger.db.display()
    );
    let mut script = wrapper_in("script", ledger.path());
    script
        .args(["-qec", &line, "/dev/null"])
        .env_remove("NO_COLOR")
        .env_remove("FLEDGER_PAGER")
        .env("PAGER", fake_pager(ledger.path()))
        .env("PAGED", &marker);
    for (name, value) in env {
        script.env(name, value);
    }
    let output = script.output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let paged = std::fs::read_to_string(&marker).ok();
    Ok((paged, String::from_utf8_lossy(&output.stdout).into_owned()))
}

#[test]
fn long_output_on_a_terminal_goes_through_the_pager() {
    let ledger = demo();
    let Ok((paged, _)) = on_terminal(&ledger, 10, "list", &[]) else {
        eprintln!("skipped: no `script` to make a pseudo-terminal");
        return;
    };
    let paged = paged.expect("the pager ran");
    assert!(paged.contains("prediction_id"), "{paged}");
    assert!(paged.contains(ESC), "colour on a terminal");

    // Short output, --no-pager, and PAGER or FLEDGER_PAGER set empty: straight to the terminal.
    let (paged, shown) = on_terminal(&ledger, 200, "list", &[]).unwrap();
    assert_eq!(paged, None);
    assert!(shown.contains("prediction_id"));
    assert_eq!(
        on_terminal(&ledger, 10, "list --no-pager", &[]).unwrap().0,
        None
    );
    assert_eq!(
        on_terminal(&ledger, 10, "list", &[("PAGER", "")])
            .unwrap()
            .0,
        None
    );
    assert_eq!(
        on_terminal(&ledger, 10, "list", &[("FLEDGER_PAGER", "")])
            .unwrap()
            .0,
        None
    );
    // Commands that are not lists never page.
    assert_eq!(on_terminal(&ledger, 5, "score", &[]).unwrap().0, None);

    // NO_COLOR wins on a terminal too, and even with --color always.
    let (paged, _) = on_terminal(&ledger, 10, "list --color always", &[("NO_COLOR", "1")]).unwrap();
    let paged = paged.expect("the pager ran");
    assert!(!paged.contains(ESC), "{paged}");
}

#[test]
fn a_pager_that_quits_early_is_not_an_error() {
    let ledger = demo();
    let Ok((_, _)) = on_terminal(&ledger, 10, "list", &[("FLEDGER_PAGER", "exit 0")]) else {
        return;
    };
    // on_terminal asserted that fledger (and so script) exited 0.
}

#[test]
fn import_shows_its_progress_on_a_terminal_only() {
    let ledger = Ledger::new();
    let mut csv = String::from("statement,probability,made_on\n");
    for i in 0..3000 {
        csv.push_str(&format!("Question {i},0.5,2021-03-01\n"));
    }
    let file = ledger.write_file("rows.csv", csv.as_bytes());
    let Ok((_, shown)) = on_terminal(&ledger, 24, &format!("import {}", file.display()), &[])
    else {
        eprintln!("skipped: no `script` to make a pseudo-terminal");
        return;
    };
    assert!(shown.contains("rows imported"), "{shown}");
    assert!(shown.contains("imported 3000 predictions"), "{shown}");

    let piped = ledger.run(&["import", file.to_str().unwrap()]);
    assert!(
        !stderr(&piped).contains("rows imported"),
        "{}",
        stderr(&piped)
    );
    let quiet = on_terminal(&ledger, 24, &format!("-q import {}", file.display()), &[]);
    assert!(!quiet.unwrap().1.contains("rows imported"));
}
