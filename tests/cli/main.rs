//! The command-line contract, run through the real binary.
//!
//! A command's tests live in the module named after it: `add` tests `fledger add`, `source`
//! tests `fledger source add/list/show`, and so on (`score_peers` is `score --peers`, beside
//! `score`). A contract that runs across commands has a module of its own: `bad_input`,
//! `config`, `dates`, `formats`, `help`, `interop` (other tools' files, in and out), `real_files` (the
//! quirks of real exports, and the shared real data when it is present),
//! `readme` (the walkthrough), `stdio`, `terminal` and `upgrade`. A helper that more than one
//! module uses is in tests/support, as is the one command builder every test goes through.

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
mod score_peers;
mod source;
mod verify;
mod withdraw;

// Contracts across commands.
mod bad_input;
mod config;
mod dates;
mod formats;
mod help;
mod interop;
mod readme;
mod real_files;
mod stdio;
mod terminal;
mod upgrade;
