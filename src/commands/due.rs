use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::date_arg;
use crate::cli::DueArgs;
use crate::ledger::questions;
use crate::model::dates::Partial;
use crate::model::today;
use crate::output::messages;
use crate::output::Table;

pub fn run(context: &Context, args: &DueArgs, out: &mut dyn Write) -> Result<()> {
    let today = today();
    let until = date_arg(args.until.as_deref(), "--until", Partial::End)?.unwrap_or(today);
    // The ledger counts days overdue at `until`; people count them from today (negative: not
    // yet due).
    let ahead = (until - today).num_days();
    let ledger = context.open_for_read()?;
    let mut table = Table::new(&[
        "question_id",
        "statement",
        "resolve_by",
        "days_overdue",
        "predictions",
    ]);
    for due in questions::due(ledger.conn(), until)? {
        table.push(vec![
            json!(due.question_id),
            json!(due.statement),
            json!(due.resolve_by),
            json!(due.days_overdue - ahead),
            json!(due.predictions),
        ]);
    }
    if table.rows.is_empty() {
        messages::note(format_args!("nothing is due"));
    }
    table.render(args.output.format(), out)
}
