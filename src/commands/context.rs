//! What every command may need beyond its own arguments: which ledger, who is at the
//! keyboard, which phrase scale, read from the flags, the environment and the config file.

use std::path::PathBuf;

use anyhow::{Context as _, Result};

use super::config::Config;
use crate::confidence::{load_scale, Scale, DEFAULT_SCALE};
use crate::ledger::{self, Ledger};
use crate::output::messages;

/// What every command may need beyond its own arguments.
pub struct Context {
    db: Option<PathBuf>,
    config: Config,
}

impl Context {
    pub fn new(db: Option<PathBuf>, config: Config) -> Self {
        Context { db, config }
    }

    /// `--db`, else `$FLEDGER_DB`, else the config file's `ledger`, else the XDG data dir.
    pub fn ledger_path(&self) -> Result<PathBuf> {
        Ok(self.ledger_choice()?.0)
    }

    /// The ledger and what chose it, for `-v`.
    fn ledger_choice(&self) -> Result<(PathBuf, String)> {
        if let Some(path) = &self.db {
            return Ok((path.clone(), "--db".to_string()));
        }
        if let Some(path) = std::env::var_os("FLEDGER_DB").filter(|v| !v.is_empty()) {
            return Ok((PathBuf::from(path), "$FLEDGER_DB".to_string()));
        }
        match &self.config.ledger {
            Some(setting) => Ok((setting.value.clone(), self.config.origin(setting))),
            None => Ok((ledger::default_path()?, "the default".to_string())),
        }
    }

    /// `--db` as given on the command line, ignoring `$FLEDGER_DB`.
    pub fn explicit_db(&self) -> Option<PathBuf> {
        self.db.clone()
    }

    /// The ledger's path, said with `-v`.
    fn chosen_ledger(&self) -> Result<PathBuf> {
        let (path, origin) = self.ledger_choice()?;
        messages::detail(format_args!("ledger {} (from {origin})", path.display()));
        Ok(path)
    }

    /// For commands that write: the ledger is created on first use. A refused first write may
    /// leave it empty; it is never deleted again, since another process may be writing to it.
    pub fn open_for_write(&self) -> Result<Ledger> {
        Ledger::open(&self.chosen_ledger()?)
    }

    /// For commands that only read: a missing ledger is an error, not a new empty file.
    pub fn open_for_read(&self) -> Result<Ledger> {
        Ledger::open_existing(&self.chosen_ledger()?)
    }

    /// Who is at the keyboard: `$FLEDGER_USER`, else the config file's `user`, else the login
    /// name.
    pub fn user(&self) -> String {
        std::env::var("FLEDGER_USER")
            .ok()
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .or_else(|| self.config.user.as_ref().map(|user| user.value.clone()))
            .or_else(|| whoami::username().ok())
            .unwrap_or_else(|| "anonymous".to_string())
    }

    /// The phrase scale: `--scale`, else the config file's `scale`, else ICD 203.
    pub fn scale(&self, given: Option<&str>) -> Result<Scale> {
        match (given, &self.config.scale) {
            (Some(name), _) => load_scale(name).context("invalid --scale"),
            (None, Some(setting)) => load_scale(&setting.value)
                .with_context(|| format!("{}: scale", self.config.origin(setting))),
            (None, None) => load_scale(DEFAULT_SCALE),
        }
    }
}

/// A person's name from `--by`: given, it must not be blank (a blank one would silently fall
/// back to the default and credit the wrong person).
pub fn name_arg(value: Option<&str>, flag: &str) -> Result<Option<String>> {
    match value.map(str::trim) {
        Some("") => anyhow::bail!("invalid {flag}: the name is empty"),
        other => Ok(other.map(str::to_string)),
    }
}

/// A text file (or stdin for `-`), which must be UTF-8; the error names the line of the first
/// bad byte.
pub fn read_text(path: &std::path::Path) -> Result<String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .context("cannot read stdin")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let line = 1 + err.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        anyhow::anyhow!(
            "{}: line {line}: the file is not UTF-8 text",
            path.display()
        )
    })
}
