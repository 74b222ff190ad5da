//! Shared fixtures for the integration tests: every test runs the real `fledger` binary
//! against a ledger in its own temporary folder, with a fixed user and a fake home, so no
//! test can see or touch a real ledger.

#![allow(dead_code)] // Each test file uses its own subset of these helpers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use tempfile::TempDir;

/// The name `$FLEDGER_USER` is set to in every test.
pub const USER: &str = "Test Reviewer";

/// The `fledger` binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_fledger");

/// The example ledger, examples/russia-west-2022.csv (what `fledger demo` builds).
pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/russia-west-2022.csv");

/// The commands the completion scripts and the manual page must name.
pub const COMMANDS: &[&str] = &[
    "init", "source", "add", "list", "show", "resolve", "due", "score", "export", "import",
    "report", "extract", "phrases", "remap", "verify", "log", "withdraw", "backup", "demo",
];

/// The tables of schema.sql, every one of which a snapshot records.
pub const TABLES: &[&str] = &[
    "sources",
    "forecasters",
    "questions",
    "tags",
    "question_tags",
    "predictions",
    "resolutions",
    "withdrawals",
    "journal",
];

/// The top-level keys of `fledger score --format json`.
pub const SCORECARD_KEYS: &[&str] = &[
    "overall",
    "groups",
    "calibration",
    "excluded",
    "evidence",
    "scored_evidence",
    "withdrawn_after_outcome",
    "peers",
    "corp",
    "corp_band",
    "comparisons",
];

/// The keys of `overall` and of every group in `fledger score --format json`, in order: the
/// DESIGN.md contract and the metrics added since.
pub const SUMMARY_KEYS: &[&str] = &[
    "n",
    "brier",
    "log_loss",
    "base_rate",
    "reliability",
    "resolution",
    "uncertainty",
    "within_bin_variance",
    "within_bin_covariance",
    "ece",
    "auc",
    "sharpness",
    "brier_skill_base_rate",
    "brier_skill_half",
    "mean_probability",
    "wilson_low",
    "wilson_high",
    "brier_low",
    "brier_high",
    "log_loss_low",
    "log_loss_high",
    "corp_brier_mcb",
    "corp_brier_dsc",
    "corp_brier_unc",
    "corp_log_mcb",
    "corp_log_dsc",
    "corp_log_unc",
    "right_side_of_maybe",
];

/// `fledger` with a clean environment: no `$FLEDGER_DB`, `$FLEDGER_CONFIG`, pager or
/// `$NO_COLOR`, `$HOME`,
/// `$XDG_DATA_HOME` and `$XDG_CONFIG_HOME` inside `home`, `$FLEDGER_USER` fixed, and `home` as
/// the working folder.
pub fn fledger_in(home: &Path) -> Command {
    Command::from_std(process_in(home))
}

/// The one command builder: `fledger` run in `home`, with no ledger, config file, data folder or
/// user from the machine it runs on. A plain `std::process::Command`, for tests that spawn many
/// at once; [`fledger_in`] wraps it for the rest.
pub fn process_in(home: &Path) -> std::process::Command {
    isolated(std::process::Command::new(BIN), home)
}

/// A program that starts `fledger` itself (`bash` running a help example, util-linux `script`
/// giving it a terminal), by the path [`BIN`] or by name from its folder: with the environment
/// [`process_in`] gives `fledger`, which the `fledger` it starts inherits.
pub fn wrapper_in(program: &str, home: &Path) -> std::process::Command {
    isolated(std::process::Command::new(program), home)
}

/// The isolation of [`process_in`] and [`wrapper_in`].
fn isolated(mut cmd: std::process::Command, home: &Path) -> std::process::Command {
    // Everything fledger reads from its environment, so the machine running the tests cannot
    // change what they see (a developer's NO_COLOR or PAGER included).
    cmd.env_remove("FLEDGER_DB")
        .env_remove("FLEDGER_CONFIG")
        .env_remove("FLEDGER_PAGER")
        .env_remove("PAGER")
        .env_remove("NO_COLOR")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("XDG_CONFIG_HOME", home.join("xdg-config"))
        .env("FLEDGER_USER", USER)
        .current_dir(home);
    cmd
}

