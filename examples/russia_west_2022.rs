//! Builds the seed ledger through the library API and prints who was better calibrated.
//!
//! Run with `cargo run --example russia_west_2022`. The same data is what `fledger demo` loads.

use anyhow::Result;
use fledger::commands::score_ledger;
use fledger::confidence;
use fledger::interchange::digest::ReadDigest;
use fledger::interchange::{self, foreign, Origin};
use fledger::ledger::Ledger;
use fledger::model::rows::Filter;
use fledger::score::card::{GroupBy, Options};

fn main() -> Result<()> {
    let csv = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/russia-west-2022.csv"
    ))?;

    // Through the door `fledger import` uses: the format told from the header, every row
    // checked, all of them written in one transaction or none.
    // The digest hashes the bytes as the import reads them; the import journals it.
    let digest = ReadDigest::default();
    let input = foreign::from_reader(
        Box::new(std::io::BufReader::new(
            digest.reader(std::io::Cursor::new(csv)),
        )),
        None,
    )?;
    let origin = Origin {
        name: "russia-west-2022.csv",
        digest: &digest,
    };
    let scale = confidence::scale(confidence::DEFAULT_SCALE)?;
    let mut ledger = Ledger::open_in_memory()?;
    let summary = ledger
        .write(|tx| interchange::import(tx, input, &origin, scale, "example", &mut |_| {}))?
        .summary;
    println!(
        "{} predictions on {} questions from {} sources, {} resolved\n",
        summary.predictions, summary.questions, summary.sources, summary.resolutions
    );

    let options = Options {
        group_by: Some(GroupBy::Forecaster),
        ..Options::default()
    };
    let card = score_ledger(&ledger, &Filter::default(), &options)?;

    println!(
        "{:<38} {:>3} {:>8} {:>9}",
        "forecaster", "n", "Brier", "log loss"
    );
    for group in &card.groups {
        let show = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.4}"));
        println!(
            "{:<38} {:>3} {:>8} {:>9}",
            group.group,
            group.summary.n,
            show(group.summary.brier),
            show(group.summary.log_loss)
        );
    }
    let excluded = card.excluded;
    println!(
        "\nleft out: {} ambiguous, {} annulled, {} unresolved, {} hindsight",
        excluded.ambiguous, excluded.annulled, excluded.unresolved, excluded.hindsight
    );
    Ok(())
}
