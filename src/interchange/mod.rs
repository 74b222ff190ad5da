//! The import/export format: one row per prediction, the columns DESIGN.md names.
//!
//! Reading is two steps: a file becomes [`RawRecord`]s (text fields keyed by lowercase column
//! name, each with the line it came from), then every record is validated into an
//! [`ImportRow`] before anything touches the ledger, so one bad row rejects the whole file.

mod apply;
mod read;
mod validate;
mod write;

pub use apply::{apply, ImportSummary};
pub use read::{parse, Parsed, RawRecord};
pub use validate::{validate, ImportRow};
pub use write::{write_csv, write_json};

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
