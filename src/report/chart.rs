//! Calibration charts: an SVG for files and reports, a character chart for the terminal.
//!
//! The SVG is written by hand: a few dozen elements, no fonts embedded or measured (labels are
//! `<text>` with a generic font family, drawn by whatever displays the file), and so no
//! plotting crate or system font is needed to produce it.

use std::fmt::Write as _;

use crate::output::escape_html as escape;
use crate::score::CalibrationBin;

/// One line on the chart: a group's (or the whole set's) calibration bins.
pub struct Series<'a> {
    pub name: &'a str,
    pub bins: &'a [CalibrationBin],
}

/// Colour-blind-safe palette (Okabe & Ito 2008), cycled when there are more series.
const PALETTE: &[&str] = &[
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
];

const SIZE: f64 = 560.0;
const MARGIN_LEFT: f64 = 70.0;
const MARGIN_RIGHT: f64 = 20.0;
const MARGIN_TOP: f64 = 40.0;
// The plot is square; what is left below it holds the x axis labels.
const PLOT: f64 = SIZE - MARGIN_LEFT - MARGIN_RIGHT;
const LEGEND_ROW: f64 = 24.0;

fn x_of(p: f64) -> f64 {
    MARGIN_LEFT + p * PLOT
}

fn y_of(freq: f64) -> f64 {
    MARGIN_TOP + (1.0 - freq) * PLOT
}

/// A point is drawn where a bin has forecasts: at its mean probability and observed frequency.
fn points(bins: &[CalibrationBin]) -> impl Iterator<Item = (&CalibrationBin, f64, f64)> {
    bins.iter()
        .filter_map(|bin| Some((bin, bin.mean_probability?, bin.observed_frequency?)))
}

