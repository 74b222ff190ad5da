//! Extraction on the seed texts (against the examples ledger), on texts written for these
//! tests, and on random input.

use proptest::prelude::*;

use super::*;
use crate::confidence::{scale, DEFAULT_SCALE};

fn icd203() -> &'static Scale {
    scale(DEFAULT_SCALE).unwrap()
}

const INOZEMTSEV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/sources/inozemtsev-memri-2022-01-19.txt"
));
const TUYGAN: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/sources/tuygan-2022-01-10.txt"
));
const LEDGER: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/russia-west-2022.csv"
));

/// The seed text a ledger row quotes, by its source title.
fn seed(title: &str) -> &'static str {
    match title {
        "What To Expect From Russia-U.S. Relations In 2022" => INOZEMTSEV,
        "Russia-West Negotiations Start" => TUYGAN,
        other => panic!("no seed text for {other:?}"),
    }
}

/// `text` with curly quotes made straight and white space folded, as characters, each with
/// the character offset in `text` it came from.
fn folded(text: &str) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::new();
    for (at, c) in text.chars().enumerate() {
        let c = match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if !(c == ' ' && out.last().is_some_and(|&(p, _)| p == ' ')) {
            out.push((c, at));
        }
    }
    out
}

/// The character range of `quote` in `text`, found after folding both.
fn locate(text: &str, quote: &str) -> std::ops::Range<usize> {
    let haystack = folded(text);
    let needle: Vec<char> = folded(quote.trim()).iter().map(|&(c, _)| c).collect();
    let start = haystack
        .windows(needle.len())
        .position(|w| w.iter().map(|&(c, _)| c).eq(needle.iter().copied()))
        .unwrap_or_else(|| panic!("quote not in its seed text: {quote:?}"));
    haystack[start].1..haystack[start + needle.len() - 1].1 + 1
}

/// The character range of each candidate's sentence in the text it came from.
fn sentence_range(text: &str, candidate: &Candidate) -> std::ops::Range<usize> {
    let (offset, sentence) = sentences::located(text)
        .into_iter()
        .find(|&(offset, _)| offset == candidate.offset)
        .expect("every candidate's offset is a sentence's");
    offset..offset + sentence.chars().count()
}

/// Whether a candidate's phrase is the ledger's `confidence`: the same words, or the head of
/// the ledger's longer words ("can" of "can last for years"), or the same words with the
/// ledger's ellipsis spelt out ("believe … will" for "believe … it will"), an article before
/// them aside ("most probable outcome" for "the most probable outcome").
fn same_cue(ledger: &str, phrase: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split_whitespace()
            .filter(|w| !matches!(*w, "the" | "a" | "an"))
            .map(str::to_string)
            .collect()
    };
    let (ledger, phrase) = (words(ledger), words(phrase));
    let mut rest = ledger.iter();
    ledger.first() == phrase.first() && phrase.iter().all(|w| rest.any(|l| l == w))
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    statement: String,
    probability: f64,
    confidence: String,
    forecaster: String,
    source_title: String,
    source_author: String,
    quote: String,
}

fn ledger_rows() -> Vec<Row> {
    csv::Reader::from_reader(LEDGER.as_bytes())
        .deserialize()
        .map(Result::unwrap)
        .collect()
}

/// The speaker extraction names for the ledger's forecasters: the ledger adds "(per
/// Inozemtsev)" and generalises "Some sources" and "many experts".
fn expected_speaker(row: &Row) -> Option<&'static str> {
    match row.forecaster.as_str() {
        f if f == row.source_author => None,
        "Sources in Russia (per Inozemtsev)" => Some("Some sources in Russia"),
        "Russian experts (per Inozemtsev)" => Some("many experts"),
        "U.S. lawmakers (per Inozemtsev)" => Some("U.S. lawmakers"),
        "Maria Zakharova" => Some("Maria Zakharova"),
        other => panic!("unexpected forecaster {other:?}"),
    }
}

