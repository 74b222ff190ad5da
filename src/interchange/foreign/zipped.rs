//! A zip archive as what it holds: Metaculus hands out its data export as a zip
//! (question_data.csv, forecast_data.csv, README.md and, in some, more CSVs), and an archive
//! of one file is that file.

use std::io::{self, Read, Seek};
use std::sync::mpsc::{sync_channel, Receiver};

use anyhow::{bail, Context, Result};
use zip::ZipArchive;

use super::metaculus::{FORECASTS, QUESTIONS};
use super::{Export, Part};
use crate::model::quoted;

/// The four bytes every zip archive starts with (a local file header).
pub const MAGIC: &[u8] = b"PK\x03\x04";

/// What an archive holds, for the import.
pub enum Contents {
    Metaculus(Export),
    /// The one file of the archive: its name and its bytes.
    One(Part),
}

/// Opens the archive `name` read from `archive`.
pub fn contents<R: Read + Seek + Send + 'static>(archive: R, name: &str) -> Result<Contents> {
    let mut archive = ZipArchive::new(archive).context("not a readable zip archive")?;
    let mut files = Vec::new();
    for index in 0..archive.len() {
        let entry = match archive.name_for_index(index) {
            Some(Ok(entry)) => entry.into_owned(),
            _ => bail!("entry {index} of the archive has no readable name"),
        };
        // Folders, macOS's resource forks and READMEs hold no forecasts.
        let base = entry.rsplit('/').next().unwrap_or_default();
        if base.is_empty() || entry.starts_with("__MACOSX/") || base.starts_with('.') {
            continue;
        }
        files.push((index, entry));
    }
    let find = |wanted: &str| -> Result<Option<(usize, String)>> {
        let mut found = files
            .iter()
            .filter(|(_, entry)| entry.rsplit('/').next() == Some(wanted));
        match (found.next(), found.next()) {
            (Some(one), None) => Ok(Some(one.clone())),
            (None, _) => Ok(None),
            (Some((_, first)), Some((_, second))) => bail!(
                "the archive holds two {wanted}: {} and {}",
                quoted(first),
                quoted(second)
            ),
        }
    };
    let part = |entry: &str| format!("{name}: {entry}");
    match (find(QUESTIONS)?, find(FORECASTS)?) {
        (Some((questions, q_entry)), Some((forecasts, f_entry))) => {
            // The questions are read whole before the first forecast, so they come from
            // memory; the forecasts stream from a thread of their own.
            let mut bytes = Vec::new();
            archive
                .by_index(questions)
                .and_then(|mut entry| Ok(entry.read_to_end(&mut bytes)?))
                .with_context(|| format!("cannot read {}", part(&q_entry)))?;
            Ok(Contents::Metaculus(Export {
                questions: Part {
                    name: part(&q_entry),
                    reader: Box::new(io::Cursor::new(bytes)),
                },
                forecasts: Part {
                    name: part(&f_entry),
                    reader: Box::new(streamed(archive, forecasts)),
                },
            }))
        }
        (Some((_, entry)), None) | (None, Some((_, entry))) => {
            let other = if entry.ends_with(QUESTIONS) {
                FORECASTS
            } else {
                QUESTIONS
            };
            bail!("the archive holds {entry} but no {other}: a Metaculus export holds both")
        }
        (None, None) => {
            let data: Vec<&(usize, String)> = files
                .iter()
                .filter(|(_, entry)| !entry.to_ascii_lowercase().ends_with("readme.md"))
                .collect();
            match data.as_slice() {
                [(index, entry)] => Ok(Contents::One(Part {
                    name: part(entry),
                    reader: Box::new(streamed(archive, *index)),
                })),
                [] => bail!("the archive holds no file to import"),
                several => bail!(
                    "the archive holds {} files ({}): fledger reads a Metaculus export (question_data.csv and forecast_data.csv) or an archive of one file",
                    several.len(),
                    several
                        .iter()
                        .take(5)
                        .map(|(_, entry)| quoted(entry))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
    }
}

/// An entry of an archive, read on a thread that owns the archive (an entry's reader borrows
/// it), handed over in chunks so that memory stays flat however large the entry.
struct Streamed {
    chunks: Receiver<io::Result<Option<Vec<u8>>>>,
    chunk: io::Cursor<Vec<u8>>,
    ended: bool,
}

fn streamed<R: Read + Seek + Send + 'static>(mut archive: ZipArchive<R>, index: usize) -> Streamed {
    let (sender, chunks) = sync_channel(4);
    std::thread::spawn(move || {
        let sent = (|| -> io::Result<()> {
            let mut entry = archive.by_index(index)?;
            loop {
                let mut chunk = vec![0; 1 << 16];
                let n = entry.read(&mut chunk)?;
                chunk.truncate(n);
                // The end is said, not implied: a thread that died must not look like one.
                let last = n == 0;
                if sender.send(Ok((!last).then_some(chunk))).is_err() || last {
                    return Ok(());
                }
            }
        })();
        if let Err(err) = sent {
            let _ = sender.send(Err(err));
        }
    });
    Streamed {
        chunks,
        chunk: io::Cursor::new(Vec::new()),
        ended: false,
    }
}

impl Read for Streamed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.chunk.read(buf)?;
            if n > 0 || self.ended || buf.is_empty() {
                return Ok(n);
            }
            match self.chunks.recv() {
                Ok(Ok(Some(chunk))) => self.chunk = io::Cursor::new(chunk),
                Ok(Ok(None)) => self.ended = true,
                Ok(Err(err)) => return Err(err),
                Err(_) => {
                    return Err(io::Error::other(
                        "the archive stopped being read before the end of the file",
                    ))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn archive(files: &[(&str, &[u8])]) -> io::Cursor<Vec<u8>> {
        let mut writer = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        for (name, bytes) in files {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(bytes).unwrap();
        }
        let mut cursor = writer.finish().unwrap();
        cursor.set_position(0);
        cursor
    }

    fn read(mut part: Part) -> Vec<u8> {
        let mut bytes = Vec::new();
        part.reader.read_to_end(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn an_export_streams_whole_entries() {
        let big: Vec<u8> = (0..300_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let zip = archive(&[
            ("README.md", b"about"),
            ("question_data.csv", b"Question ID\n1\n"),
            ("forecast_data.csv", &big),
        ]);
        let Contents::Metaculus(export) = contents(zip, "x.zip").unwrap() else {
            panic!("not an export");
        };
        assert_eq!(export.questions.name, "x.zip: question_data.csv");
        assert_eq!(export.forecasts.name, "x.zip: forecast_data.csv");
        assert_eq!(read(export.questions), b"Question ID\n1\n");
        assert_eq!(read(export.forecasts), big);
    }

    #[test]
    fn one_file_is_that_file_and_more_are_refused() {
        let zip = archive(&[("data/rows.csv", b"statement,probability\n")]);
        let Contents::One(part) = contents(zip, "x.zip").unwrap() else {
            panic!("not one file");
        };
        assert_eq!(part.name, "x.zip: data/rows.csv");
        assert_eq!(read(part), b"statement,probability\n");
        let zip = archive(&[("a.csv", b""), ("b.csv", b"")]);
        let err = contents(zip, "x.zip").err().unwrap().to_string();
        assert!(
            err.starts_with("the archive holds 2 files ('a.csv', 'b.csv')"),
            "{err}"
        );
        let zip = archive(&[("question_data.csv", b"")]);
        let err = contents(zip, "x.zip").err().unwrap().to_string();
        assert!(err.contains("but no forecast_data.csv"), "{err}");
    }
}
