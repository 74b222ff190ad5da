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
    let mut summary = ImportSummary::default();
    let mut source_ids: HashMap<(String, Option<String>), i64> = HashMap::new();
    for row in rows {
        apply_one(conn, row, user, &mut summary, &mut source_ids)
            .with_context(|| format!("line {}", row.line))?;
    }
    Ok(summary)
}

fn apply_one(
    conn: &Connection,
    row: &ImportRow,
    user: &str,
    summary: &mut ImportSummary,
    source_ids: &mut HashMap<(String, Option<String>), i64>,
) -> Result<()> {
    let source_id = match &row.source {
        None => None,
        Some(source) => {
            let key = (source.title.trim().to_string(), source.url.clone());
            let id = match source_ids.get(&key) {
                Some(&id) => id,
                None => {
                    let id = match sources::find_by_title_url(conn, &key.0, key.1.as_deref())? {
                        Some(id) => id,
                        None => {
                            summary.sources += 1;
                            sources::insert(conn, source)?.id
                        }
                    };
                    source_ids.insert(key, id);
                    id
                }
            };
            Some(id)
        }
    };
    let prediction = predictions::NewPrediction {
        source_id,
        ..row.prediction.clone()
    };
    let recorded = predictions::record(conn, &prediction, user)?;
    summary.predictions += 1;
    summary.questions += usize::from(recorded.new_question);

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
                    resolved_by: user.to_string(),
                    reason: None,
                },
            )?;
            summary.resolutions += 1;
        }
    }
    Ok(())
}
