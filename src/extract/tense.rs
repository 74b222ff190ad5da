//! Which uses of an estimative word look forward.
//!
//! Modals are the flood: analysis prose is full of `can`, `could`, `may`, `would` that state
//! what is possible in principle, how something may be described, or what was the case. The
//! rule is that a modal forecasts only when it governs an event verb in the future, so these
//! uses are dropped (each rule names what it catches in the seed texts):
//! - negated ability: `cannot`, `can by no means`, `could not` — impossibility in principle;
//! - past: `would have` / `may have` + participle — counterfactuals about the past;
//! - construal: the modal governs a verb of saying, judging or classifying, active or
//!   passive (`one may summarize`, `could even be argued`, `can be seized as`, `would see this
//!   as`) — it says how a fact may be put, not that anything will happen;
//! - present: `may now offer`, `could already` — a possibility about the present;
//! - necessity and wishes: `would have to wait`, `would like to join`;
//! - relative clauses: `positions that would give them`, `under which they will live`, `…,
//!   which would help` — the clause describes its noun, it is not the sentence's claim;
//! - indirect questions: `how far he might go`, `what will happen` — a question, not an answer;
//! - nouns: `Beijing's will`, `its might`, `in May`;
//! - generic subjects: `you will get ten answers`, `one can` — about anyone at any time.
//!
//! Scale terms and idioms are estimates in their own right, but an estimate about the past
//! or the present is not a forecast: `was likely` is dropped, and so is an adverb with no
//! modal beside it, whose verb is then past or present (`Moscow probably views`, `likely
//! caused`, `leaders probably still see`), while `would most probably involve`, `almost
//! certainly will`, `is likely to` and `remains very unlikely` stay. Degree and comparison
//! (`how likely`, `less likely`) state no probability.
//!
//! Verbs of belief forecast in the present tense (`expect`, `believes`) and in the reported
//! passive (`was expected to`, `were projected to`): `as many expected` is a past fact and
//! `what to expect` a title.

use super::tokens::Token;

/// Words the rules step over between a modal and its verb: `could all then be expected`,
/// `would most probably`, `can by no means`.
fn is_adverb(token: &Token) -> bool {
    const ADVERBS: &[&str] = &[
        "all",
        "then",
        "also",
        "even",
        "still",
        "just",
        "only",
        "both",
        "soon",
        "eventually",
        "well",
        "easily",
        "safely",
        "ever",
        "yet",
        "again",
        "probably",
        "likely",
        "certainly",
        "possibly",
        "perhaps",
        "most",
        "very",
    ];
    const NOT_ADVERBS: &[&str] = &[
        "only", "family", "ally", "rally", "supply", "reply", "italy",
    ];
    let word = token.lower.as_str();
    token.is_word()
        && (ADVERBS.contains(&word)
            || (word.len() > 4 && word.ends_with("ly") && !NOT_ADVERBS.contains(&word)))
}

fn is_quote(token: &Token) -> bool {
    matches!(token.text, "\"" | "“" | "”" | "‘" | "’" | "'")
}

/// The word tokens after index `from`, across quotation marks (`would "lead to`) but not
/// across other punctuation.
fn words_from<'a, 't>(tokens: &'a [Token<'t>], from: usize) -> Vec<&'a Token<'t>> {
    tokens[from.min(tokens.len())..]
        .iter()
        .filter(|t| !is_quote(t))
        .take_while(|t| t.is_word())
        .collect()
}

/// The word tokens before index `to`, nearest first, up to the previous punctuation.
fn words_before<'a, 't>(tokens: &'a [Token<'t>], to: usize) -> Vec<&'a Token<'t>> {
    tokens[..to]
        .iter()
        .rev()
        .filter(|t| !is_quote(t))
        .take_while(|t| t.is_word())
        .collect()
}

