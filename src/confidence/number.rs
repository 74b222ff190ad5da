//! The numeric ways people write a probability: alone (`70%`, `3:1`) or inside words ("I put the
//! chance at about 10 percent", "odds of one in four").

use anyhow::{anyhow, Result};

use super::words::Token;
use crate::model::quoted;
use crate::model::Probability;
use crate::text::fold_whitespace;

/// Reads `text` as one of the numeric forms, or `None` when it is not shaped like any of them
/// (so it may be a phrase). A text shaped like a number but out of range is `Some(Err)`.
pub(super) fn number_form(text: &str) -> Option<Result<Probability>> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Some(Err(anyhow!("'' is not a probability: it is empty")));
    }
    let folded = fold_whitespace(trimmed).to_ascii_lowercase();
    let not = |why: String| anyhow!("{} is not a probability: {why}", quoted(trimmed));

    let percent = ["%", "percent", "per cent"]
        .iter()
        .find_map(|sign| folded.strip_suffix(sign));
    if let Some(value) = percent.and_then(|number| decimal(number.trim_end(), -2)) {
        return Some(if value < 0.0 {
            Err(not("it is below 0%".into()))
        } else {
            // `abs` turns `-0%` into +0, which prints as "0" rather than "-0".
            Probability::new(value.abs()).ok_or_else(|| not("it is above 100%".into()))
        });
    }

    if let Some((favour, against)) = pair(&folded, ":") {
        let total = favour + against;
        return Some(if favour < 0.0 || against < 0.0 {
            Err(not("odds cannot be negative".into()))
        } else if total == 0.0 {
            Err(not("both sides of the odds are 0".into()))
        } else {
            // A sum that overflows would make any odds look like 0.
            Probability::new(favour / total)
                .filter(|_| total.is_finite())
                .ok_or_else(|| not("its numbers are too large".into()))
        });
    }

    // "50/50", "60-40": a split of 100 between yes and no, i.e. the odds 60:40. Read as a
    // fraction, "50/50" would be a certainty, which nobody who writes it means.
    let split = pair(&folded, "/").or_else(|| pair(&folded, "-"));
    if let Some((yes, _)) = split.filter(|&(yes, no)| is_split(yes, no)) {
        // `abs` turns the split "-0/100" into +0, which prints as "0" rather than "-0".
        let value = (yes / 100.0).abs();
        return Some(Ok(
            Probability::new(value).expect("a split of 100 lies in 0..=1")
        ));
    }

    let frequency = pair(&folded, " in ").or_else(|| pair(&folded, "/"));
    if let Some((count, out_of)) = frequency {
        return Some(if count < 0.0 || out_of < 0.0 {
            Err(not("its numbers cannot be negative".into()))
        } else if out_of == 0.0 {
            Err(not("the second number is 0".into()))
        } else if count > out_of {
            Err(not("it is above 1".into()))
        } else {
            Probability::new(count / out_of)
                .filter(|_| out_of.is_finite())
                .ok_or_else(|| not("its numbers are too large".into()))
        });
    }

    let value = decimal(&folded, 0)?;
    Some(if value < 0.0 {
        Err(not("it is below 0".into()))
    } else {
        // `-0` is a fine zero, but stored as such it would print as "-0".
        Probability::new(value.abs()).ok_or_else(|| {
            // Augur-style tools read 1.5 as 1.5%; we refuse, but show how to say that.
            not(if value <= 100.0 {
                format!("it is above 1 (probabilities run from 0 to 1; write {trimmed}% for {trimmed} percent)")
            } else {
                "it is above 1 (probabilities run from 0 to 1, or 0% to 100%)".into()
            })
        })
    })
}

/// A plain decimal (`55`, `12.5`, `-3`) as written in a scale file, unscaled.
pub(super) fn plain_decimal(text: &str) -> Option<f64> {
    decimal(text, 0)
}

/// Two decimals around `separator`, as in `3:1` or `1 in 4`.
fn pair(text: &str, separator: &str) -> Option<(f64, f64)> {
    let (left, right) = text.split_once(separator)?;
    Some((decimal(left.trim(), 0)?, decimal(right.trim(), 0)?))
}

