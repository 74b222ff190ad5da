//! fledger: a forecast ledger. Log the predictions published texts make, resolve them, score them.
//!
//! Rooms: `model` and `text` at the bottom, `output` above them; `ledger` (storage), `score`
//! (math) and `confidence` (phrases and numbers) side by side; `report` renders, `commands` is
//! glue, `cli` is the clap surface. ARCHITECTURE.md has the map.
//!
//! The library is what the `fledger` binary runs; a program can use it directly:
//!
//! ```
//! use fledger::commands::score_ledger;
//! use fledger::ledger::{recorder, resolutions, Ledger, NewPrediction, NewResolution, QuestionRef};
//! use fledger::model::evidence::{Evidence, EvidenceSet};
//! use fledger::model::rows::Filter;
//! use fledger::model::{parse_date, Outcome};
//! use fledger::score::card::Options;
//!
//! let mut ledger = Ledger::open_in_memory()?;
//! let very_unlikely = fledger::confidence::parse_confidence("very unlikely", fledger::confidence::scale("icd203")?)?;
//! let recorded = ledger.write(|tx| {
//!     recorder::record(tx, &NewPrediction {
//!         question: QuestionRef::Statement("Russia launches a full-scale invasion of Ukraine by 2022-12-31".into()),
//!         resolve_by: Some(parse_date("2022-12-31")?),
//!         tags: vec!["ukraine".into()],
//!         forecaster: Some("Vladislav Inozemtsev".into()),
//!         source_id: None,
//!         probability: very_unlikely.probability,
//!         phrase: very_unlikely.phrase,
//!         scale: very_unlikely.scale,
//!         scale_version: very_unlikely.scale_version,
//!         made_on: Some(parse_date("2022-01-19")?),
//!         quote: Some("remains very unlikely".into()),
//!         note: None,
//!     }, "reviewer")
//! })?;
//! ledger.write(|tx| resolutions::insert(tx, &NewResolution {
//!     question_id: recorded.question_id,
//!     outcome: Outcome::Yes,
//!     resolved_on: parse_date("2022-02-24")?,
//!     evidence: Some("The invasion began on 24 February 2022".into()),
//!     resolved_by: "reviewer".into(),
//!     reason: None,
//! }))?;
//!
//! // Recorded today with a 2022 date, after its outcome, on nobody's word but ours: claimed,
//! // which scores leave out unless asked for.
//! let card = score_ledger(&ledger, &Filter::default(), &Options::default())?;
//! assert_eq!((card.overall.n, card.excluded.claimed), (0, 1));
//! let every_class = Options {
//!     evidence: EvidenceSet::of(&Evidence::ALL),
//!     ..Options::default()
//! };
//! let card = score_ledger(&ledger, &Filter::default(), &every_class)?;
//! // "Very unlikely" is 12.5% on ICD 203; it happened: Brier (0.125 - 1)² = 0.765625.
//! assert_eq!(card.overall.brier, Some(0.765625));
//! # Ok::<(), anyhow::Error>(())
//! ```

pub mod cli;
pub mod commands;
pub mod confidence;
pub mod extract;
pub mod interchange;
pub mod ledger;
pub mod merkle;
pub mod model;
pub mod output;
pub mod report;
pub mod score;
pub mod text;
