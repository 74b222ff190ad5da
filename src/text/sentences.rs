//! Splitting analysis prose into sentences.
//!
//! The texts people log forecasts from are pasted web pages: paragraphs on single lines,
//! headings without full stops, footnote markers after the stop (`.[25]`, `.” [iii]`),
//! abbreviations and initials (`U.S.`, `Dr.`, `Antony J. Blinken`), reference lists and blog
//! furniture at the end. The rules, in order:
//! - A blank line always ends a sentence. A single line break does too, unless the line is
//!   visibly cut mid-sentence (it ends in `,` `;` `(` or a dash, or it is prose-length and
//!   ends in a lower-case word, or the next line starts in lower case): hard-wrapped text
//!   joins up, headings stay on their own.
//! - Inside a line, `.` `!` `?` `…` end a sentence when they are followed (after closing quotes,
//!   brackets and footnote markers) by white space and then something that can start one: a
//!   capital, a digit, an opening quote or bracket. A lower-case word never starts one, which
//!   settles `e.g. the`, `approx. five` and most abbreviations at once.
//! - A full stop does not end a sentence after a title (`Dr.`, `Gen.`), a single capital
//!   (an initial), `No.`/a month before a number, or an initialism (`U.S.`) unless the next
//!   word is one that typically opens a sentence (`The`, `However`, …).
//! - Reference lists (`[12] Interfax.ru/…`), lines beginning `*` (author notes), `(Source: …)`
//!   credits, comment-form and sharing furniture are skipped, and so is everything after an
//!   `About <Name>` or `Notes`/`References` heading: none of it is the author's analysis.

/// One sentence: byte range in the text and the paragraph it belongs to (quotations run on
/// across the sentences of one paragraph, never further).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

/// The sentences of `text` in order, each as its byte range (trimmed) and paragraph number.
pub fn split(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut paragraph = 0;
    for block in blocks(text) {
        let mut any = false;
        for (start, end) in split_block(text, block.0, block.1) {
            spans.push(Span {
                start,
                end,
                paragraph,
            });
            any = true;
        }
        if any {
            paragraph += 1;
        }
    }
    spans
}

/// Byte ranges of the text's blocks: runs of lines that belong together (a paragraph, a
/// hard-wrapped paragraph, a heading), with skipped lines and back matter left out.
fn blocks(text: &str) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        lines.push((at, at + content.len()));
        at += line.len();
    }

    let mut blocks: Vec<(usize, usize)> = Vec::new();
    // Whether the previous line may run on into this one.
    let mut open = false;
    for &(start, end) in &lines {
        let line = text[start..end].trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        if starts_back_matter(line) {
            break;
        }
        if is_furniture(line) {
            open = false;
            continue;
        }
        let previous = blocks.last().map_or("", |&(s, e)| text[s..e].trim_end());
        let previous_line = previous.rsplit('\n').next().unwrap_or("").trim();
        let runs_on = open && (starts_lower_case(line) || cut_mid_sentence(previous_line));
        match blocks.last_mut() {
            Some(last) if runs_on => last.1 = end,
            _ => blocks.push((start, end)),
        }
        open = true;
    }
    blocks
}

/// A line that stops where no sentence or heading would: after a comma or a dash, or a
/// prose-length line (headings are short) ending in a lower-case word.
fn cut_mid_sentence(line: &str) -> bool {
    line.ends_with([',', ';', '(', '–', '—', '-'])
        || (line.chars().count() >= 50 && line.ends_with(char::is_lowercase))
}

fn starts_lower_case(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

/// A heading after which nothing is the author's analysis: the author's biography (`About
/// Ali Tuygan`) and the notes, followed on blogs by comment forms and share buttons.
fn starts_back_matter(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let about_someone = words.len() >= 2
        && words.len() <= 5
        && words[0] == "About"
        && words[1..].iter().all(capitalised)
        && !line.ends_with(['.', '?', '!']);
    let notes = matches!(
        line.trim_end_matches(':').to_lowercase().as_str(),
        "notes" | "endnotes" | "footnotes" | "references" | "sources" | "bibliography"
    );
    about_someone || notes
}

/// Lines that are page furniture rather than prose: reference lists, author notes, image
/// credits, comment forms and sharing prompts.
fn is_furniture(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix('[') {
        if let Some(close) = rest.find(']') {
            if is_marker_label(&rest[..close]) {
                return true;
            }
        }
    }
    const PREFIXES: &[&str] = &[
        "*",
        "(Source:",
        "(Photo",
        "(Image",
        "Source:",
        "This entry was posted",
        "Posted in ",
        "Tags:",
        "Bookmark the permalink",
        "Leave a Reply",
        "Leave a comment",
        "Fill in your details",
        "You are commenting using",
        "Connecting to %s",
        "Share this:",
        "Like this:",
        "Click to share",
        "Subscribe",
        "Copyright",
        "©",
    ];
    PREFIXES.iter().any(|prefix| line.starts_with(prefix))
        || line.ends_with("Log Out /  Change )")
        || line.ends_with("Log Out / Change )")
}

/// The inside of a footnote marker: `25` or a lower-case roman numeral `iii`.
pub fn is_marker_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 6
        && (label.bytes().all(|b| b.is_ascii_digit())
            || label.bytes().all(|b| b"ivxlcdm".contains(&b)))
}

