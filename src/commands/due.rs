use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::OutputArgs;
use crate::ledger::questions;
use crate::model::today;
use crate::report::Table;

pub fn run(context: &Context, args: &OutputArgs, out: &mut dyn Write) -> Result<()> {
    let ledger = context.open_for_read()?;
    let mut table = Table::new(&[
        "question_id",
        "statement",
        "resolve_by",
        "days_overdue",
        "predictions",
    ]);
    for due in questions::due(ledger.conn(), today())? {
        table.push(vec![
            json!(due.question_id),
            json!(due.statement),
            json!(due.resolve_by),
            json!(due.days_overdue),
            json!(due.predictions),
        ]);
    }
    if table.rows.is_empty() {
        eprintln!("nothing is due");
    }
    table.render(args.format(), out)
}
