//! fledger: a forecast ledger. Log the predictions published texts make, resolve them, score them.
//!
//! Layers: `ledger` owns storage, `score` is pure math, `report` renders, `commands` is glue.

pub mod cli;
pub mod commands;
pub mod confidence;
pub mod interchange;
pub mod ledger;
pub mod model;
pub mod report;
pub mod score;
pub mod scorecard;
pub mod seed;
