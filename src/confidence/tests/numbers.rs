//! Numbers written alone: the strict forms `parse_probability` takes.

use super::*;

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

#[test]
fn two_whole_numbers_adding_up_to_100_are_a_split() {
    for (text, expected) in [
        ("50/50", 0.5),
        ("60/40", 0.6),
        ("30/70", 0.3),
        ("50-50", 0.5),
        ("99-1", 0.99),
        ("0/100", 0.0),
        ("100/0", 1.0),
        // Fractions that are not splits stay fractions.
        ("1/2", 0.5),
        ("3/4", 0.75),
        ("25/50", 0.5),
    ] {
        assert_eq!(value(text), expected, "{text:?}");
    }
    let zero = value("-0/100");
    assert!(zero == 0.0 && zero.is_sign_positive(), "would print as -0");
    for text in ["50-49", "1-2", "50.5/49.5"] {
        assert_mentions(&error(text), &[&format!("'{text}' is not a probability")]);
    }
}
