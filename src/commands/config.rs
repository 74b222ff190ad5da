//! The config file: a user's defaults for the ledger, the phrase scale and their own name.
//!
//! `$FLEDGER_CONFIG` names it (empty: no config file at all), else
//! `$XDG_CONFIG_HOME/fledger/config.toml`, else `~/.config/fledger/config.toml`. A file at the
//! default place is optional; one named by `$FLEDGER_CONFIG` must exist. Each setting loses
//! to the command line and to the environment variable for it: flag > environment > file >
//! built-in default.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};

use crate::model::quoted;

/// A value from the config file, with the line it is on, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The file the settings came from; `None` when there is none.
    pub file: Option<PathBuf>,
    /// The ledger when neither `--db` nor `$FLEDGER_DB` says.
    pub ledger: Option<Setting<PathBuf>>,
    /// The phrase scale when `--scale` is not given: a built-in name or a scale file.
    pub scale: Option<Setting<String>>,
    /// Who is at the keyboard when neither `--by` nor `$FLEDGER_USER` says.
    pub user: Option<Setting<String>>,
}

const KEYS: [&str; 3] = ["ledger", "scale", "user"];

/// Where the config file is looked for, and whether it must exist.
pub fn location() -> Option<(PathBuf, bool)> {
    if let Some(named) = std::env::var_os("FLEDGER_CONFIG") {
        return (!named.is_empty()).then(|| (PathBuf::from(named), true));
    }
    let base = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => home()?.join(".config"),
    };
    Some((base.join("fledger").join("config.toml"), false))
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Reads the config file, if there is one.
pub fn load() -> Result<Config> {
    let Some((path, required)) = location() else {
        return Ok(Config::default());
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && !required => {
            return Ok(Config::default())
        }
        Err(err) => {
            return Err(err).with_context(|| {
                format!(
                    "cannot read the config file {} ($FLEDGER_CONFIG)",
                    path.display()
                )
            })
        }
    };
    parse(&text, &path)
}

/// Parses the text of a config file; `path` names it in errors and anchors relative paths.
pub fn parse(text: &str, path: &Path) -> Result<Config> {
    let line_of = |offset: usize| 1 + text[..offset.min(text.len())].matches('\n').count();
    let table = toml::de::DeTable::parse(text).map_err(|err| {
        let line = err.span().map_or(1, |span| line_of(span.start));
        anyhow::anyhow!(
            "{}: line {line}: {}",
            path.display(),
            err.message().trim_end()
        )
    })?;
    let mut entries: Vec<_> = table.get_ref().iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    let mut config = Config {
        file: Some(path.to_path_buf()),
        ..Config::default()
    };
    for (key, value) in entries {
        let line = line_of(key.span().start);
        let name = key.get_ref().as_ref();
        let fail = |problem: String| -> anyhow::Error {
            anyhow::anyhow!("{}: line {line}: {name}: {problem}", path.display())
        };
        // An unknown key is the likelier mistake than a wrong type: say that first.
        if !KEYS.contains(&name) {
            bail!(
                "{}: line {line}: unknown key {} (the keys are {})",
                path.display(),
                quoted(name),
                KEYS.join(", ")
            );
        }
        let text = match value.get_ref() {
            toml::de::DeValue::String(text) => text.trim().to_string(),
            other => {
                return Err(fail(format!(
                    "expected text in quotes, not a TOML {}",
                    other.type_str()
                )))
            }
        };
        if text.is_empty() {
            return Err(fail("is empty".to_string()));
        }
        match name {
            "ledger" => {
                config.ledger = Some(Setting {
                    value: resolve_path(&text, path),
                    line,
                })
            }
            // A scale file, like the ledger, is found from the config file's folder.
            "scale" if crate::confidence::looks_like_path(&text) => {
                config.scale = Some(Setting {
                    value: resolve_path(&text, path).display().to_string(),
                    line,
                })
            }
            "scale" => config.scale = Some(Setting { value: text, line }),
            _ => config.user = Some(Setting { value: text, line }),
        }
    }
    Ok(config)
}

/// `~/` is the home folder; a relative path is relative to the config file's folder, so the
/// setting means one file whichever folder fledger runs in.
fn resolve_path(text: &str, config_file: &Path) -> PathBuf {
    if let (Some(rest), Some(home)) = (text.strip_prefix("~/"), home()) {
        return home.join(rest);
    }
    let path = PathBuf::from(text);
    match config_file.parent() {
        Some(folder) if path.is_relative() => folder.join(path),
        _ => path,
    }
}

impl Config {
    /// Where a setting came from, for `-v` and for errors about its value.
    pub fn origin<T>(&self, setting: &Setting<T>) -> String {
        let file = self
            .file
            .as_deref()
            .map_or_else(String::new, |f| f.display().to_string());
        format!("{file}: line {}", setting.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Config> {
        parse(text, Path::new("/etc/fledger/config.toml"))
    }

    fn error(text: &str) -> String {
        parsed(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_every_key_with_its_line() {
        let config = parsed(
            "# my defaults\nledger = \"forecasts/ledger.db\"\nscale = \"kent\"\n\nuser = \"Ana Analyst\"\n",
        )
        .unwrap();
        assert_eq!(
            config.ledger,
            Some(Setting {
                value: PathBuf::from("/etc/fledger/forecasts/ledger.db"),
                line: 2
            })
        );
        assert_eq!(
            config.scale,
            Some(Setting {
                value: "kent".to_string(),
                line: 3
            })
        );
        assert_eq!(
            config.user.as_ref().map(|u| u.value.as_str()),
            Some("Ana Analyst")
        );
        assert_eq!(
            config.origin(config.user.as_ref().unwrap()),
            "/etc/fledger/config.toml: line 5"
        );
        assert_eq!(
            parsed("ledger = \"/abs/l.db\"")
                .unwrap()
                .ledger
                .unwrap()
                .value,
            PathBuf::from("/abs/l.db")
        );
        assert_eq!(
            parsed("").unwrap().file,
            Some(PathBuf::from("/etc/fledger/config.toml"))
        );
    }

    #[test]
    fn errors_name_the_file_the_line_and_the_key() {
        assert_eq!(
            error("scale = \"kent\"\ncolour = \"always\"\n"),
            "/etc/fledger/config.toml: line 2: unknown key 'colour' (the keys are ledger, scale, user)"
        );
        assert_eq!(
            error("bogus = 1\n"),
            "/etc/fledger/config.toml: line 1: unknown key 'bogus' (the keys are ledger, scale, user)",
            "an unknown key is named as such whatever its value"
        );
        assert_eq!(
            error("\nledger = 3\n"),
            "/etc/fledger/config.toml: line 2: ledger: expected text in quotes, not a TOML integer"
        );
        assert_eq!(
            error("user = \"  \""),
            "/etc/fledger/config.toml: line 1: user: is empty"
        );
        let broken = error("scale = \"kent\"\nuser = \"Ana\n");
        assert!(
            broken.starts_with("/etc/fledger/config.toml: line 2: "),
            "{broken}"
        );
    }
}
