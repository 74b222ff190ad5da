//! Which tool wrote a file: `--from` when given, else the file's header or JSON shape, and
//! only when exactly one format fits.

use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use super::metaculus::{self, FORECASTS, QUESTIONS};
use super::{fatebook, predictionbook, ImportFormat, Input, Source};
use crate::interchange::digest::ReadDigest;
use crate::model::escape_controls;

const ALL: &str = "fledger, fatebook, predictionbook, metaculus";

/// Opens `path` (`-` for stdin, a folder for a Metaculus export) as `from`, or as the one
/// format its contents fit. `digest` hashes every byte read from it; a Metaculus export's two
/// files are hashed here, questions then forecasts, as its adapter opens them by path.
pub fn open(path: &Path, from: Option<ImportFormat>, digest: &ReadDigest) -> Result<Input> {
    let input = open_unhashed(path, from, digest)?;
    if let Input::Foreign(Source::Metaculus {
        questions,
        forecasts,
    }) = &input
    {
        for file in [questions, forecasts] {
            let mut bytes = digest.reader(
                std::fs::File::open(file)
                    .with_context(|| format!("cannot read {}", file.display()))?,
            );
            std::io::copy(&mut bytes, &mut std::io::sink())
                .with_context(|| format!("cannot read {}", file.display()))?;
        }
    }
    Ok(input)
}

fn open_unhashed(path: &Path, from: Option<ImportFormat>, digest: &ReadDigest) -> Result<Input> {
    let name = path.display().to_string();
    if path.is_dir() {
        return match from {
            None | Some(ImportFormat::Metaculus) => metaculus_pair(path, None),
            Some(other) => bail!(
                "{name} is a folder: only a Metaculus export is read from a folder (--from metaculus), not {}",
                other.name()
            ),
        };
    }
    let stdin = path.as_os_str() == "-";
    let reader: Box<dyn BufRead + Send> = if stdin {
        Box::new(BufReader::with_capacity(
            1 << 16,
            digest.reader(std::io::stdin()),
        ))
    } else {
        let file = std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?;
        Box::new(BufReader::with_capacity(1 << 16, digest.reader(file)))
    };
    let (format, reader) = told(reader, from).with_context(|| name.clone())?;
    let mut reader = match single_file(format, reader) {
        Ok(input) => return Ok(input),
        Err(reader) => reader,
    };
    Ok(match format {
        ImportFormat::Metaculus if stdin => bail!(
            "a Metaculus export is two files ({QUESTIONS} and {FORECASTS}): give its folder or one of them, not stdin"
        ),
        ImportFormat::Metaculus => {
            let header = csv_header(reader.fill_buf()?);
            let folder = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            let given = if metaculus::recognises_questions(&header) {
                QUESTIONS
            } else if metaculus::recognises_forecasts(&header) {
                FORECASTS
            } else {
                bail!("{name}: line 1: neither Metaculus's {QUESTIONS} nor its {FORECASTS} (their headers start with 'Question ID')");
            };
            metaculus_pair(folder, Some((given, path.to_path_buf())))?
        }
        _ => unreachable!("single_file opens every format but Metaculus"),
    })
}

/// An input already open (a text in memory, a pipe) as `from`, or as the one format its
/// contents fit: the same dispatch [`open`] gives a file. A Metaculus export, being two
/// files, is only read from a path.
pub fn from_reader(reader: Box<dyn BufRead + Send>, from: Option<ImportFormat>) -> Result<Input> {
    let (format, reader) = told(reader, from)?;
    match single_file(format, reader) {
        Ok(input) => Ok(input),
        Err(_) => {
            bail!("a Metaculus export is two files ({QUESTIONS} and {FORECASTS}): give its folder")
        }
    }
}

/// The format `from` names, else the one the contents fit, with the reader to read it from
/// (the whole input in memory when telling needed all of it).
fn told(
    mut reader: Box<dyn BufRead + Send>,
    from: Option<ImportFormat>,
) -> Result<(ImportFormat, Box<dyn BufRead + Send>)> {
    if let Some(format) = from {
        return Ok((format, reader));
    }
    let (format, whole) = sniff(&mut reader)?;
    if let Some(bytes) = whole {
        reader = Box::new(Cursor::new(bytes));
    }
    Ok((format, reader))
}

