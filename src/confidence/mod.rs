//! Reading a forecast's confidence: a number (`0.7`, `70%`, `3:1`, `1 in 4`, or one inside
//! words, "I put the chance at about 10 percent"), or a verbal phrase ("very unlikely") mapped
//! through a named scale — one of the published scales built in, or a user's scale file.
//!
//! How words are read, in order:
//! 1. A text that is a number is that number.
//! 2. A number inside the words wins over them ("likely, about 70%" is 0.7), when a chance word
//!    stands near it ("a 70% chance", "odds of one in four") or it is all the text says ("about
//!    10 percent", "a third"), so "one in four Russians" or "a 10 percent fall" are not read.
//! 3. Otherwise a known form found anywhere in the text: the scale's phrases, inflected
//!    ("almost certainly" / "almost certain"), fledger's [`IDIOMS`] and ICD 203's phrases
//!    carried over to the scale (to the narrowest term holding the ICD 203 number, or the
//!    nearest; left unread if that moves it more than 15 points), and fledger's
//!    [`MODAL_READINGS`]. A probability word wins over
//!    a modal verb framing it ("it would be very unlikely"); otherwise the form covering most
//!    words, then the scale's own phrase over an idiom over an ICD 203 phrase. Hedges around a
//!    phrase ("remains very unlikely", "it is almost certain that") are simply not part of the
//!    match, so a scanner may pass a phrase with the words before it.
//! 4. A negator before the phrase ("not", "hardly", "far from", with only words like "is",
//!    "seem" or "very" between) reads the part of the scale beyond the term: "not likely" is
//!    "unlikely", "it is not certain" is "roughly even chance", "not unlikely" is "likely". A
//!    "not" after it ("probably not", "almost certainly not") mirrors it: 1 − p, then the
//!    nearest term. A negated modal flips to 1 − p where that means something ("do not
//!    expect"), and is refused where it does not ("could not", "cannot").

mod custom;
mod number;
mod phrase;
pub mod remap;
mod scale;
mod words;

#[cfg(test)]
mod tests;

use std::path::Path;

use anyhow::{anyhow, Context as _, Result};

use crate::model::quoted;
use crate::model::Probability;
pub(crate) use number::number_word;
pub use phrase::{ModalReading, IDIOMS, MODAL_READINGS};
pub use words::fold as fold_phrase;

/// The scale a phrase is read with when the user names none.
pub const DEFAULT_SCALE: &str = "icd203";

/// One row of a scale: the words that mean it, the range it stands for and the number it is
/// read as.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Canonical first, then alternatives, as [`fold_phrase`] writes them (lowercase, single
    /// spaces, straight apostrophes), so lookups can compare directly.
    pub phrases: Vec<String>,
    /// Percent, as scales publish them: whole percentages add and halve exactly in f64, so a
    /// midpoint is rounded once, to the nearest f64 of its decimal. As fractions,
    /// (0.01 + 0.05) / 2 would already come out as 0.030000000000000002.
    pub low: f64,
    /// Percent, like `low`.
    pub high: f64,
    /// Percent: the number the term is read as when it is not the midpoint — a point the scale
    /// gives (Kent's "93%, give or take about 6%") or, for IPCC's nested ranges, the midpoint of
    /// the part no stronger term claims.
    pub point: Option<f64>,
}

impl Term {
    /// The term as the scale writes it: its first phrase.
    pub fn canonical(&self) -> &str {
        &self.phrases[0]
    }

    /// The number the term is read as, in percent: its point, else the midpoint of its range.
    pub fn percent(&self) -> f64 {
        self.point.unwrap_or((self.low + self.high) / 2.0)
    }

    /// The term's reading as a probability: a phrase names a range, the ledger scores a single
    /// number. Moving the decimal point in the text rounds once, so 12.5% is exactly the f64
    /// nearest 0.125.
    ///
    /// Panics on a reading outside 0..=100 percent, which only a broken table could hold: the
    /// built-in tables are checked by a test and scale files when they are loaded.
    pub fn probability(&self) -> Probability {
        let percent = self.percent();
        let value = format!("{percent}e-2").parse().unwrap_or(percent / 100.0);
        Probability::new(value).expect("every scale's readings lie within 0..=100 percent")
    }
}

/// A named verbal probability scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    /// What users type after `--scale` and what the ledger stores next to a phrase.
    pub name: String,
    pub title: String,
    /// The edition the readings come from, stored with every prediction mapped through the
    /// scale, so a later edition can change numbers without rewriting history silently.
    pub version: String,
    /// Where the table is published, in full.
    pub citation: String,
    pub terms: Vec<Term>,
    /// How a reading from outside the scale (an ICD 203 phrase, an idiom, a negation) finds
    /// the term it lands on.
    pub carry: Carry,
}

