//! The estimative words the scanner looks for, and where they occur in a sentence.

use crate::confidence::Scale;
use crate::model::Probability;

use super::tokens::Token;

/// Every phrase to look for, lower case, with the probability it stands for and, when it
/// reads as a term of `scale`, that term's canonical phrase. The one place the list comes
/// from.
pub(super) fn phrases(scale: &Scale) -> Vec<(String, Probability, Option<String>)> {
    crate::confidence::phrase_inventory(scale)
}

/// What kind of words a phrase is: the rules for reading each differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// A modal verb form (`may`, `would not`, `could be`): a forecast only in some uses.
    Modal,
    /// A verb of belief (`expect`, `believe … will`): its subject forecasts what follows.
    Belief,
    /// A verbal probability in its own right: a scale term or an idiom.
    Expression,
}

/// Words a modal form is made of; a phrase of only these gets the modal rules.
const MODAL_WORDS: &[&str] = &[
    "may", "might", "could", "can", "would", "will", "shall", "not", "won't", "wouldn't", "be",
    "cannot", "can't", "couldn't",
];
const BELIEF_VERBS: &[&str] = &[
    "expect",
    "anticipate",
    "predict",
    "foresee",
    "believe",
    "think",
    "project",
];
/// Verbs of belief that are about the future by their meaning, and so forecast on their own
/// ("they expect Washington to leave", "output is projected to rise"); `believe` and `think`
/// forecast only through the modal they govern ("believe … will"), since "I think the policy
/// is wrong" is an opinion.
const FUTURE_VERBS: &[&str] = &["expect", "anticipate", "predict", "foresee", "project"];

/// The verb of belief `word` is a form of (`expects`, `expected`, `believes`), if any.
pub(super) fn belief_lemma(word: &str) -> Option<&'static str> {
    let stems = [
        Some(word),
        word.strip_suffix('s'),
        word.strip_suffix("ed"),
        word.strip_suffix('d'),
    ];
    BELIEF_VERBS
        .iter()
        .copied()
        .find(|verb| stems.contains(&Some(verb)))
}

/// Whether the verb of belief `word` forecasts without a modal to govern.
pub(super) fn is_future_verb(word: &str) -> bool {
    belief_lemma(word).is_some_and(|lemma| FUTURE_VERBS.contains(&lemma))
}

/// One phrase of the inventory, split into its parts around `…`.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub parts: Vec<Vec<String>>,
    pub probability: Probability,
    /// The scale term the phrase reads as, if it reads as one.
    pub term: Option<String>,
    pub class: Class,
}

pub(super) fn entries(scale: &Scale) -> Vec<Entry> {
    phrases(scale)
        .into_iter()
        .map(|(phrase, probability, term)| {
            let phrase = phrase.to_lowercase().replace('’', "'");
            let parts: Vec<Vec<String>> = phrase
                .split(['…'])
                .map(|part| part.split_whitespace().map(str::to_string).collect())
                .filter(|words: &Vec<String>| !words.is_empty())
                .collect();
            let words: Vec<&String> = parts.iter().flatten().collect();
            let class = if words.iter().all(|w| MODAL_WORDS.contains(&w.as_str())) {
                Class::Modal
            } else if belief_lemma(words[0]).is_some() {
                Class::Belief
            } else {
                Class::Expression
            };
            Entry {
                parts,
                probability,
                term,
                class,
            }
        })
        .filter(|entry| !entry.parts.is_empty())
        .collect()
}

/// A phrase found in a sentence: token range (inclusive start, exclusive end).
#[derive(Debug, Clone)]
pub(super) struct Hit {
    pub entry: usize,
    pub first: usize,
    pub last: usize,
}

/// The most words a `…` may stand for, as `confidence::phrase_inventory` defines it.
const GAP: usize = 12;

