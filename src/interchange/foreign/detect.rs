//! Which tool wrote a file: `--from` when given, else the file's header or JSON shape, and
//! only when exactly one format fits.

use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use super::metaculus::{self, FORECASTS, QUESTIONS};
use super::zipped::{self, Contents};
use super::{fatebook, predictionbook, Export, ImportFormat, Input, Part, Source};
use crate::interchange::digest::ReadDigest;
use crate::model::escape_controls;

const ALL: &str = "fledger, fatebook, predictionbook, metaculus";

/// Opens `path` (`-` for stdin, a folder for a Metaculus export) as `from`, or as the one
/// format its contents fit. `digest` hashes the bytes the import reads: the file's, a zip
/// archive's as a whole, or a Metaculus export's two files, questions then forecasts.
pub fn open(path: &Path, from: Option<ImportFormat>, digest: &ReadDigest) -> Result<Input> {
    let name = path.display().to_string();
    if path.is_dir() {
        return match from {
            None | Some(ImportFormat::Metaculus) => metaculus_pair(path, None, digest),
            Some(other) => bail!(
                "{name} is a folder: only a Metaculus export is read from a folder (--from metaculus), not {}",
                other.name()
            ),
        };
    }
    let stdin = path.as_os_str() == "-";
    let mut reader: Box<dyn BufRead + Send> = if stdin {
        Box::new(BufReader::with_capacity(
            1 << 16,
            digest.reader(std::io::stdin()),
        ))
    } else {
        let file = std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?;
        Box::new(BufReader::with_capacity(1 << 16, digest.reader(file)))
    };
    // A zip is read whole, file or pipe (its index is at its end), and parsed from the very
    // bytes that were hashed.
    if reader.fill_buf()?.starts_with(zipped::MAGIC) {
        return unzipped(read_all(reader)?, &name, from);
    }
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
            // The export's digest is of its two files, read from their start below, not of
            // the header read to tell which one was given.
            digest.restart();
            metaculus_pair(folder, Some((given, path.to_path_buf())), digest)?
        }
        _ => unreachable!("single_file opens every format but Metaculus"),
    })
}

/// An input already open (a text in memory, a pipe) as `from`, or as the one format its
/// contents fit: the same dispatch [`open`] gives a file. A Metaculus export, being two
/// files, is only read from a path.
pub fn from_reader(
    mut reader: Box<dyn BufRead + Send>,
    from: Option<ImportFormat>,
) -> Result<Input> {
    if reader.fill_buf()?.starts_with(zipped::MAGIC) {
        return unzipped(read_all(reader)?, "the archive", from);
    }
    let (format, reader) = told(reader, from)?;
    match single_file(format, reader) {
        Ok(input) => Ok(input),
        Err(_) => {
            bail!("a Metaculus export is two files ({QUESTIONS} and {FORECASTS}): give its folder")
        }
    }
}

/// An input read whole into memory, for a zip archive (its index is at its end).
fn read_all(mut reader: Box<dyn BufRead + Send>) -> Result<Cursor<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    Ok(Cursor::new(bytes))
}

/// What a zip archive holds, as an input: a Metaculus export, or its one file told as a file.
fn unzipped<R: Read + std::io::Seek + Send + 'static>(
    archive: R,
    name: &str,
    from: Option<ImportFormat>,
) -> Result<Input> {
    match zipped::contents(archive, name).with_context(|| name.to_string())? {
        Contents::Metaculus(export) => match from {
            None | Some(ImportFormat::Metaculus) => Ok(Input::Foreign(Source::Metaculus(export))),
            Some(other) => bail!(
                "{name} is a Metaculus export (question_data.csv and forecast_data.csv), not {}",
                other.name()
            ),
        },
        Contents::One(Part { name, reader }) => {
            let reader: Box<dyn BufRead + Send> =
                Box::new(BufReader::with_capacity(1 << 16, reader));
            let (format, reader) = told(reader, from).with_context(|| name.clone())?;
            match single_file(format, reader) {
                Ok(input) => Ok(input),
                Err(_) => bail!("{name}: a Metaculus export is two files ({QUESTIONS} and {FORECASTS}): the archive holds one"),
            }
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
fn metaculus_pair(
    folder: &Path,
    given: Option<(&str, PathBuf)>,
    digest: &ReadDigest,
) -> Result<Input> {
    let find = |file: &str| -> Result<Part> {
        let path = match &given {
            Some((name, path)) if *name == file => path.clone(),
            _ => folder.join(file),
        };
        if !path.is_file() {
            bail!(
                "{} is missing: a Metaculus export holds {QUESTIONS} and {FORECASTS} side by side",
                path.display()
            );
        }
        let name = path.display().to_string();
        let file = std::fs::File::open(&path).with_context(|| format!("cannot read {name}"))?;
        Ok(Part {
            name,
            reader: Box::new(digest.reader(file)),
        })
    };
    Ok(Input::Foreign(Source::Metaculus(Export {
        questions: find(QUESTIONS)?,
        forecasts: find(FORECASTS)?,
    })))
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
