//! Predictions in the columns of Fatebook's spreadsheet import (fatebook.io/import-from-spreadsheet),
//! so a ledger can be loaded into Fatebook, and `import --from fatebook` reads them back.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Result;

use crate::model::rows::PredictionRow;
use crate::model::Outcome;

/// Fatebook's field names, in the order its import page lists them.
pub const COLUMNS: &[&str] = &[
    "questionTitle",
    "forecast",
    "qCreatedAt",
    "resolution",
    "resolvedAt",
    "resolveBy",
    "fCreatedAt",
    "tags",
    "notes",
];

/// Writes one row per prediction. Fatebook knows a question by its title and creation date,
/// so every row of a question gets the same `qCreatedAt`: the date of its first prediction.
/// Withdrawn predictions are left out (they are not claims any more), and Fatebook has no
/// annulled, so an annulled question is written AMBIGUOUS: neither tool scores either.
pub fn write_fatebook(out: &mut dyn Write, rows: &[PredictionRow]) -> Result<()> {
    let rows: Vec<&PredictionRow> = rows.iter().filter(|row| row.withdrawn.is_none()).collect();
    let mut asked: HashMap<i64, &str> = HashMap::new();
    for row in &rows {
        let first = asked.entry(row.question_id).or_insert(&row.made_on);
        if row.made_on.as_str() < *first {
            *first = &row.made_on;
        }
    }
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for row in rows {
        let resolution = row.outcome.map(|outcome| match outcome {
            Outcome::Yes => "YES",
            Outcome::No => "NO",
            Outcome::Ambiguous | Outcome::Annulled => "AMBIGUOUS",
        });
        writer.write_record([
            row.statement.as_str(),
            &percent(row.probability),
            asked[&row.question_id],
            resolution.unwrap_or(""),
            row.resolved_on.as_deref().unwrap_or(""),
            row.resolve_by.as_deref().unwrap_or(""),
            &row.made_on,
            &row.tags.join(", "),
            row.note.as_deref().unwrap_or(""),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// The shortest percentage that Fatebook (and fledger), dividing by 100, read back as exactly
/// `p`: 0.3 is "30", not the "30.000000000000004" that 0.3 × 100 prints as. A few numbers
/// (1/3) no percentage reads back as exactly; they come back within a unit in the last place.
fn percent(p: f64) -> String {
    (0..=17)
        .map(|decimals| format!("{:.*}", decimals, p * 100.0))
        .find(|text| text.parse::<f64>().is_ok_and(|x| x / 100.0 == p))
        .unwrap_or_else(|| (p * 100.0).to_string())
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_read_back_exactly() {
        assert_eq!(percent(0.3), "30");
        assert_eq!(percent(0.125), "12.5");
        assert_eq!(percent(1.0), "100");
        assert_eq!(percent(0.0), "0");
        for p in [0.1 + 0.2, 0.07, 0.575, 0.675, 0.001] {
            let text = percent(p);
            assert_eq!(text.parse::<f64>().unwrap() / 100.0, p, "{text}");
        }
        for p in [1.0 / 3.0, 3.184845153005154e-6] {
            let back = percent(p).parse::<f64>().unwrap() / 100.0;
            assert!(
                (back - p).abs() <= p * f64::EPSILON,
                "{p} came back as {back}"
            );
        }
    }
}
