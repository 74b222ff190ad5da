//! The command-line contract, run through the real binary.
//!
//! A command's tests live in the module named after it: `add` tests `fledger add`, `source`
//! tests `fledger source add/list/show`, and so on (`score_peers` is `score --peers`, beside
//! `score`; `score_corp` and `score_periods` its CORP and per-period tables). A contract that
//! runs across commands has a module of its own: `bad_input`, `config`, `damaged` (files that
//! are not ledgers), `dates`, `formats`, `help`, `interop` (other tools' files, in and out),
//! `readme` (the walkthrough), `real_files` (the quirks of real exports, and the shared real
//! data when it is present), `schema_attacks` (the schema changed behind fledger's back),
//! `stdio`, `terminal` and `upgrade`. A helper that more than one module uses is in
//! tests/support, as is the one command builder every test goes through.

#[path = "../support/mod.rs"]
mod support;

// Commands.
mod add;
mod backup;
mod completions;
mod demo;
mod due;
mod evidence;
mod export;
mod extract;
mod extract_prose;
mod import;
mod init;
mod list;
mod log;
mod man;
mod phrases;
mod remap;
mod report;
mod resolve;
mod score;
mod score_corp;
mod score_peers;
mod score_periods;
mod source;
mod verify;
mod withdraw;

// Contracts across commands.
mod bad_input;
mod config;
mod damaged;
mod dates;
mod formats;
mod help;
mod interop;
mod readme;
mod real_files;
mod schema_attacks;
mod stdio;
mod terminal;
mod upgrade;