/// A ledger file in a temporary folder of its own (not created until a command writes it).
pub struct Ledger {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Default for Ledger {
    fn default() -> Self {
        Self::new()
    }
}

impl Ledger {
    /// A path for a ledger that does not exist yet.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join("ledger.db");
        Ledger { dir, db }
    }

    /// An empty ledger, created with `fledger init`.
    pub fn init() -> Self {
        let ledger = Self::new();
        ledger.ok(&["init"]);
        assert!(ledger.db.exists());
        ledger
    }

    /// A ledger that already holds data in every table (see [`SEED_CSV`]): two sources (one
    /// with archived text), three forecasters, four questions with tags, five predictions,
    /// and a question resolved twice (the second time a correction with a reason).
    pub fn seeded() -> Self {
        let ledger = Self::init();
        let seed = ledger.write_file("seed.csv", SEED_CSV.as_bytes());
        ledger.ok(&["import", seed.to_str().unwrap()]);
        let text = ledger.write_file("text.txt", b"abc");
        ledger.ok(&[
            "source",
            "add",
            "Archived brief",
            "--author",
            "Cleo",
            "--file",
            text.to_str().unwrap(),
        ]);
        ledger.ok(&[
            "resolve",
            "3",
            "yes",
            "--on",
            "2022-06-01",
            "--reason",
            "the first reviewer misread the report",
        ]);
        ledger
    }

    /// The folder the ledger lives in (also the working folder of every command).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `fledger --db LEDGER` in this ledger's folder; add arguments and run it.
    pub fn cmd(&self) -> Command {
        let mut cmd = fledger_in(self.path());
        cmd.arg("--db").arg(&self.db);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("fledger runs")
    }

    pub fn run_stdin(&self, args: &[&str], stdin: impl Into<Vec<u8>>) -> Output {
        self.cmd()
            .args(args)
            .write_stdin(stdin)
            .output()
            .expect("fledger runs")
    }

    /// Runs a command that must succeed, and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert_success(&output, args);
        String::from_utf8(output.stdout).expect("stdout is UTF-8")
    }

    /// Runs a command that must succeed and print JSON, and returns that JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let stdout = self.ok(args);
        serde_json::from_str(&stdout)
            .unwrap_or_else(|err| panic!("fledger {args:?} printed no JSON ({err}):\n{stdout}"))
    }

    /// `fledger score ARGS` with every evidence class counted, parsed: for fixtures that log
    /// forecasts after their outcome (`add --made` in the past, then `resolve --on`), which are
    /// *claimed* and left out by default.
    pub fn score_every_class(&self, args: &[&str]) -> Value {
        self.json(&[&["score", "--evidence", "all"], args].concat())
    }

    /// Writes a file next to the ledger and returns its path.
    pub fn write_file(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.path().join(name);
        std::fs::write(&path, contents).expect("write a test file");
        path
    }

    /// Everything the ledger holds: what the export and the source list show, and every row
    /// of every table as read straight from SQLite, so a write that no command prints is
    /// still caught.
    pub fn snapshot(&self) -> Snapshot {
        let export = self.ok(&["export", "predictions", "--format", "json"]);
        let sources = self.ok(&["source", "list", "--json"]);
        let conn = Connection::open_with_flags(
            &self.db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .expect("open the ledger read-only");
        let schema = rows_as_text(
            &conn,
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name",
        );
        let user_version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        let tables = TABLES
            .iter()
            .map(|table| {
                let sql = format!("SELECT * FROM {table} ORDER BY 1, 2");
                (table.to_string(), rows_as_text(&conn, &sql))
            })
            .collect();
        Snapshot {
            export,
            sources,
            schema,
            user_version,
            tables,
        }
    }

    /// The number of rows in one table, read straight from SQLite.
    pub fn count(&self, table: &str) -> usize {
        self.snapshot().tables[table].len()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub export: String,
    pub sources: String,
    pub schema: Vec<String>,
    pub user_version: i64,
    pub tables: BTreeMap<String, Vec<String>>,
}

impl Snapshot {
    /// Rows per table, for messages.
    pub fn counts(&self) -> BTreeMap<&str, usize> {
        self.tables
            .iter()
            .map(|(name, rows)| (name.as_str(), rows.len()))
            .collect()
    }
}

fn rows_as_text(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).expect("a valid snapshot query");
    let columns = stmt.column_count();
    let rows = stmt
        .query_map([], |row| {
            let cells: Vec<String> = (0..columns)
                .map(|i| match row.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(v) => format!("i:{v}"),
                    ValueRef::Real(v) => format!("r:{v:?}"),
                    ValueRef::Text(v) => format!("t:{:?}", String::from_utf8_lossy(v)),
                    ValueRef::Blob(v) => format!("b:{v:?}"),
                })
                .collect();
            Ok(cells.join(" | "))
        })
        .expect("snapshot query runs");
    rows.map(Result::unwrap).collect()
}