/// (a) Every quote of the examples ledger lies within a listed candidate sentence, and a
/// candidate in the quote has the ledger's words, probability and forecaster. On the current
/// rules all 18 rows match (16 distinct candidates: rows 4–6 share one); a mismatch would
/// be listed in the failure message.
#[test]
fn every_prediction_of_the_examples_ledger_is_found_with_its_number() {
    let rows = ledger_rows();
    assert_eq!(rows.len(), 18);
    let mut problems = Vec::new();
    for row in &rows {
        let text = seed(&row.source_title);
        let candidates = extract(text, icd203());
        let quote = locate(text, &row.quote);
        let in_sentence = candidates.iter().any(|c| {
            let sentence = sentence_range(text, c);
            sentence.start <= quote.start && quote.end <= sentence.end
        });
        if !in_sentence {
            problems.push(format!("no candidate sentence holds {:?}", row.quote));
            continue;
        }
        let cue = candidates
            .iter()
            .find(|c| quote.contains(&c.phrase_offset) && same_cue(&row.confidence, &c.phrase));
        match cue {
            None => problems.push(format!(
                "{:?}: no candidate phrase like {:?} in the quote",
                row.statement, row.confidence
            )),
            Some(c) if c.probability != row.probability => problems.push(format!(
                "{:?}: {:?} read as {}, the ledger says {} for {:?}",
                row.statement, c.phrase, c.probability, row.probability, row.confidence
            )),
            Some(c) if c.speaker.as_deref() != expected_speaker(row) => problems.push(format!(
                "{:?}: speaker {:?}, the ledger says {:?}",
                row.statement, c.speaker, row.forecaster
            )),
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[derive(Debug, PartialEq)]
enum Verdict {
    /// A forecast in form that the ledger did not log (too vague, or someone else's threat).
    Unlogged,
    /// Not a forecast at all.
    NotPrediction,
}

/// (b) Precision on the seeds: 20 candidates, 16 of them the ledger's; the other four, with
/// why each was listed. Three are forecasts the ledger left out; one is not a forecast:
/// - Inozemtsev, "the country would face intolerable risks": what Putin wants his subjects to
///   believe, reported by the author, nobody's forecast.
/// - Inozemtsev, Russia's "such a move would lead to a complete demise of relations": the
///   ledger's notes leave it out as too vague to resolve.
/// - Tuygan, "Because this would enable Moscow to claim …": the consequence of Minsk
///   progress, a conditional forecast.
/// - Tuygan, NATO ministers' "any further aggression … would have significant consequences".
///
/// - Inozemtsev, "the country will remain l'enfant terrible" and Russian officials' quoted
///   "events will …": flat forecasts (read as a flat assertion, 0.9) the ledger left out as
///   too vague.
#[test]
fn few_candidates_on_the_seeds_are_not_predictions() {
    let unlogged_expected: &[(&str, &str, Option<&str>, Verdict)] = &[
        ("Hence, the Catch-22", "would", None, Verdict::NotPrediction),
        ("All this shows", "will", None, Verdict::Unlogged),
        (
            "Russian officials are",
            "will",
            Some("Russian officials"),
            Verdict::Unlogged,
        ),
        ("As I argued", "would", Some("Russia"), Verdict::Unlogged),
        ("Because this would", "would", None, Verdict::Unlogged),
        (
            "NATO Foreign Ministers",
            "would",
            Some("NATO Foreign Ministers"),
            Verdict::Unlogged,
        ),
    ];
    let rows = ledger_rows();
    let mut total = 0;
    let mut unlogged = Vec::new();
    for text in [INOZEMTSEV, TUYGAN] {
        let quotes: Vec<std::ops::Range<usize>> = rows
            .iter()
            .filter(|row| seed(&row.source_title) == text)
            .map(|row| locate(text, &row.quote))
            .collect();
        let candidates = extract(text, icd203());
        total += candidates.len();
        unlogged.extend(
            candidates
                .into_iter()
                .filter(|c| !quotes.iter().any(|q| q.contains(&c.phrase_offset))),
        );
    }
    assert_eq!(total, 22);
    let got: Vec<(String, String, Option<String>)> = unlogged
        .iter()
        .map(|c| (c.sentence.clone(), c.phrase.clone(), c.speaker.clone()))
        .collect();
    assert_eq!(got.len(), unlogged_expected.len(), "{got:#?}");
    for ((sentence, phrase, speaker), (start, want_phrase, want_speaker, _)) in
        got.iter().zip(unlogged_expected)
    {
        assert!(sentence.starts_with(start), "{sentence:?}");
        assert_eq!(phrase, want_phrase, "{sentence:?}");
        assert_eq!(speaker.as_deref(), *want_speaker, "{sentence:?}");
    }
    let not_predictions = unlogged_expected
        .iter()
        .filter(|(.., verdict)| *verdict == Verdict::NotPrediction)
        .count();
    assert!(not_predictions <= 1);
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Expected {
    sentence: String,
    phrase: String,
    probability: f64,
    speaker: Option<String>,
}

/// (c) Texts written for these tests, in the genre: every candidate, exactly.
fn check_fixture(name: &str, text: &str, expected_csv: &str) {
    let expected: Vec<Expected> = csv::Reader::from_reader(expected_csv.as_bytes())
        .deserialize()
        .map(Result::unwrap)
        .collect();
    let got: Vec<Expected> = extract(text, icd203())
        .into_iter()
        .map(|c| Expected {
            sentence: c.sentence,
            phrase: c.phrase,
            probability: c.probability,
            speaker: c.speaker,
        })
        .collect();
    assert_eq!(got, expected, "{name}");
}

macro_rules! fixture {
    ($name:literal) => {
        check_fixture(
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/extract/",
                $name,
                ".txt"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/extract/",
                $name,
                ".expected.csv"
            )),
        )
    };
}

/// Explicit numbers, a quoted diplomat, and traps: poll shares, growth rates, troop counts,
/// "many analysts expected … they were wrong", a question, "can be considered". Plain
/// `will` ("its budget deficit will widen again in 2024") has no reading in the confidence
/// inventory, so that forecast is not listed.
#[test]
fn an_op_ed_with_explicit_numbers() {
    fixture!("oped-ceasefire");
}

/// ICD 203 terms, "high confidence" (not a probability), present-tense judgements ("Moscow
/// probably views", "was likely surprised"), "how far Beijing might go".
#[test]
fn an_intelligence_style_assessment() {
    fixture!("assessment-arctic");
}

/// Past-tense traps ("traders who expected a spike were wrong", "had priced a 35 percent
/// chance", "would have risen"), market-implied numbers, a passive "is expected to", a
/// trailing attribution carried to the next sentence's "She". "We think Brent will trade …"
/// is not listed: the confidence inventory reads neither `think … will` nor plain `will`.
#[test]
fn a_market_commentary() {
    fixture!("markets-oil");
}

#[test]
fn json_has_the_promised_keys() {
    let candidates = extract(
        "Russia will very likely invade, the spokesman said.",
        icd203(),
    );
    let json = serde_json::to_value(&candidates).unwrap();
    let object = json[0].as_object().unwrap();
    for key in [
        "sentence",
        "phrase",
        "probability",
        "offset",
        "phrase_offset",
        "scale",
        "speaker",
    ] {
        assert!(object.contains_key(key), "{key}");
    }
    assert_eq!(json[0]["phrase"], "very likely");
    assert_eq!(json[0]["probability"], 0.875);
    assert_eq!(json[0]["scale"], "icd203");
    assert_eq!(json[0]["speaker"], "the spokesman");
}

#[test]
fn offsets_count_characters_not_bytes() {
    let text = "Über Moskau: “Ça va.” Russia will likely wait.";
    let candidates = extract(text, icd203());
    assert_eq!(candidates.len(), 1);
    let chars: Vec<char> = text.chars().collect();
    let at = |offset: usize, len: usize| chars[offset..offset + len].iter().collect::<String>();
    assert_eq!(at(candidates[0].offset, 6), "Russia");
    assert_eq!(at(candidates[0].phrase_offset, 6), "likely");
    assert_eq!(candidates[0].offset, 22);
}

#[test]
fn questions_and_quoted_speakers_across_sentences() {
    let text = "Will Russia invade? Nobody knows.\n\nThe minister said, “We are ready. Sanctions would follow any attack.” Markets shrugged.";
    let candidates = extract(text, icd203());
    assert_eq!(candidates.len(), 1);
    assert_eq!(candidates[0].phrase, "would");
    assert_eq!(candidates[0].speaker.as_deref(), Some("The minister"));
}

#[test]
fn the_sentences_api_gives_character_offsets() {
    let text = "Ça ira. Second one.\n[1] A reference.";
    assert_eq!(
        sentences::located(text),
        [(0, "Ça ira."), (8, "Second one.")]
    );
}

/// Pieces of text in the genre, to assemble at random.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Russia".to_string()),
        Just(" will".to_string()),
        Just(" would not".to_string()),
        Just(" very likely".to_string()),
        Just(" believe that".to_string()),
        Just(" may".to_string()),
        Just(" 10 percent chance".to_string()),
        Just(" one in four".to_string()),
        Just(" odds of 3:1".to_string()),
        Just(" U.S.".to_string()),
        Just(" Dr.".to_string()),
        Just("[12]".to_string()),
        Just(" [ii]".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just(" (".to_string()),
        Just(")".to_string()),
        Just(". ".to_string()),
        Just("? ".to_string()),
        Just("…".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(", said".to_string()),
        Just(" according to".to_string()),
        Just(" Zakharova".to_string()),
        Just(" Ça".to_string()),
        Just(" 日本".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("’s".to_string()),
        Just(" would have been".to_string()),
        Just(" could be said".to_string()),
        Just(" expects".to_string()),
        Just("About Us\n".to_string()),
        "\\PC{0,6}",
    ]
}

proptest! {
    /// (d) Never panics; every offset is a character index that points at the sentence or
    /// phrase it names.
    #[test]
    fn offsets_point_at_what_they_name(pieces in prop::collection::vec(fragment(), 0..40)) {
        let text: String = pieces.concat();
        let chars: Vec<char> = text.chars().collect();
        let split = sentences::located(&text);
        for &(offset, sentence) in &split {
            let here: String = chars[offset..].iter().take(sentence.chars().count()).collect();
            prop_assert_eq!(here, sentence);
        }
        for candidate in extract(&text, icd203()) {
            prop_assert!((0.0..=1.0).contains(&candidate.probability));
            let (offset, original) = split
                .iter()
                .copied()
                .find(|&(offset, _)| offset == candidate.offset)
                .expect("a candidate starts where a sentence does");
            prop_assert_eq!(&fold_whitespace(original), &candidate.sentence);
            let end = offset + original.chars().count();
            prop_assert!(offset <= candidate.phrase_offset && candidate.phrase_offset < end);
            let first_word = candidate.phrase.split_whitespace().next().unwrap_or("");
            let at: String = chars[candidate.phrase_offset..].iter().take(first_word.chars().count()).collect();
            prop_assert_eq!(at, first_word);
        }
    }
}

/// The modal rules, measured: every modal form of the inventory in the two seed texts (31
/// uses; plain `will` has no reading in the confidence inventory and the six `cannot` are
/// refused there, so neither is looked for), and what became of it. 14 look forward; of
/// those only "the country would face intolerable risks" (what Putin wants his subjects to
/// believe) is not a forecast, and two give way to a stronger cue in their clause ("would
/// most probably", "the high probability that Russia may"). The 17 dropped hold no forecast
/// the ledger logged: "consequences which would require" and "events … that may lead" sit in
/// sentences whose forecast is listed by another word.
#[test]
fn the_modal_rules_measured_on_the_seeds() {
    use std::collections::BTreeMap;
    use tense::NotForecast::*;
    let entries = inventory::entries(icd203());
    let mut kept = Vec::new();
    let mut dropped: BTreeMap<tense::NotForecast, Vec<String>> = BTreeMap::new();
    for text in [INOZEMTSEV, TUYGAN] {
        for span in sentences::split(text) {
            let sentence = &text[span.start..span.end];
            let tokens = tokens::tokenize(sentence);
            for hit in inventory::find(&tokens, &entries) {
                if entries[hit.entry].class != Class::Modal {
                    continue;
                }
                let words: Vec<&str> = tokens[hit.first..].iter().take(4).map(|t| t.text).collect();
                let shown = words.join(" ");
                match tense::modal_use(&tokens, hit.first, hit.last) {
                    None => kept.push(shown),
                    Some(rule) => dropped.entry(rule).or_default().push(shown),
                }
            }
        }
    }
    let counts: Vec<(tense::NotForecast, usize)> = dropped
        .iter()
        .map(|(rule, uses)| (*rule, uses.len()))
        .collect();
    assert_eq!(kept.len(), 14, "{kept:#?}");
    assert_eq!(
        counts,
        [
            (Noun, 1),
            (NegatedAbility, 1),
            (Present, 1),
            (NecessityOrWish, 2),
            (Construal, 7),
            (RelativeClause, 3),
            (IndirectQuestion, 1),
            (Generic, 1),
        ],
        "{dropped:#?}"
    );
}
