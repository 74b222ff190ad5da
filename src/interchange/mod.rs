//! The import/export format: one row per prediction, the columns DESIGN.md names.
//!
//! Reading is two steps: a file becomes [`RawRecord`]s (text fields keyed by lowercase column
//! name, each with the line it came from), then every record is validated into an
//! [`ImportRow`] before anything touches the ledger, so one bad row rejects the whole file.

mod apply;
mod candidates;
pub mod digest;
pub mod foreign;
mod lines;
mod read;
pub mod seed_ledger;
mod validate;
mod write;

use crate::ledger::imports;
use crate::model::format_date;
use apply::Applier;
pub use apply::ImportSummary;
pub use candidates::{write_import_csv, SourceColumns};
use read::unknown_keys;
pub use read::{csv_records, json_lines, parse, Parsed, RawRecord};
pub use validate::ImportRow;
use validate::{validate_one, Agreement};
pub use write::{csv_writer, write_csv, write_csv_row, JsonRows};

/// Export column order; import accepts them in any order and any case.
pub const COLUMNS: &[&str] = &[
    "statement",
    "probability",
    "confidence",
    "phrase_scale",
    "forecaster",
    "made_on",
    "resolve_by",
    "outcome",
    "resolved_on",
    "evidence",
    "source_title",
    "source_author",
    "source_outlet",
    "source_url",
    "source_published",
    "quote",
    "tags",
    "note",
];

/// Separates tags inside the one `tags` field.
pub const TAG_SEPARATOR: char = ';';

/// How much of a streamed import is done, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub rows: usize,
}

/// What a streamed import did, the columns it did not know (reported, not used), and what it
/// left out or changed (from another tool's file), each with the lines of `lines_of` it
/// concerns (the Metaculus export's forecast_data.csv; else no name, the file given).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    pub summary: ImportSummary,
    /// Columns, or for JSON keys (then `unknown_are_keys`), the import did not use.
    pub unknown_columns: Vec<String>,
    pub unknown_are_keys: bool,
    pub notices: Vec<(String, Vec<usize>)>,
    pub lines_of: Option<String>,
}

/// Where an import's bytes come from: the file as the user named it (`-`: stdin) and the
/// digest its reader feeds.
pub struct Origin<'a> {
    pub name: &'a str,
    pub digest: &'a digest::ReadDigest,
}