/// `list --json`, keyed by statement.
pub fn by_statement(ledger: &Ledger) -> BTreeMap<String, Value> {
    ledger
        .json(&["list", "--json"])
        .as_array()
        .expect("list --json is an array")
        .iter()
        .map(|row| (row["statement"].as_str().unwrap().to_string(), row.clone()))
        .collect()
}

/// Writes `contents` next to the ledger as `name` and imports it, which must succeed.
pub fn import_file(ledger: &Ledger, name: &str, contents: &[u8]) -> Output {
    let path = ledger.write_file(name, contents);
    let output = ledger.run(&["import", path.to_str().unwrap()]);
    assert_success(&output, &["import", name]);
    output
}

/// Questions on either side of their deadlines (the first comment says which is which), for
/// `due` and for `list --due`.
pub fn due_ledger() -> Ledger {
    let ledger = Ledger::init();
    // 1: overdue by 30 days; 2: overdue by 400 days; 3: due in the future;
    // 4: overdue but resolved; 5: no deadline; 6: due today.
    ledger.ok(&[
        "add",
        "Thirty days late",
        "-p",
        "0.5",
        "--made",
        "2020-01-01",
        "--resolve-by",
        &days_ago(30),
    ]);
    ledger.ok(&[
        "add",
        "Long overdue",
        "-p",
        "0.5",
        "--made",
        "2020-01-01",
        "--resolve-by",
        &days_ago(400),
    ]);
    ledger.ok(&[
        "add",
        "Long overdue",
        "-p",
        "0.7",
        "--made",
        "2020-01-02",
        "--by",
        "Other",
    ]);
    ledger.ok(&[
        "add",
        "Not yet",
        "-p",
        "0.5",
        "--made",
        "2020-01-01",
        "--resolve-by",
        &days_ahead(30),
    ]);
    ledger.ok(&[
        "add",
        "Overdue but resolved",
        "-p",
        "0.5",
        "--made",
        "2020-01-01",
        "--resolve-by",
        &days_ago(10),
    ]);
    ledger.ok(&["add", "No deadline", "-p", "0.5", "--made", "2020-01-01"]);
    ledger.ok(&[
        "add",
        "Due today",
        "-p",
        "0.5",
        "--made",
        "2020-01-01",
        "--resolve-by",
        &days_ago(0),
    ]);
    ledger.ok(&["resolve", "4", "no", "--on", "2020-06-01"]);
    ledger
}

