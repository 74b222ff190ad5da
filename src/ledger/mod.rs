//! Storage: opening and migrating the SQLite file, and every typed read and write.
//!
//! Nothing here formats output. Write functions take a `&Connection` so that a caller can run
//! many of them inside the one IMMEDIATE transaction that `Ledger::write` opens.

pub mod file;
pub mod imports;
pub mod indexes;
pub mod journal;
mod migrate;
pub mod predictions;
pub mod query;
pub mod questions;
pub mod recorder;
pub mod resolutions;
pub mod schema_check;
pub mod sources;
pub mod verify;
pub mod withdrawals;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::output::messages;
use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use predictions::{NewPrediction, QuestionRef, RecordedPrediction};
pub use questions::Question;
pub use resolutions::{NewResolution, Resolution};
pub use sources::{NewSource, Source};
/// Prepared statements kept per connection: room for every statement one write runs.
const STATEMENT_CACHE_CAPACITY: usize = 64;

/// `cache_size` for bulk imports, in KiB when negative, as SQLite reads it: 128 MiB.
const BULK_CACHE_KIB: i64 = -131_072;

pub struct Ledger {
    conn: Connection,
}

impl Ledger {
    /// Opens (creating if needed) the ledger file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder {}", parent.display()))?;
        }
        if !path.exists() {
            file::create(path, |conn| {
                set_wal(conn)?;
                migrate::migrate(conn)
            })?;
        }
        Self::open_writable(path)
    }

    /// Opens an existing ledger for reading; a missing file is an error rather than created,
    /// so a mistyped `--db` does not leave empty ledgers behind. A ledger fledger may not
    /// write (the file or its folder read-only) is opened read-only, and must then already be
    /// at this fledger's schema version.
    pub fn open_existing(path: &Path) -> Result<Self> {
        if !path.exists() {
            anyhow::bail!(
                "no ledger at {} (create one with `fledger init`, or pass --db)",
                path.display()
            );
        }
        if !file::read_only(path) {
            return Self::open_writable(path);
        }
        file::refuse_unless_sqlite(path)?;
        let opened = || format!("cannot open the ledger {}", path.display());
        let conn = file::open_read_only(path)?;
        conn.busy_handler(Some(wait_for_other_writer))
            .with_context(opened)?;
        schema_check::refuse_changed_before_upgrade(&conn).with_context(opened)?;
        if migrate::needs_upgrade(&conn).with_context(opened)? {
            anyhow::bail!(
                "the ledger {} is read-only and at schema version {}, older than this fledger reads ({}): run a command once where it can be written, to upgrade it",
                path.display(),
                migrate::user_version(&conn)?,
                migrate::LATEST
            );
        }
        Self::tuned(conn).with_context(opened)
    }

    fn open_writable(path: &Path) -> Result<Self> {
        file::refuse_unless_sqlite(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open the ledger {}", path.display()))?;
        Self::configure(conn).with_context(|| format!("cannot open the ledger {}", path.display()))
    }

    pub fn open_in_memory() -> Result<Self> {
        Self::configure(Connection::open_in_memory()?)
    }

    fn configure(conn: Connection) -> Result<Self> {
        conn.busy_handler(Some(wait_for_other_writer))?;
        // Before anything is written, even the switch to WAL: a refused ledger stays byte for
        // byte as it was.
        schema_check::refuse_changed_before_upgrade(&conn)?;
        set_wal(&conn)?;
        conn.execute_batch("PRAGMA synchronous = NORMAL;")?;
        let mut ledger = Self::tuned(conn)?;
        migrate::migrate(&mut ledger.conn)?;
        Ok(ledger)
    }

    /// What every connection sets, read-only or not.
    fn tuned(conn: Connection) -> Result<Self> {
        // Setting it writes nothing, so a read-only connection takes it too.
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        // A write may run some twenty distinct statements (the recorder's, the journal's, the
        // checks'): with rusqlite's default cache of 16 they once evicted each other and every
        // imported row re-parsed its SQL, most of an import's time (see BENCHMARKS.md).
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE_CAPACITY);
        Ok(Self { conn })
    }

    /// A page cache large enough for a bulk import's indexes. With SQLite's default 2 MB the
    /// random-order indexes (statement keys, forecasters, sources, tags) overflow the cache, and
    /// every evicted dirty page is written to the WAL, often several times before the commit:
    /// a third of a large import's time went to those writes. Only imports ask for it, so
    /// readers such as `score` keep their small footprint.
    pub fn with_bulk_cache(self) -> Result<Self> {
        self.conn
            .pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        Ok(self)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one IMMEDIATE transaction: it commits only if `work` succeeds, so a
    /// failed command leaves the ledger exactly as it was.
    pub fn write<T>(&mut self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit().context("cannot commit to the ledger")?;
        Ok(value)
    }
}

impl Ledger {
    /// Writes a whole copy of the ledger to `path`, which must not exist. VACUUM INTO reads one
    /// consistent snapshot, so writers may carry on meanwhile.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        let target = path
            .to_str()
            .with_context(|| format!("{} is not a UTF-8 path", path.display()))?;
        self.conn
            .execute("VACUUM INTO ?1", [target])
            .with_context(|| format!("cannot write the backup {}", path.display()))?;
        Ok(())
    }

    /// Runs `work` as [`Ledger::write`] would, then rolls it back: every check runs against
    /// the real ledger, and nothing is kept.
    pub fn dry_run<T>(&mut self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.rollback()?;
        Ok(value)
    }
}

/// Switches the ledger to WAL. On a new file two processes may race to do it, and SQLite then
/// answers BUSY at once rather than call the busy handler (waiting could deadlock), so the
/// retry is ours.
fn set_wal(conn: &Connection) -> Result<()> {
    let mut attempts = 0;
    loop {
        // journal_mode answers with a row, so it cannot go through execute_batch.
        match conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
            row.get::<_, String>(0)
        }) {
            Ok(_) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(err, _))
                if err.code == rusqlite::ErrorCode::DatabaseBusy && attempts < 500 =>
            {
                attempts += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(err) => return Err(err.into()),
        }
    }
}

/// Called by SQLite while another connection holds the lock we need — typically another
/// process's long import, whose single transaction holds the write lock throughout. Waiting
/// is what a user wants (the alternative is losing their `add` to "database is locked"), so
/// wait, say why once after two seconds, and give up only after ten minutes.
fn wait_for_other_writer(attempts: i32) -> bool {
    const STEP: Duration = Duration::from_millis(20);
    const NOTICE_AFTER: i32 = 100;
    const GIVE_UP_AFTER: i32 = 30_000;
    if attempts == NOTICE_AFTER {
        messages::note(format_args!(
            "waiting: another process is writing to this ledger"
        ));
    }
    if attempts >= GIVE_UP_AFTER {
        return false;
    }
    std::thread::sleep(STEP);
    true
}

/// Where the ledger lives when neither `--db` nor `$FLEDGER_DB` says.
pub fn default_path() -> Result<PathBuf> {
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|home| PathBuf::from(home).join(".local").join("share"))
        })
        .context("cannot find a home for the ledger: set --db, $FLEDGER_DB or $XDG_DATA_HOME")?;
    Ok(data_home.join("fledger").join("ledger.db"))
}

/// Free text as stored: surrounding whitespace dropped, and blank means absent, so a value
/// reads back the same whichever command or file wrote it.
pub(crate) fn clean(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// RFC 3339 UTC, the one format every `created_at` is written in.
pub(crate) fn now_timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