const IRREGULAR_PARTICIPLES: &[&str] = &[
    "been",
    "done",
    "gone",
    "made",
    "seen",
    "said",
    "taken",
    "given",
    "known",
    "shown",
    "thought",
    "told",
    "found",
    "brought",
    "bought",
    "built",
    "caught",
    "felt",
    "held",
    "kept",
    "left",
    "lost",
    "meant",
    "met",
    "paid",
    "put",
    "sent",
    "set",
    "spent",
    "understood",
    "won",
    "written",
    "become",
    "begun",
    "come",
    "fallen",
    "grown",
    "risen",
    "spoken",
    "chosen",
    "driven",
    "broken",
    "forgotten",
    "hidden",
    "struck",
    "sold",
    "led",
    "read",
    "heard",
    "fought",
    "sought",
    "taught",
    "had",
    "got",
    "gotten",
];

fn is_participle(word: &str) -> bool {
    (word.len() >= 4 && word.ends_with("ed")) || IRREGULAR_PARTICIPLES.contains(&word)
}

/// Verbs of saying, judging and classifying: a modal on them is about how a thing is put.
const CONSTRUAL: &[&str] = &[
    "say",
    "argue",
    "note",
    "summarize",
    "summarise",
    "conclude",
    "consider",
    "regard",
    "call",
    "describe",
    "overlook",
    "imagine",
    "think",
    "wonder",
    "ask",
    "agree",
    "admit",
    "claim",
    "suggest",
    "mention",
    "add",
    "recall",
    "assume",
    "question",
    "doubt",
    "recognize",
    "recognise",
    "speculate",
    "object",
    "deny",
    "define",
    "characterize",
    "characterise",
    "interpret",
    "label",
    "term",
];
const CONSTRUAL_PARTICIPLES: &[&str] = &[
    "said",
    "argued",
    "noted",
    "summarized",
    "summarised",
    "concluded",
    "considered",
    "regarded",
    "called",
    "described",
    "overlooked",
    "imagined",
    "thought",
    "claimed",
    "suggested",
    "mentioned",
    "added",
    "assumed",
    "questioned",
    "doubted",
    "recognized",
    "recognised",
    "deemed",
    "viewed",
    "seen",
    "interpreted",
    "read",
    "understood",
    "characterized",
    "characterised",
    "labelled",
    "labeled",
    "termed",
    "portrayed",
    "asserted",
    "observed",
    "stated",
    "explained",
    "attributed",
    "counted",
    "defined",
];
/// Verbs that take `as` to classify: `see this as a breach`, `view it as`.
const CLASSIFY_WITH_AS: &[&str] = &["see", "view", "regard", "treat", "take", "use"];

const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "whose",
    "free",
    "political",
    "military",
    "popular",
    "good",
    "ill",
];

/// Why a modal use is not a forecast: the rules of the module's comment, by name, so that
/// tests can count what each one removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum NotForecast {
    Noun,
    NegatedAbility,
    Present,
    Past,
    NecessityOrWish,
    Construal,
    RelativeClause,
    IndirectQuestion,
    Generic,
}