/// A plain decimal (`70`, `0.7`, `.7`, `-3`) times 10^`shift`. Only digits, one point and a
/// minus are let through: Rust's float parser would also take `nan`, `inf` and exponents,
/// which nobody means as a probability.
fn decimal(text: &str, shift: i32) -> Option<f64> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    // Moving the point in the text rounds once, so 0.007% is exactly the f64 nearest 0.00007;
    // dividing a parsed 0.007 by 100 rounds twice and misses it by one step.
    format!("{text}e{shift}").parse().ok()
}

/// Two whole numbers that add up to 100, as in "50/50" or "70-30".
fn is_split(yes: f64, no: f64) -> bool {
    yes >= 0.0 && no >= 0.0 && yes.fract() == 0.0 && no.fract() == 0.0 && yes + no == 100.0
}

/// Nouns that make a number near them in running text a probability: "odds of one in four" is
/// a probability, "one in four Russians" a share.
const CHANCE_NOUNS: &[&str] = &[
    "chance",
    "chances",
    "probability",
    "probabilities",
    "likelihood",
    "odds",
];

/// Words that make the number right before them a probability ("70% likely", "80 percent
/// sure", "a 10% risk") but not a number further off: in "GDP will likely fall 10 percent" the
/// 10 percent is a fall, not a chance.
const CHANCE_AFTER: &[&str] = &[
    "likely",
    "probable",
    "sure",
    "certain",
    "confident",
    "risk",
    "against",
];

/// Words that may stand around a number that is the whole confidence ("about 10 percent",
/// "I'd say a third") without making it anything but a probability.
const FILLERS: &[&str] = &[
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "nearly",
    "almost",
    "just",
    "only",
    "maybe",
    "perhaps",
    "a",
    "an",
    "the",
    "at",
    "of",
    "over",
    "under",
    "more",
    "less",
    "than",
    "i",
    "i'd",
    "we",
    "say",
    "put",
    "give",
    "it",
    "is",
];

/// How far a chance noun may stand from the number it qualifies: "I put the chance at about 10
/// percent" has it four words back; "a one-in-ten chance" right after.
const CONTEXT_BEFORE: usize = 8;
const CONTEXT_AFTER: usize = 3;

/// Counts this large are years ("from 2022 to 2024", "2022 in 2023"), not chances.
const YEARS: f64 = 1000.0;

/// What a number form is, for how much context it needs to count as a probability.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    /// Percentages, frequencies, fractions, splits: a chance word near them will do.
    Share,
    /// "3 to 1": only odds talk ("odds", "chance", "against") makes it odds, since "from 3 to
    /// 5" is a span.
    Odds,
}

