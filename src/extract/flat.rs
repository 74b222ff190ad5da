//! Flat forecasts: the future tense asserted with no estimative word ("The Democrats will win
//! the House", "the protests won't go anywhere", "genomics is going to matter more"), and
//! conditions that make a forecast hold only if something else happens.
//!
//! A flat `will` forecasts only when the modal rules of `tense.rs` keep it (not a relative
//! clause, an indirect question or a generic `you`) and it is none of these:
//! - the writer's intent: `I will`, `we'll`, `this article will show` — a plan, not a forecast;
//! - a scheduled event: `will be held`, `will take place` — the calendar, not a judgement;
//! - habit: `will often`, `will usually` — what tends to happen, at any time.

use super::tense;
use super::tokens::Token;

/// A flat future form found at tokens `first..last`; `negated` for `won't` / `will not`.
#[derive(Debug, Clone, Copy)]
pub(super) struct FlatHit {
    pub first: usize,
    pub last: usize,
    pub negated: bool,
}

/// Subjects whose `will` announces the writer's own plan.
const INTENT_SUBJECTS: &[&str] = &[
    "i", "we", "article", "post", "paper", "essay", "section", "chapter", "piece", "report",
    "blog", "series", "column", "below", "next",
];
/// Verbs of a text talking about itself: `will show`, `will discuss`.
const DISCOURSE_VERBS: &[&str] = &[
    "show",
    "discuss",
    "explain",
    "describe",
    "examine",
    "explore",
    "outline",
    "review",
    "summarize",
    "summarise",
    "present",
    "cover",
    "address",
    "argue",
    "focus",
    "consider",
    "ignore",
    "return",
    "revisit",
    "update",
    "write",
    "post",
    "list",
    "look",
];
/// Participles of the calendar: `will be held`, `will be published`.
const SCHEDULED: &[&str] = &[
    "held",
    "published",
    "released",
    "hosted",
    "convened",
    "broadcast",
    "televised",
];
const HABIT: &[&str] = &[
    "often",
    "usually",
    "sometimes",
    "always",
    "typically",
    "generally",
    "normally",
    "occasionally",
    "frequently",
    "tend",
];

/// The future forms `will`, `'ll`, `shall`, `won't`, `is going to`, `is set to` in `tokens`
/// that forecast.
pub(super) fn find(tokens: &[Token]) -> Vec<FlatHit> {
    let mut out = Vec::new();
    for (k, token) in tokens.iter().enumerate() {
        if !token.is_word() {
            continue;
        }
        let word = token.lower.as_str();
        let next = tokens.get(k + 1).filter(|t| t.is_word());
        let hit = match word {
            "will" | "shall" => {
                let negated = next.is_some_and(|t| t.is("not") || t.is("never"));
                Some((k + 1 + usize::from(negated), negated))
            }
            "won't" | "shan't" => Some((k + 1, true)),
            _ if word.ends_with("'ll") && word.len() > 3 => Some((k + 1, false)),
            "going" | "set" => {
                let copula = k > 0
                    && tokens[k - 1].is_word()
                    && matches!(
                        tokens[k - 1].lower.as_str(),
                        "is" | "are"
                            | "am"
                            | "'s"
                            | "it's"
                            | "they're"
                            | "we're"
                            | "isn't"
                            | "aren't"
                            | "not"
                    );
                let infinitive = next.is_some_and(|t| t.is("to"));
                let negated =
                    k > 0 && (tokens[k - 1].is("not") || tokens[k - 1].lower.ends_with("n't"));
                (copula && infinitive).then_some((k + 2, negated))
            }
            _ => None,
        };
        let Some((last, negated)) = hit else {
            continue;
        };
        let modal_ok = match word {
            "going" | "set" => true,
            _ => tense::modal_use(tokens, k, k + 1).is_none(),
        };
        if modal_ok && !intent_schedule_or_habit(tokens, k, last) {
            out.push(FlatHit {
                first: k,
                last,
                negated,
            });
        }
    }
    out
}

