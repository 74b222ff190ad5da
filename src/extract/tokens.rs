//! The words and punctuation of one sentence, which every later rule walks over.

use super::sentences::marker_len;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Punct,
}

#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    pub text: &'a str,
    /// Byte offset in the sentence.
    pub start: usize,
    pub kind: Kind,
    /// Lower case with straight apostrophes, as phrase lists are written.
    pub lower: String,
    /// How many parentheses are open here: a reporting verb inside `( … )` does not speak for
    /// what follows the closing parenthesis.
    pub depth: u32,
}

impl Token<'_> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is(&self, text: &str) -> bool {
        self.lower == text
    }

    pub fn capitalised(&self) -> bool {
        self.is_word() && self.text.starts_with(char::is_uppercase)
    }
}

/// Characters that may sit inside a word when letters or digits follow them: `Russia's`,
/// `U.S`, `12.5`, `12,500`, `3:1`, `1/4`, `50-50`, `70-percent`, `Tu-95`. A hyphen between
/// two letters parts words instead (`toss-up` is `toss up`), as the confidence module folds
/// phrases, since writers hyphenate idioms at will.
fn joins(c: char, previous: char, next: char) -> bool {
    match c {
        '\'' | '’' | '.' => next.is_alphanumeric(),
        '-' => next.is_alphanumeric() && (previous.is_ascii_digit() || next.is_ascii_digit()),
        ',' | ':' | '/' => previous.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

/// A hyphen between two letters, which parts two words and is no token of its own.
fn parts_words(chars: &[(usize, char)], i: usize) -> bool {
    chars[i].1 == '-'
        && i > 0
        && chars[i - 1].1.is_alphabetic()
        && chars.get(i + 1).is_some_and(|p| p.1.is_alphabetic())
}

/// Splits a sentence into words and single-character punctuation. Footnote markers (`[25]`)
/// are dropped: they belong to no clause and would break phrases they interrupt.
pub(super) fn tokenize(sentence: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    let mut tokens = Vec::new();
    let mut depth = 0u32;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() || parts_words(&chars, i) {
            i += 1;
        } else if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let next = chars.get(j + 1).map_or(' ', |p| p.1);
                if d.is_alphanumeric() || joins(d, chars[j - 1].1, next) {
                    j += 1;
                } else {
                    break;
                }
            }
            let mut end = chars.get(j).map_or(sentence.len(), |p| p.0);
            // The closing full stop of an initialism belongs to it: `U.S.`
            let word = &sentence[at..end];
            if sentence[end..].starts_with('.')
                && word.contains('.')
                && word.split('.').all(|part| part.chars().count() == 1)
            {
                end += 1;
                j += 1;
            }
            let text = &sentence[at..end];
            tokens.push(Token {
                text,
                start: at,
                kind: Kind::Word,
                lower: text.to_lowercase().replace('’', "'"),
                depth,
            });
            i = j;
        } else if let Some(len) = (c == '[').then(|| marker_len(&sentence[at..])).flatten() {
            while i < chars.len() && chars[i].0 < at + len {
                i += 1;
            }
        } else {
            let text = &sentence[at..at + c.len_utf8()];
            if c == ')' {
                depth = depth.saturating_sub(1);
            }
            tokens.push(Token {
                text,
                start: at,
                kind: Kind::Punct,
                lower: text.to_string(),
                depth,
            });
            if c == '(' {
                depth += 1;
            }
            i += 1;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_apostrophes_hyphens_initialisms_and_numbers() {
        let sentence =
            "U.S. lawmakers’ pro-West view (12.5 percent, 3:1 odds),[23] Russia's 50-50.";
        let words: Vec<&str> = tokenize(sentence).iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "U.S.",
                "lawmakers",
                "’",
                "pro",
                "West",
                "view",
                "(",
                "12.5",
                "percent",
                ",",
                "3:1",
                "odds",
                ")",
                ",",
                "Russia's",
                "50-50",
                "."
            ]
        );
    }

    #[test]
    fn parentheses_set_the_depth_and_lower_case_has_straight_apostrophes() {
        let tokens = tokenize("A (b (c) d) e’s");
        let depths: Vec<(&str, u32)> = tokens.iter().map(|t| (t.text, t.depth)).collect();
        assert_eq!(
            depths,
            [
                ("A", 0),
                ("(", 0),
                ("b", 1),
                ("(", 1),
                ("c", 2),
                (")", 1),
                ("d", 1),
                (")", 0),
                ("e’s", 0)
            ]
        );
        assert_eq!(tokens[8].lower, "e's");
    }
}
