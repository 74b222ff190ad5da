//! Explicit probabilities in prose: "a 10 percent chance", "one in four", "odds of 3:1".
//!
//! Analysis texts are full of numbers that are not probabilities (poll shares, approval
//! ratings, troop counts, dates), so a number counts only in a probability context: a
//! probability noun right after it ("a 70 percent chance", "3:1 odds"), or before it in the
//! same clause, joined by a linking word ("the odds of a ceasefire by June at one in four",
//! "the probability is 0.7", "I put it at 30 percent"). Bare integers never count; decimals
//! between 0 and 1 only after such a context.

use crate::confidence::parse_probability;

use super::tokens::Token;

/// A number read as a probability: tokens `first..last` and the value.
#[derive(Debug, Clone)]
pub(super) struct NumberHit {
    pub first: usize,
    pub last: usize,
    pub probability: f64,
}

/// Nouns that make a nearby number a probability.
const PROBABILITY_NOUNS: &[&str] = &[
    "chance",
    "chances",
    "odds",
    "probability",
    "likelihood",
    "risk",
    "possibility",
];
/// Verbs of estimating that make a later number in their clause a probability.
const ESTIMATE_VERBS: &[&str] = &[
    "put",
    "puts",
    "putting",
    "estimate",
    "estimates",
    "assess",
    "assesses",
    "assign",
    "assigns",
    "give",
    "gives",
    "place",
    "places",
    "reckon",
    "reckons",
    "say",
    "says",
];
/// Words that may stand between the context and the number.
const LINKS: &[&str] = &[
    "at", "of", "is", "are", "be", "as", "about", "around", "roughly", "nearly", "almost",
    "perhaps", "maybe", "only", "just", "some", "no", "more", "less", "than", "a", "an", "stand",
    "stands", "high", "low", "to", "better",
];

/// A number written as a word: the confidence module's "one" to "ninety", plus the round
/// counts a text gives odds in ("one in a hundred").
fn number_word(word: &str) -> Option<u32> {
    match word {
        "hundred" => Some(100),
        "thousand" => Some(1000),
        "million" => Some(1_000_000),
        // Whole numbers below a hundred: the conversion is exact.
        _ => crate::confidence::number_word(word).map(|n| n as u32),
    }
}

/// A count written in digits or words, as text `parse_probability` reads.
fn count(word: &str) -> Option<String> {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return Some(word.replace(',', ""));
    }
    number_word(word).map(|n| n.to_string())
}

fn is_decimal(word: &str) -> bool {
    let (whole, fraction) = word.split_once('.').unwrap_or((word, ""));
    !word.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !(whole.is_empty() && fraction.is_empty())
}

/// The shapes a probability number takes, from token `at`: tokens used and the text for
/// `parse_probability`. Even `one in four` needs a context: "one in four Ukrainians" is a
/// share.
fn shape(tokens: &[Token], at: usize) -> Option<(usize, String)> {
    let word = |k: usize| {
        tokens
            .get(at + k)
            .filter(|t| t.is_word())
            .map(|t| t.lower.as_str())
    };
    let punct = |k: usize, p: &str| tokens.get(at + k).is_some_and(|t| t.lower == p);
    let first = word(0)?;

    // `70 percent`, `70%`, `70 per cent`, `70-percent`.
    if let Some(number) = first
        .strip_suffix("-percent")
        .or_else(|| first.strip_suffix("-per-cent"))
    {
        return is_decimal(number).then(|| (1, format!("{number}%")));
    }
    if is_decimal(first) {
        if punct(1, "%") || word(1) == Some("percent") {
            return Some((2, format!("{first}%")));
        }
        if word(1) == Some("per") && word(2) == Some("cent") {
            return Some((3, format!("{first}%")));
        }
    }
    // `one in four`, `1 in 4`, `one in a hundred`, `one-in-four`.
    let hyphenated: Vec<&str> = first.split('-').collect();
    if let [a, "in", b] = hyphenated.as_slice() {
        if let (Some(a), Some(b)) = (count(a), count(b)) {
            return Some((1, format!("{a} in {b}")));
        }
    }
    if let (Some(a), Some("in")) = (count(first), word(1)) {
        let (skip, b) = match (word(2), word(3)) {
            (Some("a"), Some(b)) => (4, b),
            (Some(b), _) => (3, b),
            _ => return None,
        };
        if let Some(b) = count(b) {
            return Some((skip, format!("{a} in {b}")));
        }
    }
    // Odds: `3:1`, `3-to-1`, `3 to 1`, with `against` turning them round.
    let (used, favour, against) = if let Some((a, b)) = first.split_once(':') {
        (1, count(a)?, count(b)?)
    } else if let [a, "to", b] = hyphenated.as_slice() {
        (1, count(a)?, count(b)?)
    } else if let (Some(a), Some("to"), Some(b)) = (count(first), word(1), word(2).and_then(count))
    {
        (3, a, b)
    } else {
        return (is_decimal(first) && first.contains('.')).then(|| (1, first.to_string()));
    };
    if word(used) == Some("against") {
        Some((used + 1, format!("{against}:{favour}")))
    } else {
        Some((used, format!("{favour}:{against}")))
    }
}