/// The date `days` days before today, as YYYY-MM-DD.
pub fn days_ago(days: i64) -> String {
    (today() - chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// The date `days` days after today, as YYYY-MM-DD.
pub fn days_ahead(days: i64) -> String {
    (today() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// A file of this repository, by its path from the top.
pub fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The seed of [`Ledger::seeded`]: line numbers matter to nothing here, only the contents.
pub const SEED_CSV: &str = "\
statement,probability,confidence,forecaster,made_on,resolve_by,outcome,resolved_on,source_title,source_author,source_outlet,source_url,source_published,quote,tags
Russia invades Ukraine by 2022-12-31,0.125,very unlikely,,,2022-12-31,yes,2022-02-24,Relations in 2022,Ana Author,Daily Brief,https://example.org/a,2022-01-19,remains very unlikely,ukraine;war
Russia recognises the breakaway republics by 2022-12-31,0.675,,,,2022-12-31,yes,2022-02-21,Relations in 2022,Ana Author,Daily Brief,https://example.org/a,2022-01-19,,ukraine;donbas
Talks are still under way on 2023-01-10,0.5,,Ben Blogger,2022-01-10,2023-01-10,no,2023-01-10,,,,,,,diplomacy
Ukraine joins NATO by 2030-12-31,0.03,,Ben Blogger,2022-01-10,2030-12-31,,,,,,,,,nato;ukraine
Russia invades Ukraine by 2022-12-31,0.8,,Cy Commentator,2022-02-01,,,,,,,,,,
";

pub fn assert_success(output: &Output, args: &[&str]) {
    assert!(
        output.status.success(),
        "fledger {args:?} failed with {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The non-empty lines of stderr.
pub fn stderr_lines(output: &Output) -> Vec<String> {
    stderr(output)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Parses CSV text into its header and records.
pub fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a CSV header")
        .iter()
        .map(str::to_string)
        .collect();
    let records = reader
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, records)
}

/// The keys of a JSON object, in order.
pub fn keys(value: &Value) -> Vec<String> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not a JSON object: {value}"))
        .keys()
        .cloned()
        .collect()
}

/// Sorted copy of a list of names, for comparing key sets.
pub fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    names.sort();
    names
}

pub fn sorted_keys(value: &Value) -> Vec<String> {
    let mut keys = keys(value);
    keys.sort();
    keys
}

/// `actual` within `tolerance` of `expected`, with a message naming what is compared.
#[track_caller]
pub fn assert_close(what: &str, actual: f64, expected: f64, tolerance: f64) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: {actual} differs from {expected} by more than {tolerance}"
    );
}

/// A JSON number, with a message naming the field when it is not one.
#[track_caller]
pub fn num(value: &Value, field: &str) -> f64 {
    value[field]
        .as_f64()
        .unwrap_or_else(|| panic!("{field} is not a number in {value}"))
}

/// Today as the binary sees it (local time, like `fledger`).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// `fledger`'s four-decimal display of a number (see src/report: people see four decimals).
pub fn round4(x: f64) -> String {
    let text = format!("{x:.4}");
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Whether `line` is a Markdown table rule row such as `| --- | ---: |`.
pub fn is_markdown_rule(line: &str) -> bool {
    let line = line.trim();
    if !(line.starts_with('|') && line.ends_with('|') && line.len() > 2) {
        return false;
    }
    line[1..line.len() - 1].split('|').all(|cell| {
        let cell = cell.trim();
        let dashes = cell.trim_start_matches(':').trim_end_matches(':');
        dashes.len() >= 3 && dashes.chars().all(|c| c == '-')
    })
}

/// Asserts that `text` holds a Markdown table whose header row is exactly `header` and which
/// is followed by a rule row with one cell per column.
#[track_caller]
pub fn assert_markdown_table(text: &str, header: &[&str]) {
    let header_row = format!("| {} |", header.join(" | "));
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|line| *line == header_row)
        .unwrap_or_else(|| panic!("no Markdown header row {header_row:?} in:\n{text}"));
    let rule = lines
        .get(at + 1)
        .unwrap_or_else(|| panic!("no rule row after {header_row:?}"));
    assert!(
        is_markdown_rule(rule),
        "not a Markdown rule row: {rule:?}\n{text}"
    );
    assert_eq!(
        rule.matches('|').count(),
        header.len() + 1,
        "rule row {rule:?} does not have one cell per column"
    );
}
