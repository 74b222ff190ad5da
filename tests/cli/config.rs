//! The config file (ledger, scale, user) and its precedence: flag > environment > file >
//! built-in default; and what -q and -v do to stderr.

use std::path::{Path, PathBuf};

use crate::support::*;
use tempfile::TempDir;

/// A fake home whose config file holds `text`; commands run there without `--db`.
struct Home {
    dir: TempDir,
}

impl Home {
    fn with_config(text: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("xdg-config").join("fledger");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("config.toml"), text).unwrap();
        Home { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn config_file(&self) -> PathBuf {
        self.path().join("xdg-config/fledger/config.toml")
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = fledger_in(self.path());
        cmd.args(args);
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.cmd(args).output().unwrap();
        assert_success(&output, args);
        stdout(&output)
    }
}

/// Runs `cmd`, which must exit 1 with stderr starting `message`.
#[track_caller]
fn assert_fails(mut cmd: assert_cmd::Command, message: &str) {
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).starts_with(message), "{}", stderr(&output));
}

#[test]
fn the_config_ledger_is_found_from_the_config_files_folder() {
    let home = Home::with_config("# defaults\nledger = \"mine.db\"\n");
    home.ok(&["init"]);
    let mine = home.path().join("xdg-config/fledger/mine.db");
    assert!(mine.exists());
    assert!(!home.path().join("xdg-data/fledger/ledger.db").exists());

    // $FLEDGER_DB beats the file, and --db beats both.
    let env_db = home.path().join("env.db");
    home.cmd(&["init"])
        .env("FLEDGER_DB", &env_db)
        .assert()
        .success();
    assert!(env_db.exists());
    let flag_db = home.path().join("flag.db");
    home.cmd(&["--db", flag_db.to_str().unwrap(), "init"])
        .env("FLEDGER_DB", &env_db)
        .assert()
        .success();
    assert!(flag_db.exists());
}

#[test]
fn the_config_user_is_the_default_forecaster_after_the_environment() {
    let home = Home::with_config("user = \"Cleo Config\"\nledger = \"l.db\"\n");
    let forecaster = |home: &Home, env_user: Option<&str>, extra: &[&str]| -> String {
        let mut args = vec!["add", "A question", "-p", "0.5", "--json"];
        args.extend_from_slice(extra);
        let mut cmd = home.cmd(&args);
        match env_user {
            Some(name) => cmd.env("FLEDGER_USER", name),
            None => cmd.env_remove("FLEDGER_USER"),
        };
        cmd.assert().success();
        let list = home.ok(&["list", "--json"]);
        let list: serde_json::Value = serde_json::from_str(&list).unwrap();
        let last = list.as_array().unwrap().last().unwrap();
        last["forecaster"].as_str().unwrap().to_string()
    };
    assert_eq!(forecaster(&home, None, &[]), "Cleo Config");
    assert_eq!(forecaster(&home, Some("Eve Env"), &[]), "Eve Env");
    assert_eq!(
        forecaster(&home, Some("Eve Env"), &["--by", "Fay Flag"]),
        "Fay Flag"
    );
}

#[test]
fn the_config_scale_reads_phrases_unless_scale_is_given() {
    let home = Home::with_config("scale = \"kent\"\nledger = \"l.db\"\n");
    let probability = |args: &[&str]| -> f64 {
        let mut all = vec!["add", "A question", "-c", "probable"];
        all.extend_from_slice(args);
        home.ok(&all);
        let list: serde_json::Value = serde_json::from_str(&home.ok(&["list", "--json"])).unwrap();
        list.as_array().unwrap().last().unwrap()["probability"]
            .as_f64()
            .unwrap()
    };
    // Kent's "probable" is 75%; ICD 203's "probable" (55-80%) is 0.675.
    assert_eq!(probability(&[]), 0.75);
    assert_eq!(probability(&["--scale", "icd203"]), 0.675);
}

#[test]
fn fledger_config_names_another_file_or_none() {
    let home = Home::with_config("ledger = \"default-place.db\"\n");
    let other = home.path().join("other.toml");
    std::fs::write(&other, "ledger = \"other.db\"\n").unwrap();
    home.cmd(&["init"])
        .env("FLEDGER_CONFIG", &other)
        .assert()
        .success();
    assert!(home.path().join("other.db").exists());
    // Empty: no config file at all, so the XDG default.
    home.cmd(&["init"])
        .env("FLEDGER_CONFIG", "")
        .assert()
        .success();
    assert!(home.path().join("xdg-data/fledger/ledger.db").exists());
    assert!(!home
        .path()
        .join("xdg-config/fledger/default-place.db")
        .exists());

    // A file named outright must exist.
    let missing = home.path().join("missing.toml");
    let mut list = home.cmd(&["list"]);
    list.env("FLEDGER_CONFIG", &missing);
    assert_fails(
        list,
        &format!(
            "fledger: cannot read the config file {} ($FLEDGER_CONFIG)",
            missing.display()
        ),
    );
}

#[test]
fn bad_config_names_the_file_the_line_and_the_key() {
    let home = Home::with_config("ledger = \"l.db\"\ncolour = \"always\"\n");
    let output = home.cmd(&["list"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr_lines(&output),
        [format!(
            "fledger: {}: line 2: unknown key 'colour' (the keys are ledger, scale, user)",
            home.config_file().display()
        )]
    );

    let home = Home::with_config("ledger = \"l.db\"\n\nscale = \"astrology\"\n");
    home.ok(&["init"]);
    assert_fails(
        home.cmd(&["add", "A question", "-c", "likely"]),
        &format!(
            "fledger: {}: line 3: scale: 'astrology' is not a known confidence scale",
            home.config_file().display()
        ),
    );
    // Commands that read no phrases are not held up by it.
    home.ok(&["list"]);
}

#[test]
fn quiet_keeps_warnings_and_verbose_says_where_and_how_long() {
    let ledger = Ledger::init();
    let added = ledger.run(&["add", "A question", "-p", "0.5", "--made", "2022-03-01"]);
    assert_eq!(
        stderr_lines(&added),
        ["logged prediction 1 (0.5 on new question 1)"]
    );
    let quiet = ledger.run(&["-q", "add", "Another", "-p", "0.4"]);
    assert_success(&quiet, &["-q", "add"]);
    assert_eq!(stdout(&quiet), "2\n", "data still goes to stdout");
    assert!(quiet.stderr.is_empty(), "{}", stderr(&quiet));

    // A warning that matters survives -q: the prediction is hindsight.
    let resolved = ledger.run(&["resolve", "1", "yes", "--on", "2022-02-01", "--quiet"]);
    assert_success(&resolved, &["resolve", "--quiet"]);
    assert_eq!(
        stderr_lines(&resolved),
        ["warning: 1 prediction on this question was made after 2022-02-01; left out of scores as hindsight"]
    );

    let verbose = ledger.run(&["list", "-v"]);
    assert_success(&verbose, &["list", "-v"]);
    let lines = stderr_lines(&verbose);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(
        lines[0],
        format!(
            "no config file at {}",
            ledger
                .path()
                .join("xdg-config/fledger/config.toml")
                .display()
        )
    );
    assert_eq!(
        lines[1],
        format!("ledger {} (from --db)", ledger.db.display())
    );
    assert!(
        lines[2].starts_with("took ") && lines[2].ends_with(" s"),
        "{}",
        lines[2]
    );

    let both = ledger.run(&["-q", "-v", "list"]);
    assert_eq!(both.status.code(), Some(2), "-q and -v contradict");
}