/// The chart as a standalone SVG document: the diagonal of perfect calibration, each bin's
/// observed frequency at its mean forecast with the area of the dot proportional to n, and the
/// Wilson 95% interval as an error bar; one colour per series, with a legend when there are
/// several.
pub fn calibration_svg(title: &str, series: &[Series]) -> String {
    let legend_rows = if series.len() > 1 { series.len() } else { 0 };
    let height = SIZE + LEGEND_ROW * legend_rows as f64;
    let largest = series
        .iter()
        .flat_map(|s| s.bins.iter().map(|b| b.n))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{height}" viewBox="0 0 {SIZE} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(svg, r#"<title>{}</title>"#, escape(title));
    let _ = writeln!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="24" text-anchor="middle" font-size="15" font-weight="bold">{}</text>"#,
        SIZE / 2.0,
        escape(title)
    );

    for step in 0..=10 {
        let v = f64::from(step) / 10.0;
        let label = format!("{}%", step * 10);
        let (x, y) = (x_of(v), y_of(v));
        let _ = writeln!(
            svg,
            r##"<line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{}" stroke="#e5e5e5"/><line x1="{}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#e5e5e5"/>"##,
            y_of(0.0),
            y_of(1.0),
            x_of(0.0),
            x_of(1.0)
        );
        let _ = writeln!(
            svg,
            r#"<text x="{x:.1}" y="{}" text-anchor="middle">{label}</text><text x="{}" y="{:.1}" text-anchor="end">{label}</text>"#,
            y_of(0.0) + 18.0,
            x_of(0.0) - 8.0,
            y + 4.0
        );
    }
    let _ = writeln!(
        svg,
        r##"<rect x="{}" y="{}" width="{PLOT}" height="{PLOT}" fill="none" stroke="#333333"/>"##,
        x_of(0.0),
        y_of(1.0)
    );
    let _ = writeln!(
        svg,
        r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888888" stroke-dasharray="6 4"><title>perfect calibration</title></line>"##,
        x_of(0.0),
        y_of(0.0),
        x_of(1.0),
        y_of(1.0)
    );
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="{}" text-anchor="middle">forecast probability (mean in bin)</text>"#,
        x_of(0.5),
        y_of(0.0) + 40.0
    );
    let _ = writeln!(
        svg,
        r#"<text transform="translate(20 {}) rotate(-90)" text-anchor="middle">observed frequency (Wilson 95% interval)</text>"#,
        y_of(0.5)
    );

    for (index, one) in series.iter().enumerate() {
        let colour = PALETTE[index % PALETTE.len()];
        // Series sharing a bin would hide each other's error bars: shift each a few pixels.
        let dodge = (index as f64 - (series.len() - 1) as f64 / 2.0) * 5.0;
        let _ = writeln!(svg, r#"<g fill="{colour}" stroke="{colour}">"#);
        let path: Vec<String> = points(one.bins)
            .map(|(_, p, f)| format!("{:.1},{:.1}", x_of(p) + dodge, y_of(f)))
            .collect();
        if path.len() > 1 {
            let _ = writeln!(
                svg,
                r#"<polyline points="{}" fill="none" stroke-width="1.5" stroke-opacity="0.6"/>"#,
                path.join(" ")
            );
        }
        for (bin, p, f) in points(one.bins) {
            let (x, y) = (x_of(p) + dodge, y_of(f));
            if let (Some(low), Some(high)) = (bin.wilson_low, bin.wilson_high) {
                let _ = writeln!(
                    svg,
                    r#"<path d="M{x:.1},{:.1}V{:.1}M{:.1},{:.1}h8M{:.1},{:.1}h8" fill="none" stroke-width="1.5"/>"#,
                    y_of(low),
                    y_of(high),
                    x - 4.0,
                    y_of(low),
                    x - 4.0,
                    y_of(high)
                );
            }
            let radius = 3.0 + 9.0 * (bin.n as f64 / largest).sqrt();
            let _ = writeln!(
                svg,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="{radius:.1}" fill-opacity="0.75" stroke="#ffffff"><title>{}: n = {}, forecasts averaged {:.1}%, {:.1}% happened</title></circle>"##,
                escape(one.name),
                bin.n,
                p * 100.0,
                f * 100.0
            );
        }
        let _ = writeln!(svg, "</g>");
        if series.len() > 1 {
            let y = SIZE + 8.0 + LEGEND_ROW * index as f64;
            let _ = writeln!(
                svg,
                r#"<circle cx="{}" cy="{:.1}" r="6" fill="{colour}"/><text x="{}" y="{:.1}">{}</text>"#,
                MARGIN_LEFT + 10.0,
                y - 4.0,
                MARGIN_LEFT + 22.0,
                y,
                escape(one.name)
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

/// A character chart for the terminal: forecast on the x axis, observed frequency on the y axis,
/// `·` the diagonal, `|` the Wilson interval and `●` each bin's point.
pub fn calibration_text(bins: &[CalibrationBin]) -> String {
    const WIDTH: usize = 51;
    const HEIGHT: usize = 21;
    let column = |p: f64| ((p * (WIDTH - 1) as f64).round() as usize).min(WIDTH - 1);
    let row = |f: f64| ((1.0 - f) * (HEIGHT - 1) as f64).round() as usize;
    let mut grid = vec![vec![' '; WIDTH]; HEIGHT];
    for (c, cell) in (0..WIDTH).map(|c| (c, c as f64 / (WIDTH - 1) as f64)) {
        grid[row(cell)][c] = '·';
    }
    for (bin, p, f) in points(bins) {
        let c = column(p);
        if let (Some(low), Some(high)) = (bin.wilson_low, bin.wilson_high) {
            for cell in grid.iter_mut().take(row(low) + 1).skip(row(high)) {
                cell[c] = '|';
            }
        }
        grid[row(f)][c] = '●';
    }
    let mut text = String::from("observed\n");
    for (r, cells) in grid.iter().enumerate() {
        let label = match r {
            0 => "100% ┤",
            r if r == HEIGHT / 2 => " 50% ┤",
            r if r == HEIGHT - 1 => "  0% ┤",
            _ => "     │",
        };
        let line: String = cells.iter().collect();
        let _ = writeln!(text, "{label}{}", line.trim_end());
    }
    let _ = writeln!(text, "     └{}", "─".repeat(WIDTH));
    let _ = writeln!(
        text,
        "      0%{:>w$}50%{:>w2$}100%  forecast",
        "",
        "",
        w = WIDTH / 2 - 4,
        w2 = WIDTH / 2 - 5
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{calibration, BinStyle, Forecast};

    fn bins() -> Vec<CalibrationBin> {
        let forecasts: Vec<Forecast> = [
            (0.1, false),
            (0.15, true),
            (0.7, true),
            (0.7, true),
            (0.9, false),
        ]
        .into_iter()
        .map(|(probability, outcome)| Forecast {
            probability,
            outcome,
        })
        .collect();
        calibration(&forecasts, 10, BinStyle::EqualWidth)
    }

    #[test]
    fn svg_draws_one_dot_per_nonempty_bin_and_escapes_names() {
        let bins = bins();
        let svg = calibration_svg(
            "A & B",
            &[
                Series {
                    name: "<ana>",
                    bins: &bins,
                },
                Series {
                    name: "ben",
                    bins: &bins,
                },
            ],
        );
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        // 4 non-empty bins, 2 series, plus 2 legend dots.
        assert_eq!(svg.matches("<circle").count(), 4 * 2 + 2);
        assert!(svg.contains("A &amp; B"));
        assert!(svg.contains("&lt;ana&gt;: n = 2, forecasts averaged 70.0%, 100.0% happened"));
        assert!(!svg.contains("<ana>"));
    }

    #[test]
    fn text_chart_places_points_on_the_grid() {
        let text = calibration_text(&bins());
        let lines: Vec<&str> = text.lines().collect();
        // Bin (0.6, 0.7]: all happened, at x = 0.7 → column 35 of the plot, top row.
        assert_eq!(lines[1].chars().nth(6 + 35), Some('●'));
        // Bin (0.8, 0.9]: nothing happened → bottom row at column 45.
        assert_eq!(lines[21].chars().nth(6 + 45), Some('●'));
        assert!(lines[1].starts_with("100% ┤"));
    }
}
