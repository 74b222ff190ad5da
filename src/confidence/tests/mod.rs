//! Tests of the confidence module, by subject. Helpers shared by them are here.

mod files;
mod numbers;
mod phrases;
mod props;
mod scales;

use super::*;

fn icd203() -> &'static Scale {
    scale(DEFAULT_SCALE).unwrap()
}

/// `parse_probability(text)`, which must succeed.
fn value(text: &str) -> f64 {
    match parse_probability(text) {
        Ok(probability) => probability.value(),
        Err(error) => panic!("{text:?} should parse, got: {error}"),
    }
}

/// The message `parse_probability(text)` fails with.
fn error(text: &str) -> String {
    match parse_probability(text) {
        Ok(probability) => panic!("{text:?} should be rejected, got {probability}"),
        Err(error) => error.to_string(),
    }
}

/// `parse_confidence(text, scale)`, which must succeed.
fn read(text: &str, scale: &Scale) -> Confidence {
    match parse_confidence(text, scale) {
        Ok(confidence) => confidence,
        Err(error) => panic!("{text:?} should be read on {}, got: {error}", scale.name),
    }
}

/// The message `parse_confidence(text, scale)` fails with.
fn refusal(text: &str, scale: &Scale) -> String {
    match parse_confidence(text, scale) {
        Ok(confidence) => panic!(
            "{text:?} should be refused on {}, got {confidence:?}",
            scale.name
        ),
        Err(error) => error.to_string(),
    }
}

fn assert_mentions(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(
            message.contains(part),
            "{message:?} should mention {part:?}"
        );
    }
    assert!(!message.contains('\n'), "{message:?} should be one line");
}
