//! Reading the words of a confidence: a scale's phrases as people inflect and hedge them,
//! fledger's idioms, its fixed readings of modal verbs, and negation.
//!
//! A text is read by finding the known form that covers most of its words anywhere in it, so
//! the hedges around a term ("remains very unlikely", "it is almost certain that") need no
//! list of their own, and a text scanner can hand over a phrase with the words before it.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use super::words::{tokens, Token};
use super::{scale, Carry, Scale, Term, DEFAULT_SCALE};
use crate::model::Probability;

/// Ways people say a likelihood that are not the words of a scale, each with the ICD 203 term
/// it stands for (the term's canonical phrase). Under another scale an idiom reads as the term
/// of that scale nearest the ICD 203 term's number, as the [module documentation](super)
/// describes.
///
/// Choices worth knowing:
/// - "in all likelihood" / "in all probability" are "very likely": dictionaries gloss them
///   as "very probably".
/// - "most probably", "most likely" and "the most probable outcome" are "likely", not "very
///   likely": "most" ranks one outcome above the others, it does not raise the probability.
///   This keeps the reading the seed ledger gave them (examples/russia-west-2022.md).
/// - "not in the cards", "not a realistic expectation" and other flat denials are "remote",
///   and "high probability" is "very likely", as in the seed ledger.
/// - "a realistic possibility" and "a real (serious, distinct) possibility" are "roughly even
///   chance": the UK yardstick puts "realistic possibility" at 40–50%, whose midpoint, 45%, is
///   nearer ICD's 50% than its 32.5%.
/// - "not impossible", "cannot be ruled out": a possibility, not an expectation, so "unlikely",
///   as the seed ledger read "may" and "could".
/// - "certain(ly)", "definitely", "without doubt" are "almost certain": ICD 203 has no term
///   above 99%, so its top term is the strongest reading it allows.
/// - "possible" and "possibly" are not read at all: Sherman Kent reserved "possible" for what
///   has no assignable probability, and readers give it anything from 5% to 95%.
pub static IDIOMS: &[(&str, &str)] = &[
    ("no chance", "almost no chance"),
    ("not a chance", "almost no chance"),
    ("zero chance", "almost no chance"),
    ("impossible", "almost no chance"),
    ("out of the question", "almost no chance"),
    ("not in the cards", "almost no chance"),
    ("not on the cards", "almost no chance"),
    ("not a realistic expectation", "almost no chance"),
    ("not a realistic possibility", "almost no chance"),
    ("not a real possibility", "almost no chance"),
    ("no realistic possibility", "almost no chance"),
    ("no real possibility", "almost no chance"),
    ("no realistic prospect", "almost no chance"),
    ("remote possibility", "almost no chance"),
    ("remote chance", "almost no chance"),
    ("highly unlikely", "very unlikely"),
    ("extremely unlikely", "very unlikely"),
    ("low probability", "very unlikely"),
    ("low likelihood", "very unlikely"),
    ("little chance", "very unlikely"),
    ("slight chance", "very unlikely"),
    ("small chance", "very unlikely"),
    ("slim chance", "very unlikely"),
    ("highly doubtful", "very unlikely"),
    ("very doubtful", "very unlikely"),
    ("doubtful", "unlikely"),
    ("not impossible", "unlikely"),
    ("not out of the question", "unlikely"),
    ("cannot be ruled out", "unlikely"),
    ("cannot be excluded", "unlikely"),
    ("less likely than not", "unlikely"),
    ("outside chance", "unlikely"),
    ("long shot", "unlikely"),
    ("even chance", "roughly even chance"),
    ("even odds", "roughly even chance"),
    ("toss up", "roughly even chance"),
    ("coin flip", "roughly even chance"),
    ("coin toss", "roughly even chance"),
    ("fifty fifty", "roughly even chance"),
    ("as likely as not", "roughly even chance"),
    ("about as likely as not", "roughly even chance"),
    ("equally likely", "roughly even chance"),
    ("could go either way", "roughly even chance"),
    ("realistic possibility", "roughly even chance"),
    ("real possibility", "roughly even chance"),
    ("serious possibility", "roughly even chance"),
    ("distinct possibility", "roughly even chance"),
    ("most probably", "likely"),
    ("most likely", "likely"),
    ("most probable outcome", "likely"),
    ("most likely outcome", "likely"),
    ("more likely than not", "likely"),
    ("better than even", "likely"),
    ("good chance", "likely"),
    ("chances are good", "likely"),
    ("in all likelihood", "very likely"),
    ("in all probability", "very likely"),
    ("highly likely", "very likely"),
    ("extremely likely", "very likely"),
    ("high probability", "very likely"),
    ("high likelihood", "very likely"),
    ("very good chance", "very likely"),
    ("certain", "almost certain"),
    ("certainly", "almost certain"),
    ("definitely", "almost certain"),
    ("virtually certain", "almost certain"),
    ("all but certain", "almost certain"),
    ("without doubt", "almost certain"),
    ("without a doubt", "almost certain"),
    ("beyond doubt", "almost certain"),
    ("undoubtedly", "almost certain"),
    ("bound to", "almost certain"),
];

