//! Finding the candidate predictions in an analysis text: `fledger extract`.
//!
//! A candidate is a sentence with an estimative expression in it: a number in a probability
//! context ("a 10 percent chance", "one in four"), a term of the confidence scale ("very
//! unlikely"), an idiom ("not in the cards"), a modal that forecasts ("would sanction",
//! "can last for years") or a present-tense verb of belief ("they expect Washington to
//! leave"). The pipeline, each step in its own file:
//! 1. [`sentences`](fn@sentences) splits the text and skips reference lists and page
//!    furniture (`sentences.rs`);
//! 2. each sentence is tokenised (`tokens.rs`) and scanned for explicit numbers
//!    (`numbers.rs`) and for the phrases of the inventory (`inventory.rs`), longest first;
//! 3. uses that do not look forward are dropped (`tense.rs`): questions, past facts
//!    ("traders who expected a spike were wrong", "was likely"), counterfactuals ("would
//!    have risen"), modals of principle, description or the present ("can be considered",
//!    "could even be argued", "may now offer"), indirect questions, relative clauses,
//!    generic `you`, estimates of the present ("Moscow probably views");
//! 4. one sentence may hold several forecasts (the seed ledger logs three from one
//!    Inozemtsev sentence, by two speakers), so every surviving expression is listed, except:
//!    - an explicit number wins over every phrase in its sentence;
//!    - a scale term or idiom takes over the modals and verbs of belief of its clause
//!      ("would most probably involve" is "most probably"; "the high probability that
//!      Russia may lose" is "high probability"); clauses end at punctuation and at `and`,
//!      `but`, `or`, `because`, `since`, `while`, `although`;
//!    - a verb of belief pairs with the `will` it governs however far apart they stand,
//!      when the inventory reads the pair ("believe that the Kremlin may engage …, or that
//!      it will increase" gives "may" and "believe … will"); a lone verb of belief yields to
//!      the modals it governs, and alone only the future-minded `expect`, `anticipate`,
//!      `predict`, `foresee` forecast ("they expect Washington to leave"), not `believe`;
//!    - the same phrase by the same speaker twice in a sentence is one candidate ("would
//!      continue to loom and Moscow would continue to enjoy");
//! 5. the speaker is found (`speaker.rs`), and the phrase read as a probability: through
//!    `confidence::parse_confidence` on the phrase with up to three words before it (so that
//!    the confidence module's reading of hedges and negation applies), else the inventory's
//!    number for the phrase, turned round (1 − p) when `not`/`never` stands just before it.

mod flat;
mod inventory;
mod numbers;
mod speaker;
mod tense;
mod tokens;

#[cfg(test)]
mod tests;

use crate::confidence::{flat_assertion, parse_confidence, Scale};
use crate::text::fold_whitespace;
use crate::text::sentences::{self, CharIndex};

use inventory::{Class, Entry};
use speaker::Who;
use tokens::Token;

/// A sentence that may hold a prediction, with the words that make it one.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Candidate {
    /// The sentence as in the text, with runs of white space (line breaks of hard-wrapped
    /// text included) folded to single spaces.
    pub sentence: String,
    /// Character (not byte) offset of the sentence's first character in the text.
    pub offset: usize,
    /// The estimative words or number as written. A verb of belief and the `will` it
    /// governs, which stand apart, are joined with " … " ("believe … will").
    pub phrase: String,
    /// Character offset of the phrase's first word in the text.
    pub phrase_offset: usize,
    pub probability: f64,
    /// The scale's name when the phrase was mapped through one; `None` for numbers and for
    /// idioms and modal forms outside the scale.
    pub scale: Option<String>,
    /// Who the text says makes the forecast ("U.S. lawmakers", "Maria Zakharova"); `None`
    /// for the text's author.
    pub speaker: Option<String>,
    /// Whether the confidence is implied, not stated: a flat assertion ("will win") read as
    /// the scale's "flat assertion" entry, or fledger's default 0.9 when it has none.
    pub implied: bool,
    /// Whether the sentence asserts it only under an explicit condition ("if …", "unless …",
    /// "in the event of …"): a conditional forecast, which resolves only if the condition
    /// holds.
    pub conditional: bool,
}

