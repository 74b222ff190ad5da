//! Damaged ledger files: an empty or non-SQLite file at the ledger's path is refused by every
//! command, and left as it is (never set up as a new, clean ledger); damage SQLite finds inside
//! a real ledger makes `verify` exit 3 and every other command fail with one plain line; and a
//! ledger in a read-only folder can still be read.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::support::{fledger_in, stderr, stderr_lines, stdout, Ledger};

/// Every command that opens the ledger, reading and writing.
const COMMANDS: &[&[&str]] = &[
    &["list"],
    &["show", "1"],
    &["score"],
    &["report"],
    &["export"],
    &["log"],
    &["verify"],
    &["verify", "--full"],
    &["init"],
    &["add", "Will it rain?", "-p", "0.5"],
    &["resolve", "1", "yes"],
];

fn siblings(db: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| PathBuf::from(format!("{}{suffix}", db.display())))
        .filter(|path| path.exists())
        .collect()
}

fn assert_refused_untouched(contents: &[u8], says: &str) {
    let ledger = Ledger::new();
    std::fs::write(&ledger.db, contents).unwrap();
    for args in COMMANDS {
        let output = ledger.run(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let lines = stderr_lines(&output);
        assert_eq!(lines.len(), 1, "{args:?}: {lines:?}");
        assert!(
            lines[0].contains(ledger.db.to_str().unwrap()) && lines[0].contains(says),
            "{args:?}: {lines:?}"
        );
        assert_eq!(std::fs::read(&ledger.db).unwrap(), contents, "{args:?}");
        assert_eq!(siblings(&ledger.db), Vec::<PathBuf>::new(), "{args:?}");
    }
}

#[test]
fn a_zero_byte_ledger_is_refused_by_every_command_and_left_empty() {
    assert_refused_untouched(b"", "is an empty file, not a ledger");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_by_every_command_and_left_as_it_is() {
    assert_refused_untouched(
        b"date,statement,p\n2024-01-01,Will it rain?,0.5\n",
        "is not an SQLite database",
    );
}

/// A seeded ledger with one page of its predictions table overwritten with garbage, as a bad
/// disk or a botched copy would leave it.
fn corrupted() -> Ledger {
    let ledger = Ledger::seeded();
    let (page_size, root): (u64, u64) = {
        let conn = rusqlite::Connection::open(&ledger.db).unwrap();
        let page_size = conn
            .query_row("PRAGMA page_size", [], |row| row.get(0))
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'predictions'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        (page_size, root)
    };
    assert_eq!(siblings(&ledger.db), Vec::<PathBuf>::new());
    let mut bytes = std::fs::read(&ledger.db).unwrap();
    let start = ((root - 1) * page_size) as usize;
    bytes[start..start + page_size as usize].fill(0xA5);
    std::fs::write(&ledger.db, bytes).unwrap();
    ledger
}

#[test]
fn corruption_makes_verify_exit_3_with_a_corrupt_problem() {
    let ledger = corrupted();
    for args in [&["verify", "--json"][..], &["verify", "--full", "--json"]] {
        let output = ledger.run(args);
        assert_eq!(
            output.status.code(),
            Some(3),
            "{args:?}: {}",
            stderr(&output)
        );
        let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let kinds: Vec<&str> = report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["kind"].as_str().unwrap())
            .collect();
        assert!(kinds.contains(&"corrupt"), "{args:?}: {report}");
    }
}

#[test]
fn corruption_makes_other_commands_fail_with_one_plain_line() {
    let ledger = corrupted();
    for args in [
        &["list"][..],
        &["score"],
        &["add", "Will it rain?", "-p", "0.5"],
    ] {
        let output = ledger.run(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let lines = stderr_lines(&output);
        assert_eq!(lines.len(), 1, "{args:?}: {lines:?}");
        assert!(lines[0].contains("the ledger file is damaged"), "{lines:?}");
        for debug in ["SqliteFailure", "panicked", "Error {", "code:"] {
            assert!(!lines[0].contains(debug), "{args:?}: {lines:?}");
        }
    }
}

/// Restores a folder's permissions when the test ends, pass or fail, so the temporary folder
/// can be removed.
struct Writable<'a>(&'a Path);

impl Drop for Writable<'_> {
    fn drop(&mut self) {
        let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o755));
    }
}

/// Root may write a read-only folder anyway, so what shows that fledger took the read-only,
/// immutable path is that no -shm appears beside the ledger: any other open of a WAL ledger
/// makes one.
#[test]
fn read_commands_work_in_a_read_only_folder() {
    let ledger = Ledger::seeded();
    let folder = ledger.path().join("shelf");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("ledger.db");
    std::fs::copy(&ledger.db, &db).unwrap();
    let expected = ledger.ok(&["list", "--json"]);
    let before = std::fs::read(&db).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let _restore = Writable(&folder);
    for args in [
        &["list", "--json"][..],
        &["show", "1"],
        &["score"],
        &["report"],
        &["export"],
        &["log"],
        &["verify"],
        &["verify", "--full"],
    ] {
        let output = fledger_in(ledger.path())
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        if args[0] == "list" {
            assert_eq!(stdout(&output), expected);
        }
        assert_eq!(siblings(&db), Vec::<PathBuf>::new(), "{args:?}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// A read-only file in a writable folder: read, never written, even by root.
#[test]
fn read_commands_work_on_a_read_only_file() {
    let ledger = Ledger::seeded();
    let expected = ledger.ok(&["list", "--json"]);
    let before = std::fs::read(&ledger.db).unwrap();
    std::fs::set_permissions(&ledger.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    assert_eq!(ledger.ok(&["list", "--json"]), expected);
    ledger.ok(&["verify"]);
    assert_eq!(std::fs::read(&ledger.db).unwrap(), before);
}
