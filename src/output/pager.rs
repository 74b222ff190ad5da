//! Long output on a terminal goes through `$PAGER`, as git does: only when stdout is a
//! terminal and the text is taller than it, never into a pipe or a file.

use std::io::{ErrorKind, Write};
use std::process::{Command, Stdio};

use anyhow::Result;

use crate::output::messages;

/// `less` quits at once when the text fits (-F), passes colours (-R) and leaves the text on
/// the screen when it quits (-X).
const DEFAULT_PAGER: &str = "less -FRX";

/// The pager to use, if any: none with `--no-pager` or when stdout is not a terminal; else
/// `$FLEDGER_PAGER`, else `$PAGER`, else `less -FRX`, where a variable set but empty means
/// no pager.
pub fn command(
    no_pager: bool,
    terminal: bool,
    fledger_pager: Option<String>,
    pager: Option<String>,
) -> Option<String> {
    if no_pager || !terminal {
        return None;
    }
    match fledger_pager.or(pager) {
        Some(chosen) if chosen.trim().is_empty() => None,
        Some(chosen) => Some(chosen),
        None => Some(DEFAULT_PAGER.to_string()),
    }
}

/// Whether `text` needs more lines than the terminal has (`None`: its height is unknown).
pub fn too_tall(text: &[u8], height: Option<u16>) -> bool {
    let lines = text.split(|&b| b == b'\n').count().saturating_sub(1);
    height.is_some_and(|height| lines >= usize::from(height))
}

/// Shows `text`: through `pager` when it does not fit the terminal, else straight to `out`.
/// The pager's command line is run by `sh -c`, as git runs `$PAGER`, so it may carry options.
pub fn show(text: &[u8], pager: &str, out: &mut dyn Write) -> Result<()> {
    let height = terminal_size::terminal_size().map(|(_, terminal_size::Height(h))| h);
    if !too_tall(text, height) {
        out.write_all(text)?;
        return Ok(());
    }
    let child = Command::new("sh")
        .arg("-c")
        .arg(pager)
        .stdin(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(err) => {
            messages::warn(format_args!(
                "warning: cannot run the pager '{pager}' ({err}); printing instead"
            ));
            out.write_all(text)?;
            return Ok(());
        }
    };
    if let Some(mut input) = child.stdin.take() {
        // Quitting the pager before the end closes its input: that is reading done, not an error.
        match input.write_all(text) {
            Err(err) if err.kind() != ErrorKind::BrokenPipe => return Err(err.into()),
            _ => {}
        }
    }
    child.wait()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(text: &str) -> Option<String> {
        Some(text.to_string())
    }

    #[test]
    fn pages_only_on_a_terminal_and_when_asked() {
        assert_eq!(command(false, true, None, None), some("less -FRX"));
        assert_eq!(command(false, false, None, some("more")), None);
        assert_eq!(command(true, true, None, some("more")), None);
        assert_eq!(command(false, true, None, some("more")), some("more"));
        assert_eq!(
            command(false, true, some("most -s"), some("more")),
            some("most -s")
        );
        assert_eq!(command(false, true, some(""), some("more")), None);
        assert_eq!(command(false, true, None, some(" ")), None);
    }

    #[test]
    fn pages_only_what_does_not_fit() {
        assert!(!too_tall(b"a\nb\n", Some(3)));
        assert!(
            too_tall(b"a\nb\nc\n", Some(3)),
            "the prompt needs the last line"
        );
        assert!(!too_tall(b"a\nb\nc\n", None));
        assert!(!too_tall(b"", Some(1)));
    }
}
