use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::{date_arg, LogArgs};
use crate::ledger::journal::{entries, Selection};
use crate::model::dates::Partial;
use crate::output::Table;

pub fn run(context: &Context, args: &LogArgs, out: &mut dyn Write) -> Result<()> {
    let selection = Selection {
        question: args.question,
        forecaster: args.by.as_deref(),
        since: date_arg(args.since.as_deref(), "--since", Partial::Start)?,
        until: date_arg(args.until.as_deref(), "--until", Partial::End)?,
    };
    let ledger = context.open_for_read()?;
    let all = entries(ledger.conn())?;
    let mut table = Table::new(&["entry", "table", "row", "written_at", "summary", "hash"]);
    for entry in selection.select(&all) {
        table.push(vec![
            json!(entry.seq),
            json!(entry.table),
            json!(entry.key),
            json!(entry.field_str("created_at")),
            json!(entry.summary()),
            json!(entry.hash),
        ]);
    }
    table.render(args.output.format(), out)
}
