//! Reading a ledger's phrases on another scale: what `fledger remap` compares.

use std::collections::BTreeMap;

use super::{parse_confidence, Scale};
use crate::model::rows::PredictionRow;
use crate::text::fold_whitespace;

/// How one phrase reads now and on the other scale.
pub struct PhraseReading {
    pub count: usize,
    pub current: f64,
    pub remapped: Option<f64>,
}

/// The rows with every phrase the other scale can read given its number on that scale; the
/// rest keep theirs. Nothing is written: this is a what-if over the ledger's history.
pub fn remap(
    rows: &[PredictionRow],
    scale: &Scale,
) -> (Vec<PredictionRow>, BTreeMap<String, PhraseReading>) {
    let mut phrases: BTreeMap<String, PhraseReading> = BTreeMap::new();
    let remapped = rows
        .iter()
        .map(|row| {
            let Some(phrase) = &row.phrase else {
                return row.clone();
            };
            let on_scale = parse_confidence(phrase, scale)
                .ok()
                .filter(|reading| reading.scale.is_some())
                .map(|reading| reading.probability.value());
            let entry = phrases
                .entry(fold_whitespace(phrase).to_lowercase())
                .or_insert(PhraseReading {
                    count: 0,
                    current: row.probability,
                    remapped: on_scale,
                });
            entry.count += 1;
            PredictionRow {
                probability: on_scale.unwrap_or(row.probability),
                ..row.clone()
            }
        })
        .collect();
    (remapped, phrases)
}