/// The candidate predictions in `text`, in document order, phrases read with `scale`.
pub fn extract(text: &str, scale: &Scale) -> Vec<Candidate> {
    let entries = inventory::entries(scale);
    let chars = CharIndex::new(text);
    let spans = sentences::split(text);
    let tokenised: Vec<Vec<Token>> = spans
        .iter()
        .map(|span| tokens::tokenize(&text[span.start..span.end]))
        .collect();
    let quotes = quotations(text, &spans, &tokenised);

    let mut out = Vec::new();
    let mut paragraph_speaker: Option<(usize, String)> = None;
    for (index, span) in spans.iter().enumerate() {
        let sentence = &text[span.start..span.end];
        let tokens = &tokenised[index];
        if paragraph_speaker
            .as_ref()
            .is_some_and(|(paragraph, _)| *paragraph != span.paragraph)
        {
            paragraph_speaker = None;
        }
        let mut found: Vec<Candidate> = Vec::new();
        for cue in cues(sentence, tokens, &entries) {
            let quoted = quotes
                .iter()
                .find(|q| q.contains(index, cue.anchor))
                .and_then(|q| q.speaker.clone());
            let who = quoted.or_else(|| attribute(sentence, tokens, &cue));
            let speaker = match who {
                Some(Who::Named(name)) => Some(name),
                Some(Who::Pronoun(pronoun)) => resolve(sentence, tokens, &pronoun)
                    .or_else(|| paragraph_speaker.as_ref().map(|(_, name)| name.clone()))
                    .or_else(|| personal(&pronoun).then_some(pronoun)),
                Some(Who::Author) | None => None,
            };
            if let Some(name) = &speaker {
                paragraph_speaker = Some((span.paragraph, name.clone()));
            }
            let (probability, scale_name) = read(sentence, tokens, &cue, &entries, scale);
            let implied = matches!(cue.kind, CueKind::Flat(_));
            let candidate = Candidate {
                sentence: fold_whitespace(sentence),
                offset: chars.of(span.start),
                phrase: fold_whitespace(&cue.phrase),
                phrase_offset: chars.of(span.start + tokens[cue.anchor].start),
                probability,
                scale: scale_name,
                speaker,
                implied,
                conditional: flat::conditional(tokens),
            };
            let repeated = found.iter().any(|c| {
                c.phrase.to_lowercase() == candidate.phrase.to_lowercase()
                    && c.speaker == candidate.speaker
                    && c.probability == candidate.probability
            });
            if !repeated {
                found.push(candidate);
            }
        }
        found.sort_by_key(|c| c.phrase_offset);
        out.extend(found);
    }
    out
}

/// Only these pronouns name a person worth keeping when nothing resolves them.
fn personal(pronoun: &str) -> bool {
    matches!(pronoun, "he" | "she" | "they")
}