/// Why the modal at tokens `first..last` (the matched phrase) does not forecast, or `None`
/// when it does.
pub(super) fn modal_use(tokens: &[Token], first: usize, last: usize) -> Option<NotForecast> {
    let head = &tokens[first];
    let after = words_from(tokens, last);
    let before = words_before(tokens, first);
    let next = after.first().map(|t| t.lower.as_str());

    // Nouns: `Beijing's will`, `its might`, `in May`, and a modal with no verb after it.
    let after_determiner = before
        .first()
        .is_some_and(|t| t.lower.ends_with("'s") || DETERMINERS.contains(&t.lower.as_str()));
    let month = head.lower == "may"
        && (head.capitalised() && first > 0
            || before.first().is_some_and(|t| {
                matches!(
                    t.lower.as_str(),
                    "in" | "since"
                        | "until"
                        | "by"
                        | "early"
                        | "late"
                        | "mid"
                        | "last"
                        | "next"
                        | "of"
                )
            }));
    if after_determiner || month || after.is_empty() {
        return Some(NotForecast::Noun);
    }

    // Generic: `you will get ten answers`, `one can see` — about anyone, any time.
    if before.first().is_some_and(|t| t.is("you") || t.is("one")) {
        return Some(NotForecast::Generic);
    }

    // Negated ability or possibility.
    let weak = matches!(head.lower.as_str(), "can" | "could" | "may" | "might");
    let negated = matches!(next, Some("not" | "never" | "hardly" | "scarcely"))
        || (next == Some("by") && after.get(1).is_some_and(|t| t.is("no")));
    let negative_form = matches!(head.lower.as_str(), "cannot" | "can't" | "couldn't");
    if (weak && negated) || negative_form {
        return Some(NotForecast::NegatedAbility);
    }

    // Present possibility.
    if weak
        && matches!(
            next,
            Some("now" | "currently" | "already" | "still" | "today")
        )
    {
        return Some(NotForecast::Present);
    }

    // What the modal governs, adverbs left out: `could even be argued` -> `be argued`.
    let verbs: Vec<&str> = after
        .iter()
        .filter(|t| !is_adverb(t))
        .map(|t| t.lower.as_str())
        .collect();

    // Past: `would have` + participle.
    if let ["have", participle, ..] = verbs.as_slice() {
        if is_participle(participle) {
            return Some(NotForecast::Past);
        }
    }

    // Necessity and wishes.
    if matches!(
        verbs.as_slice(),
        ["have" | "has" | "need", "to", ..]
            | [
                "like" | "rather" | "prefer" | "love" | "want" | "wish" | "care",
                ..
            ]
    ) {
        return Some(NotForecast::NecessityOrWish);
    }

    // Construal, passive (`could even be argued`, `can be seized as`) or active (`one may
    // summarize`, `would see this as`).
    let passive = if tokens[last - 1].is("be") {
        verbs.as_slice()
    } else if let ["be", rest @ ..] = verbs.as_slice() {
        rest
    } else {
        &[]
    };
    if let [participle, rest @ ..] = passive {
        let classifies = rest.first() == Some(&"as");
        if CONSTRUAL_PARTICIPLES.contains(participle) || (is_participle(participle) && classifies) {
            return Some(NotForecast::Construal);
        }
    }
    if let [verb, rest @ ..] = verbs.as_slice() {
        let classifies_as =
            CLASSIFY_WITH_AS.contains(verb) && rest.iter().take(4).any(|w| *w == "as");
        if CONSTRUAL.contains(verb) || classifies_as {
            return Some(NotForecast::Construal);
        }
    }

    // Relative clauses: `positions that would give`, `under which they will live`, `…,
    // which would help`. A bare `that` is a relative pronoun only after a noun; after a verb
    // or at the start it opens a reported clause or is the subject.
    let bare_that = before.first().is_some_and(|t| t.is("that")) && before.len() >= 2;
    let relative = before
        .iter()
        .take(4)
        .any(|t| matches!(t.lower.as_str(), "which" | "who" | "whom" | "whose"));
    if bare_that || relative {
        return Some(NotForecast::RelativeClause);
    }

    // Indirect questions.
    let question = before.iter().take(6).any(|t| {
        matches!(
            t.lower.as_str(),
            "what" | "whether" | "how" | "why" | "where"
        )
    });
    question.then_some(NotForecast::IndirectQuestion)
}

/// Words that make what follows a predicate: `is`, `remains`, `seems` …
const COPULAS: &[&str] = &[
    "is", "are", "be", "been", "being", "remains", "remain", "seems", "seem", "appears", "appear",
    "looks", "look", "becomes", "become", "'s", "isn't", "aren't",
];

