use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::VerifyArgs;
use crate::ledger::file::corruption;
use crate::ledger::schema_check;
use crate::ledger::verify::{verify, Problem, Report, TamperDetected};
use crate::ledger::Ledger;
use crate::output::messages;
use crate::output::{write_json, Format, Table};

pub fn run(context: &Context, args: &VerifyArgs, out: &mut dyn Write) -> Result<()> {
    let report = match context.open_for_read() {
        Ok(ledger) => check(&ledger, args.full)?,
        Err(err) => match corruption(&err) {
            Some(detail) => corrupt(detail),
            None => return Err(err),
        },
    };
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
        "verified: {}the schema is its version's, {} journal entries chained, every row matches its entry; head {}",
        if args.full { "SQLite integrity ok, " } else { "" },
        report.entries,
        report.head.as_deref().unwrap_or("(empty journal)")
    ));
    Ok(())
}

/// The ledger's report. When the checks cannot run to the end, what stopped them is the
/// report if it is damage SQLite found, or a schema changed so far (a table dropped) that the
/// journal cannot be read against it.
fn check(ledger: &Ledger, full: bool) -> Result<Report> {
    let err = match verify(ledger.conn(), full) {
        Ok(report) => return Ok(report),
        Err(err) => err,
    };
    if let Some(detail) = corruption(&err) {
        return Ok(corrupt(detail));
    }
    match schema_check::problems(ledger.conn(), false) {
        Ok(problems) if !problems.is_empty() => Ok(Report {
            entries: 0,
            head: None,
            problems,
        }),
        _ => Err(err),
    }
}

fn corrupt(detail: String) -> Report {
    Report {
        entries: 0,
        head: None,
        problems: vec![Problem {
            kind: "corrupt",
            entry: None,
            table: None,
            row: None,
            detail: format!("SQLite cannot read the ledger file: {detail}"),
        }],
    }
}
