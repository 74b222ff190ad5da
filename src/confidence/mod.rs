//! Reading a forecast's confidence: a number (`0.7`, `70%`, `3:1`, `1 in 4`) or a verbal
//! phrase ("very unlikely") mapped through a named, published scale.

mod number;
mod scale;

#[cfg(test)]
mod tests;

use anyhow::{anyhow, Result};

use crate::model::quoted;
use crate::model::{fold_whitespace, Probability};

/// The scale a phrase is read with when the user names none.
pub const DEFAULT_SCALE: &str = "icd203";

/// One row of a scale: the words that mean it and the range it stands for.
#[derive(Debug)]
pub struct Term {
    /// Lowercase, single-spaced, with straight apostrophes, so lookups can compare directly.
    pub phrases: &'static [&'static str],
    /// Percent, as scales publish them: whole percentages add and halve exactly in f64, so
    /// the midpoint is rounded once, to the nearest f64 of its decimal. As fractions,
    /// (0.01 + 0.05) / 2 would already come out as 0.030000000000000002.
    pub low: f64,
    /// Percent, like `low`.
    pub high: f64,
}

impl Term {
    /// The midpoint of the range: a phrase names a range, the ledger scores a single number.
    ///
    /// Panics on a range outside 0..=100 percent, which only a broken table could hold.
    pub fn probability(&self) -> Probability {
        Probability::new((self.low + self.high) / 2.0 / 100.0)
            .expect("every scale's ranges lie within 0..=100 percent (checked by a test)")
    }
}

#[derive(Debug)]
pub struct Scale {
    /// What users type after `--scale` and what the ledger stores next to a phrase.
    pub name: &'static str,
    pub title: &'static str,
    pub terms: &'static [Term],
}

impl Scale {
    /// Finds the term a phrase belongs to, ignoring case, spacing and curly apostrophes, which
    /// word processors put into the quotes people paste.
    pub fn lookup(&self, phrase: &str) -> Option<&'static Term> {
        let wanted = fold_whitespace(phrase)
            .to_lowercase()
            .replace(['\u{2018}', '\u{2019}'], "'");
        self.terms
            .iter()
            .find(|term| term.phrases.contains(&wanted.as_str()))
    }

    fn known_phrases(&self) -> String {
        let phrases: Vec<&str> = self
            .terms
            .iter()
            .flat_map(|term| term.phrases.iter().copied())
            .collect();
        phrases.join(", ")
    }
}

/// The scale called `name` (case-insensitive), e.g. [`DEFAULT_SCALE`].
pub fn scale(name: &str) -> Result<&'static Scale> {
    let wanted = name.trim().to_lowercase();
    scale::SCALES
        .iter()
        .copied()
        .find(|scale| scale.name == wanted)
        .ok_or_else(|| {
            let known: Vec<&str> = scale::SCALES.iter().map(|scale| scale.name).collect();
            anyhow!(
                "{} is not a known confidence scale (known: {})",
                quoted(name),
                known.join(", ")
            )
        })
}

/// A confidence as given: the number it stands for and, for a phrase, the words and the scale
/// that turned them into that number, so the prediction can be re-mapped later.
#[derive(Debug, Clone, PartialEq)]
pub struct Confidence {
    pub probability: Probability,
    pub phrase: Option<String>,
    pub scale: Option<&'static str>,
}

/// Reads a probability written as a number: `0.7`, `.7`, `70%`, `70 percent`, `70 per cent`,
/// odds in favour `3:1`, or a frequency `1 in 4` / `1/4`.
pub fn parse_probability(text: &str) -> Result<Probability> {
    number::number_form(text).unwrap_or_else(|| {
        Err(anyhow!(
            "{} is not a probability: expected a number like 0.7, 70%, 3:1 or 1 in 4",
            quoted(text)
        ))
    })
}

/// Reads a confidence as a number if it is written as one, otherwise as a phrase of `scale`.
/// Something shaped like a number but out of range is reported as a bad number, not as an
/// unknown phrase, so that `1.5` gets the advice about percentages.
pub fn parse_confidence(text: &str, scale: &Scale) -> Result<Confidence> {
    if let Some(number) = number::number_form(text) {
        return number.map(|probability| Confidence {
            probability,
            phrase: None,
            scale: None,
        });
    }
    let phrase = text.trim();
    match scale.lookup(phrase) {
        Some(term) => Ok(Confidence {
            probability: term.probability(),
            phrase: Some(phrase.to_string()),
            scale: Some(scale.name),
        }),
        None => Err(anyhow!(
            "{} is not a phrase of the {} scale (known: {}); give a number instead, e.g. 0.8 or 80%",
            quoted(phrase),
            scale.name,
            scale.known_phrases()
        )),
    }
}