/// The probability an explicit number in `tokens` gives, if any: `None` when no number is shaped
/// and placed like a probability, an error when one is out of range or when the text gives
/// several different ones. `text` is the original, for messages.
pub(super) fn in_text(text: &str, tokens: &[Token]) -> Option<Result<Probability>> {
    let mut found: Vec<Probability> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match reading_at(tokens, i) {
            Some((value, end, form)) if placed_as_probability(tokens, i, end, form) => {
                match Probability::new(value) {
                    Some(probability) if !found.contains(&probability) => found.push(probability),
                    Some(_) => {}
                    None => {
                        return Some(Err(anyhow!(
                            "{} is not a probability: its number is above 100%",
                            quoted(text)
                        )))
                    }
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    match found.as_slice() {
        [] => None,
        [one] => Some(Ok(*one)),
        several => {
            let listed: Vec<String> = several.iter().map(|p| p.to_string()).collect();
            Some(Err(anyhow!(
                "{} gives several probabilities ({}); give one",
                quoted(text),
                listed.join(", ")
            )))
        }
    }
}

/// The number form starting at token `i` as a fraction of 1 (above 1 for "150 percent"), the
/// index after it, and its kind. Longer forms are tried first, so "10 to 20 percent" is a range
/// of percentages, not the odds 10 to 20.
fn reading_at(tokens: &[Token], i: usize) -> Option<(f64, usize, Form)> {
    let start = if tokens[i].is_word("between") {
        i + 1
    } else {
        i
    };
    let (first, after_first) = quantity(tokens, start)?;
    let separator = tokens.get(after_first);
    let second = || quantity(tokens, after_first + 1);

    // A range of percentages reads as its midpoint, as a scale's term does.
    let joins_range = separator.is_some_and(|t| {
        t.is_word("to") || t.is_word("and") || t.is_word("or") || *t == Token::Symbol('-')
    });
    if let Some((last, after_last)) = second().filter(|_| joins_range) {
        if let Some(end) = percent_sign(tokens, after_last).filter(|_| first <= last) {
            return Some(((first + last) / 2.0 / 100.0, end, Form::Share));
        }
    }
    if let Some(end) = percent_sign(tokens, after_first) {
        // Moving the point in the text rounds once: 12.5% is exactly the f64 nearest 0.125.
        let value = format!("{first}e-2").parse().unwrap_or(first / 100.0);
        return Some((value, end, Form::Share));
    }
    if matches!(separator, Some(Token::Symbol('/' | '-'))) {
        if let Some((_, end)) = second().filter(|&(no, _)| is_split(first, no)) {
            return Some((first / 100.0, end, Form::Share));
        }
    }
    if matches!(separator, Some(Token::Symbol(':'))) || separator.is_some_and(|t| t.is_word("to")) {
        let (other, mut end) = second()?;
        let total = first + other;
        if total == 0.0 || first >= YEARS || other >= YEARS {
            return None;
        }
        // Odds are read in favour, as fledger reads 3:1, unless the text says "against".
        let mut against = clause_before(tokens, i).any(|t| t.is_word("against"));
        if tokens.get(end).is_some_and(|t| t.is_word("against")) {
            against = true;
            end += 1;
        }
        return Some((if against { other } else { first } / total, end, Form::Odds));
    }
    if matches!(separator, Some(Token::Symbol('/'))) {
        let (out_of, end) = second()?;
        return (out_of > 0.0 && first <= out_of).then_some((first / out_of, end, Form::Share));
    }

    // "1 in 4", "one chance in four", "1 out of 4", "one in a million".
    let mut at = after_first;
    if tokens
        .get(at)
        .is_some_and(|t| t.is_word("chance") || t.is_word("chances"))
    {
        at += 1;
    }
    let out_of_at = if tokens.get(at).is_some_and(|t| t.is_word("in")) {
        Some(at + 1)
    } else if tokens.get(at).is_some_and(|t| t.is_word("out"))
        && tokens.get(at + 1).is_some_and(|t| t.is_word("of"))
    {
        Some(at + 2)
    } else {
        None
    };
    if let Some((out_of, end)) = out_of_at.and_then(|at| quantity(tokens, at)) {
        return (out_of > 0.0 && first <= out_of && first < YEARS).then_some((
            first / out_of,
            end,
            Form::Share,
        ));
    }

    // A fraction said in words ("a third", "half"), or a decimal next to a chance noun ("a
    // probability of 0.7", "0.7 probability"). A bare number word is not: "one chance" is not
    // a certainty.
    let last = &tokens[after_first - 1];
    let in_words = last.is_word("half") || denominator(Some(last)).is_some();
    let noun =
        |t: Option<&Token>| matches!(t, Some(Token::Word(w)) if CHANCE_NOUNS.contains(&w.as_str()));
    let linked = |t: Option<&Token>| {
        t.is_some_and(|t| t.is_word("of") || t.is_word("at") || t.is_word("is"))
    };
    let before = |back: usize| start.checked_sub(back).and_then(|at| tokens.get(at));
    let decimal = matches!(tokens[start], Token::Number(_))
        && (noun(tokens.get(after_first))
            || noun(before(1))
            || (linked(before(1)) && noun(before(2))));
    ((in_words || decimal) && first <= 1.0).then_some((first, after_first, Form::Share))
}

/// The index after a percent sign at `i`: `%`, "percent" or "per cent".
fn percent_sign(tokens: &[Token], i: usize) -> Option<usize> {
    match tokens.get(i)? {
        Token::Symbol('%') => Some(i + 1),
        t if t.is_word("percent") => Some(i + 1),
        t if t.is_word("per") && tokens.get(i + 1).is_some_and(|t| t.is_word("cent")) => {
            Some(i + 2)
        }
        _ => None,
    }
}

/// A quantity starting at token `i`: digits; number words up to ninety-nine ("twenty five");
/// either times "hundred", "thousand" or "million" ("a hundred", "one in a million"); or a
/// fraction in words ("half", "a third", "two thirds"). Returns it and the index after it.
fn quantity(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let (value, at) = match tokens.get(i)? {
        Token::Number(value) => (*value, i + 1),
        Token::Word(word) if word == "a" || word == "an" => {
            if let Some((fraction, false)) = denominator(tokens.get(i + 1)) {
                return Some((fraction, i + 2));
            }
            // "a" counts only before "hundred", "thousand" or "million".
            let scale = multiplier(tokens.get(i + 1))?;
            return Some((scale, i + 2));
        }
        Token::Word(word) if word == "half" => return Some((0.5, i + 1)),
        Token::Word(word) => {
            let value = number_word(word)?;
            let unit = tokens.get(i + 1).and_then(|t| match t {
                Token::Word(unit) if value >= 20.0 => number_word(unit).filter(|u| *u < 10.0),
                _ => None,
            });
            match unit {
                Some(unit) => (value + unit, i + 2),
                None => (value, i + 1),
            }
        }
        Token::Symbol(_) => return None,
    };
    if let Some(scale) = multiplier(tokens.get(at)) {
        return Some((value * scale, at + 1));
    }
    match denominator(tokens.get(at)) {
        // "one third", "two thirds": the plural after more than one, the singular after one.
        Some((fraction, plural)) if plural == (value > 1.0) => Some((value * fraction, at + 1)),
        Some(_) => None,
        None => Some((value, at)),
    }
}

fn multiplier(token: Option<&Token>) -> Option<f64> {
    match token? {
        Token::Word(w) if w == "hundred" => Some(100.0),
        Token::Word(w) if w == "thousand" => Some(1000.0),
        Token::Word(w) if w == "million" => Some(1e6),
        _ => None,
    }
}

/// The fraction a denominator word names, and whether it is plural: "thirds" is (1/3, true).
fn denominator(token: Option<&Token>) -> Option<(f64, bool)> {
    let Some(Token::Word(word)) = token else {
        return None;
    };
    let singular = word.strip_suffix('s').unwrap_or(word);
    let parts = match singular {
        "half" => 2.0,
        "third" => 3.0,
        "quarter" | "fourth" => 4.0,
        "fifth" => 5.0,
        "tenth" => 10.0,
        _ => return None,
    };
    Some((1.0 / parts, singular.len() < word.len()))
}

/// "zero" to "nineteen" and the tens to "ninety", as numbers.
pub(crate) fn number_word(word: &str) -> Option<f64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = UNITS.iter().position(|w| *w == word) {
        return Some(n as f64);
    }
    let n = TENS.iter().position(|w| *w == word)?;
    Some((n as f64 + 2.0) * 10.0)
}

/// Whether the number form at `start..end` is a probability: a chance noun stands near it in
/// the same clause, a chance adjective right after it, or nothing but filler words around it.
fn placed_as_probability(tokens: &[Token], start: usize, end: usize, form: Form) -> bool {
    let nouns: &[&str] = match form {
        Form::Share => CHANCE_NOUNS,
        Form::Odds => &["odds", "chance", "chances", "against"],
    };
    let near = |t: &Token| matches!(t, Token::Word(w) if nouns.contains(&w.as_str()));
    let after = tokens[end..].iter().take_while(|t| !t.ends_clause());
    let right_after =
        matches!(tokens.get(end), Some(Token::Word(w)) if CHANCE_AFTER.contains(&w.as_str()));
    if clause_before(tokens, start).take(CONTEXT_BEFORE).any(near)
        || after.take(CONTEXT_AFTER).any(near)
        || (form == Form::Share && right_after)
    {
        return true;
    }
    tokens[..start]
        .iter()
        .chain(&tokens[end..])
        .all(|t| match t {
            Token::Word(w) => FILLERS.contains(&w.as_str()),
            Token::Symbol(_) => true,
            Token::Number(_) => false,
        })
}

/// The tokens before `i` back to the start of its clause, nearest first.
fn clause_before(tokens: &[Token], i: usize) -> impl Iterator<Item = &Token> {
    tokens[..i].iter().rev().take_while(|t| !t.ends_clause())
}
