//! The discrimination chart for the terminal: per calibration bin, how many forecasts fell
//! there on questions that resolved YES and on those that resolved NO, as two bars side by
//! side. Good discrimination puts the YES bars high and the NO bars low on the scale.

use crate::score::CalibrationBin;

/// Bar length for the largest count.
const WIDTH: usize = 24;

/// One line per bin: its edges, the NO bar and count, the YES bar and count. The counts
/// come from each bin's n and observed frequency (yes = n · frequency, exact for counts).
pub fn discrimination_text(bins: &[CalibrationBin]) -> String {
    let counts: Vec<(usize, usize)> = bins
        .iter()
        .map(|b| {
            let yes = b
                .observed_frequency
                .map_or(0, |f| (f * b.n as f64).round() as usize);
            (b.n - yes, yes)
        })
        .collect();
    let most = counts
        .iter()
        .map(|&(no, yes)| no.max(yes))
        .max()
        .unwrap_or(0)
        .max(1);
    let bar = |count: usize, glyph: &str| glyph.repeat((count * WIDTH).div_ceil(most));
    let mut text = format!("{:<11} {:>w$} | YES\n", "forecast", "NO", w = WIDTH + 6);
    for (b, &(no, yes)) in bins.iter().zip(&counts) {
        text.push_str(&format!(
            "{:<11} {:>w$} {no:>5} | {yes:<5} {}\n",
            format!("{}–{}", b.nominal.0, b.nominal.1),
            bar(no, "░"),
            bar(yes, "█"),
            w = WIDTH
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{calibration, BinStyle, Forecast};

    #[test]
    fn bars_scale_to_the_largest_count() {
        // Two bins: [0, 0.5] holds 4 NO and 1 YES, (0.5, 1] 0 NO and 2 YES.
        let f = |probability, outcome| Forecast {
            probability,
            outcome,
        };
        let set = [
            f(0.1, false),
            f(0.2, false),
            f(0.3, false),
            f(0.4, false),
            f(0.4, true),
            f(0.9, true),
            f(0.8, true),
        ];
        let text = discrimination_text(&calibration(&set, 2, BinStyle::EqualWidth));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], format!("forecast    {:>30} | YES", "NO"));
        // 4 is the most: 24 cells; 1 is 6, 2 is 12.
        assert_eq!(
            lines[1],
            format!(
                "0–0.5       {}     4 | 1     {}",
                "░".repeat(24),
                "█".repeat(6)
            )
        );
        assert_eq!(
            lines[2],
            format!("0.5–1       {:>24}     0 | 2     {}", "", "█".repeat(12))
        );
    }

    #[test]
    fn nothing_scored_draws_empty_bars() {
        let text = discrimination_text(&calibration(&[], 2, BinStyle::EqualWidth));
        assert!(
            text.lines()
                .skip(1)
                .all(|l| !l.contains('█') && !l.contains('░')),
            "{text}"
        );
    }
}