/// An estimative expression found in a sentence, before the speaker and number are read.
#[derive(Debug, Clone)]
struct Cue {
    /// Token of the expression itself (for a pair, of the words after `…`): the clause it
    /// stands in is this token's.
    first: usize,
    /// Token of the phrase's first word: the verb of belief for "believe … will".
    anchor: usize,
    phrase: String,
    kind: CueKind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CueKind {
    Number(f64),
    /// An inventory entry, by index.
    Phrase(usize, Class),
    /// A two-part inventory entry ("believe … will"), by index: the verb of belief at token
    /// `anchor`, the words it governs at `first..last`.
    BeliefWill(usize),
    /// A flat future form (`will`, `is going to`); `true` when negated (`won't`).
    Flat(bool),
}

impl Cue {
    /// Whether the cue states a probability in its own right (a number, a scale term, an
    /// idiom), and so takes over the modals and verbs of belief of its clause.
    fn is_estimate(&self) -> bool {
        matches!(
            self.kind,
            CueKind::Number(_) | CueKind::Phrase(_, Class::Expression)
        )
    }
}

/// The estimative expressions of one sentence that survive the rules, in order.
fn cues(sentence: &str, tokens: &[Token], entries: &[Entry]) -> Vec<Cue> {
    let is_question = tokens
        .iter()
        .rev()
        .find(|t| !matches!(t.text, "\"" | "”" | "’" | "'" | ")" | "]"))
        .is_some_and(|t| t.text == "?");
    if is_question {
        return Vec::new();
    }
    let written = |first: usize, last: usize| {
        sentence[tokens[first].start..tokens[last - 1].end()].to_string()
    };

    let numbers = numbers::find(tokens);
    if !numbers.is_empty() {
        // An explicit number wins over every phrase in its sentence.
        return numbers
            .into_iter()
            .map(|hit| Cue {
                first: hit.first,
                anchor: hit.first,
                phrase: written(hit.first, hit.last),
                kind: CueKind::Number(hit.probability),
            })
            .collect();
    }

    let mut found: Vec<Cue> = inventory::find(tokens, entries)
        .into_iter()
        .filter(|hit| match entries[hit.entry].class {
            Class::Modal => tense::modal_use(tokens, hit.first, hit.last).is_none(),
            Class::Expression => tense::expression_forecasts(tokens, hit.first, hit.last),
            Class::Belief => tense::belief_forecasts(tokens, hit.first),
        })
        .map(|hit| Cue {
            first: hit.first,
            anchor: hit.first,
            phrase: written(hit.first, hit.last),
            kind: CueKind::Phrase(hit.entry, entries[hit.entry].class),
        })
        .collect();

    // A verb of belief and the `will` it governs, however far apart ("believe that the
    // Kremlin may engage …, or that it will increase"), read as the inventory reads the pair.
    let pairs = belief_pairs(sentence, tokens, entries);
    found.retain(|c| pairs.iter().all(|p| p.first != c.first));
    found.extend(pairs);

    // A scale term or idiom takes over the modals and verbs of belief of its clause.
    let clause = clauses(tokens);
    let estimates: Vec<usize> = found
        .iter()
        .filter(|c| c.is_estimate())
        .map(|c| clause[c.first])
        .collect();
    found.retain(|c| c.is_estimate() || !estimates.contains(&clause[c.first]));

    // A lone verb of belief yields to what it governs ("believe that the Kremlin may");
    // alone, only the future-minded ones forecast ("they expect Washington to leave").
    let (beliefs, mut out): (Vec<Cue>, Vec<Cue>) = found
        .into_iter()
        .partition(|c| matches!(c.kind, CueKind::Phrase(_, Class::Belief)));
    for belief in beliefs {
        let governs_any = out.iter().any(|other| {
            other.anchor == belief.first
                || (matches!(other.kind, CueKind::Phrase(_, Class::Modal))
                    && governs(tokens, belief.first, other.first))
        });
        if !governs_any && inventory::is_future_verb(&tokens[belief.first].lower) {
            out.push(belief);
        }
    }
    // A flat future form forecasts only where no estimative word in its clause says how
    // strongly ("will probably", "may well be going to").
    let taken: Vec<usize> = out.iter().map(|c| clause[c.first]).collect();
    for hit in flat::find(tokens) {
        if !taken.contains(&clause[hit.first]) {
            out.push(Cue {
                first: hit.first,
                anchor: hit.first,
                phrase: written(hit.first, hit.last),
                kind: CueKind::Flat(hit.negated),
            });
        }
    }
    out.sort_by_key(|c| (c.anchor, c.first));
    out
}

/// The inventory's two-part phrases of belief ("believe … will") in the sentence: the verb,
/// in any form, and the words after `…` anywhere it governs.
fn belief_pairs(sentence: &str, tokens: &[Token], entries: &[Entry]) -> Vec<Cue> {
    let mut out: Vec<Cue> = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let [verb, tail] = entry.parts.as_slice() else {
            continue;
        };
        if entry.class != Class::Belief || verb.len() != 1 {
            continue;
        }
        let lemma = inventory::belief_lemma(&verb[0]);
        for k in 0..tokens.len() {
            let is_verb = tokens[k].is_word() && inventory::belief_lemma(&tokens[k].lower) == lemma;
            if !is_verb || !tense::belief_forecasts(tokens, k) {
                continue;
            }
            for m in k + 1..tokens.len() {
                let end = m + tail.len();
                let matches = end <= tokens.len()
                    && tokens[m..end]
                        .iter()
                        .zip(tail)
                        .all(|(t, w)| t.is_word() && t.lower == *w);
                let known = out.iter().any(|c| c.anchor == k && c.first == m);
                if matches && !known && governs(tokens, k, m) {
                    out.push(Cue {
                        first: m,
                        anchor: k,
                        phrase: format!(
                            "{} … {}",
                            tokens[k].text,
                            &sentence[tokens[m].start..tokens[end - 1].end()]
                        ),
                        kind: CueKind::BeliefWill(index),
                    });
                }
            }
        }
    }
    out
}

/// Whether the verb of belief at token `verb` governs the word at token `at`: it comes
/// after, and no parenthesis the verb is outside of closes or opens between them.
fn governs(tokens: &[Token], verb: usize, at: usize) -> bool {
    at > verb
        && tokens[verb + 1..at]
            .iter()
            .all(|t| t.depth >= tokens[verb].depth)
        && tokens[at].depth == tokens[verb].depth
}

/// A clause number for every token: punctuation inside a sentence and the conjunctions that
/// join clauses start a new one.
fn clauses(tokens: &[Token]) -> Vec<usize> {
    let mut number = 0;
    tokens
        .iter()
        .map(|t| {
            let boundary = if t.is_word() {
                matches!(
                    t.lower.as_str(),
                    "and"
                        | "but"
                        | "or"
                        | "because"
                        | "since"
                        | "while"
                        | "whereas"
                        | "although"
                        | "though"
                )
            } else {
                matches!(t.text, "," | ";" | ":" | "(" | ")" | "–" | "—")
            };
            if boundary {
                number += 1;
            }
            number
        })
        .collect()
}

