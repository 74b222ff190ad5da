//! Validated rows into the ledger, inside the caller's transaction.

use anyhow::{Context, Result};
use rusqlite::Connection;
use serde::Serialize;

use super::ImportRow;
use crate::ledger::predictions::NewPrediction;
use crate::ledger::recorder::Recorder;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub predictions: usize,
    pub questions: usize,
    pub sources: usize,
    pub resolutions: usize,
}

/// Applies rows one at a time (a streamed import).
pub struct Applier<'c> {
    recorder: Recorder<'c>,
    pub summary: ImportSummary,
}

impl<'c> Applier<'c> {
    /// Every row applied is recorded as brought in by import `import_id`.
    pub fn new(conn: &'c Connection, user: &str, import_id: i64) -> Result<Self> {
        let mut recorder = Recorder::new(conn, user)?;
        recorder.importing(import_id);
        Ok(Self {
            recorder,
            summary: ImportSummary::default(),
        })
    }

    pub fn apply(&mut self, row: ImportRow) -> Result<()> {
        let line = row.line;
        self.apply_row(row).with_context(|| format!("line {line}"))
    }

    fn apply_row(&mut self, row: ImportRow) -> Result<()> {
        let source_id = match &row.source {
            Some(source) => {
                let found = self.recorder.source(source)?;
                self.summary.sources += usize::from(found.new);
                Some(found.id)
            }
            None => None,
        };
        let recorded = self.recorder.record(&NewPrediction {
            source_id,
            ..row.prediction
        })?;
        self.summary.predictions += 1;
        self.summary.questions += usize::from(recorded.new_question);
        if let Some((outcome, resolved_on)) = row.outcome {
            let written = self.recorder.resolve_unless_resolved(
                recorded.question_id,
                outcome,
                resolved_on,
                row.evidence.as_deref(),
            )?;
            self.summary.resolutions += usize::from(written);
        }
        Ok(())
    }
}
