//! Imports: the file a batch of predictions came from, as the evidence an imported
//! prediction carries (its name as given, the SHA-256 of the bytes read, the row count).

use anyhow::Result;
use rusqlite::{params, Connection};

use super::{journal, now_timestamp};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImport<'a> {
    /// As the user gave it: `-` for stdin.
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub rows: usize,
    pub imported_by: &'a str,
}

/// The id the next import will have. The import's row is written after its predictions (its
/// hash and count are known only then), in the same transaction, and they name it already:
/// the foreign key is checked at commit.
pub fn next_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM imports", [], |row| {
            row.get(0)
        })?,
    )
}

/// Writes the import numbered `id` (from [`next_id`], in this transaction) and journals it.
pub fn insert(conn: &Connection, id: i64, import: &NewImport) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO imports (id, file_name, sha256, rows, imported_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        import.file_name,
        import.sha256,
        i64::try_from(import.rows)?,
        import.imported_by.trim(),
        now_timestamp()
    ])?;
    journal::append(conn, "imports", &[id])
}
