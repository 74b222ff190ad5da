//! Property: any ledger fledger can hold survives export → import → export byte for byte,
//! in CSV and in JSON, whatever the text holds (commas, quotes, newlines, non-ASCII).

use chrono::NaiveDate;
use fledger::confidence;
use fledger::interchange::digest::ReadDigest;
use fledger::interchange::{self, foreign, write_csv, JsonRows, Origin};
use fledger::ledger::{query, Ledger, NewPrediction, NewResolution, NewSource, QuestionRef};
use fledger::ledger::{recorder, resolutions, sources};
use fledger::model::rows::Filter;
use fledger::model::{Outcome, Probability};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

#[derive(Debug, Clone)]
struct Entry {
    statement: usize,
    text: String,
    probability: f64,
    phrase: Option<&'static str>,
    forecaster: usize,
    made_day: u32,
    source: Option<usize>,
    tags: Vec<&'static str>,
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        0usize..6,
        "[a-zA-Z0-9 ,\"';\n\\-é’“”]{0,24}",
        0.0f64..=1.0,
        prop::option::of(prop::sample::select(vec![
            "very unlikely",
            "Likely",
            "almost certainly",
        ])),
        0usize..3,
        1u32..28,
        prop::option::of(0usize..2),
        prop::collection::vec(prop::sample::select(vec!["war", "nato", "élection"]), 0..3),
    )
        .prop_map(
            |(statement, text, probability, phrase, forecaster, made_day, source, tags)| Entry {
                statement,
                text,
                probability,
                phrase,
                forecaster,
                made_day,
                source,
                tags,
            },
        )
}

fn build(entries: &[Entry], outcomes: &[Option<Outcome>]) -> Ledger {
    let mut ledger = Ledger::open_in_memory().unwrap();
    ledger
        .write(|tx| {
            let source_ids: Vec<i64> = (0..2)
                .map(|i| {
                    let source = NewSource {
                        title: format!("Source, \"{i}\""),
                        author: (i == 0).then(|| "Ana Author".to_string()),
                        url: (i == 1).then(|| "https://example.org/a,b".to_string()),
                        published: NaiveDate::from_ymd_opt(2021, 12, 1),
                        ..NewSource::default()
                    };
                    sources::insert(tx, &source).map(|added| added.id)
                })
                .collect::<anyhow::Result<_>>()?;
            let mut question_ids = [None; 6];
            for entry in entries {
                let statement = format!("Q{} {}", entry.statement, entry.text.trim());
                let recorded = recorder::record(
                    tx,
                    &NewPrediction {
                        question: QuestionRef::Statement(statement),
                        resolve_by: NaiveDate::from_ymd_opt(2022, 12, 31),
                        tags: entry.tags.iter().map(|t| t.to_string()).collect(),
                        forecaster: (entry.forecaster > 0)
                            .then(|| format!("F{}", entry.forecaster)),
                        source_id: entry.source.map(|i| source_ids[i]),
                        probability: Probability::new(entry.probability).unwrap(),
                        phrase: entry.phrase.map(str::to_string),
                        scale: entry.phrase.map(|_| "icd203".to_string()),
                        scale_version: None,
                        made_on: NaiveDate::from_ymd_opt(2022, 1, entry.made_day),
                        quote: Some(entry.text.clone()).filter(|t| !t.trim().is_empty()),
                        note: None,
                    },
                    "keyboard user",
                )?;
                question_ids[entry.statement] = Some(recorded.question_id);
            }
            for (question_id, outcome) in question_ids.iter().zip(outcomes) {
                if let (Some(question_id), Some(outcome)) = (question_id, outcome) {
                    resolutions::insert(
                        tx,
                        &NewResolution {
                            question_id: *question_id,
                            outcome: *outcome,
                            resolved_on: NaiveDate::from_ymd_opt(2022, 2, 24).unwrap(),
                            evidence: Some("seen, \"reported\"\nwidely".to_string()),
                            resolved_by: "reviewer".to_string(),
                            reason: None,
                        },
                    )?;
                }
            }
            Ok(())
        })
        .unwrap();
    ledger
}

fn export(ledger: &Ledger, json: bool) -> Vec<u8> {
    let rows = query::predictions(ledger.conn(), &Filter::default()).unwrap();
    let mut out = Vec::new();
    if json {
        let mut writer = JsonRows::new(&mut out);
        for row in &rows {
            writer.push(row).unwrap();
        }
        writer.finish().unwrap();
    } else {
        write_csv(&mut out, &rows).unwrap();
    }
    out
}

fn reimport(bytes: &[u8]) -> Ledger {
    let scale = confidence::scale(confidence::DEFAULT_SCALE).unwrap();
    let mut ledger = Ledger::open_in_memory().unwrap();
    let imported = ledger
        .write(|tx| {
            let input = foreign::from_reader(Box::new(std::io::Cursor::new(bytes.to_vec())), None)?;
            let digest = ReadDigest::default();
            let origin = Origin {
                name: "export",
                digest: &digest,
            };
            interchange::import(tx, input, &origin, scale, "someone else", &mut |_| {})
        })
        .unwrap();
    assert!(imported.unknown_columns.is_empty());
    ledger
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/roundtrip_props.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn export_import_export_is_identity(
        entries in prop::collection::vec(entry(), 1..20),
        outcomes in prop::collection::vec(
            prop::option::of(prop::sample::select(Outcome::ALL.to_vec())), 6),
    ) {
        let original = build(&entries, &outcomes);
        for json in [false, true] {
            let first = export(&original, json);
            let second = export(&reimport(&first), json);
            prop_assert_eq!(String::from_utf8(first).unwrap(), String::from_utf8(second).unwrap());
        }
    }
}