/// Every phrase of `entries` in `tokens`, overlaps resolved in favour of the longest, in order.
/// A verb of belief with its `will` ("believe … will") is not looked for here: the verb
/// governs its clause however long it is, so the caller pairs them (and reads the pair's
/// number from the inventory).
pub(super) fn find(tokens: &[Token], entries: &[Entry]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for start in 0..tokens.len() {
        for (index, entry) in entries.iter().enumerate() {
            if entry.class == Class::Belief && entry.parts.len() > 1 {
                continue;
            }
            if let Some(last) = match_at(tokens, start, entry) {
                hits.push(Hit {
                    entry: index,
                    first: start,
                    last,
                });
            }
        }
    }
    // Longest first, then earliest; keep those that overlap nothing kept before.
    hits.sort_by_key(|hit| (std::cmp::Reverse(hit.last - hit.first), hit.first));
    let mut kept: Vec<Hit> = Vec::new();
    for hit in hits {
        if kept
            .iter()
            .all(|k| hit.last <= k.first || hit.first >= k.last)
        {
            kept.push(hit);
        }
    }
    kept.sort_by_key(|hit| hit.first);
    kept
}

/// Where `entry` ends (exclusive token index) if it starts at `start`.
fn match_at(tokens: &[Token], start: usize, entry: &Entry) -> Option<usize> {
    let mut at = start;
    for (n, part) in entry.parts.iter().enumerate() {
        let found = if n == 0 {
            matches_words(tokens, at, part, entry.class == Class::Belief).then_some(at)
        } else {
            (0..=GAP).map(|skip| at + skip).find(|&from| {
                tokens[at..from.min(tokens.len())]
                    .iter()
                    .all(Token::is_word)
                    && matches_words(tokens, from, part, false)
            })
        };
        at = found? + part.len();
    }
    Some(at)
}

/// Whether `words` stand at `at`; `inflected` lets the first word take a third-person `s`
/// (`expects`, `believes`), as verbs of belief do.
fn matches_words(tokens: &[Token], at: usize, words: &[String], inflected: bool) -> bool {
    words.iter().enumerate().all(|(k, word)| {
        tokens.get(at + k).is_some_and(|token| {
            token.is_word()
                && (token.lower == *word
                    || (inflected && k == 0 && token.lower.strip_suffix('s') == Some(word)))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::confidence::{scale, DEFAULT_SCALE};
    use crate::extract::tokens::tokenize;

    fn written(entry: &Entry) -> String {
        let parts: Vec<String> = entry.parts.iter().map(|part| part.join(" ")).collect();
        parts.join(" … ")
    }

    fn found(sentence: &str) -> Vec<String> {
        let entries = entries(scale(DEFAULT_SCALE).unwrap());
        let tokens = tokenize(sentence);
        find(&tokens, &entries)
            .iter()
            .map(|hit| written(&entries[hit.entry]))
            .collect()
    }

    #[test]
    fn the_longest_phrase_wins_and_gaps_are_bridged() {
        assert_eq!(
            found("It would most probably involve"),
            ["would", "most probably"]
        );
        assert_eq!(found("It is not in the cards."), ["not in the cards"]);
        assert_eq!(
            found("All this could all then be expected."),
            ["could … be expected"]
        );
        assert_eq!(found("It is a toss-up."), ["toss up"]);
        assert_eq!(found("It would not justify it."), ["would not"]);
        assert_eq!(
            found("Analysts expects nothing unlikely"),
            ["expect", "unlikely"]
        );
    }

    #[test]
    fn words_match_whole() {
        assert!(found("Unlikelyhood cannot mayhem").is_empty());
    }

    #[test]
    fn every_phrase_gets_a_class() {
        let entries = entries(scale(DEFAULT_SCALE).unwrap());
        let class = |p: &str| entries.iter().find(|e| written(e) == p).unwrap().class;
        assert_eq!(class("would not"), Class::Modal);
        assert_eq!(class("may not"), Class::Modal);
        assert_eq!(class("expected"), Class::Belief);
        assert_eq!(class("believe … will"), Class::Belief);
        assert_eq!(class("very unlikely"), Class::Expression);
        assert_eq!(class("could … be expected"), Class::Expression);
    }
}
