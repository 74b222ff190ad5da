use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::VerifyArgs;
use crate::ledger::verify::{verify, TamperDetected};
use crate::output::messages;
use crate::output::{write_json, Format, Table};

pub fn run(context: &Context, args: &VerifyArgs, out: &mut dyn Write) -> Result<()> {
    let ledger = context.open_for_read()?;
    let report = verify(ledger.conn())?;
    let format = args.output.format();
    if format == Format::Json {
        write_json(out, &serde_json::to_value(&report)?)?;
    } else if args.head {
        if let (true, Some(head)) = (report.is_clean(), &report.head) {
            writeln!(out, "{} {head}", report.entries)?;
        }
    } else if !report.is_clean() {
        let mut table = Table::new(&["kind", "entry", "table", "row", "detail"]);
        for problem in &report.problems {
            table.push(vec![
                json!(problem.kind),
                json!(problem.entry),
                json!(problem.table),
                json!(problem.row),
                json!(problem.detail),
            ]);
        }
        table.render(format, out)?;
    }
    if !report.is_clean() {
        return Err(TamperDetected {
            problems: report.problems.len(),
        }
        .into());
    }
    messages::note(format_args!(
        "verified: SQLite integrity ok, {} journal entries chained, every row matches its entry; head {}",
        report.entries,
        report.head.as_deref().unwrap_or("(empty journal)")
    ));
    Ok(())
}
