//! Pure text helpers that storage, extraction and quote checks share: folding, finding a quote
//! and its context, splitting sentences.

pub mod quote;
pub mod sentences;

/// Statements that differ only in spacing are the same question.
pub fn fold_whitespace(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_folds() {
        assert_eq!(
            fold_whitespace("  Russia\tinvades \n Ukraine "),
            "Russia invades Ukraine"
        );
    }
}