/// Length in bytes of a footnote marker (`[25]`, `[iii]`) at the start of `rest`, if any.
pub fn marker_len(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('[')?;
    let close = inner.find(']')?;
    is_marker_label(&inner[..close]).then_some(close + 2)
}

const TERMINALS: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']'];
const OPENERS: &[char] = &['"', '“', '‘', '\'', '(', '['];

/// Sentence ranges inside one block, trimmed, without empty ones or ones with no word.
fn split_block(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let block = &text[start..end];
    let mut out = Vec::new();
    let mut begin = 0;
    let mut chars = block.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !TERMINALS.contains(&c) {
            continue;
        }
        // Take the whole run of terminals ("?!", "..."), then closing quotes and markers.
        let mut stop = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if TERMINALS.contains(&next) || CLOSERS.contains(&next) {
                stop = j + next.len_utf8();
                chars.next();
            } else if next == '[' {
                match marker_len(&block[j..]) {
                    Some(len) => {
                        stop = j + len;
                        while chars.peek().is_some_and(|&(k, _)| k < stop) {
                            chars.next();
                        }
                    }
                    None => break,
                }
            } else {
                break;
            }
        }
        // A marker may also follow after one space: `…” [ii]`.
        let mut rest = &block[stop..];
        if let Some(after_space) = rest.strip_prefix(' ') {
            if let Some(len) = marker_len(after_space) {
                stop += 1 + len;
                rest = &block[stop..];
                while chars.peek().is_some_and(|&(k, _)| k < stop) {
                    chars.next();
                }
            }
        }
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let next_word = rest.trim_start();
        let starts_sentence = next_word.is_empty()
            || next_word
                .chars()
                .next()
                .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || OPENERS.contains(&n));
        if !starts_sentence {
            continue;
        }
        let so_far = &block[begin..i];
        if !so_far.chars().any(char::is_alphanumeric) {
            continue;
        }
        if c == '.' && !ends_sentence_after(so_far, next_word) {
            continue;
        }
        out.push((begin, stop));
        begin = stop;
    }
    out.push((begin, block.len()));
    out.into_iter()
        .flat_map(|(s, e)| bounded(block, s, e))
        .filter_map(|(s, e)| {
            let piece = &block[s..e];
            let trimmed = piece.trim();
            if !trimmed.chars().any(char::is_alphanumeric) {
                return None;
            }
            let lead = piece.len() - piece.trim_start().len();
            Some((start + s + lead, start + s + lead + trimmed.len()))
        })
        .collect()
}

/// The most bytes a sentence may hold before it is cut at a clause mark. Every rule that reads
/// a sentence looks back or forward within it, so an unbounded run-on text (a pasted page
/// with no full stops) would cost the square of its length; no written sentence is this long.
const MAX_SENTENCE: usize = 2000;

/// `s..e` of `block`, cut into pieces of at most [`MAX_SENTENCE`] bytes at the last `;`, `,`
/// or white space before the limit.
fn bounded(block: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = s;
    while e - from > MAX_SENTENCE {
        let mut limit = from + MAX_SENTENCE;
        while !block.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &block[from..limit];
        let cut = window
            .rfind([';', ','])
            .or_else(|| window.rfind(char::is_whitespace))
            .map_or(limit, |at| from + at + 1);
        out.push((from, cut));
        from = cut;
    }
    out.push((from, e));
    out
}

/// Titles written before a name: a full stop after them never ends a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "sen",
    "rep", "gov", "pres", "st", "mt", "rev", "hon", "amb", "maj", "fr",
];
/// Abbreviations that are followed by more of the same sentence.
const MID_SENTENCE: &[&str] = &[
    "e.g", "i.e", "cf", "vs", "approx", "ca", "viz", "al", "fig", "pp", "vol",
];
/// Abbreviations before a number: `No. 355`, `Jan. 13`.
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "p", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "art", "sec", "para",
];
/// Capitalised words that usually open a sentence: after an initialism (`U.S.`) or `etc.`
/// they show the full stop ended one.
const OPENING_WORDS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "Or",
    "However",
    "In",
    "On",
    "At",
    "As",
    "For",
    "A",
    "An",
    "If",
    "When",
    "While",
    "Yet",
    "So",
    "Thus",
    "Hence",
    "Moreover",
    "Meanwhile",
    "Still",
    "There",
    "What",
    "His",
    "Her",
    "Their",
    "Our",
    "One",
    "After",
    "Before",
    "Since",
    "Nevertheless",
    "Indeed",
    "Even",
    "Such",
    "Some",
    "Many",
    "Most",
    "No",
    "Not",
    "Now",
    "Then",
    "Why",
    "How",
    "Who",
];