/// fledger's fixed reading of a modal expression: not a published scale, but the readings the
/// seed ledger gave (examples/russia-west-2022.md, "How words became numbers"), so that
/// extraction reads the same words the same way. `…` stands for any words in between, within
/// one sentence ("believe … will" matches "believe the Kremlin will").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModalReading {
    pub form: &'static str,
    pub probability: f64,
    /// Whether "not" before or after it flips the reading to 1 − p ("do not expect" → 0.325).
    /// "could not" and "cannot" state an impossibility rather than the mirror of a
    /// possibility, so they are left unread.
    pub negatable: bool,
}

/// Every modal reading. The seed gave: may, could → 0.325 (a possibility, not an expectation,
/// ICD's "unlikely" band); can → 0.5; would → 0.875 and would not → 0.125; expect, believe …
/// will, could … be expected → 0.675; "projected" (as in "is projected to") reads as
/// "expected", and "think … will" as "believe … will". "might" joins "may" and "could" as the same kind of
/// possibility, and "may not" / "might not" are the flip 1 − 0.325, the way "would not" is
/// 1 − "would".
pub static MODAL_READINGS: &[ModalReading] = &[
    modal("may", 0.325, false),
    modal("might", 0.325, false),
    modal("could", 0.325, false),
    modal("may not", 0.675, false),
    modal("might not", 0.675, false),
    modal("can", 0.5, false),
    modal("would", 0.875, false),
    modal("would not", 0.125, false),
    modal("expect", 0.675, true),
    modal("expects", 0.675, true),
    modal("expected", 0.675, true),
    modal("projected", 0.675, true),
    modal("believe … will", 0.675, true),
    modal("believes … will", 0.675, true),
    modal("think … will", 0.675, true),
    modal("thinks … will", 0.675, true),
    modal("could … be expected", 0.675, true),
];

const fn modal(form: &'static str, probability: f64, negatable: bool) -> ModalReading {
    ModalReading {
        form,
        probability,
        negatable,
    }
}

/// How far (in percentage points) a reading may move when it is carried to the nearest term of
/// another scale. ICD 203's widest terms span 25 points, so no reading inside a term is more
/// than 12.5 points from its number; a move of more than 15 would change what the words mean,
/// and the words are then left unread on that scale rather than misread.
const MAX_SNAP: f64 = 15.0;

/// Words before a term that leave the negation in front of them in force: "not [very] likely",
/// "is not [so] likely", "does not [seem] likely".
const SKIPPED_BEFORE: &[&str] = &[
    "it",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "remains",
    "remain",
    "remained",
    "seems",
    "seem",
    "seemed",
    "looks",
    "look",
    "looked",
    "appears",
    "appear",
    "appeared",
    "still",
    "so",
    "that",
    "too",
    "all",
    "very",
    "highly",
    "quite",
    "fairly",
    "pretty",
    "rather",
    "extremely",
    "terribly",
    "particularly",
    "especially",
    "does",
    "do",
    "did",
];