/// How a probability read from words the scale does not list lands on one of its terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Carry {
    /// The narrowest term whose range holds it: right for scales whose ranges partition or
    /// nest (ICD 203, Kent, PHIA, IPCC) and for scale files.
    #[default]
    NarrowestRange,
    /// The term whose number is nearest: right for a survey, whose ranges are the spread of
    /// answers and overlap widely (in the Mauboussin survey "always" runs 85–100, so the
    /// narrowest range holding ICD 203's "very likely", 87.5, would read it as 100%).
    NearestPoint,
}

impl Scale {
    /// Finds the term a phrase of this scale belongs to, ignoring case, spacing, curly
    /// apostrophes, and an adjective written as its adverb ("almost certainly" for "almost
    /// certain"). Only the scale's own phrases: [`parse_confidence`] reads idioms, hedges and
    /// negation too.
    pub fn lookup(&self, phrase: &str) -> Option<&Term> {
        let wanted = fold_phrase(phrase);
        let matches = |exact: bool| {
            self.terms.iter().find(|term| {
                term.phrases.iter().any(|known| {
                    *known == wanted
                        || (!exact && phrase::stemmed(known) == phrase::stemmed(&wanted))
                })
            })
        };
        matches(true).or_else(|| matches(false))
    }

    fn known_phrases(&self) -> String {
        let phrases: Vec<&str> = self
            .terms
            .iter()
            .flat_map(|term| term.phrases.iter().map(String::as_str))
            .collect();
        phrases.join(", ")
    }
}

/// Every built-in scale, the default first: `icd203`, `kent`, `phia`, `ipcc`, `mauboussin`.
pub fn builtin_scales() -> &'static [Scale] {
    scale::builtin()
}

/// The built-in scale called `name` (case-insensitive), e.g. [`DEFAULT_SCALE`].
pub fn scale(name: &str) -> Result<&'static Scale> {
    let wanted = name.trim().to_lowercase();
    builtin_scales()
        .iter()
        .find(|scale| scale.name == wanted)
        .ok_or_else(|| {
            anyhow!(
                "{} is not a known confidence scale (known: {})",
                quoted(name),
                builtin_names()
            )
        })
}

fn builtin_names() -> String {
    let names: Vec<&str> = builtin_scales().iter().map(|s| s.name.as_str()).collect();
    names.join(", ")
}

/// Whether a `--scale` that is no built-in name is meant as a file: it has a folder or an
/// extension.
pub fn looks_like_path(arg: &str) -> bool {
    arg.contains(['/', '\\', '.'])
}

/// A built-in scale by name, or a user's scale from a file (CSV; see `scales/example.csv`) by
/// its path. A name is tried first, so a file must be named with a path or an extension.
pub fn load_scale(arg: &str) -> Result<Scale> {
    if let Ok(builtin) = scale(arg) {
        return Ok(builtin.clone());
    }
    let path = Path::new(arg.trim());
    if path.is_file() || looks_like_path(arg) {
        return custom::load(path);
    }
    Err(anyhow!(
        "{} is not a known confidence scale (known: {}) nor a scale file",
        quoted(arg),
        builtin_names()
    ))
}

/// A confidence as given: the number it stands for and, for words, the words as written and how
/// they were read, so the prediction can be re-mapped under another scale later.
#[derive(Debug, Clone, PartialEq)]
pub struct Confidence {
    pub probability: Probability,
    /// The text as written (trimmed), unless it was a plain number.
    pub phrase: Option<String>,
    /// The canonical phrase of the scale term the words were read as ("unlikely" for "not
    /// likely"); `None` for a number or a modal reading.
    pub term: Option<String>,
    /// The scale that read the words; `None` for a number or a modal reading, which are
    /// fledger's own and on no scale.
    pub scale: Option<String>,
    /// That scale's [`Scale::version`].
    pub scale_version: Option<String>,
}

