//! Validated rows into the ledger, inside the caller's transaction.

use std::collections::HashMap;

use anyhow::{bail, Context, Result};
use rusqlite::Connection;
use serde::Serialize;

use super::ImportRow;
use crate::ledger::{predictions, resolutions, sources, NewResolution};
use crate::model::format_date;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub predictions: usize,
    pub questions: usize,
    pub sources: usize,
    pub resolutions: usize,
}

/// Records every row; the first failure aborts with the row's line, and the caller's
/// transaction then rolls back so nothing of the file is kept.
pub fn apply(conn: &Connection, rows: &[ImportRow], user: &str) -> Result<ImportSummary> {
    let mut applier = Applier::new(user);
    for row in rows {
        applier.apply(conn, row)?;
    }
    Ok(applier.summary)
}

/// Applies rows one at a time (a streamed import), remembering the sources it has resolved.
pub struct Applier<'a> {
    user: &'a str,
    source_ids: HashMap<(String, Option<String>), i64>,
    pub summary: ImportSummary,
}

impl<'a> Applier<'a> {
    pub fn new(user: &'a str) -> Self {
        Self {
            user,
            source_ids: HashMap::new(),
            summary: ImportSummary::default(),
        }
    }

    pub fn apply(&mut self, conn: &Connection, row: &ImportRow) -> Result<()> {
        self.apply_row(conn, row)
            .with_context(|| format!("line {}", row.line))
    }

    fn source_id(&mut self, conn: &Connection, source: &crate::ledger::NewSource) -> Result<i64> {
        let key = (source.title.trim().to_string(), source.url.clone());
        if let Some(&id) = self.source_ids.get(&key) {
            return Ok(id);
        }
        let id = match sources::find_by_title_url(conn, &key.0, key.1.as_deref())? {
            Some(id) => id,
            None => {
                self.summary.sources += 1;
                sources::insert(conn, source)?.id
            }
        };
        self.source_ids.insert(key, id);
        Ok(id)
    }

    fn apply_row(&mut self, conn: &Connection, row: &ImportRow) -> Result<()> {
        let source_id = match &row.source {
            Some(source) => Some(self.source_id(conn, source)?),
            None => None,
        };
        let prediction = predictions::NewPrediction {
            source_id,
            ..row.prediction.clone()
        };
        let recorded = predictions::record(conn, &prediction, self.user)?;
        self.summary.predictions += 1;
        self.summary.questions += usize::from(recorded.new_question);

        let Some((outcome, resolved_on)) = row.outcome else {
            return Ok(());
        };
        match resolutions::current(conn, recorded.question_id)? {
            Some(existing) => {
                if existing.outcome != outcome || existing.resolved_on != format_date(resolved_on) {
                    bail!(
                        "outcome '{outcome}' on {} disagrees with question {}'s recorded outcome ({} on {}); correct it with `fledger resolve --reason`",
                        format_date(resolved_on),
                        recorded.question_id,
                        existing.outcome,
                        existing.resolved_on
                    );
                }
            }
            None => {
                resolutions::insert(
                    conn,
                    &NewResolution {
                        question_id: recorded.question_id,
                        outcome,
                        resolved_on,
                        evidence: row.evidence.clone(),
                        resolved_by: self.user.to_string(),
                        reason: None,
                    },
                )?;
                self.summary.resolutions += 1;
            }
        }
        Ok(())
    }
}
