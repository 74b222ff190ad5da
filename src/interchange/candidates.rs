//! Candidates as rows of the import format, to edit and then `fledger import`.

use std::io::Write;

use anyhow::{Context, Result};

use super::COLUMNS;
use crate::extract::Candidate;
use crate::text::sentences::marker_len;

/// What the user knows of the text's source, written into every row so the import files the
/// predictions under it. Empty fields stay empty.
#[derive(Debug, Clone, Default)]
pub struct SourceColumns {
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
}

/// The import columns a candidate fills, in the import format's order; the deadline, tags,
/// date and outcome are the reviewer's to add.
fn header() -> impl Iterator<Item = &'static str> {
    const REVIEWERS: &[&str] = &[
        "made_on",
        "resolve_by",
        "outcome",
        "resolved_on",
        "evidence",
        "tags",
    ];
    COLUMNS
        .iter()
        .copied()
        .filter(|column| !REVIEWERS.contains(column))
}

/// Writes one import row per candidate, header first (also when there are none). The
/// statement is the sentence without footnote markers, to be rewritten as a resolvable
/// question; the quote is the sentence as found; `forecaster` is the speaker, left empty for
/// the author so the import's default (the source's author) applies.
pub fn write_import_csv<W: Write>(
    out: W,
    candidates: &[Candidate],
    source: &SourceColumns,
) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(header())
        .context("writing the CSV header")?;
    let field = |value: &Option<String>| value.clone().unwrap_or_default();
    for candidate in candidates {
        writer
            .write_record([
                without_markers(&candidate.sentence),
                candidate.probability.to_string(),
                candidate.phrase.clone(),
                field(&candidate.scale),
                field(&candidate.speaker),
                field(&source.title),
                field(&source.author),
                field(&source.outlet),
                field(&source.url),
                field(&source.published),
                candidate.sentence.clone(),
                note(candidate),
            ])
            .context("writing a CSV row")?;
    }
    writer.flush().context("writing the CSV")?;
    Ok(())
}

/// Where the candidate came from and what the reviewer should know of it: whose voice it is
/// in (a blank `forecaster` is the author's), whether its confidence was implied by a flat
/// assertion rather than stated, and whether it holds only under a condition.
fn note(candidate: &Candidate) -> String {
    let mut note = format!("extracted from character {}", candidate.phrase_offset);
    if candidate.speaker.is_none() {
        note.push_str("; in the author's voice");
    }
    if candidate.implied {
        note.push_str("; confidence implied (flat assertion), not stated");
    }
    if candidate.conditional {
        note.push_str("; conditional: asserted only if its condition holds");
    }
    note.push_str(": rewrite the statement as a question that can resolve");
    note
}

/// The sentence without footnote markers (`[25]`, `[iii]`), which belong to the source's
/// page, not to the statement.
fn without_markers(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut rest = sentence;
    while let Some(at) = rest.find('[') {
        out.push_str(&rest[..at]);
        match marker_len(&rest[at..]) {
            Some(len) => rest = &rest[at + len..],
            None => {
                out.push('[');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANDIDATE_HEADER: &str = "statement,probability,confidence,phrase_scale,forecaster,source_title,source_author,source_outlet,source_url,source_published,quote,note";

    #[test]
    fn rows_carry_the_candidate_and_the_source() {
        let candidate = Candidate {
            sentence: "Western powers would sanction Putin,[23] they said.".into(),
            offset: 3,
            phrase: "would".into(),
            phrase_offset: 18,
            probability: 0.875,
            scale: None,
            speaker: Some("U.S. lawmakers".into()),
            implied: false,
            conditional: false,
        };
        let source = SourceColumns {
            title: Some("What To Expect".into()),
            author: Some("Vladislav Inozemtsev".into()),
            ..SourceColumns::default()
        };
        let mut out = Vec::new();
        write_import_csv(&mut out, &[candidate], &source).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        assert_eq!(
            reader.headers().unwrap(),
            CANDIDATE_HEADER.split(',').collect::<Vec<_>>()
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let row: Vec<&str> = rows[0].iter().collect();
        assert_eq!(
            row,
            [
                "Western powers would sanction Putin, they said.",
                "0.875",
                "would",
                "",
                "U.S. lawmakers",
                "What To Expect",
                "Vladislav Inozemtsev",
                "",
                "",
                "",
                "Western powers would sanction Putin,[23] they said.",
                "extracted from character 18: rewrite the statement as a question that can resolve",
            ]
        );
    }

    #[test]
    fn no_candidates_still_make_a_header() {
        let mut out = Vec::new();
        write_import_csv(&mut out, &[], &SourceColumns::default()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{CANDIDATE_HEADER}\n")
        );
    }
}