/// Negators, as word sequences, that put a term after them in their scope.
const NEGATORS: &[&[&str]] = &[
    &["not"],
    &["hardly"],
    &["scarcely"],
    &["barely"],
    &["far", "from"],
    &["by", "no", "means"],
    &["in", "no", "way"],
    &["not", "at", "all"],
];

/// How many words a `…` in a form may stand for.
const MAX_GAP: usize = 12;

/// What a matched form reads as before negation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Reading {
    /// A term of the scale, by index.
    Term(usize),
    /// A modal reading: not on any scale.
    Fixed { probability: f64, negatable: bool },
}

/// Where a form comes from; later variants win a tie between matches of equal length, so a
/// scale's own phrase beats an idiom, which beats the ICD 203 fallback, which beats a modal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Modal,
    Icd,
    Idiom,
    Own,
}

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Word(String),
    Gap,
}

#[derive(Debug)]
struct Form {
    text: String,
    parts: Vec<Part>,
    reading: Reading,
    origin: Origin,
}

/// Every form a text is matched against under `scale`: its own phrases, then the idioms and
/// ICD 203's phrases carried over to it, then the modal readings.
fn forms(scale: &Scale) -> Vec<Form> {
    let mut out = Vec::new();
    let mut add = |text: &str, reading: Reading, origin: Origin| {
        let parts = parts(text);
        // A phrase with no words (a hand-built scale's "70%") would match anywhere.
        if !parts.is_empty() {
            out.push(Form {
                text: text.to_string(),
                parts,
                reading,
                origin,
            });
        }
    };
    for (index, term) in scale.terms.iter().enumerate() {
        for phrase in &term.phrases {
            add(phrase, Reading::Term(index), Origin::Own);
        }
    }
    let icd = icd203();
    for &(idiom, canonical) in IDIOMS {
        let term = icd
            .terms
            .iter()
            .find(|term| term.phrases[0] == canonical)
            .expect("every idiom names an ICD 203 term (checked by a test)");
        if let Some(index) = snap(scale, term.percent()) {
            add(idiom, Reading::Term(index), Origin::Idiom);
        }
    }
    if scale.name != icd.name {
        for term in &icd.terms {
            if let Some(index) = snap(scale, term.percent()) {
                for phrase in &term.phrases {
                    add(phrase, Reading::Term(index), Origin::Icd);
                }
            }
        }
    }
    for modal in MODAL_READINGS {
        let reading = Reading::Fixed {
            probability: modal.probability,
            negatable: modal.negatable,
        };
        add(modal.form, reading, Origin::Modal);
    }
    out
}

thread_local! {
    /// The forms of the scale read last: an import reads every row under one scale, and
    /// building the forms (tokenising every phrase of it) cost more than the reading itself.
    static FORMS: RefCell<Option<(Scale, Rc<Vec<Form>>)>> = const { RefCell::new(None) };
}

/// [`forms`], built once per scale in a row of calls.
fn cached_forms(scale: &Scale) -> Rc<Vec<Form>> {
    FORMS.with(|cell| {
        let mut cell = cell.borrow_mut();
        if let Some((cached, forms)) = cell.as_ref() {
            if cached == scale {
                return Rc::clone(forms);
            }
        }
        let built = Rc::new(forms(scale));
        *cell = Some((scale.clone(), Rc::clone(&built)));
        built
    })
}

fn icd203() -> &'static Scale {
    scale(DEFAULT_SCALE).expect("the default scale is built in")
}

/// A form's words, as tokens read them ("cannot" is "can not"), with `…` as a gap.
fn parts(text: &str) -> Vec<Part> {
    text.split('…')
        .enumerate()
        .flat_map(|(i, piece)| {
            let words = tokens(piece).into_iter().filter_map(|t| match t {
                Token::Word(w) => Some(Part::Word(w)),
                _ => None,
            });
            (i > 0).then_some(Part::Gap).into_iter().chain(words)
        })
        .collect()
}

/// The forms of one word that mean the same: an adjective and its adverb.
fn stem(word: &str) -> &str {
    match word {
        "certainly" => "certain",
        "probably" => "probable",
        "improbably" => "improbable",
        _ => word,
    }
}