/// Imports an opened input of any format in the caller's transaction, with the default
/// [`foreign::Options`].
pub fn import(
    conn: &rusqlite::Connection,
    input: foreign::Input,
    origin: &Origin,
    scale: &crate::confidence::Scale,
    user: &str,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<Imported> {
    let options = foreign::Options::default();
    import_with(conn, input, origin, scale, user, &options, progress)
}

/// Imports an opened input of any format in the caller's transaction, and records the import
/// (`ledger::imports`) that its predictions then name as their evidence. Errors start with the
/// file they concern: `origin`'s, or the file of a Metaculus export the error is in.
pub fn import_with(
    conn: &rusqlite::Connection,
    input: foreign::Input,
    origin: &Origin,
    scale: &crate::confidence::Scale,
    user: &str,
    options: &foreign::Options,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<Imported> {
    use anyhow::Context as _;
    let name = origin.name;
    let import_id = imports::next_id(conn)?;
    let imported = match input {
        foreign::Input::Fledger(reader) => {
            stream(conn, reader, import_id, scale, user, options, progress)
                .context(name.to_string())?
        }
        foreign::Input::Foreign(source) => {
            let foreign::Foreign {
                rows,
                unmapped_columns,
                unmapped_are_keys,
                file,
            } = foreign::records(source, options).context(name.to_string())?;
            let label = file.clone().unwrap_or_else(|| name.to_string());
            let mut imported = import_rows(conn, rows, import_id, scale, user, options, progress)
                .context(label)?;
            imported.unknown_columns = unmapped_columns;
            imported.unknown_are_keys = unmapped_are_keys;
            imported.lines_of = file;
            imported
        }
    };
    imports::insert(
        conn,
        import_id,
        &imports::NewImport {
            file_name: name,
            sha256: &origin.digest.hex(),
            rows: imported.summary.predictions,
            imported_by: user,
        },
    )?;
    Ok(imported)
}

/// Imports a file of fledger's own format as it is read, in the caller's transaction: each
/// record is validated, checked against the rows before it and written before the next is
/// read, so memory stays flat however long the file. CSV and JSON Lines stream; a JSON array
/// is read whole.
fn stream(
    conn: &rusqlite::Connection,
    mut input: impl std::io::BufRead + Send,
    import_id: i64,
    scale: &crate::confidence::Scale,
    user: &str,
    options: &foreign::Options,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<Imported> {
    let first = first_meaningful_byte(&mut input)?;
    // JSON Lines' keys are known only once every line is read.
    let keys_seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let (records, unknown_columns): (
        Box<dyn Iterator<Item = anyhow::Result<RawRecord>> + Send>,
        Vec<String>,
    ) = match first {
        Some(b'[') => {
            let mut bytes = Vec::new();
            input.read_to_end(&mut bytes)?;
            let parsed = parse(&bytes)?;
            (
                Box::new(parsed.records.into_iter().map(Ok)),
                parsed.unknown_columns,
            )
        }
        Some(b'{') => (Box::new(json_lines(input, keys_seen.clone())), Vec::new()),
        _ => {
            let (records, unknown) = csv_records(input)?;
            (Box::new(records), unknown)
        }
    };
    let mut imported = import_rows(
        conn,
        records.map(|r| r.map(foreign::Row::Record)),
        import_id,
        scale,
        user,
        options,
        progress,
    )?;
    let keys = std::mem::take(&mut *keys_seen.lock().unwrap_or_else(|e| e.into_inner()));
    imported.unknown_are_keys = first.is_some_and(|b| b == b'[' || b == b'{');
    imported.unknown_columns = if first == Some(b'{') {
        unknown_keys(&keys)
    } else {
        unknown_columns
    };
    Ok(imported)
}

/// Rows read and checked, and notices about rows left out, on their way to the writer.
#[derive(Default)]
struct Batch {
    rows: Vec<ImportRow>,
    notices: Vec<(usize, String)>,
}

/// Rows handed from the reading thread to the writing one at a time: enough to keep both
/// busy, few enough that memory stays flat.
const BATCH: usize = 1024;

/// Reads and checks records on one thread while the caller's thread writes them, so a large
/// import costs the larger of the two rather than their sum (on the 1M-row benchmark, reading
/// and checking alone take 4.8 s of CPU). Rows are written in file order, and the first error
/// by line is the one reported, whichever thread found it. Notices are gathered by what they
/// say.
fn import_rows(
    conn: &rusqlite::Connection,
    rows: impl Iterator<Item = anyhow::Result<foreign::Row>> + Send,
    import_id: i64,
    scale: &crate::confidence::Scale,
    user: &str,
    options: &foreign::Options,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<Imported> {
    let strict = options.strict;
    let mut applier = Applier::new(conn, user, import_id)?;
    let mut notices: Vec<(String, Vec<usize>)> = Vec::new();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        // A few batches in flight; a writer that stops (on an error) drops the receiver, and
        // the reader's next send fails and ends it.
        let (sender, batches) = std::sync::mpsc::sync_channel(4);
        scope.spawn(move || {
            let mut agreement = Agreement::default();
            let mut batch = Batch::default();
            for row in rows {
                let checked = row.and_then(|row| match row {
                    foreign::Row::Record(record) => {
                        let row = validate_one(&record, scale)?;
                        agreement.check(&row)?;
                        match row.hindsight() {
                            Some((made, known)) => hindsight(
                                &mut batch,
                                strict,
                                row.line,
                                &format_date(made),
                                &format_date(known),
                            ),
                            None => {
                                batch.rows.push(row);
                                Ok(())
                            }
                        }
                    }
                    foreign::Row::Notice { line, what } => {
                        batch.notices.push((line, what));
                        Ok(())
                    }
                    foreign::Row::Hindsight { line, made, known } => {
                        hindsight(&mut batch, strict, line, &made, &known)
                    }
                });
                if let Err(err) = checked {
                    let _ = sender.send(Ok(batch));
                    let _ = sender.send(Err(err));
                    return;
                }
                if batch.rows.len() == BATCH && sender.send(Ok(std::mem::take(&mut batch))).is_err()
                {
                    return;
                }
            }
            let _ = sender.send(Ok(batch));
        });
        for batch in batches {
            let batch = batch?;
            for row in batch.rows {
                applier.apply(row)?;
                let done = applier.summary.predictions;
                if done.is_multiple_of(1024) {
                    progress(Progress { rows: done });
                }
            }
            for (line, what) in batch.notices {
                match notices.iter_mut().find(|(seen, _)| *seen == what) {
                    Some((_, lines)) => lines.push(line),
                    None => notices.push((what, vec![line])),
                }
            }
        }
        Ok(())
    })?;
    progress(Progress {
        rows: applier.summary.predictions,
    });
    Ok(Imported {
        summary: applier.summary,
        notices,
        ..Imported::default()
    })
}

/// One hindsight rule for every format: a forecast made after its question's outcome was
/// known is left out with a warning that names its line, or, `strict`, refuses the file.
fn hindsight(
    batch: &mut Batch,
    strict: bool,
    line: usize,
    made: &str,
    known: &str,
) -> anyhow::Result<()> {
    if strict {
        anyhow::bail!(
            "line {line}: made {made}, after its question's outcome was known ({known}): hindsight, which --strict refuses (without it such rows are left out with a warning)"
        );
    }
    batch.notices.push((line, foreign::HINDSIGHT.to_string()));
    Ok(())
}

/// The first byte that is not whitespace or a byte-order mark, without consuming it.
fn first_meaningful_byte(input: &mut impl std::io::BufRead) -> std::io::Result<Option<u8>> {
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok(None);
        }
        let skip = buffer
            .iter()
            .take_while(|b| b.is_ascii_whitespace() || [0xEF, 0xBB, 0xBF].contains(b))
            .count();
        if skip < buffer.len() {
            let first = buffer[skip];
            // Leave a byte-order mark and whitespace for the reader, which handles them.
            return Ok(Some(first));
        }
        let consumed = buffer.len();
        input.consume(consumed);
    }
}