/// The input for a format read from one file; for a Metaculus export, which is two files,
/// the reader back.
fn single_file(
    format: ImportFormat,
    reader: Box<dyn BufRead + Send>,
) -> std::result::Result<Input, Box<dyn BufRead + Send>> {
    match format {
        ImportFormat::Fledger => Ok(Input::Fledger(reader)),
        ImportFormat::Fatebook => Ok(Input::Foreign(Source::Fatebook(reader))),
        ImportFormat::Predictionbook => Ok(Input::Foreign(Source::PredictionBook(reader))),
        ImportFormat::Metaculus => Err(reader),
    }
}

/// The two files of a Metaculus export: the one given, and the other beside it.
fn metaculus_pair(folder: &Path, given: Option<(&str, PathBuf)>) -> Result<Input> {
    let find = |file: &str| -> Result<PathBuf> {
        if let Some((name, path)) = &given {
            if *name == file {
                return Ok(path.clone());
            }
        }
        let path = folder.join(file);
        if !path.is_file() {
            bail!(
                "{} is missing: a Metaculus export holds {QUESTIONS} and {FORECASTS} side by side",
                path.display()
            );
        }
        Ok(path)
    };
    Ok(Input::Foreign(Source::Metaculus {
        questions: find(QUESTIONS)?,
        forecasts: find(FORECASTS)?,
    }))
}

/// The lowercase names of a CSV header at the start of `bytes`.
fn csv_header(bytes: &[u8]) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes)
        .headers()
        .map(|header| {
            header
                .iter()
                .map(|h| {
                    h.trim()
                        .trim_start_matches('\u{feff}')
                        .trim()
                        .to_lowercase()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The format the start of the input fits, and the whole input when telling needed it all
/// (JSON, which is read whole anyway).
fn sniff(reader: &mut Box<dyn BufRead + Send>) -> Result<(ImportFormat, Option<Vec<u8>>)> {
    let buffer = reader.fill_buf()?;
    let start = buffer
        .iter()
        .position(|b| !(b.is_ascii_whitespace() || [0xEF, 0xBB, 0xBF].contains(b)));
    match start.map(|i| buffer[i]) {
        // An empty input is fledger's to refuse, with its own message.
        None => Ok((ImportFormat::Fledger, None)),
        Some(b'[') | Some(b'{') => {
            let first_line = buffer
                .split(|&b| b == b'\n')
                .find(|line| !line.iter().all(u8::is_ascii_whitespace));
            // A first line that is a whole object is JSON Lines, which fledger streams.
            if let Some(Ok(value)) = first_line.map(serde_json::from_slice::<Value>) {
                if value.is_object() {
                    let format = if predictionbook::recognises(&value) {
                        ImportFormat::Predictionbook
                    } else {
                        ImportFormat::Fledger
                    };
                    return Ok((format, None));
                }
            }
            let mut bytes = Vec::new();
            reader.read_to_end(&mut bytes)?;
            let text = String::from_utf8_lossy(&bytes);
            let text = text.trim_start_matches('\u{feff}');
            let format = match serde_json::from_str::<Value>(text) {
                Ok(value) if predictionbook::recognises(&value) => ImportFormat::Predictionbook,
                _ => ImportFormat::Fledger,
            };
            Ok((format, Some(bytes)))
        }
        Some(_) => {
            let header = csv_header(buffer);
            let fits: Vec<ImportFormat> = [
                (
                    ImportFormat::Fledger,
                    header.iter().any(|h| h == "statement"),
                ),
                (ImportFormat::Fatebook, fatebook::recognises(&header)),
                (
                    ImportFormat::Metaculus,
                    metaculus::recognises_questions(&header)
                        || metaculus::recognises_forecasts(&header),
                ),
            ]
            .into_iter()
            .filter_map(|(format, fits)| fits.then_some(format))
            .collect();
            match fits.as_slice() {
                [format] => Ok((*format, None)),
                [] => bail!(
                    "line 1: cannot tell which tool wrote this file: its header ({}) is not fledger's (statement, probability, ...), Fatebook's, PredictionBook's or Metaculus's; name the format with --from {ALL}",
                    shorten(&header)
                ),
                several => bail!(
                    "line 1: the header fits more than one format ({}); name the format with --from {ALL}",
                    several.iter().map(|f| f.name()).collect::<Vec<_>>().join(" and ")
                ),
            }
        }
    }
}

/// The first names of a header as a message shows them, escaped: the header may be any bytes.
fn shorten(header: &[String]) -> String {
    let mut names: Vec<String> = header
        .iter()
        .take(5)
        .map(|name| escape_controls(name))
        .collect();
    if header.len() > 5 {
        names.push("...".to_string());
    }
    names.join(", ")
}