/// Who makes the forecast in `cue`, from the sentence alone.
fn attribute(sentence: &str, tokens: &[Token], cue: &Cue) -> Option<Who> {
    // A passive (`is expected to`) names no one who expects: the sentence's attribution does.
    let passive = tokens[cue.anchor].lower.ends_with('d');
    let belief = matches!(
        cue.kind,
        CueKind::Phrase(_, Class::Belief) | CueKind::BeliefWill(_)
    );
    if belief && !passive {
        return speaker::subject_before(sentence, tokens, cue.anchor, 0)
            .or_else(|| speaker::main_subject(sentence, tokens));
    }
    speaker::in_sentence(sentence, tokens, cue.anchor)
}

/// A pronoun's antecedent in its own sentence: the main clause's subject, when that is a
/// name and not the pronoun again.
fn resolve(sentence: &str, tokens: &[Token], pronoun: &str) -> Option<String> {
    if !personal(pronoun) {
        return None;
    }
    match speaker::main_subject(sentence, tokens) {
        Some(Who::Named(name)) => Some(name),
        _ => None,
    }
}

/// The probability of `cue` and the scale that gave it.
fn read(
    sentence: &str,
    tokens: &[Token],
    cue: &Cue,
    entries: &[Entry],
    scale: &Scale,
) -> (f64, Option<String>) {
    let index = match cue.kind {
        CueKind::Number(probability) => return (probability, None),
        CueKind::Flat(negated) => {
            let (reading, scale_name) = flat_assertion(scale);
            let value = reading.value();
            let flipped = ((1.0 - value) * 1e12).round() / 1e12;
            return (if negated { flipped } else { value }, scale_name);
        }
        CueKind::Phrase(index, _) | CueKind::BeliefWill(index) => index,
    };
    // Up to three words before the phrase, within its clause: the confidence module reads
    // hedges and negation from them.
    let mut from = cue.anchor;
    while from > 0 && cue.anchor - from < 3 && tokens[from - 1].is_word() {
        from -= 1;
    }
    let before = &sentence[tokens[from].start..tokens[cue.anchor].start];
    if let Ok(confidence) = parse_confidence(&format!("{before}{}", cue.phrase), scale) {
        return (confidence.probability.value(), confidence.scale);
    }
    let entry = &entries[index];
    let negated = tokens[from..cue.anchor]
        .iter()
        .rev()
        .take(2)
        .any(|t| t.is("not") || t.is("never") || t.lower.ends_with("n't"));
    let value = entry.probability.value();
    let scale_name = entry.term.as_ref().map(|_| scale.name.clone());
    (if negated { 1.0 - value } else { value }, scale_name)
}

/// A quotation: where it opens and closes (sentence index, token index) and its speaker.
#[derive(Debug)]
struct Quotation {
    open: (usize, usize),
    close: (usize, usize),
    speaker: Option<Who>,
}

impl Quotation {
    fn contains(&self, sentence: usize, token: usize) -> bool {
        self.open < (sentence, token) && (sentence, token) < self.close
    }
}

/// The quotations of the text, each within one paragraph, with the speaker a reporting verb
/// before the opening mark or after the closing one gives them.
fn quotations(text: &str, spans: &[sentences::Span], tokenised: &[Vec<Token>]) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut last_in_paragraph = (0, 0);
    for (s, tokens) in tokenised.iter().enumerate() {
        let span = spans[s];
        if s > 0 && spans[s - 1].paragraph != span.paragraph {
            if let Some(start) = open.take() {
                out.push((start, last_in_paragraph));
            }
        }
        let sentence = &text[span.start..span.end];
        for (k, token) in tokens.iter().enumerate() {
            let opening = match token.text {
                "“" => true,
                "”" => false,
                "\"" => match sentence[..token.start].chars().next_back() {
                    None => true,
                    Some(c) => c.is_whitespace() || "([{—–".contains(c),
                },
                _ => continue,
            };
            match (opening, open) {
                (true, None) => open = Some((s, k)),
                (false, Some(start)) => {
                    out.push((start, (s, k)));
                    open = None;
                }
                _ => {}
            }
        }
        last_in_paragraph = (s, tokens.len());
    }
    if let Some(start) = open {
        out.push((start, last_in_paragraph));
    }
    out.into_iter()
        .map(|(open, close)| {
            let at = |s: usize| &text[spans[s].start..spans[s].end];
            let before = speaker::in_sentence(at(open.0), &tokenised[open.0], open.1);
            let after = || {
                (close.1 < tokenised[close.0].len())
                    .then(|| speaker::trailing(at(close.0), &tokenised[close.0], close.1))
                    .flatten()
            };
            Quotation {
                open,
                close,
                speaker: before.or_else(after),
            }
        })
        .collect()
}
