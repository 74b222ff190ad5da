//! Finding a quote in a source's archived text, as a reader would: ignoring differences of
//! spacing, curly against straight quotes, and kinds of dash, which copying from a web page or
//! PDF changes without changing the words.

/// The form two texts are compared in. Returns the folded characters and, for each, the
/// character offset in `text` it came from.
fn fold(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut folded = Vec::new();
    let mut origin = Vec::new();
    let mut last_was_space = false;
    for (offset, c) in text.chars().enumerate() {
        let replacement: &[char] = match c {
            c if c.is_whitespace() => {
                if last_was_space {
                    continue;
                }
                &[' ']
            }
            '‘' | '’' | '‚' | '′' | '`' => &['\''],
            '“' | '”' | '„' | '″' | '«' | '»' => &['"'],
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => &['-'],
            '…' => &['.', '.', '.'],
            _ => {
                folded.push(c);
                origin.push(offset);
                last_was_space = false;
                continue;
            }
        };
        last_was_space = replacement == [' '];
        for &r in replacement {
            folded.push(r);
            origin.push(offset);
        }
    }
    (folded, origin)
}

/// Where `quote` occurs in `text`: the character offset of its first character and the number
/// of characters it spans there, or `None` when the text does not contain it.
pub fn locate(text: &str, quote: &str) -> Option<(usize, usize)> {
    let (needle, _) = fold(quote.trim());
    if needle.is_empty() {
        return None;
    }
    let (haystack, origin) = fold(text);
    let start = haystack
        .windows(needle.len())
        .position(|w| w == needle.as_slice())?;
    let first = origin[start];
    let last = origin[start + needle.len() - 1];
    Some((first, last + 1 - first))
}

/// The sentence (or sentences) of `text` that hold `quote`, with the quote marked «like this»,
/// so a reader sees what the author said around it. `None` when the text does not hold it.
pub fn in_context(text: &str, quote: &str) -> Option<String> {
    let (offset, len) = locate(text, quote)?;
    let end = offset + len;
    let sentences = crate::text::sentences::located(text);
    let covering: Vec<(usize, usize)> = sentences
        .iter()
        .map(|(start, sentence)| (*start, start + sentence.chars().count()))
        .filter(|(start, stop)| *start < end && offset < *stop)
        .collect();
    let (first, last) = match (covering.first(), covering.last()) {
        (Some(first), Some(last)) => (first.0.min(offset), last.1.max(end)),
        _ => (offset, end),
    };
    let piece =
        |from: usize, to: usize| text.chars().skip(from).take(to - from).collect::<String>();
    let marked = format!(
        "{}«{}»{}",
        piece(first, offset),
        piece(offset, end),
        piece(end, last)
    );
    Some(crate::text::fold_whitespace(&marked))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Hence, the Kremlin has now two main options.\nThe destabilization of Ukraine would most probably involve the formal recognition of the breakaway “republics” in Donbass – or not.";

    fn span(offset: usize, len: usize) -> String {
        TEXT.chars().skip(offset).take(len).collect()
    }

    #[test]
    fn an_exact_quote_is_found_at_its_character_offset() {
        let (offset, len) = locate(TEXT, "would most probably involve").unwrap();
        assert_eq!(span(offset, len), "would most probably involve");
        assert_eq!(
            offset,
            TEXT.find("would")
                .map(|b| TEXT[..b].chars().count())
                .unwrap()
        );
    }

    #[test]
    fn quotes_dashes_and_spacing_are_folded() {
        let quote = "the breakaway \"republics\" in  Donbass - or not";
        let (offset, len) = locate(TEXT, quote).unwrap();
        assert_eq!(
            span(offset, len),
            "the breakaway “republics” in Donbass – or not"
        );
        let across_lines = "two main options. The destabilization";
        assert_eq!(span(locate(TEXT, across_lines).unwrap().0, 3), "two");
    }

    #[test]
    fn words_that_are_not_there_are_not_found() {
        assert_eq!(locate(TEXT, "would certainly involve"), None);
        assert_eq!(locate(TEXT, "   "), None);
        // Case matters: a quote is verbatim.
        assert_eq!(locate(TEXT, "hence, the kremlin"), None);
    }

    #[test]
    fn a_quote_is_shown_in_its_sentence() {
        assert_eq!(
            in_context(TEXT, "most probably involve").as_deref(),
            Some("The destabilization of Ukraine would «most probably involve» the formal recognition of the breakaway “republics” in Donbass – or not.")
        );
        assert_eq!(in_context(TEXT, "not in this text"), None);
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "Ça va: “vite” — très vite.";
        let (offset, len) = locate(text, "\"vite\" - très").unwrap();
        assert_eq!(
            text.chars().skip(offset).take(len).collect::<String>(),
            "“vite” — très"
        );
        assert_eq!(offset, 7);
    }
}
