//! The scorecard in each format: the JSON contract, a tidy CSV, and tables for people.

use std::io::Write;

use anyhow::Result;
use serde_json::{json, Value};

use super::chart::{calibration_svg, calibration_text, Series};
use super::discrimination::discrimination_text;
use crate::model::escape_controls;
use crate::output::{round4, write_json, Format, Table};
use crate::score::card::{GroupBy, Scorecard};
use crate::score::Summary;

/// Which part of the scorecard to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Everything,
    Calibration,
    Peers,
    Corp,
}

/// Columns people see in a terminal or report; CSV and JSON carry every metric.
pub(super) fn readable_columns(group_by: Option<GroupBy>) -> &'static [&'static str] {
    match group_by {
        // What a phrase was taken to mean against how often it came true.
        Some(GroupBy::Phrase) => &[
            "n",
            "mean_probability",
            "base_rate",
            "wilson_low",
            "wilson_high",
            "brier",
        ],
        _ => &[
            "n",
            "brier",
            "log_loss",
            "base_rate",
            "reliability",
            "resolution",
        ],
    }
}

fn metrics(summary: &Summary) -> serde_json::Map<String, Value> {
    match serde_json::to_value(summary) {
        Ok(Value::Object(map)) => map,
        _ => unreachable!("a Summary serialises to an object"),
    }
}

/// The accuracy table for people: one row per group, then the whole set as `(all)`.
pub(super) fn accuracy_table(
    card: &Scorecard,
    group_by: Option<GroupBy>,
    columns: &[&str],
) -> Table {
    let groups = card
        .groups
        .iter()
        .map(|g| (vec![json!(g.group)], &g.summary));
    let overall = std::iter::once((vec![json!("(all)")], &card.overall));
    metric_table(
        &[group_by.map_or("set", GroupBy::name)],
        groups.chain(overall),
        columns,
    )
}

/// The accuracy table as tidy data (`score --format csv`): the same two leading columns
/// whatever the grouping, so files from several runs stack; the whole set is the row whose
/// `group_by` (and `group`) is `all`, rather than a made-up name in the group column.
pub(super) fn tidy_accuracy_table(card: &Scorecard, group_by: Option<GroupBy>) -> Table {
    let all: Vec<String> = metrics(&card.overall).keys().cloned().collect();
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let by = group_by.map_or(OVERALL, GroupBy::name);
    let groups = card
        .groups
        .iter()
        .map(|g| (vec![json!(by), json!(g.group)], &g.summary));
    let overall = std::iter::once((vec![json!(OVERALL), json!(OVERALL)], &card.overall));
    metric_table(&["group_by", "group"], groups.chain(overall), &all)
}

/// The `group_by` and `group` of the whole set's row in tidy CSV.
const OVERALL: &str = "all";

fn metric_table<'a>(
    leading: &[&str],
    rows: impl Iterator<Item = (Vec<Value>, &'a Summary)>,
    columns: &[&str],
) -> Table {
    let mut header = leading.to_vec();
    header.extend_from_slice(columns);
    let mut table = Table::new(&header);
    for (mut row, summary) in rows {
        let values = metrics(summary);
        row.extend(
            columns
                .iter()
                .map(|c| values.get(*c).cloned().unwrap_or(Value::Null)),
        );
        table.push(row);
    }
    table
}

pub(super) fn calibration_table(card: &Scorecard) -> Table {
    let mut table = Table::new(&[
        "bin_low",
        "bin_high",
        "n",
        "mean_probability",
        "observed_frequency",
        "wilson_low",
        "wilson_high",
    ]);
    for bin in &card.calibration {
        table.push(vec![
            json!(bin.nominal.0),
            json!(bin.nominal.1),
            json!(bin.n),
            json!(bin.mean_probability),
            json!(bin.observed_frequency),
            json!(bin.wilson_low),
            json!(bin.wilson_high),
        ]);
    }
    table
}

/// The calibration chart of a scorecard: one series per group when grouped, else the whole set.
pub fn scorecard_svg(card: &Scorecard, title: &str) -> String {
    let series: Vec<Series> = if card.groups.is_empty() {
        vec![Series {
            name: "all",
            bins: &card.calibration,
        }]
    } else {
        card.groups
            .iter()
            .map(|g| Series {
                name: &g.group,
                bins: &g.calibration,
            })
            .collect()
    };
    calibration_svg(title, &series)
}

