use anyhow::Result;

use super::{name_arg, Context};
use crate::cli::WithdrawArgs;
use crate::ledger::withdrawals;
use crate::output::messages;

pub fn run(context: &Context, args: &WithdrawArgs) -> Result<()> {
    let by = name_arg(args.by.as_deref(), "--by")?.unwrap_or_else(|| context.user());
    let mut ledger = context.open_for_write()?;
    ledger.write(|tx| {
        withdrawals::insert(tx, args.prediction, &args.reason, &by, args.after_outcome)
    })?;
    let scores = if args.after_outcome {
        "withdrawn after the outcome, it stays in the scores, marked"
    } else {
        "it is left out of scores"
    };
    messages::note(format_args!(
        "prediction {} withdrawn: it stays in the ledger and its history, and {scores}",
        args.prediction
    ));
    Ok(())
}
