//! Builds the seed ledger through the library API and prints who was better calibrated.
//!
//! Run with `cargo run --example russia_west_2022`. The same data is what `fledger demo` loads.

use anyhow::Result;
use fledger::confidence;
use fledger::interchange;
use fledger::ledger::{query, Filter, Ledger};
use fledger::score::BinStyle;
use fledger::scorecard::{self, GroupBy, Options, Policy};

fn main() -> Result<()> {
    let csv = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/russia-west-2022.csv"
    ))?;

    // Parse and validate every row before the ledger is touched, then write them all in one
    // transaction, exactly as `fledger import` does.
    let parsed = interchange::parse(&csv)?;
    let rows = interchange::validate(
        &parsed.records,
        confidence::scale(confidence::DEFAULT_SCALE)?,
    )?;
    let mut ledger = Ledger::open_in_memory()?;
    let summary = ledger.write(|tx| interchange::apply(tx, &rows, "example"))?;
    println!(
        "{} predictions on {} questions from {} sources, {} resolved\n",
        summary.predictions, summary.questions, summary.sources, summary.resolutions
    );

    let predictions = query::predictions(ledger.conn(), &Filter::default())?;
    let options = Options {
        group_by: Some(GroupBy::Forecaster),
        bins: 10,
        bin_style: BinStyle::EqualWidth,
        policy: Policy::All,
    };
    let card = scorecard::build(&predictions, &options);

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