/// One sentence for the top of a grouped scorecard: the group with the lowest Brier score
/// among those with a bootstrap 95% interval, and whether that interval lies below every
/// other group's (a ranking) or overlaps some (none).
pub(super) fn verdict(card: &Scorecard) -> String {
    let ranked: Vec<(&str, f64, f64, f64, usize)> = card
        .groups
        .iter()
        .filter_map(|g| {
            let s = &g.summary;
            Some((g.group.as_str(), s.brier?, s.brier_low?, s.brier_high?, s.n))
        })
        .collect();
    let best = ranked.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    let Some(best) = best.filter(|_| ranked.len() > 1) else {
        return "Fewer than two groups have the two or more scored predictions an interval needs: too few to rank.".to_string();
    };
    let (name, brier, low, high, n) = *best;
    let overlapping: Vec<&str> = ranked
        .iter()
        .filter(|other| other.0 != name && other.2 <= high)
        .map(|other| other.0)
        .collect();
    let head = format!(
        "The lowest Brier score is {name}'s: {} over {n} (95% interval {} to {}).",
        round4(brier),
        round4(low),
        round4(high)
    );
    match overlapping.as_slice() {
        [] => format!("{head} Its interval lies below every other group's: a clear lead."),
        others => format!(
            "{head} Its interval overlaps {}'s: no detectable ranking between them.",
            others.join("'s, ")
        ),
    }
}

/// One sentence per pair of forecasters compared on shared questions.
pub(super) fn comparison_sentences(card: &Scorecard) -> Vec<String> {
    card.comparisons
        .iter()
        .map(|c| {
            if c.detectable {
                // Said as the winner's advantage, a positive number.
                let (winner, loser, by, low, high) = if c.brier_difference < 0.0 {
                    (&c.a, &c.b, -c.brier_difference, -c.high, -c.low)
                } else {
                    (&c.b, &c.a, c.brier_difference, c.low, c.high)
                };
                let (winner, loser) = (escape_controls(winner), escape_controls(loser));
                format!(
                    "{winner} beats {loser} by {} Brier on {} shared questions, 95% interval {} to {}.",
                    round4(by),
                    c.questions,
                    round4(low),
                    round4(high)
                )
            } else {
                let (a, b) = (escape_controls(&c.a), escape_controls(&c.b));
                format!(
                    "{} and {}: no detectable difference on {} shared questions ({} minus {}: {} Brier, 95% interval {} to {}).",
                    a,
                    b,
                    c.questions,
                    a,
                    b,
                    round4(c.brier_difference),
                    round4(c.low),
                    round4(c.high)
                )
            }
        })
        .collect()
}

pub(super) fn corp_table(card: &Scorecard) -> Table {
    let mut table = Table::new(&["forecast_low", "forecast_high", "n", "yes", "recalibrated"]);
    for step in &card.corp {
        table.push(vec![
            json!(step.forecast_low),
            json!(step.forecast_high),
            json!(step.n),
            json!(step.yes),
            json!(step.recalibrated),
        ]);
    }
    table
}

pub(super) fn peers_table(card: &Scorecard) -> Table {
    let mut table = Table::new(&[
        "forecaster",
        "questions",
        "predictions",
        "relative_brier",
        "peer_score",
    ]);
    for peer in &card.peers {
        table.push(vec![
            json!(peer.forecaster),
            json!(peer.questions),
            json!(peer.predictions),
            json!(peer.relative_brier),
            json!(peer.peer_score),
        ]);
    }
    table
}

/// How to read the peer table, for people.
pub(super) const PEERS_EXPLAINED: &str = "Peers on shared questions: relative Brier is your Brier minus the median of the others' \
on the same question (below 0 beats them); peer score is 100 × the mean log-score advantage over each other forecaster \
(above 0 beats them), as Metaculus computes it.";

