//! The numeric ways people write a probability.

use anyhow::{anyhow, Result};

use crate::model::quoted;
use crate::model::{fold_whitespace, Probability};

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
