//! Who is speaking: the author, or someone the text reports.
//!
//! Rules, in order:
//! - A phrase inside a quotation belongs to whoever the quotation is attributed to: by a
//!   reporting verb before it (`Maria Zakharova said, “… This would have …”`, across the
//!   sentences of one paragraph) or after it (`“…,” said a U.S. official`).
//! - A verb of belief speaks for its own subject (`Some sources in Russia believe …`).
//! - Otherwise the nearest reporting verb before the phrase in the sentence (`said`, `warned`,
//!   `announced that`, `believe that` …) gives its subject, unless the verb sits inside a
//!   parenthesis the phrase is outside of. A verb joined by `and` to an earlier one shares
//!   its subject (`… held a meeting and stressed that`).
//! - Else `according to X` in the sentence, else a trailing `…, X said.`
//! - `I`, `we` and `one` are the author. `he`, `she`, `they` are resolved by the caller.
//!
//! Subjects are cut to the noun phrase (`in response Russia` -> `Russia`, `Finland's
//! President Niinistö in his speech` -> `Finland's President Niinistö`) and a title before a
//! name is dropped (`Kremlin spokesperson Dmitry Peskov` -> `Dmitry Peskov`, `Finland's
//! President Niinistö` -> `Niinistö`): the ledger's forecaster is the person.

use super::tokens::Token;

/// Who a phrase is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Who {
    Author,
    Named(String),
    /// `he`, `she`, `they`: resolved against the rest of the sentence and paragraph.
    Pronoun(String),
}

const REPORTING: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "state",
    "states",
    "stated",
    "warn",
    "warns",
    "warned",
    "warning",
    "believe",
    "believes",
    "believed",
    "expect",
    "expects",
    "argue",
    "argues",
    "argued",
    "announce",
    "announces",
    "announced",
    "utter",
    "utters",
    "uttered",
    "stress",
    "stresses",
    "stressed",
    "claim",
    "claims",
    "claimed",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "predict",
    "predicts",
    "predicted",
    "note",
    "notes",
    "noted",
    "told",
    "reported",
    "think",
    "thinks",
    "fear",
    "fears",
    "feared",
    "suggest",
    "suggests",
    "suggested",
    "assess",
    "assesses",
    "assessed",
    "judge",
    "judges",
    "judged",
    "estimate",
    "estimates",
    "forecast",
    "forecasts",
    "added",
    "declare",
    "declares",
    "declared",
    "wrote",
    "writes",
    "contend",
    "contends",
    "contended",
    "maintain",
    "maintains",
    "maintained",
    "assert",
    "asserts",
    "asserted",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "concluded",
    "concludes",
    "reckon",
    "reckons",
    "anticipate",
    "anticipates",
    "projected",
    "projects",
    "threatened",
    "threatens",
    "vowed",
    "vows",
    "pledged",
    "promised",
    "promises",
    "cautioned",
    "cautions",
    "acknowledged",
    "admitted",
    "replied",
    "explained",
];
/// Words between a subject and its verb: auxiliaries and adverbs.
const AUXILIARIES: &[&str] = &[
    "have",
    "has",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "do",
    "does",
    "did",
    "also",
    "already",
    "again",
    "now",
    "often",
    "still",
    "even",
    "just",
    "once",
    "not",
    "will",
    "would",
    "may",
    "might",
    "can",
    "could",
    "should",
    "must",
    "themselves",
    "itself",
    "himself",
    "herself",
];
/// Words that end a subject when reading back from its verb.
const STOPS: &[&str] = &[
    "and",
    "or",
    "but",
    "that",
    "which",
    "who",
    "whom",
    "because",
    "since",
    "as",
    "while",
    "if",
    "when",
    "although",
    "though",
    "so",
    "hence",
    "however",
    "then",
    "thus",
    "yet",
    "where",
    "whether",
    "than",
    "unless",
    "nor",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "do",
    "does",
    "did",
    "not",
    "advocate",
    "advocates",
    "held",
    "holds",
    "knows",
    "knew",
    "agree",
    "agrees",
];
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "for", "from", "with", "by", "after", "during", "under", "among", "to",
    "into", "over", "before", "without", "through", "across", "against", "about",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
    "those",
];
/// Titles and roles written before a name.
const ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "minister",
    "secretary",
    "director",
    "ambassador",
    "general",
    "chancellor",
    "senator",
    "governor",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "adviser",
    "advisor",
    "envoy",
    "commander",
    "premier",
    "economist",
    "analyst",
    "official",
    "strategist",
    "head",
    "leader",
    "representative",
    "deputy",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "king",
    "queen",
    "pope",
    "mayor",
    "editor",
    "correspondent",
    "columnist",
    "researcher",
    "fellow",
    "ceo",
    "lawmaker",
];
/// Sentence openers before a fronted phrase and its comma (`In Russia, many experts …`).
const FRONTED: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "after",
    "during",
    "under",
    "however",
    "hence",
    "thus",
    "yet",
    "but",
    "and",
    "so",
    "since",
    "while",
    "although",
    "though",
    "nevertheless",
    "moreover",
    "first",
    "second",
    "third",
    "finally",
    "otherwise",
    "meanwhile",
    "still",
    "despite",
    "prior",
    "as",
    "when",
    "if",
    "responding",
    "speaking",
    "asked",
    "according",
    "indeed",
    "instead",
    "today",
    "now",
    "last",
    "next",
];

