use proptest::prelude::*;

use super::*;

fn icd203() -> &'static Scale {
    scale(DEFAULT_SCALE).unwrap()
}

fn value(text: &str) -> f64 {
    match parse_probability(text) {
        Ok(probability) => probability.value(),
        Err(error) => panic!("{text:?} should parse, got: {error}"),
    }
}

fn error(text: &str) -> String {
    match parse_probability(text) {
        Ok(probability) => panic!("{text:?} should be rejected, got {probability}"),
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

#[test]
fn decimals() {
    for (text, expected) in [
        ("0.7", 0.7),
        (".7", 0.7),
        ("0", 0.0),
        ("1", 1.0),
        ("1.0", 1.0),
        ("0.", 0.0),
        ("0.125", 0.125),
        ("  0.25\t", 0.25),
        ("0.000001", 0.000001),
    ] {
        assert_eq!(value(text), expected, "{text:?}");
    }
}

#[test]
fn negative_zero_is_stored_as_zero() {
    for text in ["-0", "-0.0", "-0%"] {
        let zero = value(text);
        assert_eq!(zero, 0.0);
        assert!(zero.is_sign_positive(), "{text:?} would print as -0");
    }
}

#[test]
fn percentages() {
    for (text, expected) in [
        ("70%", 0.7),
        ("70 %", 0.7),
        ("70 percent", 0.7),
        ("70 per cent", 0.7),
        ("70 PerCent", 0.7),
        ("70  per \t cent", 0.7),
        ("70percent", 0.7),
        ("12.5%", 0.125),
        (".5%", 0.005),
        ("0.007%", 0.00007),
        ("0%", 0.0),
        ("100%", 1.0),
        ("100.0%", 1.0),
    ] {
        assert_eq!(value(text), expected, "{text:?}");
    }
}

#[test]
fn odds_in_favour() {
    for (text, expected) in [
        ("3:1", 0.75),
        ("1:3", 0.25),
        ("1 : 1", 0.5),
        ("0:1", 0.0),
        ("1:0", 1.0),
        ("1.5:0.5", 0.75),
        ("2:1", 2.0 / 3.0),
    ] {
        assert_eq!(value(text), expected, "{text:?}");
    }
}

#[test]
fn frequencies_and_fractions() {
    for (text, expected) in [
        ("1 in 4", 0.25),
        ("1 IN 4", 0.25),
        ("1  in\t4", 0.25),
        ("2 in 3", 2.0 / 3.0),
        ("0 in 5", 0.0),
        ("3 in 3", 1.0),
        ("1/4", 0.25),
        ("1 / 3", 1.0 / 3.0),
        ("2.5 in 10", 0.25),
    ] {
        assert_eq!(value(text), expected, "{text:?}");
    }
}

#[test]
fn bare_numbers_above_one_suggest_a_percentage_but_are_never_read_as_one() {
    assert_eq!(
        error("1.5"),
        "'1.5' is not a probability: it is above 1 \
         (probabilities run from 0 to 1; write 1.5% for 1.5 percent)"
    );
    assert_mentions(
        &error("70"),
        &["'70'", "above 1", "write 70% for 70 percent"],
    );
    assert_mentions(&error(" 100.5 "), &["'100.5'", "above 1", "0% to 100%"]);
    let huge = error("150");
    assert_mentions(&huge, &["'150'", "above 1", "0% to 100%"]);
    assert!(
        !huge.contains("150%"),
        "150% is no probability either: {huge}"
    );
}

#[test]
fn out_of_range_numbers() {
    for (text, parts) in [
        ("-3%", &["'-3%'", "below 0%"][..]),
        ("-0.2", &["'-0.2'", "below 0"]),
        ("101%", &["'101%'", "above 100%"]),
        ("100.5 percent", &["'100.5 percent'", "above 100%"]),
        ("0:0", &["'0:0'", "both sides of the odds are 0"]),
        ("-1:3", &["'-1:3'", "negative"]),
        ("1:-3", &["'1:-3'", "negative"]),
        ("1 in 0", &["'1 in 0'", "second number is 0"]),
        ("0/0", &["'0/0'", "second number is 0"]),
        ("5 in 4", &["'5 in 4'", "above 1"]),
        ("5/4", &["'5/4'", "above 1"]),
        ("-1 in 4", &["'-1 in 4'", "negative"]),
    ] {
        assert_mentions(&error(text), parts);
    }
}

#[test]
fn numbers_too_large_for_f64() {
    let big = "9".repeat(400);
    assert_mentions(&error(&big), &[&big, "above 1"]);
    for text in [
        format!("1:{big}"),
        format!("{big}:1"),
        format!("{big}:{big}"),
        format!("1 in {big}"),
        format!("{big} in {big}"),
    ] {
        assert_mentions(&error(&text), &[&text, "too large"]);
    }
    // Finite sides whose sum overflows must not come out as 0.
    let max = format!("{}", f64::MAX);
    assert_mentions(&error(&format!("{max}:{max}")), &["too large"]);
}

#[test]
fn not_numbers() {
    for text in [
        "nan",
        "NaN",
        "inf",
        "-inf",
        "infinity",
        "1e-3",
        "0x1",
        "+0.7",
        "0,7",
        "0.7.1",
        "70%%",
        "3:1:1",
        "1 in 4 in 5",
        "seventy",
        "likely",
        ".",
        "-",
        "%",
        ":",
        "1 in",
        "in 4",
    ] {
        assert_mentions(
            &error(text),
            &[&format!(
                "'{text}' is not a probability: expected a number like 0.7"
            )],
        );
    }
}

#[test]
fn empty_text() {
    for text in ["", "   ", "\t\n"] {
        assert_eq!(error(text), "'' is not a probability: it is empty");
    }
}

#[test]
fn errors_stay_on_one_line() {
    let message = error("0.7\n0.8");
    assert_eq!(
        message,
        "'0.7\\n0.8' is not a probability: expected a number like 0.7, 70%, 3:1 or 1 in 4"
    );
}

/// Every ICD 203 phrase with the literal midpoint of its range.
const ICD203_PHRASES: &[(&str, f64)] = &[
    ("almost no chance", 0.03),
    ("remote", 0.03),
    ("very unlikely", 0.125),
    ("highly improbable", 0.125),
    ("highly improbably", 0.125),
    ("unlikely", 0.325),
    ("improbable", 0.325),
    ("improbably", 0.325),
    ("roughly even chance", 0.5),
    ("roughly even odds", 0.5),
    ("likely", 0.675),
    ("probable", 0.675),
    ("probably", 0.675),
    ("very likely", 0.875),
    ("highly probable", 0.875),
    ("very probably", 0.875),
    ("highly probably", 0.875),
    ("almost certain", 0.97),
    ("almost certainly", 0.97),
    ("nearly certain", 0.97),
    ("nearly certainly", 0.97),
];

#[test]
fn icd203_ranges_are_the_published_ones() {
    let ranges: Vec<(f64, f64)> = icd203().terms.iter().map(|t| (t.low, t.high)).collect();
    assert_eq!(
        ranges,
        [
            (1.0, 5.0),
            (5.0, 20.0),
            (20.0, 45.0),
            (45.0, 55.0),
            (55.0, 80.0),
            (80.0, 95.0),
            (95.0, 99.0)
        ]
    );
}

#[test]
fn icd203_midpoints_are_the_exact_decimals() {
    let midpoints: Vec<f64> = icd203()
        .terms
        .iter()
        .map(|term| term.probability().value())
        .collect();
    assert_eq!(midpoints, [0.03, 0.125, 0.325, 0.5, 0.675, 0.875, 0.97]);
}

#[test]
fn every_icd203_phrase_parses_to_its_midpoint() {
    let scale = icd203();
    for &(phrase, expected) in ICD203_PHRASES {
        assert_eq!(
            parse_confidence(phrase, scale).unwrap(),
            Confidence {
                probability: Probability::new(expected).unwrap(),
                phrase: Some(phrase.to_string()),
                scale: Some("icd203"),
            },
            "{phrase:?}"
        );
    }
    let listed: Vec<&str> = ICD203_PHRASES.iter().map(|&(phrase, _)| phrase).collect();
    let in_table: Vec<&str> = scale
        .terms
        .iter()
        .flat_map(|term| term.phrases.iter().copied())
        .collect();
    assert_eq!(listed, in_table, "this test should cover the whole table");
}

#[test]
fn phrases_ignore_case_and_spacing_but_are_kept_as_written() {
    for (text, kept, expected) in [
        ("Very Unlikely", "Very Unlikely", 0.125),
        ("  VERY   unlikely ", "VERY   unlikely", 0.125),
        ("very\tunlikely", "very\tunlikely", 0.125),
        ("Almost\u{a0}Certainly", "Almost\u{a0}Certainly", 0.97),
        ("ROUGHLY EVEN ODDS", "ROUGHLY EVEN ODDS", 0.5),
        ("Probably", "Probably", 0.675),
    ] {
        let confidence = parse_confidence(text, icd203()).unwrap();
        assert_eq!(confidence.probability.value(), expected, "{text:?}");
        assert_eq!(confidence.phrase.as_deref(), Some(kept));
        assert_eq!(confidence.scale, Some("icd203"));
    }
}

#[test]
fn curly_apostrophes_match_straight_ones() {
    static APOSTROPHES: Scale = Scale {
        name: "test",
        title: "a scale with an apostrophe",
        terms: &[Term {
            phrases: &["won't happen"],
            low: 0.0,
            high: 10.0,
        }],
    };
    for text in [
        "won't happen",
        "Won\u{2019}t happen",
        "won\u{2018}t  happen",
    ] {
        let term = APOSTROPHES.lookup(text).expect(text);
        assert_eq!(term.probability().value(), 0.05);
    }
}

#[test]
fn numbers_come_before_phrases() {
    for (text, expected) in [("80%", 0.8), ("0.8", 0.8), ("3:1", 0.75), ("1 in 4", 0.25)] {
        assert_eq!(
            parse_confidence(text, icd203()).unwrap(),
            Confidence {
                probability: Probability::new(expected).unwrap(),
                phrase: None,
                scale: None,
            },
            "{text:?}"
        );
    }
}

#[test]
fn a_bad_number_is_reported_as_a_number_not_as_a_phrase() {
    for text in ["1.5", "101%", "0:0", "5 in 4", ""] {
        let message = parse_confidence(text, icd203()).unwrap_err().to_string();
        assert_eq!(message, error(text));
    }
}

#[test]
fn unknown_phrases_list_the_known_ones() {
    let message = parse_confidence(" most probably ", icd203())
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "'most probably' is not a phrase of the icd203 scale (known: almost no chance, remote, \
         very unlikely, highly improbable, highly improbably, unlikely, improbable, improbably, \
         roughly even chance, roughly even odds, likely, probable, probably, very likely, \
         highly probable, very probably, highly probably, almost certain, almost certainly, \
         nearly certain, nearly certainly); give a number instead, e.g. 0.8 or 80%"
    );
    for text in [
        "probably not",
        "not likely",
        "nan",
        "likely.",
        "very very likely",
        "1e-3",
    ] {
        let message = parse_confidence(text, icd203()).unwrap_err().to_string();
        assert_mentions(
            &message,
            &[&format!("'{text}' is not a phrase of the icd203 scale")],
        );
    }
}

#[test]
fn scales_are_found_by_name() {
    assert_eq!(scale("icd203").unwrap().name, "icd203");
    assert_eq!(scale(" ICD203 ").unwrap().name, "icd203");
    assert!(scale(DEFAULT_SCALE).unwrap().title.contains("203"));
    assert_eq!(
        scale("kent").unwrap_err().to_string(),
        "'kent' is not a known confidence scale (known: icd203)"
    );
}

#[test]
fn scale_tables_are_well_formed() {
    let names: Vec<&str> = scale::SCALES.iter().map(|scale| scale.name).collect();
    for (i, scale) in scale::SCALES.iter().enumerate() {
        assert_eq!(scale.name, scale.name.to_lowercase());
        assert!(!names[..i].contains(&scale.name), "{} twice", scale.name);
        let mut seen: Vec<&str> = Vec::new();
        for term in scale.terms {
            assert!(0.0 <= term.low && term.low <= term.high && term.high <= 100.0);
            assert!(!term.phrases.is_empty());
            for &phrase in term.phrases {
                // Lookups compare against the table as stored, so it must be stored folded.
                let folded = fold_whitespace(phrase)
                    .to_lowercase()
                    .replace('\u{2019}', "'");
                assert_eq!(phrase, folded, "{}: {phrase:?}", scale.name);
                assert!(!seen.contains(&phrase), "{}: {phrase:?} twice", scale.name);
                seen.push(phrase);
                // A phrase that read as a number would never be looked up.
                assert!(number::number_form(phrase).is_none(), "{phrase:?}");
            }
            assert!(std::ptr::eq(scale.lookup(term.phrases[0]).unwrap(), term));
        }
    }
}

fn prop_assert_mentions(text: &str, wanted: &str) -> Result<(), TestCaseError> {
    let message = error(text);
    prop_assert!(message.contains(wanted), "{:?} lacks {:?}", message, wanted);
    Ok(())
}

fn probability_text() -> impl Strategy<Value = f64> {
    use proptest::num::f64::{NORMAL, POSITIVE, SUBNORMAL, ZERO};
    prop_oneof![
        0.0..=1.0f64,
        (POSITIVE | NORMAL | SUBNORMAL | ZERO).prop_filter("at most 1", |x| *x <= 1.0),
        Just(1.0),
    ]
}

proptest! {
    #[test]
    fn decimal_text_round_trips(x in probability_text()) {
        prop_assert_eq!(value(&format!("{x}")), x);
    }

    #[test]
    fn whole_percentages_are_hundredths(k in 0u32..=100) {
        prop_assert_eq!(value(&format!("{k}%")), k as f64 / 100.0);
        prop_assert_eq!(value(&format!("{k} percent")), k as f64 / 100.0);
    }

    #[test]
    fn fractional_percentages_equal_the_decimal_they_name(k in 0u32..=100_000) {
        let percent = format!("{}.{:03}", k / 1000, k % 1000);
        let decimal = format!("0.{:05}", k);
        let expected: f64 = if k == 100_000 { 1.0 } else { decimal.parse().unwrap() };
        prop_assert_eq!(value(&format!("{percent}%")), expected);
    }

    #[test]
    fn odds_and_frequencies(a in 0u32..10_000, b in 0u32..10_000) {
        prop_assume!(a + b > 0);
        prop_assert_eq!(value(&format!("{a}:{b}")), a as f64 / (a as f64 + b as f64));
        let (count, out_of) = (a.min(b), a.max(b));
        prop_assert_eq!(value(&format!("{count} in {out_of}")), count as f64 / out_of as f64);
        prop_assert_eq!(value(&format!("{count}/{out_of}")), count as f64 / out_of as f64);
    }

    #[test]
    fn above_one_is_rejected(x in 1.0f64..=f64::MAX) {
        prop_assume!(x > 1.0);
        let text = format!("{x}");
        prop_assert_mentions(&text, &format!("'{text}' is not a probability: it is above 1"))?;
    }

    #[test]
    fn below_zero_is_rejected(x in -f64::MAX..0.0f64) {
        let text = format!("{x}");
        prop_assert_mentions(&text, &format!("'{text}' is not a probability: it is below 0"))?;
        let percent = format!("{x}%");
        prop_assert_mentions(&percent, &format!("'{percent}' is not a probability: it is below 0%"))?;
    }

    #[test]
    fn above_hundred_percent_is_rejected(x in 100.000_001f64..=f64::MAX) {
        let text = format!("{x}%");
        prop_assert_mentions(&text, &format!("'{text}' is not a probability: it is above 100%"))?;
    }

    #[test]
    fn any_text_is_handled_without_panicking(text in any::<String>()) {
        let _ = parse_probability(&text);
        let _ = parse_confidence(&text, icd203());
    }

    #[test]
    fn number_like_text_is_handled_without_panicking(
        text in "[-+ 0-9.:/%eE]{0,12}|[0-9 ]{0,6}(in|per ?cent)[0-9 ]{0,6}"
    ) {
        if let Ok(probability) = parse_probability(&text) {
            prop_assert!((0.0..=1.0).contains(&probability.value()));
            prop_assert!(probability.value().is_sign_positive());
        }
        let _ = parse_confidence(&text, icd203());
    }
}
