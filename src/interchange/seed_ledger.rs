//! The first ledger: predictions from the two seed texts, resolved (examples/russia-west-2022.csv).

use anyhow::Result;

use super::{foreign, import, ImportSummary};
use crate::ledger::Ledger;

pub const RUSSIA_WEST_2022_CSV: &str = include_str!("../../examples/russia-west-2022.csv");

/// Imports the seed ledger into `ledger`, resolved by `user`.
pub fn load(ledger: &mut Ledger, user: &str) -> Result<ImportSummary> {
    let input = foreign::from_reader(Box::new(RUSSIA_WEST_2022_CSV.as_bytes()), None)?;
    let scale = crate::confidence::scale(crate::confidence::DEFAULT_SCALE)?;
    let imported =
        ledger.write(|tx| import(tx, input, "the seed ledger", scale, user, &mut |_| {}))?;
    Ok(imported.summary)
}