/// `text` with each word stemmed, so two spellings of a phrase compare equal.
pub(super) fn stemmed(text: &str) -> String {
    text.split(' ').map(stem).collect::<Vec<_>>().join(" ")
}

/// Where a form matched: `start..end` in the tokens, how many of its words were spelled
/// exactly as in the form (rather than inflected), and how many words its gaps took.
#[derive(Debug, Clone, Copy)]
struct Match {
    form: usize,
    start: usize,
    end: usize,
    exact: usize,
    gap: usize,
}

/// Matches `parts` against `tokens` from `at`; on success returns (end, exact words, gap size).
fn match_at(parts: &[Part], tokens: &[Token], at: usize) -> Option<(usize, usize, usize)> {
    let Some((first, rest)) = parts.split_first() else {
        return Some((at, 0, 0));
    };
    match first {
        Part::Word(word) => {
            let Some(Token::Word(token)) = tokens.get(at) else {
                return None;
            };
            let exact = token == word;
            if !exact && stem(token) != stem(word) {
                return None;
            }
            let (end, exact_rest, gap) = match_at(rest, tokens, at + 1)?;
            Some((end, exact_rest + usize::from(exact), gap))
        }
        Part::Gap => (1..=MAX_GAP)
            .take_while(|&n| tokens.get(at + n - 1).is_some_and(|t| !t.ends_clause()))
            .find_map(|n| {
                let (end, exact, gap) = match_at(rest, tokens, at + n)?;
                Some((end, exact, gap + n))
            }),
    }
}

/// Whether a match of "may" is the month ("in May 2022", "by May"), not the modal.
fn is_month(form: &Form, tokens: &[Token], m: &Match) -> bool {
    const BEFORE_MONTH: &[&str] = &[
        "in", "by", "since", "until", "till", "of", "early", "mid", "late",
    ];
    form.text == "may"
        && (matches!(tokens.get(m.end), Some(Token::Number(_)))
            || m.start.checked_sub(1).is_some_and(
                |i| matches!(&tokens[i], Token::Word(w) if BEFORE_MONTH.contains(&w.as_str())),
            ))
}

/// Orders matches: a probability word before a modal verb, since the verb only frames it ("it
/// would be very unlikely", "it may not be likely"); then the match explaining more words (a
/// "not" right after counts, so "highly probably not" is "highly probable" mirrored, not Kent's
/// "probably not" after a stray "highly"), no gap, a better origin, more words spelled exactly,
/// and the earlier one.
fn better(forms: &[Form], tokens: &[Token], a: &Match, b: &Match) -> Ordering {
    let worded = |m: &Match| forms[m.form].origin != Origin::Modal;
    let explained = |m: &Match| {
        let literal = forms[m.form]
            .parts
            .iter()
            .filter(|p| matches!(p, Part::Word(_)))
            .count();
        literal + usize::from(tokens.get(m.end).is_some_and(|t| t.is_word("not")))
    };
    worded(a)
        .cmp(&worded(b))
        .then(explained(a).cmp(&explained(b)))
        .then((a.gap == 0).cmp(&(b.gap == 0)))
        .then(forms[a.form].origin.cmp(&forms[b.form].origin))
        .then(a.exact.cmp(&b.exact))
        .then(b.start.cmp(&a.start))
}