/// Whether token `k` is a reporting verb used as a verb: not a noun (`his warning`, `the
/// forecast`), and an `-ing` form only after `be` or `and` (`are warning`, `and insisting`),
/// since `a theory insisting that` is a participle on a noun.
pub(super) fn is_reporting_verb(tokens: &[Token], k: usize) -> bool {
    let token = &tokens[k];
    if !token.is_word() || !REPORTING.contains(&token.lower.as_str()) {
        return false;
    }
    let previous = (0..k)
        .rev()
        .map(|j| &tokens[j])
        .find(|t| !(t.is_word() && is_adverb(&t.lower)));
    let noun = previous.is_some_and(|t| {
        t.is_word() && (DETERMINERS.contains(&t.lower.as_str()) || t.lower.ends_with("'s"))
    });
    let ing_ok = !token.lower.ends_with("ing")
        || previous.is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "is" | "are" | "was" | "were" | "been" | "be" | "and" | ","
            )
        });
    // `states`, `claims`, `fears` are plural nouns as often as verbs (`CSTO member states
    // and`); as verbs they introduce what is said.
    let introduces = tokens.get(k + 1).is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "that" | "," | ":" | "\"" | "“" | "the" | "a" | "it" | "he" | "she" | "they" | "we"
        )
    });
    let plural_like = token.lower.ends_with('s') && token.lower != "says";
    !noun && ing_ok && (!plural_like || introduces)
}

fn is_adverb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ly") && !matches!(word, "family" | "italy" | "ally")
        || matches!(
            word,
            "already" | "also" | "again" | "often" | "still" | "even" | "just"
        )
}

/// The noun phrase that is the subject of the verb at `verb`, reading back no further than
/// `floor`; `None` when there is none (`… and stressed that`).
pub(super) fn subject_before(
    sentence: &str,
    tokens: &[Token],
    verb: usize,
    floor: usize,
) -> Option<Who> {
    let mut end = verb;
    while end > floor
        && tokens[end - 1].is_word()
        && (AUXILIARIES.contains(&tokens[end - 1].lower.as_str())
            || is_adverb(&tokens[end - 1].lower))
    {
        end -= 1;
    }
    let mut start = end;
    while start > floor && end - start < 10 {
        let token = &tokens[start - 1];
        if !token.is_word() || STOPS.contains(&token.lower.as_str()) {
            break;
        }
        if start < end && REPORTING.contains(&token.lower.as_str()) {
            break;
        }
        start -= 1;
    }
    noun_phrase(sentence, &tokens[start..end])
}

/// The subject after an inverted verb or `according to`: `said a U.S. government official
/// specializing in Russian affairs, who` -> `a U.S. government official`.
pub(super) fn subject_after(sentence: &str, tokens: &[Token], from: usize) -> Option<Who> {
    let mut end = from;
    while end < tokens.len() && end - from < 10 {
        let token = &tokens[end];
        let participle = token.lower.ends_with("ing") && !token.capitalised();
        if !token.is_word() || STOPS.contains(&token.lower.as_str()) || participle {
            break;
        }
        end += 1;
    }
    noun_phrase(sentence, &tokens[from..end])
}