/// Whether a full stop after `before` (the sentence so far) ends the sentence, given the
/// text that follows it.
fn ends_sentence_after(before: &str, next: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || OPENERS.contains(&c))
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let next_word: String = next
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect();
    let next_is_number = next.starts_with(|c: char| c.is_ascii_digit());
    let opens = OPENING_WORDS.contains(&next_word.as_str());

    if TITLES.contains(&lower.as_str()) || MID_SENTENCE.contains(&lower.as_str()) {
        return false;
    }
    if BEFORE_NUMBER.contains(&lower.as_str()) && next_is_number {
        return false;
    }
    let mut letters = word.chars();
    let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    if initial {
        return false;
    }
    // `U.S`, `a.m`, `e.u`: letters separated by full stops.
    let initialism = word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    if initialism
        || matches!(
            lower.as_str(),
            "etc" | "inc" | "ltd" | "co" | "corp" | "jr" | "sr"
        )
    {
        return opens || next_is_number || next.is_empty();
    }
    true
}

/// The sentences of `text` in order: each one's character offset and its text, trimmed.
/// Reference lists, author notes, credits and blog furniture are left out.
pub fn located(text: &str) -> Vec<(usize, &str)> {
    let chars = CharIndex::new(text);
    split(text)
        .into_iter()
        .map(|span| (chars.of(span.start), &text[span.start..span.end]))
        .collect()
}

/// Byte offsets to character offsets.
pub struct CharIndex {
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        CharIndex {
            starts: text.char_indices().map(|(at, _)| at).collect(),
        }
    }

    pub fn of(&self, byte: usize) -> usize {
        self.starts.partition_point(|&start| start < byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_on_text_is_cut_at_clause_marks() {
        let text = "prices may fall, ".repeat(1000);
        let spans = split(&text);
        assert!(spans.len() > 1);
        assert!(spans.iter().all(|s| s.end - s.start <= MAX_SENTENCE));
        assert!(spans
            .iter()
            .all(|s| text[s.start..s.end].ends_with(',') || s.end == text.trim_end().len()));
    }

    fn pieces(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end_sentences() {
        let text = "Russia sent to the U.S. and NATO a draft. Secretary Antony J. Blinken met Dr. Smith on Jan. 10 in Geneva. Support rose from 12.5 percent to 60 percent (i.e., a majority), see No. 355. The end.";
        assert_eq!(
            pieces(text),
            [
                "Russia sent to the U.S. and NATO a draft.",
                "Secretary Antony J. Blinken met Dr. Smith on Jan. 10 in Geneva.",
                "Support rose from 12.5 percent to 60 percent (i.e., a majority), see No. 355.",
                "The end.",
            ]
        );
    }

    #[test]
    fn an_initialism_ends_a_sentence_before_an_opening_word() {
        let text = "The talks moved to the U.S. The Kremlin objected. He met U.S. Senators.";
        assert_eq!(
            pieces(text),
            [
                "The talks moved to the U.S.",
                "The Kremlin objected.",
                "He met U.S. Senators."
            ]
        );
    }

    #[test]
    fn footnote_markers_and_closing_quotes_stay_with_their_sentence() {
        let text = "It was \"unsuccessful.\"[11] For Russia, it failed.[25] Zakharova said, “It would have consequences.” [iii] Then “Why?” he asked. Fine.";
        assert_eq!(
            pieces(text),
            [
                "It was \"unsuccessful.\"[11]",
                "For Russia, it failed.[25]",
                "Zakharova said, “It would have consequences.” [iii]",
                "Then “Why?” he asked.",
                "Fine."
            ]
        );
    }

    #[test]
    fn ellipses_split_quoted_sentences_but_not_a_leading_one() {
        let text = "“… At least 163 Republicans are running… The list includes 69 candidates…”[i]";
        assert_eq!(
            pieces(text),
            [
                "“… At least 163 Republicans are running…",
                "The list includes 69 candidates…”[i]"
            ]
        );
    }

    #[test]
    fn headings_stand_alone_and_wrapped_lines_join() {
        let text = "Conclusion\nRussia will most probably wait for the talks in Geneva and\nNATO too,\nand then\nwait.\n\nNext paragraph.";
        let spans = split(text);
        let got: Vec<(&str, usize)> = spans
            .iter()
            .map(|s| (&text[s.start..s.end], s.paragraph))
            .collect();
        assert_eq!(
            got,
            [
                ("Conclusion", 0),
                (
                    "Russia will most probably wait for the talks in Geneva and\nNATO too,\nand then\nwait.",
                    1
                ),
                ("Next paragraph.", 2)
            ]
        );
    }

    #[test]
    fn reference_lists_and_blog_furniture_are_skipped() {
        let text = "Body text here.\n(Source: Twitter)\n*Dr. X is an adviser\n[1] Interfax.ru/world/416087, December 29, 2004.\n[ii] Ibid.\nMore body.\n\nAbout Ali Tuygan\n\nHe retired in 2009.\nLeave a Reply";
        assert_eq!(pieces(text), ["Body text here.", "More body."]);
    }

    #[test]
    fn lower_case_after_a_stop_continues_the_sentence() {
        let text = "Costs rose approx. five times, e.g. in fuel. Then fell.";
        assert_eq!(
            pieces(text),
            ["Costs rose approx. five times, e.g. in fuel.", "Then fell."]
        );
    }
}