/// What the words of `text` read as under `scale`: `Ok(None)` when no known form is in it,
/// `Err(why)` when one is but its negation leaves no reading on this scale.
pub(super) fn read(text: &str, scale: &Scale) -> Result<Option<Reading>, String> {
    let tokens = tokens(text);
    let forms = cached_forms(scale);
    let mut best: Option<Match> = None;
    for (index, form) in forms.iter().enumerate() {
        for start in 0..tokens.len() {
            let Some((end, exact, gap)) = match_at(&form.parts, &tokens, start) else {
                continue;
            };
            let found = Match {
                form: index,
                start,
                end,
                exact,
                gap,
            };
            if is_month(form, &tokens, &found) {
                continue;
            }
            let improves = match &best {
                Some(known) => better(&forms, &tokens, &found, known) == Ordering::Greater,
                None => true,
            };
            if improves {
                best = Some(found);
            }
        }
    }
    let Some(found) = best else {
        return Ok(None);
    };
    let form = &forms[found.form];
    let before = negated_before(&tokens, found.start);
    let after = tokens.get(found.end).is_some_and(|t| t.is_word("not"));
    let unread = |why: &str| Err(format!("'{}' {why}", form.text));
    match (form.reading, before, after) {
        (reading, false, false) => Ok(Some(reading)),
        (_, true, true) => unread("is negated twice, which fledger does not read"),
        (Reading::Term(index), true, false) => match wide_negation(scale, index) {
            Some(index) => Ok(Some(Reading::Term(index))),
            None => unread(&format!(
                "negated has no reading on the {} scale",
                scale.name
            )),
        },
        (Reading::Term(index), false, true) => {
            match snap(scale, 100.0 - scale.terms[index].percent()) {
                Some(index) => Ok(Some(Reading::Term(index))),
                None => unread(&format!(
                    "followed by 'not' has no reading on the {} scale",
                    scale.name
                )),
            }
        }
        (
            Reading::Fixed {
                probability,
                negatable: true,
            },
            _,
            _,
        ) => Ok(Some(Reading::Fixed {
            probability: flip(probability),
            negatable: false,
        })),
        (Reading::Fixed { .. }, _, _) => unread("negated has no fixed reading"),
    }
}

/// 1 − p, rounded once at the decimal it names (1 − 0.675 is 0.325, not 0.32499999999999996).
fn flip(p: f64) -> f64 {
    let text = format!("{:.12}", 1.0 - p);
    text.parse().unwrap_or(1.0 - p)
}

/// Whether a negator stands before token `start`, with only [`SKIPPED_BEFORE`] words between.
fn negated_before(tokens: &[Token], start: usize) -> bool {
    let mut at = start;
    loop {
        let before = &tokens[..at];
        let ends_with = |negator: &&[&str]| {
            before.len() >= negator.len()
                && before[before.len() - negator.len()..]
                    .iter()
                    .zip(negator.iter())
                    .all(|(t, w)| t.is_word(w))
        };
        if NEGATORS.iter().any(ends_with) {
            return true;
        }
        match before.last() {
            Some(Token::Word(w)) if SKIPPED_BEFORE.contains(&w.as_str()) => at -= 1,
            _ => return false,
        }
    }
}

/// "not X" for the term X at `index`: the part of the scale on the far side of X from
/// certainty, read at its midpoint and carried to the nearest term. "Not likely" (55–80%) is
/// below 55%, read as 27.5%: "unlikely". "Not very likely" (80–95%) is below 80%, 40%: also
/// "unlikely", not "very unlikely", as people mean it. "It is not certain" (read "almost
/// certain", 95–99%) is below 95%, 47.5%: "roughly even chance". For a term below even the far
/// side is above it: "not unlikely" (20–45%) is 45–100%, 72.5%: "likely" — the double
/// negation reads literally, with no discount for the litotes. A term read at exactly 50% has
/// no far side, and its negation no reading.
fn wide_negation(scale: &Scale, index: usize) -> Option<usize> {
    let term = &scale.terms[index];
    let reading = term.percent();
    let far_side = match reading.partial_cmp(&50.0)? {
        Ordering::Greater => term.low / 2.0,
        Ordering::Less => (term.high + 100.0) / 2.0,
        Ordering::Equal => return None,
    };
    snap(scale, far_side)
}

