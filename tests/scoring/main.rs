//! The numbers: scores against scikit-learn's on generated fixtures, on a 100k-row ledger,
//! and streamed against in-memory scoring.

#[path = "../support/mod.rs"]
mod support;

mod corp;
mod ledger_100k;
mod sklearn;
mod streamed;
