use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::{read_text, Context};
use crate::cli::date_arg;
use crate::cli::{OutputArgs, SourceAddArgs, SourceShowArgs};
use crate::ledger::{sources, NewSource, Source};
use crate::model::dates::Partial;
use crate::output::messages;
use crate::output::{write_json, Format, Table};

pub fn add(context: &Context, args: &SourceAddArgs, out: &mut dyn Write) -> Result<()> {
    let text = match &args.file {
        None => None,
        Some(path) => Some(read_text(path)?),
    };
    let source = NewSource {
        title: args.title.clone(),
        author: args.author.clone(),
        outlet: args.outlet.clone(),
        url: args.url.clone(),
        published: date_arg(args.published.as_deref(), "--published", Partial::Refuse)?,
        text,
    };
    let mut ledger = context.open_for_write()?;
    let added = ledger.write(|tx| sources::insert(tx, &source))?;
    let id = added.id;
    if added.already_archived {
        messages::note(format_args!("this text is already archived as source {id}"));
    }
    match args.output.format() {
        Format::Json => write_json(out, &json!({ "source_id": id }))?,
        _ => writeln!(out, "{id}")?,
    }
    Ok(())
}

const COLUMNS: &[&str] = &[
    "id",
    "title",
    "author",
    "outlet",
    "url",
    "published",
    "text_sha256",
];

fn row(source: &Source) -> Vec<serde_json::Value> {
    vec![
        json!(source.id),
        json!(source.title),
        json!(source.author),
        json!(source.outlet),
        json!(source.url),
        json!(source.published),
        json!(source.text_sha256),
    ]
}

pub fn list(context: &Context, args: &OutputArgs, out: &mut dyn Write) -> Result<()> {
    let ledger = context.open_for_read()?;
    let mut table = Table::new(COLUMNS);
    for source in sources::list(ledger.conn())? {
        table.push(row(&source));
    }
    table.render(args.format(), out)
}

pub fn show(context: &Context, args: &SourceShowArgs, out: &mut dyn Write) -> Result<()> {
    let ledger = context.open_for_read()?;
    let source = sources::get(ledger.conn(), args.id)?;
    let format = args.output.format();
    // Data formats carry the archived text as a field; people read it below the table.
    let text_as_field = matches!(format, Format::Csv | Format::Json);
    let mut columns = COLUMNS.to_vec();
    let mut cells = row(&source);
    if text_as_field {
        columns.push("text");
        cells.push(json!(source.text));
    }
    let mut table = Table::new(&columns);
    table.push(cells);
    if format == Format::Json {
        return write_json(out, &table.to_json()[0]);
    }
    table.render(format, out)?;
    if let (false, Some(text)) = (text_as_field, &source.text) {
        writeln!(out)?;
        writeln!(out, "{}", text.trim_end())?;
    }
    Ok(())
}