pub fn render_scorecard(
    card: &Scorecard,
    group_by: Option<GroupBy>,
    part: Part,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    match (format, part) {
        (Format::Json, Part::Everything) => write_json(out, &serde_json::to_value(card)?),
        // JSON keeps numpy's edges, as the whole scorecard's JSON does.
        (Format::Json, Part::Calibration) => {
            write_json(out, &serde_json::to_value(&card.calibration)?)
        }
        (_, Part::Calibration) => calibration_table(card).render(format, out),
        (Format::Json, Part::Corp) => write_json(
            out,
            &json!({"steps": card.corp, "band": card.corp_band, "band_level": crate::score::corp::BAND_LEVEL,
                    "band_resamples": crate::score::corp::BAND_RESAMPLES}),
        ),
        (_, Part::Corp) => corp_table(card).render(format, out),
        (_, Part::Peers) => {
            peers_table(card).render(format, out)?;
            if matches!(format, Format::Table | Format::Markdown) {
                writeln!(out)?;
                for sentence in comparison_sentences(card) {
                    writeln!(out, "{sentence}")?;
                }
            }
            Ok(())
        }
        (Format::Csv, Part::Everything) => tidy_accuracy_table(card, group_by).render(format, out),
        (Format::Table | Format::Markdown, Part::Everything) => {
            let heading = if format == Format::Markdown {
                "## "
            } else {
                ""
            };
            writeln!(
                out,
                "{heading}Accuracy: Brier on the 0–1 scale (Fatebook's 0–2 scale is twice this), log loss in nats; lower is better"
            )?;
            if format == Format::Markdown {
                writeln!(out)?;
            }
            accuracy_table(card, group_by, readable_columns(group_by)).render(format, out)?;
            if group_by.is_some() {
                writeln!(out, "{}", verdict(card))?;
            }
            writeln!(out)?;
            writeln!(
                out,
                "{heading}Calibration: {} bins, observed frequency with its Wilson 95% interval",
                card.calibration.len()
            )?;
            if format == Format::Markdown {
                writeln!(out)?;
            }
            calibration_table(card).render(format, out)?;
            if format == Format::Table {
                writeln!(out)?;
                write!(out, "{}", calibration_text(&card.calibration))?;
                writeln!(out)?;
                writeln!(
                    out,
                    "Discrimination: forecasts per bin on questions that resolved NO (░) and YES (█)"
                )?;
                write!(out, "{}", discrimination_text(&card.calibration))?;
            }
            writeln!(out)?;
            let e = &card.excluded;
            write!(
                out,
                "Left out: {} unresolved, {} ambiguous, {} annulled, {} made after the outcome (hindsight)",
                e.unresolved, e.ambiguous, e.annulled, e.hindsight
            )?;
            if e.superseded > 0 {
                write!(out, ", {} superseded under --policy", e.superseded)?;
            }
            writeln!(out)?;
            for line in evidence_lines(card) {
                writeln!(out, "{line}")?;
            }
            if !card.peers.is_empty() {
                writeln!(out)?;
                writeln!(out, "{heading}{PEERS_EXPLAINED}")?;
                if format == Format::Markdown {
                    writeln!(out)?;
                }
                peers_table(card).render(format, out)?;
                writeln!(out)?;
                for sentence in comparison_sentences(card) {
                    writeln!(out, "{sentence}")?;
                }
            }
            Ok(())
        }
    }
}

/// What the scores rest on, strongest evidence first: the registered share, the classes, what
/// was left out as claimed, late withdrawals, and the counts adding up to every prediction.
pub fn evidence_lines(card: &Scorecard) -> Vec<String> {
    let scored = card.overall.n;
    let registered = card.scored_evidence.registered;
    let share = match scored {
        0 => "no".to_string(),
        n => format!("{:.0}%", 100.0 * registered as f64 / n as f64),
    };
    let e = &card.excluded;
    let c = &card.evidence;
    let mut lines = vec![
        format!(
            "{registered} of {scored} scored predictions ({share}) were registered before their outcome"
        ),
        format!(
            "Evidence: {} registered, {} sourced, {} imported, {} claimed; {} left out as claimed (typed in after the outcome on the user's word; --evidence claimed counts them)",
            c.registered, c.sourced, c.imported, c.claimed, e.claimed
        ),
    ];
    if card.withdrawn_after_outcome > 0 {
        lines.push(format!(
            "Withdrawn after the outcome, and still scored: {}",
            card.withdrawn_after_outcome
        ));
    }
    let mut sum = format!(
        "Counts: {scored} scored + {} unresolved + {} ambiguous + {} annulled + {} hindsight + {} claimed",
        e.unresolved, e.ambiguous, e.annulled, e.hindsight, e.claimed
    );
    if e.other_evidence > 0 {
        sum.push_str(&format!(" + {} of other classes", e.other_evidence));
    }
    if e.superseded > 0 {
        sum.push_str(&format!(" + {} superseded", e.superseded));
    }
    sum.push_str(&format!(
        " + {} withdrawn = {} predictions",
        e.withdrawn,
        scored + e.total()
    ));
    lines.push(sum);
    lines
}