/// A prediction's confidence as a user gives it: a number, the author's words, or both (the
/// `-p`/`-c` flags, the `probability`/`confidence` import columns). With both, the number
/// counts and the words are kept as written, on `named_scale` if one was named for them; a
/// number written where the words go is not a phrase. With words alone, they are read on
/// `named_scale`, else `default_scale`. `fields` name the two inputs in errors.
pub fn from_given(
    number: Option<&str>,
    words: Option<&str>,
    named_scale: Option<&Scale>,
    default_scale: &Scale,
    fields: (&str, &str),
) -> Result<Confidence> {
    let (number_field, words_field) = fields;
    match (number, words) {
        (None, None) => anyhow::bail!(
            "{number_field}: empty, and no {words_field} either (one of them is required)"
        ),
        (Some(number), words) => {
            let probability = parse_probability(number).context(number_field.to_string())?;
            let phrase = words
                .map(str::trim)
                .filter(|w| !w.is_empty() && parse_probability(w).is_err());
            let scale = phrase.and(named_scale);
            Ok(Confidence {
                probability,
                phrase: phrase.map(str::to_string),
                term: None,
                scale: scale.map(|s| s.name.clone()),
                scale_version: scale.map(|s| s.version.clone()),
            })
        }
        (None, Some(words)) => parse_confidence(words, named_scale.unwrap_or(default_scale))
            .context(words_field.to_string()),
    }
}

/// Reads a probability written as a number: `0.7`, `.7`, `70%`, `70 percent`, `70 per cent`,
/// odds in favour `3:1`, a frequency `1 in 4` / `1/4`, or a split of 100 `60/40`, `50-50`.
pub fn parse_probability(text: &str) -> Result<Probability> {
    number::number_form(text).unwrap_or_else(|| {
        Err(anyhow!(
            "{} is not a probability: expected a number like 0.7, 70%, 3:1 or 1 in 4",
            quoted(text)
        ))
    })
}

/// Reads a confidence under `scale`, as the module documentation describes. Something shaped
/// like a number but out of range is reported as a bad number, not as an unknown phrase, so
/// that `1.5` gets the advice about percentages.
pub fn parse_confidence(text: &str, scale: &Scale) -> Result<Confidence> {
    let number = |probability, phrase| Confidence {
        probability,
        phrase,
        term: None,
        scale: None,
        scale_version: None,
    };
    if let Some(parsed) = number::number_form(text) {
        return parsed.map(|probability| number(probability, None));
    }
    let written = text.trim();
    if let Some(parsed) = number::in_text(text, &words::tokens(text)) {
        return parsed.map(|probability| number(probability, Some(written.to_string())));
    }
    let unread = |why: String| {
        anyhow!(
            "{} {why}; give a number instead, e.g. 0.8 or 80%",
            quoted(written)
        )
    };
    match phrase::read(text, scale).map_err(|why| unread(format!("has no reading: {why}")))? {
        Some(phrase::Reading::Term(index)) => {
            let term = &scale.terms[index];
            Ok(Confidence {
                probability: term.probability(),
                phrase: Some(written.to_string()),
                term: Some(term.canonical().to_string()),
                scale: Some(scale.name.clone()),
                scale_version: Some(scale.version.clone()),
            })
        }
        Some(phrase::Reading::Fixed { probability, .. }) => Ok(number(
            Probability::new(probability).expect("modal readings lie in 0..=1"),
            Some(written.to_string()),
        )),
        None => Err(unread(format!(
            "is not a phrase of the {} scale (known: {})",
            scale.name,
            scale.known_phrases()
        ))),
    }
}

/// Every lowercase phrase, idiom and modal form a text scanner should look for under `scale`,
/// with the probability it reads as and, when it reads as a term of `scale`, that term's
/// canonical phrase. Phrases are written as [`fold_phrase`] writes text, so fold the text
/// before searching; `…` stands for one to twelve words of the same sentence. Longest first.
/// Negation before a phrase is not listed: hand the phrase with the few words before it to
/// [`parse_confidence`], which reads it.
pub fn phrase_inventory(scale: &Scale) -> Vec<(String, Probability, Option<String>)> {
    phrase::inventory(scale)
}

/// The phrase a scale file names to set how an unhedged assertion about the future ("the
/// Democrats will win the House") reads.
pub const FLAT_ASSERTION: &str = "flat assertion";

/// fledger's reading of a flat assertion when the scale has no [`FLAT_ASSERTION`] term: 0.9,
/// the middle of the 0.80–0.99 that readers of "X will happen" give it — stronger than
/// "likely", short of "almost certain", since the writer stated no doubt but no grounds either.
const FLAT_ASSERTION_READING: f64 = 0.9;

/// How a flat assertion reads under `scale`: its own "flat assertion" term when it has one,
/// else fledger's default; with the scale's name when the term came from it.
pub fn flat_assertion(scale: &Scale) -> (Probability, Option<String>) {
    match scale
        .terms
        .iter()
        .find(|term| term.phrases.iter().any(|p| p == FLAT_ASSERTION))
    {
        Some(term) => (term.probability(), Some(scale.name.clone())),
        None => (
            Probability::new(FLAT_ASSERTION_READING).expect("0.9 lies in 0..=1"),
            None,
        ),
    }
}