/// Words that end a clause for the purpose of finding a number's context.
fn breaks_clause(token: &Token) -> bool {
    !token.is_word() && !matches!(token.text, "-" | "%" | "\"" | "“" | "”")
}

/// Every explicit probability in the sentence's tokens.
pub(super) fn find(tokens: &[Token]) -> Vec<NumberHit> {
    let mut hits = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let Some((used, text)) = shape(tokens, at) else {
            at += 1;
            continue;
        };
        let after = tokens.get(at + used).filter(|t| t.is_word());
        let noun_after = after.is_some_and(|t| PROBABILITY_NOUNS.contains(&t.lower.as_str()));
        // `60 percent of voters` is a share whatever stands before it.
        let share = after.is_some_and(|t| t.is("of"));
        if (noun_after || (!share && context_before(tokens, at))) && !past_clause(tokens, at) {
            if let Ok(probability) = parse_probability(&text) {
                hits.push(NumberHit {
                    first: at,
                    last: at + used,
                    probability: probability.value(),
                });
            }
        }
        at += used;
    }
    hits.sort_by_key(|h| h.first);
    hits
}

/// A probability noun or estimating verb earlier in the clause, with only linking words and
/// the noun's own complement (`the odds of a ceasefire by June at`) between it and the number.
fn context_before(tokens: &[Token], at: usize) -> bool {
    let mut k = at;
    let mut words = 0;
    while k > 0 && words < 14 {
        k -= 1;
        let token = &tokens[k];
        if breaks_clause(token) {
            return false;
        }
        if !token.is_word() {
            continue;
        }
        words += 1;
        let word = token.lower.as_str();
        if PROBABILITY_NOUNS.contains(&word) || ESTIMATE_VERBS.contains(&word) {
            // Right before the number only a linking word may stand: `chance of 1 in 4`,
            // `put it at 30 percent`, not `a chance to win 40 percent of the vote`.
            return tokens[at - 1].is_word() && LINKS.contains(&tokens[at - 1].lower.as_str())
                || k + 1 == at;
        }
    }
    false
}

/// A number reported as past: `had priced a 60 percent chance`, `the odds were 3:1`.
fn past_clause(tokens: &[Token], at: usize) -> bool {
    tokens[..at]
        .iter()
        .rev()
        .take_while(|t| !breaks_clause(t))
        .any(|t| {
            matches!(
                t.lower.as_str(),
                "was" | "were" | "had" | "priced" | "gave" | "estimated" | "assessed"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn read(sentence: &str) -> Vec<(String, f64)> {
        let tokens = tokenize(sentence);
        find(&tokens)
            .iter()
            .map(|h| {
                let text = &sentence[tokens[h.first].start..tokens[h.last - 1].end()];
                (text.to_string(), h.probability)
            })
            .collect()
    }

    #[test]
    fn probability_shapes_in_a_probability_context() {
        assert_eq!(
            read("There is a 10 percent chance of a default."),
            [("10 percent".into(), 0.1)]
        );
        assert_eq!(
            read("I put the odds of a ceasefire by June at one in four."),
            [("one in four".into(), 0.25)]
        );
        assert_eq!(
            read("Bookmakers offer odds of 3:1 on a deal."),
            [("3:1".into(), 0.75)]
        );
        assert_eq!(
            read("The odds are 3 to 1 against a deal."),
            [("3 to 1 against".into(), 0.25)]
        );
        assert_eq!(
            read("A one-in-four chance; the probability is 0.7; a 70% risk."),
            [
                ("one-in-four".into(), 0.25),
                ("0.7".into(), 0.7),
                ("70%".into(), 0.7)
            ]
        );
        assert_eq!(
            read("The chance of a freeze is higher: I would say 60 percent."),
            [("60 percent".into(), 0.6)]
        );
    }

    #[test]
    fn numbers_without_probability_context_are_not_forecasts() {
        for sentence in [
            "Support increased from 12.5 percent in 2008 to almost 60 percent today.",
            "Approval figures rose from around 60 percent to 85 percent.",
            "The CSTO sent 2,600 troops on January 7, 2022.",
            "It has a chance to win 40 percent of the vote.",
            "Inflation of 8 percent is likely.",
            "Pollsters say 60 percent of voters back him.",
            "Inflation came in at 3.1 percent, and the Fed held rates at 5.25 percent.",
        ] {
            assert!(read(sentence).is_empty(), "{sentence}");
        }
    }

    #[test]
    fn past_probabilities_are_facts_not_forecasts() {
        assert!(read("Markets had priced a 60 percent chance of a hike.").is_empty());
        assert!(read("In January the odds were 3:1 on a deal.").is_empty());
    }
}
