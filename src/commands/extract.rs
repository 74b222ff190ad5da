use std::io::Write;

use anyhow::{bail, Result};
use serde_json::json;

use super::{read_text, Context};
use crate::cli::ExtractArgs;
use crate::extract::extract;
use crate::interchange::{write_import_csv, SourceColumns};
use crate::ledger::sources;
use crate::output::messages;
use crate::output::{write_json, Format, Table};

pub fn run(context: &Context, args: &ExtractArgs, out: &mut dyn Write) -> Result<()> {
    let scale = context.scale(args.scale.as_deref())?;
    let source = match args.source {
        Some(id) => Some(sources::get(context.open_for_read()?.conn(), id)?),
        None => None,
    };
    let text = match (&args.file, &source) {
        (Some(path), _) => read_text(path)?,
        (None, Some(source)) => match &source.text {
            Some(text) => text.clone(),
            None => bail!(
                "source {} has no archived text: give the text as FILE, or archive it with `fledger source add --file`",
                source.id
            ),
        },
        (None, None) => unreachable!("clap requires FILE or --source"),
    };
    let candidates = extract(&text, &scale);
    match args.output.format() {
        Format::Csv => {
            let columns = source.map_or_else(SourceColumns::default, |s| SourceColumns {
                title: Some(s.title),
                author: s.author,
                outlet: s.outlet,
                url: s.url,
                published: s.published,
            });
            write_import_csv(out, &candidates, &columns)?;
        }
        Format::Json => write_json(out, &serde_json::to_value(&candidates)?)?,
        format => {
            let mut table = Table::new(&["offset", "sentence", "phrase", "probability", "speaker"]);
            for candidate in &candidates {
                table.push(vec![
                    json!(candidate.offset),
                    json!(candidate.sentence),
                    json!(candidate.phrase),
                    json!(candidate.probability),
                    json!(candidate.speaker),
                ]);
            }
            table.render(format, out)?;
        }
    }
    messages::note(format_args!(
        "{}; rewrite each statement as a question that resolves YES or NO before importing",
        crate::model::counted(candidates.len(), "candidate prediction")
    ));
    Ok(())
}
