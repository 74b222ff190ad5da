//! The command-line contract, run through the real binary: one module per command (or group
//! of commands), one per cross-cutting contract (bad input, formats, stdio, terminal, help,
//! config, upgrade, the README tour).

#[path = "../support/mod.rs"]
mod support;

mod bad_input;
mod config;
mod dates;
mod demo;
mod extract_prose;
mod formats;
mod help;
mod import_export;
mod interop;
mod journal;
mod peers;
mod quotes;
mod readme;
mod record;
mod report;
mod resolve;
mod score;
mod shell;
mod stdio;
mod terminal;
mod text;
mod upgrade;
