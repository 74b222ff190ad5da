//! What must hold against hostile or unlucky conditions: concurrent writers, killed
//! processes, hostile files and texts, and round trips through export and import.

#[path = "../support/mod.rs"]
mod support;

mod architecture;
mod concurrency;
mod crash;
mod parsers;
mod round_trip;
mod text;