/// Trims a run of words to the speaker's name or description.
fn noun_phrase(sentence: &str, words: &[Token]) -> Option<Who> {
    let mut words = words;
    // A fronted prepositional phrase: `in response Russia`, `in a statement the ministry`.
    while words.len() > 1 && PREPOSITIONS.contains(&words[0].lower.as_str()) {
        let object = if words
            .get(1)
            .is_some_and(|t| DETERMINERS.contains(&t.lower.as_str()))
        {
            3
        } else {
            2
        };
        if words.len() <= object {
            break;
        }
        words = &words[object..];
    }
    // A trailing one whose object is not a name: `Niinistö in his speech`.
    if let Some(cut) = (1..words.len()).find(|&k| {
        PREPOSITIONS.contains(&words[k].lower.as_str())
            && words
                .get(k + 1)
                .is_some_and(|t| DETERMINERS.contains(&t.lower.as_str()))
    }) {
        words = &words[..cut];
    }
    // A title before a name: `Spokeswoman Maria Zakharova`.
    let singular = |w: &str| w.strip_suffix('s').unwrap_or(w).to_string();
    if let Some(role) = words.iter().rposition(|t| {
        ROLES.contains(&t.lower.as_str()) || ROLES.contains(&singular(&t.lower).as_str())
    }) {
        let name = &words[role + 1..];
        if !name.is_empty() && name.iter().all(Token::capitalised) {
            words = name;
        }
    }
    let (first, last) = (words.first()?, words.last()?);
    let text = &sentence[first.start..last.end()];
    Some(match first.lower.as_str() {
        _ if words.len() > 1 => Who::Named(text.to_string()),
        "i" | "we" | "us" | "one" => Who::Author,
        "he" | "she" | "they" | "it" | "there" | "this" | "that" => {
            Who::Pronoun(first.lower.clone())
        }
        _ => Who::Named(text.to_string()),
    })
}

/// The subject of the sentence's main clause, after a fronted phrase and its comma.
pub(super) fn main_subject(sentence: &str, tokens: &[Token]) -> Option<Who> {
    let fronted = tokens
        .first()
        .is_some_and(|t| FRONTED.contains(&t.lower.as_str()));
    let floor = if fronted {
        tokens
            .iter()
            .take(14)
            .position(|t| t.text == "," && t.depth == 0)
            .map_or(0, |comma| comma + 1)
    } else {
        0
    };
    let verb = (floor + 1..tokens.len()).find(|&k| {
        let t = &tokens[k];
        t.is_word()
            && !t.capitalised()
            && (STOPS.contains(&t.lower.as_str())
                || REPORTING.contains(&t.lower.as_str())
                || (t.lower.len() >= 4 && t.lower.ends_with("ed")))
    })?;
    subject_before(sentence, tokens, verb, floor)
}

/// Who a phrase at `cue` is attributed to within its sentence, by the reporting verbs,
/// `according to`, and a trailing attribution; `None` when nothing attributes it.
pub(super) fn in_sentence(sentence: &str, tokens: &[Token], cue: usize) -> Option<Who> {
    let mut depth = tokens[cue].depth;
    let mut coordinated = false;
    for k in (0..cue).rev() {
        depth = depth.min(tokens[k].depth);
        if tokens[k].depth > depth || !is_reporting_verb(tokens, k) {
            continue;
        }
        match subject_before(sentence, tokens, k, 0) {
            Some(Who::Pronoun(p)) if matches!(p.as_str(), "it" | "there" | "this" | "that") => {}
            Some(who) => return Some(who),
            None => coordinated = true,
        }
    }
    if coordinated {
        return main_subject(sentence, tokens);
    }
    according_to(sentence, tokens, cue).or_else(|| trailing(sentence, tokens, cue))
}

/// `according to X` anywhere in the sentence, outside any parenthesis the cue is not in.
fn according_to(sentence: &str, tokens: &[Token], cue: usize) -> Option<Who> {
    let k = (0..tokens.len().saturating_sub(1)).find(|&k| {
        tokens[k].is("according") && tokens[k + 1].is("to") && tokens[k].depth <= tokens[cue].depth
    })?;
    subject_after(sentence, tokens, k + 2)
}

