use std::io::Write;

use anyhow::{Context as _, Result};
use serde_json::json;

use crate::cli::PhrasesArgs;
use crate::confidence::{builtin_scales, load_scale, Scale};
use crate::output::messages;
use crate::output::Table;

pub fn run(args: &PhrasesArgs, out: &mut dyn Write) -> Result<()> {
    let chosen: Vec<Scale> = match &args.scale {
        Some(arg) => vec![load_scale(arg).context("invalid --scale")?],
        None => builtin_scales().to_vec(),
    };
    let mut table = Table::new(&[
        "scale",
        "version",
        "term",
        "also",
        "low_percent",
        "high_percent",
        "probability",
    ]);
    for scale in &chosen {
        for term in &scale.terms {
            table.push(vec![
                json!(scale.name),
                json!(scale.version),
                json!(term.canonical()),
                json!(term.phrases[1..]),
                json!(term.low),
                json!(term.high),
                json!(term.probability().value()),
            ]);
        }
    }
    table.render(args.output.format(), out)?;
    for scale in &chosen {
        messages::note(format_args!("{}: {}", scale.name, scale.citation));
    }
    Ok(())
}