/// The term of `scale` that a reading of `percent` lands on, by the scale's [`Carry`]: the
/// narrowest term whose range holds it (IPCC ranges nest), else the nearest range, ties going
/// to the term whose own number is closest; or, for a survey, the term whose number is
/// closest, ties going to the narrower. `None` when that term's number is more than
/// [`MAX_SNAP`] points away.
pub(super) fn snap(scale: &Scale, percent: f64) -> Option<usize> {
    let distance = |term: &Term| (term.low - percent).max(percent - term.high).max(0.0);
    let key = |term: &Term| match scale.carry {
        Carry::NarrowestRange => (
            distance(term),
            term.high - term.low,
            (term.percent() - percent).abs(),
        ),
        Carry::NearestPoint => (
            (term.percent() - percent).abs(),
            term.high - term.low,
            distance(term),
        ),
    };
    (0..scale.terms.len())
        .min_by(|&a, &b| {
            key(&scale.terms[a])
                .partial_cmp(&key(&scale.terms[b]))
                .unwrap_or(Ordering::Equal)
        })
        .filter(|&index| (scale.terms[index].percent() - percent).abs() <= MAX_SNAP)
}

/// Every phrase a text scanner should look for under `scale`, as [`fold`](super::fold_phrase)
/// writes text: the scale's phrases and their inflections ("almost certainly" beside "almost
/// certain"), the idioms and ICD 203 phrases that land on one of its terms, those ending in
/// "probably", "certainly" or "likely" followed by "not" ("probably not"), and the modal
/// forms, where `…` stands for one to twelve words of the same sentence. Each comes with the
/// probability it reads as and, for a scale term, that term's canonical phrase. Longest first,
/// so a scanner that takes the first match at a position takes the longest.
///
/// Negation in front of a phrase ("not likely", "hardly likely") is not listed: pass the
/// phrase with the few words before it to [`parse_confidence`](super::parse_confidence).
pub(super) fn inventory(scale: &Scale) -> Vec<(String, Probability, Option<String>)> {
    let mut forms = forms(scale);
    forms.sort_by_key(|form| std::cmp::Reverse(form.origin));
    let term_entry = |index: usize| {
        let term = &scale.terms[index];
        (term.probability(), Some(term.phrases[0].clone()))
    };
    let mut plain: Vec<(String, Probability, Option<String>)> = Vec::new();
    let mut negated = Vec::new();
    for form in &forms {
        match form.reading {
            Reading::Term(index) => {
                for variant in inflections(&form.text) {
                    let last = variant.rsplit(' ').next().unwrap_or_default();
                    let adverb = matches!(last, "probably" | "certainly" | "likely");
                    let mirror = snap(scale, 100.0 - scale.terms[index].percent());
                    if let Some(mirror) =
                        mirror.filter(|_| adverb && scale.terms[index].percent() > 50.0)
                    {
                        let (probability, term) = term_entry(mirror);
                        negated.push((format!("{variant} not"), probability, term));
                    }
                    let (probability, term) = term_entry(index);
                    plain.push((variant, probability, term));
                }
            }
            Reading::Fixed { probability, .. } => {
                let probability =
                    Probability::new(probability).expect("modal readings lie in 0..=1");
                plain.push((form.text.clone(), probability, None));
            }
        }
    }
    // A scale's own phrase comes first and so wins over a generated one of the same spelling.
    let mut out: Vec<(String, Probability, Option<String>)> = Vec::new();
    for entry in plain.into_iter().chain(negated) {
        if !out.iter().any(|(known, _, _)| *known == entry.0) {
            out.push(entry);
        }
    }
    let words = |text: &str| text.split(' ').filter(|w| *w != "…").count();
    out.sort_by(|a, b| words(&b.0).cmp(&words(&a.0)).then(a.0.cmp(&b.0)));
    out
}

/// A phrase and its other spelling, with its last word swapped between adjective and adverb:
/// "almost certain" gives "almost certain" and "almost certainly". Only the last word, where
/// the probability word stands in every such phrase ("most probable outcome" has no adverb).
fn inflections(text: &str) -> Vec<String> {
    let (head, last) = match text.rsplit_once(' ') {
        Some((head, last)) => (format!("{head} "), last),
        None => (String::new(), text),
    };
    let other = match last {
        "certain" => Some("certainly"),
        "certainly" => Some("certain"),
        "probable" => Some("probably"),
        "probably" => Some("probable"),
        "improbable" => Some("improbably"),
        "improbably" => Some("improbable"),
        _ => None,
    };
    std::iter::once(text.to_string())
        .chain(other.map(|other| format!("{head}{other}")))
        .collect()
}
