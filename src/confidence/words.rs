//! Text as the readers see it: folded the way people's spelling varies, then cut into tokens.

use crate::text::fold_whitespace;

/// Lowercase, straight quotes, one space between words, and a hyphen or dash between two words
/// made a space ("toss-up" is "toss up"); a dash between digits stays a hyphen ("10–20%").
/// Word processors curl the quotes people paste, and writers hyphenate idioms at will.
pub fn fold(text: &str) -> String {
    let straight: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    let chars: Vec<char> = straight.chars().collect();
    let joined: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_letters = i > 0
                && chars[i - 1].is_alphabetic()
                && chars.get(i + 1).is_some_and(|next| next.is_alphabetic());
            if c == '-' && between_letters {
                ' '
            } else {
                c
            }
        })
        .collect();
    fold_whitespace(&joined)
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    Word(String),
    Number(f64),
    /// Punctuation that carries meaning: `%`, `:`, `/`, `-` between digits, and the marks that
    /// end a clause (`.`, `,`, `;`, `!`, `?`, `(`, `)`, `"`).
    Symbol(char),
}

impl Token {
    pub(super) fn is_word(&self, word: &str) -> bool {
        matches!(self, Token::Word(w) if w == word)
    }

    /// A mark that ends a sentence or clause: words on either side are not read together.
    pub(super) fn ends_clause(&self) -> bool {
        matches!(self, Token::Symbol('.' | ';' | '!' | '?' | '(' | ')' | '"'))
    }
}

/// The tokens of `text` after [`fold`]. Contractions are spelled out ("isn't" is "is not",
/// "won't" is "will not"), so a negation reads the same however it was typed.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = fold(text).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next_is_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_alphabetic() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphabetic()
                    || (chars[i] == '\'' && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())))
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            out.extend(spelled_out(&word).into_iter().map(Token::Word));
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && next_is_digit) {
            let (value, end) = number(&chars, i);
            out.push(Token::Number(value));
            i = end;
            continue;
        }
        // An ellipsis in a quotation marks words left out, not the end of a sentence:
        // "believe … it will" reads across it.
        if c == '\u{2026}' || (c == '.' && chars.get(i + 1) == Some(&'.')) {
            while i < chars.len() && matches!(chars[i], '.' | '\u{2026}') {
                i += 1;
            }
            continue;
        }
        match c {
            '-' if matches!(out.last(), Some(Token::Number(_))) && next_is_digit => {
                out.push(Token::Symbol('-'))
            }
            '%' | ':' | '/' | '.' | ',' | ';' | '!' | '?' | '(' | ')' | '"' => {
                out.push(Token::Symbol(c))
            }
            // "~10%" is "about 10%".
            '~' => out.push(Token::Word("about".into())),
            _ => {}
        }
        i += 1;
    }
    out
}

/// Reads the number starting at `start`: digits with optional thousands commas ("1,000") and
/// one decimal point. Returns its value and the index after it.
fn number(chars: &[char], start: usize) -> (f64, usize) {
    let mut text = String::new();
    let mut i = start;
    let digits_at = |i: usize, n: usize| {
        (i..i + n).all(|j| chars.get(j).is_some_and(char::is_ascii_digit))
            && !chars.get(i + n).is_some_and(char::is_ascii_digit)
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            text.push(c);
        } else if c == ',' && !text.contains('.') && digits_at(i + 1, 3) {
            // A thousands separator: "1,000" but not the list "70,80".
        } else if c == '.'
            && !text.contains('.')
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        {
            text.push(c);
        } else {
            break;
        }
        i += 1;
    }
    // Only digits and at most one point were collected, so this always parses.
    (text.parse().unwrap_or(f64::NAN), i)
}

/// A word as its parts: contractions of "not" and of "is" spelled out.
fn spelled_out(word: &str) -> Vec<String> {
    let pair = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
    match word {
        "won't" => pair("will", "not"),
        "can't" | "cannot" => pair("can", "not"),
        "shan't" => pair("shall", "not"),
        "it's" | "that's" | "there's" | "what's" => pair(word.trim_end_matches("'s"), "is"),
        _ => match word.strip_suffix("n't") {
            Some(stem) if !stem.is_empty() => pair(stem, "not"),
            _ => vec![word.to_string()],
        },
    }
}
