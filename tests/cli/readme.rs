//! The README's walkthrough is run as written: every `$ ` command of its console blocks, in
//! order, in one shell, in a fresh folder that holds the seed texts, with the real binary on
//! the PATH. Each command must succeed and print what the README shows under it (a line `...`
//! stands for the rest of that output), so the tour cannot drift from what fledger does.

use std::path::Path;
use std::process::Command;

const SECTION: &str = "## Walkthrough";

/// One `$ ` command of the tour and the output the README shows under it.
#[derive(Debug)]
struct Step {
    command: String,
    expected: Vec<String>,
}

fn tour_steps(readme: &str) -> Vec<Step> {
    let start = readme
        .find(SECTION)
        .unwrap_or_else(|| panic!("README.md has no {SECTION:?} section"));
    let mut steps: Vec<Step> = Vec::new();
    let mut in_console = false;
    let mut continued = false;
    for line in readme[start + SECTION.len()..].lines() {
        if line.starts_with("```") {
            in_console = !in_console && line.trim_end() == "```console";
            continue;
        }
        if !in_console {
            // The next heading ends the section; headings inside outputs do not.
            if line.starts_with("## ") {
                break;
            }
            continue;
        }
        if continued {
            let step = steps.last_mut().expect("a continuation follows a command");
            step.command.push('\n');
            step.command.push_str(line);
        } else if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step {
                command: command.to_string(),
                expected: Vec::new(),
            });
        } else {
            let step = steps
                .last_mut()
                .unwrap_or_else(|| panic!("output before any command in the tour: {line:?}"));
            step.expected.push(line.trim_end().to_string());
        }
        continued = line.ends_with('\\');
    }
    steps
}

/// Whether `actual` is what the README shows: the same lines, or the same first lines up to
/// a `...` line.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.iter().position(|line| line == "...") {
        Some(elided) => {
            actual.len() >= elided && expected[..elided].iter().zip(actual).all(|(e, a)| e == a)
        }
        None => expected.len() == actual.len() && expected.iter().zip(actual).all(|(e, a)| e == a),
    }
}

#[test]
fn the_readme_walkthrough_prints_what_it_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let steps = tour_steps(&readme);
    assert!(
        steps.len() >= 6,
        "the walkthrough has only {} commands",
        steps.len()
    );

    let folder = tempfile::tempdir().unwrap();
    for dir in ["examples", "examples/sources"] {
        std::fs::create_dir(folder.path().join(dir)).unwrap();
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(
                    entry.path(),
                    folder.path().join(dir).join(entry.file_name()),
                )
                .unwrap();
            }
        }
    }

    // Each command's output follows a marker line carrying the previous command's status.
    const MARK: &str = "@@ tour step";
    let mut script = String::new();
    for (index, step) in steps.iter().enumerate() {
        // Grouped, so a redirection in the command (`> candidates.csv`) takes stdout alone
        // and its messages still reach the tour's output, as they would a terminal.
        script.push_str(&format!(
            "echo \"{MARK} {index} $?\"\n{{ {}\n}} 2>&1\n",
            step.command
        ));
    }
    script.push_str(&format!("echo \"{MARK} end $?\"\n"));

    let binary_dir = Path::new(env!("CARGO_BIN_EXE_fledger")).parent().unwrap();
    let path = format!(
        "{}:{}",
        binary_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(folder.path())
        .env_clear()
        .env("PATH", path)
        .env("HOME", folder.path())
        .env("XDG_DATA_HOME", folder.path().join("data"))
        .env("XDG_CONFIG_HOME", folder.path().join("config"))
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();

    let mut outputs: Vec<(String, Vec<&str>)> = Vec::new();
    for line in stdout.lines() {
        match line.strip_prefix(MARK) {
            Some(mark) => outputs.push((mark.trim().to_string(), Vec::new())),
            None => outputs
                .last_mut()
                .expect("output after a marker")
                .1
                .push(line.trim_end()),
        }
    }
    assert_eq!(
        outputs.len(),
        steps.len() + 1,
        "the tour stopped early:\n{stdout}"
    );
    for (index, step) in steps.iter().enumerate() {
        let actual = &outputs[index].1;
        let status = outputs[index + 1].0.rsplit(' ').next().unwrap();
        assert_eq!(
            status,
            "0",
            "`{}` failed (exit {status}):\n{}",
            step.command,
            actual.join("\n")
        );
        assert!(
            matches(&step.expected, actual),
            "`{}` printed:\n{}\n\nbut README.md shows:\n{}",
            step.command,
            actual.join("\n"),
            step.expected.join("\n")
        );
    }
}

#[test]
fn an_elided_output_matches_only_its_first_lines() {
    let expected: Vec<String> = ["a", "b", "..."].iter().map(|s| s.to_string()).collect();
    assert!(matches(&expected, &["a", "b"]));
    assert!(matches(&expected, &["a", "b", "c", "d"]));
    assert!(!matches(&expected, &["a", "x", "c"]));
    assert!(!matches(&expected, &["a"]));
    let exact: Vec<String> = ["a"].iter().map(|s| s.to_string()).collect();
    assert!(!matches(&exact, &["a", "b"]));
    assert!(matches(&exact, &["a"]));
}
