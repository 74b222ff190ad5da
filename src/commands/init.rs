use anyhow::Result;

use super::Context;
use crate::output::messages;

pub fn run(context: &Context) -> Result<()> {
    let path = context.ledger_path()?;
    let existed = path.exists();
    context.open_for_write()?;
    let verb = if existed {
        "ledger is ready at"
    } else {
        "created ledger at"
    };
    messages::note(format_args!("{verb} {}", path.display()));
    Ok(())
}
