//! The ledger as a file: refusing what is not one, making a new one whole, opening one that
//! fledger may only read, and telling SQLite's "this file is damaged" from other errors.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags};

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Refuses a file at the ledger's path that is not an SQLite database. SQLite itself takes a
/// zero-byte file for a new, empty database, and fledger would then set it up as a new ledger
/// that verifies clean: a ledger truncated by a bad copy or a full disk would silently become
/// an empty record. fledger makes new ledgers whole (see [`create`]), so an empty file is
/// never one of its own in the making.
pub(super) fn refuse_unless_sqlite(path: &Path) -> Result<()> {
    let mut header = Vec::with_capacity(SQLITE_HEADER.len());
    fs::File::open(path)
        .and_then(|file| {
            file.take(SQLITE_HEADER.len() as u64)
                .read_to_end(&mut header)
        })
        .with_context(|| format!("cannot read the ledger {}", path.display()))?;
    if header.is_empty() {
        bail!(
            "{} is an empty file, not a ledger: fledger leaves it untouched (restore the ledger from a backup, or remove the file to start a new one)",
            path.display()
        );
    }
    if header != SQLITE_HEADER {
        bail!(
            "{} is not an SQLite database, so not a ledger: fledger leaves it untouched (pass --db to choose another file)",
            path.display()
        );
    }
    Ok(())
}

/// Makes a new ledger at `path`, which did not exist, by building it under a name of its own
/// beside `path` and linking it into place complete. Created in place, the file would exist
/// empty until the first process set it up, and a second process starting meanwhile would
/// refuse it as an empty file. The link fails if `path` appeared in the meantime: another
/// process made the ledger first, and it is used as it is.
pub(super) fn create(
    path: &Path,
    set_up: impl FnOnce(&mut Connection) -> Result<()>,
) -> Result<()> {
    let name = path
        .file_name()
        .with_context(|| format!("{} names no file", path.display()))?;
    let mut staged_name = std::ffi::OsString::from(".");
    staged_name.push(name);
    staged_name.push(format!(".new-{}", std::process::id()));
    let staged = path.with_file_name(staged_name);
    let made = build(&staged, set_up).and_then(|()| match fs::hard_link(&staged, path) {
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        // A filesystem without hard links (FAT, exFAT, some network shares): a rename puts the
        // whole file in place too, though it would replace a ledger another process made in
        // the moment between the check and the rename.
        Err(_) if !path.exists() => fs::rename(&staged, path)
            .with_context(|| format!("cannot create the ledger {}", path.display())),
        Err(err) => {
            Err(err).with_context(|| format!("cannot create the ledger {}", path.display()))
        }
        Ok(()) => Ok(()),
    });
    // Nothing else uses the staged name (it carries our process id); a failure to remove it
    // leaves a stray file, not a wrong ledger.
    let _ = fs::remove_file(&staged);
    made
}

fn build(staged: &Path, set_up: impl FnOnce(&mut Connection) -> Result<()>) -> Result<()> {
    // A file left by a process that crashed with our id is not a ledger anyone uses.
    let _ = fs::remove_file(staged);
    let failed = || format!("cannot create the ledger {}", staged.display());
    let mut conn = Connection::open(staged).with_context(failed)?;
    set_up(&mut conn).with_context(failed)?;
    // Closed without error, every page is in the file itself and the -wal is gone, so the
    // one link carries the whole ledger.
    conn.close().map_err(|(_, err)| err).with_context(failed)
}

/// Whether fledger must open this existing ledger read-only: the file, or the folder SQLite
/// writes the WAL's files into, is not writable. Permission bits are read as well as an open
/// for writing tried, because root may open anything: the bits still say what the owner meant.
pub(super) fn read_only(path: &Path) -> bool {
    let bits_say_read_only = |p: &Path| fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    bits_say_read_only(path)
        || bits_say_read_only(&folder(path))
        || fs::OpenOptions::new().write(true).open(path).is_err()
}

