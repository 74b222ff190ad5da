use std::io::Write;

use anyhow::Result;
use serde_json::{json, Value};

use super::Context;
use crate::cli::ListArgs;
use crate::ledger::query;
use crate::model::rows::{PredictionRow, Status};
use crate::output::Rows;

/// The `fledger list --format json` contract, in DESIGN.md's key order.
pub const COLUMNS: &[&str] = &[
    "prediction_id",
    "question_id",
    "statement",
    "forecaster",
    "probability",
    "phrase",
    "made_on",
    "resolve_by",
    "outcome",
    "resolved_on",
    "source_id",
    "tags",
    "evidence_class",
    "withdrawn",
];

pub fn cells(row: &PredictionRow) -> Vec<Value> {
    vec![
        json!(row.prediction_id),
        json!(row.question_id),
        json!(row.statement),
        json!(row.forecaster),
        json!(row.probability),
        json!(row.phrase),
        json!(row.made_on),
        json!(row.resolve_by),
        json!(row.outcome),
        json!(row.resolved_on),
        json!(row.source_id),
        json!(row.tags),
        json!(row.evidence_class),
        json!(withdrawal(row)),
    ]
}

/// `withdrawn` (left out of scores), `after outcome` (withdrawn late, still scored) or none.
pub fn withdrawal(row: &PredictionRow) -> Option<&'static str> {
    match (&row.withdrawn, row.withdrawn_after_outcome) {
        (None, _) => None,
        (Some(_), false) => Some("withdrawn"),
        (Some(_), true) => Some("after outcome"),
    }
}

pub fn run(context: &Context, args: &ListArgs, out: &mut dyn Write) -> Result<()> {
    let mut filter = args.filter.to_filter()?;
    filter.status = [
        (args.open, Status::Open),
        (args.resolved, Status::Resolved),
        (args.due, Status::Due),
    ]
    .into_iter()
    .find_map(|(chosen, status)| chosen.then_some(status));
    let ledger = context.open_for_read()?;
    // Each row goes out as it is read (CSV, JSON) or straight into the table: a long listing
    // is never held twice.
    let mut rows = Rows::new(COLUMNS, args.output.format(), out)?;
    query::for_each_prediction(ledger.conn(), &filter, |row| rows.push(cells(&row)))?;
    rows.finish()
}