/// `…, the spokesman said.`, `…,” said the spokesman, who …` or `…,” a diplomat told me.`
/// after `cue`: the first comma or closing quotation mark after it that is followed by a
/// reporting verb, inverted, or closing the sentence but for an object (`told reporters`).
pub(super) fn trailing(sentence: &str, tokens: &[Token], cue: usize) -> Option<Who> {
    (cue..tokens.len())
        .filter(|&k| matches!(tokens[k].text, "," | "”" | "\""))
        .find_map(|k| {
            let rest = (k + 1..tokens.len()).find(|&j| tokens[j].is_word())?;
            if tokens[k + 1..rest].iter().any(|t| t.text == "“") {
                return None;
            }
            if is_reporting_verb(tokens, rest) {
                return subject_after(sentence, tokens, rest + 1);
            }
            let verb =
                (rest..tokens.len().min(rest + 8)).find(|&j| is_reporting_verb(tokens, j))?;
            let words_after = tokens[verb + 1..].iter().filter(|t| t.is_word()).count();
            let closes = tokens[verb + 1..]
                .iter()
                .all(|t| t.is_word() || matches!(t.text, "." | "!" | "\"" | "”"));
            (words_after <= 3 && closes)
                .then(|| subject_before(sentence, tokens, verb, rest))
                .flatten()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn who(sentence: &str, cue_word: &str) -> Option<Who> {
        let tokens = tokenize(sentence);
        let cue = tokens.iter().position(|t| t.lower == cue_word).unwrap();
        in_sentence(sentence, &tokens, cue)
    }

    fn named(name: &str) -> Option<Who> {
        Some(Who::Named(name.to_string()))
    }

    #[test]
    fn reporting_verbs_give_their_subject() {
        assert_eq!(
            who("As a consequence, U.S. lawmakers have already announced that Western powers would sanction Putin.", "would"),
            named("U.S. lawmakers")
        );
        assert_eq!(
            who("In response Russia has already senselessly uttered that such a move would end ties.", "would"),
            named("Russia")
        );
        assert_eq!(
            who(
                "Some sources in Russia believe that the Kremlin may engage in talks.",
                "may"
            ),
            named("Some sources in Russia")
        );
        assert_eq!(
            who("Responding to a question, Russia’s Foreign Ministry Spokeswoman Maria Zakharova said that it would have consequences.", "would"),
            named("Maria Zakharova")
        );
        assert_eq!(
            who(
                "Finland's President Niinistö in his speech said that it would change.",
                "would"
            ),
            named("Niinistö")
        );
        assert_eq!(
            who(
                "As I argued before, an intervention remains very unlikely.",
                "unlikely"
            ),
            Some(Who::Author)
        );
    }

    #[test]
    fn a_coordinated_verb_shares_the_main_subject() {
        assert_eq!(
            who("NATO Foreign Ministers held a meeting on Friday, January 7, and stressed that aggression would have consequences.", "would"),
            named("NATO Foreign Ministers")
        );
    }

    #[test]
    fn a_parenthesis_keeps_its_speaker_to_itself() {
        let sentence = "As I argued, it is very unlikely (U.S. lawmakers announced that they would act) and there is a high probability that it fails.";
        let tokens = tokenize(sentence);
        let high = tokens.iter().position(|t| t.is("high")).unwrap();
        assert_eq!(in_sentence(sentence, &tokens, high), Some(Who::Author));
        assert_eq!(who(sentence, "would"), named("U.S. lawmakers"));
    }

    #[test]
    fn according_to_and_trailing_attributions() {
        assert_eq!(
            who(
                "Rates will probably fall, according to the chief economist at the bank.",
                "will"
            ),
            named("the chief economist")
        );
        assert_eq!(
            who("Rates will probably fall, the spokesman said.", "will"),
            named("the spokesman")
        );
        assert_eq!(
            who(
                "Rates will probably fall, said Kremlin spokesperson Dmitry Peskov.",
                "will"
            ),
            named("Dmitry Peskov")
        );
        assert_eq!(who("Rates will probably fall.", "will"), None);
        assert_eq!(
            who(
                "\"Output will plateau,\" said Maria Lopez, chief economist at Harbor.",
                "will"
            ),
            named("Maria Lopez")
        );
        assert_eq!(
            who(
                "\"There is a chance,\" a senior European diplomat told me.",
                "chance"
            ),
            named("a senior European diplomat")
        );
    }

    #[test]
    fn nouns_and_participles_are_not_reporting_verbs() {
        assert_eq!(
            who("His warning that prices would rise went unheeded.", "would"),
            None
        );
        let sentence = "Many experts advocate a theory insisting that they expect a deal.";
        let tokens = tokenize(sentence);
        let insisting = tokens.iter().position(|t| t.is("insisting")).unwrap();
        assert!(!is_reporting_verb(&tokens, insisting));
        assert_eq!(main_subject(sentence, &tokens), named("Many experts"));
    }
}
