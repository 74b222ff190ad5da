//! Every command's `--help` ends with examples, and every example works: each is run, as a
//! shell would run it, against a fresh copy of the demo ledger.

use std::path::{Path, PathBuf};

use crate::support::*;
use clap::CommandFactory;
use fledger::cli::Cli;

/// Every command path (`["source", "add"]`, ...), clap's own `help` aside.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, prefix: &[String], paths: &mut Vec<Vec<String>>) {
        for sub in command.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_string());
            paths.push(path.clone());
            walk(sub, &path, paths);
        }
    }
    let mut paths = Vec::new();
    walk(&Cli::command(), &[], &mut paths);
    paths
}

/// The lines under "Examples:" in a help text, up to the next blank line.
fn examples(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| line.trim() != "Examples:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .map(|line| line.trim().to_string())
        .collect()
}

fn help(home: &Path, path: &[String]) -> String {
    let mut args = vec!["help".to_string()];
    args.extend_from_slice(path);
    let output = fledger_in(home).args(&args).output().unwrap();
    assert_success(&output, &["help"]);
    stdout(&output)
}

/// A folder holding a demo ledger as `ledger.db`.
fn demo_folder(demo: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(demo, dir.path().join("ledger.db")).unwrap();
    dir
}

fn run_example(dir: &Path, example: &str) -> std::process::Output {
    let bin_dir: PathBuf = Path::new(BIN).parent().unwrap().to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    wrapper_in("bash", dir)
        .args(["-c", &format!("set -e -o pipefail; {example}")])
        .env("PATH", path)
        .env("FLEDGER_DB", dir.join("ledger.db"))
        .output()
        .unwrap()
}

#[test]
fn every_command_has_examples_that_work_on_the_demo_ledger() {
    let built = Ledger::new();
    built.ok(&["demo"]);
    let mut paths = command_paths();
    paths.insert(0, Vec::new());
    assert!(paths.len() >= 25, "{paths:?}");
    for path in paths {
        let text = help(built.path(), &path);
        let examples = examples(&text);
        assert!(
            (1..=4).contains(&examples.len()),
            "fledger help {}: {} examples\n{text}",
            path.join(" "),
            examples.len()
        );
        let dir = demo_folder(&built.db);
        for example in &examples {
            let words: Vec<&str> = example.split_whitespace().collect();
            assert!(
                matches!(words.first(), Some(&"fledger" | &"echo")) && words.contains(&"fledger"),
                "not a fledger command (wrapped?): {example:?}"
            );
            let output = run_example(dir.path(), example);
            assert!(
                output.status.success(),
                "example of `fledger {}` failed ({:?}): {example}\nstdout:\n{}\nstderr:\n{}",
                path.join(" "),
                output.status,
                stdout(&output),
                stderr(&output)
            );
        }
    }
}

#[test]
fn the_top_level_help_lists_the_environment() {
    let home = tempfile::tempdir().unwrap();
    let text = help(home.path(), &[]);
    for variable in [
        "FLEDGER_DB",
        "FLEDGER_USER",
        "FLEDGER_CONFIG",
        "FLEDGER_PAGER",
        "PAGER",
        "NO_COLOR",
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
    ] {
        assert!(text.contains(variable), "{variable}:\n{text}");
    }
    assert!(text.contains("--quiet") && text.contains("--verbose") && text.contains("--color"));
}