/// Opens an existing ledger for reading only, as [`read_only`] asks.
///
/// A WAL ledger's readers share an index file (`-shm`) beside it. SQLite creates it even for a
/// read-only connection, and cannot in a read-only folder: there the ledger is opened
/// `immutable`, which tells SQLite that nobody changes the file, so it reads it without the
/// index and takes no locks. That is what a read-only folder promises fledger, with two
/// limits: a writer fledger cannot see (the owner, through other permissions) could be read
/// mid-write, and an immutable reader ignores a `-wal` not yet copied into the file, so a
/// ledger with one is refused rather than read without its latest writes.
pub fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let failed = || format!("cannot open the ledger {} for reading", path.display());
    if !bits_allow_shm(path) {
        return open_immutable(path, flags).with_context(failed);
    }
    let conn = Connection::open_with_flags(path, flags).with_context(failed)?;
    // The -shm is made at the first read, so that is where a folder we cannot write shows.
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())) {
        Err(rusqlite::Error::SqliteFailure(err, _))
            if matches!(err.code, ErrorCode::CannotOpen | ErrorCode::ReadOnly) =>
        {
            drop(conn);
            open_immutable(path, flags).with_context(failed)
        }
        _ => Ok(conn),
    }
}

/// Whether the permission bits let a -shm exist beside the ledger: it is there, or the folder
/// may be written.
fn bits_allow_shm(path: &Path) -> bool {
    sibling(path, "-shm").exists()
        || !fs::metadata(folder(path)).is_ok_and(|m| m.permissions().readonly())
}

fn open_immutable(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let wal = sibling(path, "-wal");
    if fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        bail!(
            "its folder is read-only and {} holds writes not yet in the ledger file: open it once where the folder can be written",
            wal.display()
        );
    }
    Ok(Connection::open_with_flags(
        format!("{}?immutable=1", file_uri(path)?),
        flags,
    )?)
}

/// `path` as an SQLite `file:` URI, with the characters a URI gives a meaning escaped.
fn file_uri(path: &Path) -> Result<String> {
    let absolute = std::path::absolute(path)?;
    let text = absolute
        .to_str()
        .with_context(|| format!("{} is not a UTF-8 path", path.display()))?;
    let mut uri = String::from("file:");
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    Ok(uri)
}

fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// SQLite's report that the file is damaged, if that is what went wrong: a page that is not
/// what it must be (CORRUPT), or a header that is not a database's (NOTADB).
pub fn corruption(err: &anyhow::Error) -> Option<String> {
    err.chain().find_map(|cause| match cause.downcast_ref()? {
        rusqlite::Error::SqliteFailure(failure, message)
            if matches!(
                failure.code,
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase
            ) =>
        {
            Some(message.clone().unwrap_or_else(|| failure.to_string()))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ledger_in(dir: &Path) -> PathBuf {
        let path = dir.join("ledger.db");
        let conn = Connection::open(&path).unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (42);")
            .unwrap();
        conn.close().unwrap();
        path
    }

    /// Root writes where the bits say no, so this checks the connection itself refuses.
    #[test]
    fn a_read_only_connection_reads_and_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_in(dir.path());
        let before = fs::read(&path).unwrap();
        let conn = open_read_only(&path).unwrap();
        let x: i64 = conn.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 42);
        let err = conn.execute("INSERT INTO t VALUES (1)", []).unwrap_err();
        assert!(err.to_string().contains("readonly"), "{err}");
        drop(conn);
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn an_immutable_connection_reads_a_path_that_needs_escaping() {
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join("a ?#% b");
        fs::create_dir(&odd).unwrap();
        let path = ledger_in(&odd);
        let conn = open_immutable(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
        )
        .unwrap();
        let x: i64 = conn.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 42);
        assert!(!sibling(&path, "-shm").exists());
    }

    #[test]
    fn an_empty_or_foreign_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.db");
        fs::write(&empty, b"").unwrap();
        let err = refuse_unless_sqlite(&empty).unwrap_err().to_string();
        assert!(err.contains("is an empty file, not a ledger"), "{err}");
        let text = dir.path().join("notes.db");
        fs::write(&text, b"SQLite format 2 and some notes").unwrap();
        let err = refuse_unless_sqlite(&text).unwrap_err().to_string();
        assert!(err.contains("is not an SQLite database"), "{err}");
        refuse_unless_sqlite(&ledger_in(dir.path())).unwrap();
    }

    #[test]
    fn a_ledger_made_first_by_another_process_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_in(dir.path());
        create(&path, |conn| {
            Ok(conn.execute_batch("CREATE TABLE other (y)")?)
        })
        .unwrap();
        // Nothing staged is left beside it.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let conn = Connection::open(&path).unwrap();
        let x: i64 = conn.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 42);
    }
}