fn intent_schedule_or_habit(tokens: &[Token], first: usize, last: usize) -> bool {
    let head = tokens[first].lower.as_str();
    let contracted_subject = head.strip_suffix("'ll");
    let subject = contracted_subject.or_else(|| {
        tokens[..first]
            .iter()
            .rev()
            .find(|t| t.is_word() && !t.is("not"))
            .map(|t| t.lower.as_str())
    });
    if subject.is_some_and(|s| INTENT_SUBJECTS.contains(&s)) {
        return true;
    }
    let after: Vec<&str> = tokens[last.min(tokens.len())..]
        .iter()
        .take_while(|t| t.is_word())
        .map(|t| t.lower.as_str())
        .collect();
    match after.as_slice() {
        [adverb, ..] if HABIT.contains(adverb) => true,
        ["take", "place", ..] => true,
        ["be", participle, ..] if SCHEDULED.contains(participle) => true,
        [verb, ..] => DISCOURSE_VERBS.contains(verb) && subject == Some("this"),
        [] => false,
    }
}

/// Whether the forecast at token `at` is asserted only under an explicit condition in its
/// sentence: `if` / `unless` / `in the event of` / `provided` / `assuming` / `in scenarios`
/// anywhere in it (the condition may follow: "Y would happen if X"), but not `even if`, `as
/// if` or `whether`.
pub(super) fn conditional(tokens: &[Token]) -> bool {
    (0..tokens.len()).any(|k| {
        let t = &tokens[k];
        let previous = k.checked_sub(1).map(|j| tokens[j].lower.as_str());
        match t.lower.as_str() {
            "if" | "unless" => !matches!(previous, Some("even" | "as" | "only" | "what")),
            "event" => previous == Some("the") && k >= 2 && tokens[k - 2].is("in"),
            "provided" | "providing" | "assuming" => {
                tokens
                    .get(k + 1)
                    .is_some_and(|n| n.is("that") || n.is_word())
                    && (k == 0 || !tokens[k - 1].is_word())
            }
            "scenarios" | "scenario" => previous == Some("in"),
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn flat(sentence: &str) -> Vec<(String, bool)> {
        let tokens = tokenize(sentence);
        find(&tokens)
            .into_iter()
            .map(|h| (tokens[h.first].lower.clone(), h.negated))
            .collect()
    }

    #[test]
    fn future_assertions_are_flat_forecasts() {
        assert_eq!(
            flat("The harbour tolls will double next spring."),
            [("will".to_string(), false)]
        );
        assert_eq!(
            flat("The strike won't last the winter."),
            [("won't".to_string(), true)]
        );
        assert_eq!(
            flat("The league will not expand."),
            [("will".to_string(), true)]
        );
        assert_eq!(
            flat("Solar is going to overtake coal."),
            [("going".to_string(), false)]
        );
        assert_eq!(
            flat("The merger is set to collapse."),
            [("set".to_string(), false)]
        );
        assert_eq!(
            flat("By autumn she'll be out of office."),
            [("she'll".to_string(), false)]
        );
    }

    #[test]
    fn intent_schedules_and_habits_are_not() {
        for sentence in [
            "This article will show why the model fails.",
            "I will return to this next week.",
            "We'll see.",
            "The summit will be held on Monday.",
            "The ceremony will take place in Rome.",
            "A cat will often sleep all day.",
            "Ask anyone and you will hear a different story.",
            "The town under which the river will run.",
        ] {
            assert!(flat(sentence).is_empty(), "{sentence}");
        }
    }

    #[test]
    fn explicit_conditions_are_found() {
        let c = |s: &str| conditional(&tokenize(s));
        assert!(c("If the dam breaks, the valley would flood."));
        assert!(c("The valley would flood if the dam broke."));
        assert!(c("In the event of war, prices are likely to spike."));
        assert!(c("Unless rates fall, sales will stall."));
        assert!(!c("Sales will stall even if rates fall."));
        assert!(!c("Sales will stall."));
    }
}
