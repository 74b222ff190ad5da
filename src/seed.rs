//! The first ledger: predictions from the two seed texts, resolved (examples/russia-west-2022.csv).

use anyhow::Result;

use crate::interchange::{self, ImportSummary};
use crate::ledger::Ledger;

pub const RUSSIA_WEST_2022_CSV: &str = include_str!("../examples/russia-west-2022.csv");

/// Imports the seed ledger into `ledger`, resolved by `user`.
pub fn load(ledger: &mut Ledger, user: &str) -> Result<ImportSummary> {
    let parsed = interchange::parse(RUSSIA_WEST_2022_CSV.as_bytes())?;
    let scale = crate::confidence::scale(crate::confidence::DEFAULT_SCALE)?;
    let rows = interchange::validate(&parsed.records, scale)?;
    ledger.write(|tx| interchange::apply(tx, &rows, user))
}