/// Whether a scale term or idiom at `first..last` estimates something still to come.
pub(super) fn expression_forecasts(tokens: &[Token], first: usize, last: usize) -> bool {
    let before = words_before(tokens, first);
    let past = before.iter().take(3).any(|t| {
        matches!(
            t.lower.as_str(),
            "was" | "were" | "had" | "wasn't" | "weren't" | "hadn't"
        )
    });
    // `how likely`, `less likely`, `as likely as`: a question or a comparison, not an
    // estimate (the scale's own `more likely than not` would be a longer phrase).
    let degree = before.first().is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "how" | "whether" | "less" | "more" | "as" | "so" | "too"
        )
    });
    if past || degree {
        return false;
    }
    // A word ending in -ly is an adjective after a copula (`remains very unlikely`, `is
    // likely to`) or a determiner (`the most likely outcome`), and then estimates its event.
    // Otherwise it is an adverb and takes its time from its verb: future with a modal next
    // to it (`would most probably involve`, `almost certainly will`, `will likely plateau`),
    // present or past without one (`Moscow probably views`, `leaders probably still see`).
    let previous = before
        .iter()
        .find(|t| !is_adverb(t))
        .map(|t| t.lower.as_str());
    let after_copula = previous.is_some_and(|w| COPULAS.contains(&w));
    // A one-word adjective other than `likely` estimates only after a copula: `it is
    // certain`, `the chance is remote`, but `certain countries`, `a remote village`.
    if last - first == 1 && !tokens[first].lower.ends_with("ly") {
        return after_copula;
    }
    if !tokens[last - 1].lower.ends_with("ly") {
        return true;
    }

    const FUTURE: &[&str] = &[
        "will", "would", "may", "might", "could", "can", "shall", "'ll", "won't", "wouldn't", "to",
        "going",
    ];
    // `I'll probably`, `they'll likely`: the contraction is the modal.
    let is_future = |t: &&Token| FUTURE.contains(&t.lower.as_str()) || t.lower.ends_with("'ll");
    let previous = before
        .iter()
        .find(|t| !is_adverb(t))
        .map(|t| t.lower.as_str());
    let adjective = previous
        .is_some_and(|w| COPULAS.contains(&w) || DETERMINERS.contains(&w) || w.ends_with("'s"));
    let modal_before = before.iter().take(2).any(is_future);
    let modal_after = words_from(tokens, last)
        .iter()
        .find(|t| !is_adverb(t))
        .is_some_and(is_future);
    adjective || modal_before || modal_after
}

