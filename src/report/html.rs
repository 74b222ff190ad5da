//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, nothing fetched)
//! that a reviewer can mail or publish.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::json;

use super::chart::{calibration_svg, Series};
use super::score_tables::{
    accuracy_table, calibration_table, peers_table, readable_columns, verdict, PEERS_EXPLAINED,
};
use crate::model::rows::PredictionRow;
use crate::output::{escape_html, round4, Table};
use crate::score::card::{GroupBy, Scorecard};

pub struct ReportInput<'a> {
    pub title: &'a str,
    /// Where the numbers come from, e.g. the ledger's path, and when they were drawn.
    pub provenance: &'a str,
    /// Every prediction, with how it fared: why it is left out, or its own Brier score.
    pub rows: &'a [ReportRow<'a>],
    /// The rows' scorecard grouped by forecaster, and grouped by phrase.
    pub by_forecaster: &'a Scorecard,
    pub by_phrase: &'a Scorecard,
}

/// A prediction as the report lists it.
pub struct ReportRow<'a> {
    pub row: &'a PredictionRow,
    /// Why it is not scored (`withdrawn`, `hindsight`, ...), or `None` when it is.
    pub exclusion: Option<&'static str>,
    /// Its own Brier score, when it is scored.
    pub brier: Option<f64>,
}

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #1a1a1a; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.meta { color: #555; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #d0d0d0; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { margin: 0; padding-left: 0.6em; border-left: 3px solid #ccc; color: #333; }
.hit { color: #05651f; } .miss { color: #a40e0e; }
figure { margin: 1em 0; } .note { color: #555; font-size: 0.9em; }
";

fn percent(p: f64) -> String {
    format!("{}%", round4(p * 100.0))
}

fn confidence_text(row: &PredictionRow) -> String {
    match &row.phrase {
        Some(phrase) => format!("“{}” → {}", phrase, percent(row.probability)),
        None => percent(row.probability),
    }
}

fn predictions_table(rows: &[&ReportRow]) -> String {
    let mut html = String::from(
        "<table>\n<thead><tr><th>question</th><th>quote</th><th>confidence</th><th>made</th>\
         <th>outcome</th><th>evidence</th><th class=\"num\">Brier</th></tr></thead>\n<tbody>\n",
    );
    for &&ReportRow { row, brier, .. } in rows {
        let (outcome_class, brier) = match brier {
            Some(brier) => (if brier < 0.25 { "hit" } else { "miss" }, round4(brier)),
            None => ("", "-".to_string()),
        };
        let outcome = match (&row.outcome, &row.resolved_on) {
            (Some(outcome), Some(on)) => format!("{outcome} ({on})"),
            _ => "open".to_string(),
        };
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{outcome_class}\">{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            escape_html(&row.statement),
            row.quote
                .as_deref()
                .map(|q| format!("<blockquote>{}</blockquote>", escape_html(q)))
                .unwrap_or_default(),
            escape_html(&confidence_text(row)),
            escape_html(&row.made_on),
            escape_html(&outcome),
            escape_html(row.evidence.as_deref().unwrap_or("")),
            brier
        );
    }
    html.push_str("</tbody>\n</table>\n");
    html
}

pub fn render(input: &ReportInput) -> String {
    let (by_forecaster, by_phrase) = (input.by_forecaster, input.by_phrase);
    let excluded = by_forecaster.excluded;

    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n\
         <p class=\"meta\">{provenance}. {total} predictions: {scored} scored; left out {u} unresolved, \
         {a} ambiguous, {n} annulled, {h} made after the outcome was known.</p>\n",
        title = escape_html(input.title),
        provenance = escape_html(input.provenance),
        total = input.rows.len(),
        scored = by_forecaster.overall.n,
        u = excluded.unresolved,
        a = excluded.ambiguous,
        n = excluded.annulled,
        h = excluded.hindsight,
    );
    let mut evidence = super::score_tables::evidence_lines(by_forecaster).into_iter();
    if let Some(lead) = evidence.next() {
        let _ = writeln!(
            html,
            "<p class=\"lead\"><strong>{}</strong></p>",
            escape_html(&lead)
        );
    }
    for line in evidence {
        let _ = writeln!(html, "<p class=\"meta\">{}</p>", escape_html(&line));
    }

    let _ = write!(
        html,
        "<h2 id=\"forecasters\">Accuracy by forecaster</h2>\n<p>{}</p>\n{}\
         <p class=\"note\">Brier score on the 0–1 scale (Fatebook's 0–2 scale is twice this): 0 is perfect, \
         0.25 is what always saying 50% earns. Log loss in nats. Reliability: how far forecasts sit from \
         what happened (lower is better); resolution: how much forecasts separate what happens from what \
         does not (higher is better).</p>\n",
        escape_html(&verdict(by_forecaster)),
        accuracy_table(by_forecaster, Some(GroupBy::Forecaster), readable_columns(Some(GroupBy::Forecaster))).to_html()
    );
    let series: Vec<Series> = by_forecaster
        .groups
        .iter()
        .map(|g| Series {
            name: &g.group,
            bins: &g.calibration,
        })
        .collect();
    let _ = writeln!(
        html,
        "<figure>{}<figcaption class=\"note\">Each dot is a bin of forecasts: its mean forecast against \
         how often those things happened, its area proportional to the number of forecasts, the bar the \
         Wilson 95% interval. On the dashed diagonal a forecaster is perfectly calibrated.</figcaption></figure>",
        calibration_svg("Calibration by forecaster", &series)
    );

    let _ = write!(
        html,
        "<h2 id=\"phrases\">What the phrases meant</h2>\n<p>For every verbal phrase: how many forecasts used \
         it, the probability it was mapped to (mean_probability), how often those things happened \
         (base_rate) and the Wilson 95% interval of that frequency.</p>\n{}",
        accuracy_table(by_phrase, Some(GroupBy::Phrase), readable_columns(Some(GroupBy::Phrase))).to_html()
    );

    let calibration = calibration_table(by_forecaster);
    let _ = write!(
        html,
        "<h2 id=\"calibration\">Calibration, all forecasters</h2>\n<figure>{}</figure>\n{}",
        calibration_svg(
            "Calibration, all forecasters",
            &[Series {
                name: "all",
                bins: &by_forecaster.calibration
            }]
        ),
        calibration.to_html()
    );

    if !by_forecaster.peers.is_empty() {
        let _ = write!(
            html,
            "<h2 id=\"peers\">Against each other, on the same questions</h2>\n<p>{}</p>\n{}",
            escape_html(PEERS_EXPLAINED),
            peers_table(by_forecaster).to_html()
        );
    }

    let mut per_forecaster: BTreeMap<&str, Vec<&ReportRow>> = BTreeMap::new();
    for listed in input.rows {
        per_forecaster
            .entry(&listed.row.forecaster)
            .or_default()
            .push(listed);
    }
    html.push_str("<h2 id=\"authors\">Forecaster by forecaster</h2>\n");
    for (name, rows) in &per_forecaster {
        let summary = by_forecaster
            .groups
            .iter()
            .find(|g| g.group == *name)
            .map(|g| &g.summary);
        let line = match summary {
            Some(s) => format!(
                "{} scored, Brier {}, log loss {}.",
                s.n,
                s.brier.map_or("-".to_string(), round4),
                s.log_loss.map_or("-".to_string(), round4)
            ),
            None => "Nothing scored yet.".to_string(),
        };
        let _ = write!(
            html,
            "<h3>{}</h3>\n<p>{} predictions; {}</p>\n{}",
            escape_html(name),
            rows.len(),
            line,
            predictions_table(rows)
        );
    }

    let left_out: Vec<(&PredictionRow, &str)> = input
        .rows
        .iter()
        .filter_map(|listed| Some((listed.row, listed.exclusion?)))
        .collect();
    html.push_str(
        "<h2 id=\"excluded\">Left out of the scores, and why</h2>\n<p>Unresolved: no outcome yet. \
         Ambiguous or annulled: the question could not be settled as asked. Hindsight: made after the \
         outcome was known.</p>\n",
    );
    if left_out.is_empty() {
        html.push_str("<p>Nothing was left out.</p>\n");
    } else {
        let mut table = Table::new(&[
            "reason",
            "question",
            "forecaster",
            "probability",
            "evidence",
        ]);
        for (row, reason) in left_out {
            table.push(vec![
                json!(reason),
                json!(row.statement),
                json!(row.forecaster),
                json!(row.probability),
                json!(row.evidence),
            ]);
        }
        html.push_str(&table.to_html());
    }
    html.push_str("<p class=\"note\">Made by fledger. Every number here can be reproduced with <code>fledger score --format json</code> on the same ledger.</p>\n</body>\n</html>\n");
    html
}