/// Whether a verb of belief at `first` is a present-tense forecast: `they expect`, `Goldman
/// Sachs expects`, the passive `is expected to`; not `as many expected`, `traders who
/// expected a spike were wrong`, `what to expect`, `the expected rise`.
pub(super) fn belief_forecasts(tokens: &[Token], first: usize) -> bool {
    let before = words_before(tokens, first);
    let previous = before.first().map(|t| t.lower.as_str());
    if matches!(previous, Some("to" | "what")) || previous.is_some_and(|w| DETERMINERS.contains(&w))
    {
        return false;
    }
    if !tokens[first].lower.ends_with('d') {
        return true;
    }
    // Reported forecasts keep their tense: `was expected to` in minutes written after the
    // meeting is the forecast made then, dated by the text.
    let present_passive = before.iter().take(3).any(|t| {
        matches!(
            t.lower.as_str(),
            "is" | "are" | "'s" | "remains" | "remain" | "was" | "were" | "remained"
        )
    });
    let infinitive = words_from(tokens, first + 1)
        .first()
        .is_some_and(|t| t.is("to"));
    present_passive && infinitive
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    /// Whether the first `word` in `sentence` is read as forecasting, by the modal rules.
    fn modal(sentence: &str, word: &str) -> bool {
        let tokens = tokenize(sentence);
        let at = tokens.iter().position(|t| t.lower == word).unwrap();
        let len = word.split_whitespace().count().max(1);
        modal_use(&tokens, at, at + len).is_none()
    }

    #[test]
    fn forward_looking_modals_are_kept() {
        assert!(modal("These negotiations can last for years.", "can"));
        assert!(modal("Western powers would sanction Putin.", "would"));
        assert!(modal(
            "Such a move would \"lead to a complete demise\".",
            "would"
        ));
        assert!(modal("This would have serious consequences.", "would"));
        assert!(modal("The Kremlin may engage in talks.", "may"));
        assert!(modal("Kyiv could be encircled by March.", "could"));
        assert!(modal(
            "If Russia invades Ukraine it will face sanctions.",
            "will"
        ));
    }

    #[test]
    fn modals_about_principle_description_past_or_present_are_dropped() {
        for (sentence, word) in [
            (
                "All these steps can by no means lead to catastrophe.",
                "can",
            ),
            ("He could not attend.", "could"),
            ("One may summarize what 2021 changed.", "may"),
            (
                "It could even be argued that Russia has no foreign policy.",
                "could",
            ),
            (
                "Hence, it could be safely said that the Kremlin has no cards.",
                "could",
            ),
            ("This can be seized as an opportunity.", "can"),
            ("Many would see this as a breach of his oath.", "would"),
            ("It is the only thing that Russia may now offer.", "may"),
            ("Judgement would have to wait for clarification.", "would"),
            ("Even Finland would like to join.", "would"),
            ("They would have won the war.", "would"),
            ("Positions that would give them authority.", "would"),
            ("The form of government under which they will live.", "will"),
            ("It keeps everyone guessing how far he might go.", "might"),
            (
                "Second, what will happen in 2022 should be analysed.",
                "will",
            ),
            ("It used Beijing's will (in fact).", "will"),
            ("The talks resume in May next year.", "may"),
            ("Ask ten people and you will get ten answers.", "will"),
        ] {
            assert!(!modal(sentence, word), "{sentence}");
        }
    }

    fn expression(sentence: &str, phrase: &str) -> bool {
        let tokens = tokenize(sentence);
        let words: Vec<&str> = phrase.split(' ').collect();
        let at = (0..tokens.len())
            .find(|&k| {
                words
                    .iter()
                    .enumerate()
                    .all(|(j, w)| tokens.get(k + j).is_some_and(|t| t.lower == *w))
            })
            .unwrap();
        expression_forecasts(&tokens, at, at + words.len())
    }

    #[test]
    fn estimates_about_the_past_or_present_are_not_forecasts() {
        assert!(expression(
            "An intervention remains very unlikely because of its costs.",
            "very unlikely"
        ));
        assert!(expression(
            "It would most probably involve recognition.",
            "most probably"
        ));
        assert!(expression("Russia is likely to invade.", "likely"));
        assert!(!expression(
            "Moscow probably views the developments with mixed feelings.",
            "probably"
        ));
        assert!(!expression(
            "The attack was likely caused by sabotage.",
            "likely"
        ));
        assert!(!expression("A deal was unlikely then.", "unlikely"));
        assert!(!expression("Nobody knows how likely it is.", "likely"));
        assert!(!expression(
            "Leaders probably still see the risks as smaller.",
            "probably"
        ));
        assert!(!expression("A new leader is less likely now.", "likely"));
        assert!(expression(
            "The most likely outcome is a freeze.",
            "most likely"
        ));
        assert!(expression(
            "Russia almost certainly will continue patrols.",
            "almost certainly"
        ));
        assert!(expression("Output will likely plateau.", "likely"));
        assert!(expression("A deal is impossible.", "impossible"));
        assert!(!expression("It holds in certain countries.", "certain"));
    }

    #[test]
    fn beliefs_count_in_the_present_tense_only() {
        let at = |s: &str, w: &str| {
            let tokens = tokenize(s);
            let k = tokens.iter().position(|t| t.lower == w).unwrap();
            belief_forecasts(&tokens, k)
        };
        assert!(at("They expect Washington to leave.", "expect"));
        assert!(at(
            "Saudi Arabia is expected to extend its cut.",
            "expected"
        ));
        assert!(!at("What To Expect From Russia", "expect"));
        assert!(!at("Traders who expected a spike were wrong.", "expected"));
        assert!(!at("It was not – as many expected – a deal.", "expected"));
        assert!(at("The cut was expected to last.", "expected"));
        assert!(at("Output was projected to rise.", "projected"));
    }
}
