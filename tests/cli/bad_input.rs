//! DESIGN.md "Bad input": every malformed value gets one clear line on stderr naming the
//! value, the field and (for files) the line number, exit status 1, and no change to the
//! ledger. Each case runs against a ledger that already holds data (`Ledger::seeded`) and
//! compares a full snapshot of it before and after.
//!
//! In the seeded ledger question 1 ("Russia invades Ukraine by 2022-12-31") is resolved yes
//! on 2022-02-24, question 3 has been resolved twice, question 4 is open.

use crate::support::*;

/// Folds case and `_`/`-` so that a field may be named `resolve_by` or `--resolve-by`.
fn fold(text: &str) -> String {
    text.to_lowercase().replace('_', "-")
}

/// Runs a command that must be refused as bad input and checks the whole contract; returns
/// the error line.
#[track_caller]
fn assert_refused(ledger: &Ledger, args: &[&str], stdin: Option<&[u8]>, names: &[&str]) -> String {
    let before = ledger.snapshot();
    let output = match stdin {
        Some(bytes) => ledger.run_stdin(args, bytes),
        None => ledger.run(args),
    };
    let err = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "fledger {args:?} should exit 1; stderr:\n{err}"
    );
    let lines = stderr_lines(&output);
    assert_eq!(
        lines.len(),
        1,
        "fledger {args:?} should print exactly one line on stderr, printed:\n{err}"
    );
    let line = lines[0].clone();
    for name in names {
        assert!(
            fold(&line).contains(&fold(name)),
            "fledger {args:?}: the error should name {name:?}: {line}"
        );
    }
    assert!(
        output.stdout.is_empty(),
        "fledger {args:?} printed data on a failure: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    let after = ledger.snapshot();
    assert_eq!(
        before,
        after,
        "fledger {args:?} changed the ledger (rows before {:?}, after {:?})",
        before.counts(),
        after.counts()
    );
    line
}

/// Writes an import file next to the ledger and refuses it by path.
#[track_caller]
fn assert_import_refused(ledger: &Ledger, name: &str, contents: &[u8], names: &[&str]) -> String {
    let path = ledger.write_file(name, contents);
    let line = assert_refused(ledger, &["import", path.to_str().unwrap()], None, names);
    assert!(
        line.contains(name),
        "the error should name the file {name}: {line}"
    );
    line
}

// ---- add: probabilities and phrases -------------------------------------------------------

#[test]
fn probability_above_one() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["add", "New question", "-p", "1.5"],
        None,
        &["1.5", "probability"],
    );
}

#[test]
fn negative_percentage() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["add", "New question", "-p", "-3%"],
        None,
        &["-3%", "probability"],
    );
}

#[test]
fn probability_nan() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["add", "New question", "-p", "nan"],
        None,
        &["nan", "probability"],
    );
}

#[test]
fn probability_infinite_or_exponent() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["add", "New question", "-p", "inf"],
        None,
        &["inf", "probability"],
    );
    assert_refused(
        &ledger,
        &["add", "New question", "-p", "5e-1"],
        None,
        &["5e-1", "probability"],
    );
}

#[test]
fn bare_seventy_is_not_seventy_percent() {
    let ledger = Ledger::seeded();
    let line = assert_refused(
        &ledger,
        &["add", "New question", "-p", "70"],
        None,
        &["70", "probability"],
    );
    // Refused, not read as 70% (nor as 0.7%).
    assert!(
        line.contains("70%"),
        "the error should say how to write 70 percent: {line}"
    );
}

#[test]
fn percentage_above_one_hundred() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["add", "New question", "-p", "150%"],
        None,
        &["150%", "probability"],
    );
}

#[test]
fn unknown_phrase() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["add", "New question", "-c", "written in the stars"],
        None,
        &["written in the stars", "confidence"],
    );
}

#[test]
fn unknown_scale() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &[
            "add",
            "New question",
            "-c",
            "likely",
            "--scale",
            "astrology",
        ],
        None,
        &["astrology", "scale"],
    );
}

// ---- add: dates ---------------------------------------------------------------------------

#[test]
fn impossible_made_date() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["add", "New question", "-p", "0.5", "--made", "2022-02-30"],
        None,
        &["2022-02-30", "made"],
    );
}

#[test]
fn impossible_resolve_by_date() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &[
            "add",
            "New question",
            "-p",
            "0.5",
            "--resolve-by",
            "2026-13-45",
        ],
        None,
        &["2026-13-45", "resolve-by"],
    );
}

#[test]
fn badly_shaped_date() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["add", "New question", "-p", "0.5", "--made", "24/02/2022"],
        None,
        &["24/02/2022", "made"],
    );
}

#[test]
fn prediction_dated_after_the_recorded_outcome() {
    // Question 1 resolved yes on 2022-02-24.
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &[
            "add",
            "--question",
            "1",
            "-p",
            "0.9",
            "--made",
            "2022-03-01",
            "--by",
            "Late Larry",
        ],
        None,
        &["2022-03-01", "made"],
    );
}

#[test]
fn prediction_by_statement_dated_after_the_recorded_outcome() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &[
            "add",
            "Russia  invades Ukraine by 2022-12-31",
            "-p",
            "0.9",
            "--made",
            "2022-03-01",
        ],
        None,
        &["2022-03-01", "made"],
    );
}

// ---- ids that do not exist ----------------------------------------------------------------

#[test]
fn question_that_does_not_exist() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["add", "--question", "999", "-p", "0.5"],
        None,
        &["999", "question"],
    );
}

#[test]
fn source_that_does_not_exist() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["add", "New question", "-p", "0.5", "--source", "999"],
        None,
        &["999", "source"],
    );
}

#[test]
fn resolving_a_question_that_does_not_exist() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["resolve", "999", "yes", "--on", "2022-01-01"],
        None,
        &["999", "question"],
    );
}

#[test]
fn showing_what_does_not_exist() {
    let ledger = Ledger::seeded();
    assert_refused(&ledger, &["show", "999"], None, &["999", "question"]);
    assert_refused(
        &ledger,
        &["source", "show", "999"],
        None,
        &["999", "source"],
    );
}

// ---- resolve ------------------------------------------------------------------------------

#[test]
fn resolving_on_an_impossible_date() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["resolve", "4", "yes", "--on", "2022-02-30"],
        None,
        &["2022-02-30", "--on"],
    );
}

#[test]
fn resolving_with_an_unknown_outcome() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["resolve", "4", "maybe", "--on", "2022-02-01"],
        None,
        &["maybe", "outcome"],
    );
}

#[test]
fn re_resolving_without_a_reason() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["resolve", "1", "no", "--on", "2022-03-01"],
        None,
        &["1", "--reason"],
    );
    // A blank reason is no reason.
    assert_refused(
        &ledger,
        &["resolve", "1", "no", "--on", "2022-03-01", "--reason", "  "],
        None,
        &["1", "--reason"],
    );
}

#[test]
fn score_filter_with_an_impossible_date() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["score", "--since", "2022-02-30"],
        None,
        &["2022-02-30", "since"],
    );
    assert_refused(
        &ledger,
        &["list", "--until", "2022-13-01"],
        None,
        &["2022-13-01", "until"],
    );
}

// ---- import files -------------------------------------------------------------------------

#[test]
fn import_missing_probability_column() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "missing.csv",
        b"statement,forecaster\nNew A,ana\n",
        &["line 1", "probability"],
    );
}

#[test]
fn import_missing_statement_column() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "nostatement.csv",
        b"probability,forecaster\n0.5,ana\n",
        &["line 1", "statement"],
    );
}

#[test]
fn import_broken_csv_quote() {
    // The quote opened on line 4 is never closed.
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "quote.csv",
        b"statement,probability\nNew A,0.5\nNew B,0.25\n\"New C,0.5\nNew D,0.1\n",
        &["line 4", "quote"],
    );
}

#[test]
fn import_non_utf8_bytes() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "latin1.csv",
        b"statement,probability\nNew A,0.5\nNew B \xe9t\xe9,0.5\n",
        &["line 3", "UTF-8"],
    );
}

#[test]
fn import_bad_probability_on_line_4_imports_nothing() {
    // Lines 2 and 3 are fine, line 4 is not: nothing of the file is kept.
    let ledger = Ledger::seeded();
    let line = assert_import_refused(
        &ledger,
        "p.csv",
        b"statement,probability\nNew A,0.5\nNew B,0.25\nNew C,1.5\nNew D,0.1\n",
        &["line 4", "1.5", "probability"],
    );
    assert!(!line.contains("line 5"), "{line}");
    let listed = ledger.ok(&["list", "--format", "csv"]);
    assert!(
        !listed.contains("New A") && !listed.contains("New B"),
        "{listed}"
    );
}

#[test]
fn import_bad_probability_in_json_names_its_line() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "p.json",
        b"[\n  {\"statement\": \"New A\", \"probability\": 0.5},\n  {\"statement\": \"New B\", \"probability\": 1.5}\n]\n",
        &["line 3", "1.5", "probability"],
    );
}

#[test]
fn import_bad_row_from_stdin() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["import", "-"],
        Some(b"statement,probability\nNew A,0.5\nNew B,-3%\n"),
        &["line 3", "-3%", "probability"],
    );
}

#[test]
fn import_rows_of_one_statement_disagreeing_on_the_outcome() {
    let ledger = Ledger::seeded();
    let line = assert_import_refused(
        &ledger,
        "conflict.csv",
        b"statement,probability,outcome,resolved_on\n\
          Other,0.3,,\n\
          New A,0.5,yes,2022-01-01\n\
          Other 2,0.3,,\n\
          New  A,0.4,no,2022-01-01\n",
        &["line 3", "line 5", "outcome"],
    );
    assert!(
        line.contains("yes") && line.contains("no"),
        "both outcomes named: {line}"
    );
}

#[test]
fn import_rows_of_one_statement_disagreeing_on_the_deadline() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "deadline.csv",
        b"statement,probability,resolve_by\nNew A,0.5,2024-01-01\nNew A,0.4,2025-01-01\n",
        &["line 2", "line 3", "resolve_by", "2025-01-01"],
    );
}

#[test]
fn import_impossible_date() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "date.csv",
        b"statement,probability,made_on\nNew A,0.5,2022-01-01\nNew B,0.5,2022-02-30\n",
        &["line 3", "made_on", "2022-02-30"],
    );
}

#[test]
fn import_impossible_resolve_by() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "date2.csv",
        b"statement,probability,resolve_by\nNew A,0.5,2026-13-45\n",
        &["line 2", "resolve_by", "2026-13-45"],
    );
}

#[test]
fn import_unknown_outcome_word() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "outcome.csv",
        b"statement,probability,outcome,resolved_on\nNew A,0.5,maybe,2022-01-01\n",
        &["line 2", "outcome", "maybe"],
    );
}

#[test]
fn import_outcome_without_resolved_on() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "noresolved.csv",
        b"statement,probability,outcome,resolved_on\nNew A,0.5,,\nNew B,0.5,yes,\n",
        &["line 3", "resolved_on", "yes"],
    );
}

#[test]
fn import_unknown_phrase() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "phrase.csv",
        b"statement,confidence\nNew A,likely\nNew B,written in the stars\n",
        &["line 3", "confidence", "written in the stars"],
    );
}

#[test]
fn import_strict_row_dated_after_its_own_outcome() {
    // Without --strict such a row is left out with a warning (tests/cli/real_files.rs).
    let ledger = Ledger::seeded();
    let path = ledger.write_file(
        "hindsight.csv",
        b"statement,probability,made_on,outcome,resolved_on\nNew A,0.5,2022-03-01,yes,2022-02-24\n",
    );
    let line = assert_refused(
        &ledger,
        &["import", "--strict", path.to_str().unwrap()],
        None,
        &["line 2", "made 2022-03-01", "2022-02-24", "--strict"],
    );
    assert!(line.contains("hindsight.csv"), "{line}");
}

#[test]
fn import_row_dated_after_the_ledgers_recorded_outcome() {
    // Question 1 is resolved in the ledger on 2022-02-24; a later import row on it is
    // hindsight, and the good row before it is not kept either.
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "late.csv",
        b"statement,probability,made_on\nNew A,0.5,2022-01-01\nRussia invades Ukraine by 2022-12-31,0.9,2022-03-01\n",
        &["line 3", "made_on", "2022-03-01"],
    );
}

#[test]
fn import_outcome_disagreeing_with_the_ledger() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "disagree.csv",
        b"statement,probability,made_on,outcome,resolved_on\nNew A,0.5,2022-01-01,,\nRussia invades Ukraine by 2022-12-31,0.2,2022-01-02,no,2022-02-24\n",
        &["line 3", "outcome", "no"],
    );
}

#[test]
fn import_broken_json() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "broken.json",
        b"[\n  {\"statement\": \"New A\", \"probability\": 0.5},\n  {\"statement\": \"New B\" \"probability\": 0.5}\n]\n",
        &["line 3", "JSON"],
    );
}

#[test]
fn import_file_that_does_not_exist() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["import", "no-such-file.csv"],
        None,
        &["no-such-file.csv"],
    );
}

// ---- usage errors (clap): exit 2 ----------------------------------------------------------

#[track_caller]
fn assert_usage_error(ledger: &Ledger, args: &[&str]) {
    let before = ledger.snapshot();
    let output = ledger.run(args);
    assert_eq!(
        output.status.code(),
        Some(2),
        "fledger {args:?} is a usage error; stderr:\n{}",
        stderr(&output)
    );
    assert!(
        !stderr(&output).trim().is_empty(),
        "a usage error explains itself"
    );
    assert!(output.stdout.is_empty());
    assert_eq!(
        before,
        ledger.snapshot(),
        "fledger {args:?} changed the ledger"
    );
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let ledger = Ledger::seeded();
    assert_usage_error(&ledger, &["frobnicate"]);
}

#[test]
fn add_without_probability_or_confidence_is_a_usage_error() {
    let ledger = Ledger::seeded();
    assert_usage_error(&ledger, &["add", "New question"]);
    assert_usage_error(&ledger, &["add", "-p", "0.5"]);
}

#[test]
fn other_usage_errors() {
    let ledger = Ledger::seeded();
    assert_usage_error(&ledger, &["resolve", "4"]);
    assert_usage_error(
        &ledger,
        &["add", "New question", "-p", "0.5", "--source", "abc"],
    );
    assert_usage_error(&ledger, &["score", "--group-by", "colour"]);
    assert_usage_error(&ledger, &["score", "--bins", "0"]);
    assert_usage_error(&ledger, &["list", "--open", "--resolved"]);
}

// ---- a missing ledger ---------------------------------------------------------------------

#[test]
fn read_commands_on_a_missing_ledger_exit_1_and_create_nothing() {
    let ledger = Ledger::new();
    for args in [
        &["list"][..],
        &["show", "1"],
        &["due"],
        &["score"],
        &["source", "list"],
        &["source", "show", "1"],
        &["export", "predictions"],
        &["export", "scores"],
    ] {
        let output = ledger.run(args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "fledger {args:?} on a missing ledger"
        );
        let lines = stderr_lines(&output);
        assert_eq!(lines.len(), 1, "fledger {args:?}: {lines:?}");
        assert!(
            lines[0].contains("ledger.db"),
            "the error names the file: {}",
            lines[0]
        );
        assert!(
            !ledger.db.exists(),
            "fledger {args:?} created {}",
            ledger.db.display()
        );
    }
    assert_eq!(
        std::fs::read_dir(ledger.path()).unwrap().count(),
        0,
        "nothing at all is left in the folder"
    );
}

#[test]
fn a_refused_value_on_a_missing_ledger_creates_nothing() {
    let ledger = Ledger::new();
    let output = ledger.run(&["add", "New question", "-p", "1.5"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!ledger.db.exists());
}

/// A refused first write may leave the new ledger file, but nothing in it. (Removing the file
/// again is not safe: another process may have opened and written it meanwhile, and deleting
/// a file under a writer loses its writes — tests/robust/concurrency.rs races exactly that.)
#[test]
fn a_failed_write_on_a_missing_ledger_writes_nothing() {
    let ledger = Ledger::new();
    let output = ledger.run(&["add", "--question", "999", "-p", "0.5"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stderr_lines(&output).len(), 1);
    if ledger.db.exists() {
        assert_eq!(ledger.count("predictions"), 0);
        assert_eq!(ledger.count("questions"), 0);
    }
}

// ---- one line, whatever the value holds ---------------------------------------------------

#[test]
fn a_value_holding_a_newline_is_still_named_on_one_line() {
    let ledger = Ledger::seeded();
    // Phrases already keep to one line.
    assert_refused(
        &ledger,
        &["add", "New question", "-c", "written in\nthe stars"],
        None,
        &["written in", "the stars", "confidence"],
    );
    assert_refused(
        &ledger,
        &[
            "add",
            "New question",
            "-p",
            "0.5",
            "--made",
            "2022-01-01\nnoon",
        ],
        None,
        &["2022-01-01", "made"],
    );
}

#[test]
fn an_outcome_holding_a_newline_is_named_on_one_line() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["resolve", "4", "ma\nybe", "--on", "2022-02-01"],
        None,
        &["ma", "outcome"],
    );
}

#[test]
fn import_cell_holding_a_newline_is_named_on_one_line() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "newline.csv",
        b"statement,probability,made_on\nNew A,0.5,\"2022-01-01\nat noon\"\n",
        &["line 2", "made_on", "2022-01-01"],
    );
}

#[test]
fn import_lines_count_from_the_file_not_the_records() {
    // The first record spans lines 2 and 3; the bad one starts on line 4.
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "multiline.csv",
        b"statement,probability\n\"New A\nspanning two lines\",0.5\nNew B,1.5\n",
        &["line 4", "1.5", "probability"],
    );
}

#[test]
fn import_row_with_a_stray_comma() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "stray.csv",
        b"statement,probability\nNew A,0.5\nNew B,0.5,oops\n",
        &["line 3"],
    );
}

#[test]
fn source_text_that_is_not_utf8() {
    let ledger = Ledger::seeded();
    let path = ledger.write_file("latin1.txt", b"first line\nsecond \xe9t\xe9 line\n");
    let line = assert_refused(
        &ledger,
        &[
            "source",
            "add",
            "A latin-1 text",
            "--file",
            path.to_str().unwrap(),
        ],
        None,
        &["line 2", "UTF-8"],
    );
    assert!(line.contains("latin1.txt"), "{line}");
}

// ---- more values of the import format and of sources ---------------------------------------

#[test]
fn impossible_publication_date() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["source", "add", "A text", "--published", "2022-02-30"],
        None,
        &["2022-02-30", "published"],
    );
}

#[test]
fn import_rows_of_one_statement_disagreeing_on_the_resolution_date() {
    let ledger = Ledger::seeded();
    let line = assert_import_refused(
        &ledger,
        "dates.csv",
        b"statement,probability,outcome,resolved_on\nNew A,0.5,yes,2022-01-01\nNew A,0.4,yes,2022-01-02\n",
        &["line 2", "line 3", "resolved_on"],
    );
    assert!(
        line.contains("2022-01-01") && line.contains("2022-01-02"),
        "{line}"
    );
}

#[test]
fn import_row_without_probability_or_confidence() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "empty-probability.csv",
        b"statement,probability,confidence\nNew A,0.5,\nNew B,,\n",
        &["line 3", "probability"],
    );
}

#[test]
fn import_row_without_a_statement() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "empty-statement.csv",
        b"statement,probability\nNew A,0.5\n,0.4\n",
        &["line 3", "statement"],
    );
}

#[test]
fn import_source_date_that_is_impossible() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "published.csv",
        b"statement,probability,source_title,source_published\nNew A,0.5,Column,2021-02-29\n",
        &["line 2", "source_published", "2021-02-29"],
    );
}

// ---- the fixture itself -------------------------------------------------------------------

#[test]
fn the_snapshot_sees_writes_that_export_cannot() {
    // Re-resolving question 1 with the same outcome and date (and no evidence) changes
    // nothing that export or the source list prints, only the resolutions table.
    let ledger = Ledger::seeded();
    let before = ledger.snapshot();
    ledger.ok(&[
        "resolve",
        "1",
        "yes",
        "--on",
        "2022-02-24",
        "--reason",
        "checked again",
    ]);
    let after = ledger.snapshot();
    assert_eq!(before.export, after.export);
    assert_eq!(before.sources, after.sources);
    assert_ne!(before, after, "the snapshot missed a new resolution row");
    assert_eq!(
        after.tables["resolutions"].len(),
        before.tables["resolutions"].len() + 1
    );
}

#[test]
fn blank_forecaster_or_resolver_name() {
    // A blank --by would silently credit the default forecaster instead.
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["add", "New question", "-p", "0.5", "--by", "  "],
        None,
        &["--by", "empty"],
    );
    assert_refused(
        &ledger,
        &["resolve", "4", "yes", "--by", ""],
        None,
        &["--by", "empty"],
    );
}

// ---- import from other tools (`--from`, or told from the header) ---------------------------

const FATEBOOK_EXPORT_HEADER: &str = "Question title,Forecast created by,Forecast (scale = 0-1),Forecast created at,Question created at,Question resolve by,Resolution,Resolved at\n";

#[test]
fn fatebook_probability_above_one() {
    let ledger = Ledger::seeded();
    let file = format!("{FATEBOOK_EXPORT_HEADER}\"A\",\"Ana\",0.4,2023-01-01 10:00:00,2023-01-01 10:00:00,,,\n\"B\",\"Ana\",1.7,2023-01-01 10:00:00,2023-01-01 10:00:00,,,\n");
    assert_import_refused(
        &ledger,
        "fatebook.csv",
        file.as_bytes(),
        &[
            "line 3",
            "'Forecast (scale = 0-1)' = '1.7' is not a probability",
        ],
    );
}

#[test]
fn fatebook_spreadsheet_forecast_above_100_percent() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "sheet.csv",
        b"questionTitle,forecast,qCreatedAt,resolution\nA,170,2023-01-01,\n",
        &["line 2", "'forecast' = '170'", "percentage from 0 to 100"],
    );
}

#[test]
fn fatebook_bad_timestamp_and_resolution() {
    let ledger = Ledger::seeded();
    let file =
        format!("{FATEBOOK_EXPORT_HEADER}\"A\",\"Ana\",0.4,yesterday,2023-01-01 10:00:00,,,\n");
    assert_import_refused(
        &ledger,
        "fatebook.csv",
        file.as_bytes(),
        &[
            "line 2",
            "'Forecast created at' = 'yesterday' is not a date",
        ],
    );
    let file = format!("{FATEBOOK_EXPORT_HEADER}\"A\",\"Ana\",0.4,2023-01-01 10:00:00,2023-01-01 10:00:00,,\"MAYBE\",2023-02-01 10:00:00\n");
    assert_import_refused(
        &ledger,
        "fatebook.csv",
        file.as_bytes(),
        &[
            "line 2",
            "'Resolution' = 'MAYBE' is not a Fatebook resolution",
        ],
    );
}

#[test]
fn from_fatebook_on_a_file_without_its_columns() {
    let ledger = Ledger::seeded();
    let path = ledger.write_file("other.csv", b"title,p\nA,0.5\n");
    assert_refused(
        &ledger,
        &["import", "--from", "fatebook", path.to_str().unwrap()],
        None,
        &[
            "other.csv",
            "line 1",
            "missing column 'Question title'",
            "questionTitle",
        ],
    );
}

#[test]
fn predictionbook_confidence_above_100() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "pb.json",
        b"[\n  {\"id\": 1, \"description\": \"A\", \"outcome\": null,\n   \"responses\": [\n     {\"confidence\": 50, \"created_at\": \"2020-01-01T00:00:00Z\", \"user_label\": \"ana\"},\n     {\"confidence\": 170, \"created_at\": \"2020-01-02T00:00:00Z\", \"user_label\": \"ana\"}\n   ]}\n]\n",
        &["line 5", "responses", "'confidence' = '170' is not a probability"],
    );
}

/// A Metaculus export folder next to the ledger, from the fixture with one file replaced or
/// left out.
fn metaculus_folder(ledger: &Ledger, forecasts: Option<&str>) -> std::path::PathBuf {
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop/metaculus");
    let folder = ledger.path().join("metaculus-export");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(
        fixtures.join("question_data.csv"),
        folder.join("question_data.csv"),
    )
    .unwrap();
    if let Some(forecasts) = forecasts {
        std::fs::write(folder.join("forecast_data.csv"), forecasts).unwrap();
    }
    folder
}

#[test]
fn metaculus_probability_above_one_names_the_file_and_line() {
    let ledger = Ledger::seeded();
    let forecasts = "Question ID,Forecaster ID,Forecaster Username,Start Time,Forecaster Count,Probability Yes\n1001,11,alice,2023-01-10 10:00:00+00:00,,0.3\n1001,12,bob,2023-01-11 10:00:00+00:00,,1.7\n";
    let folder = metaculus_folder(&ledger, Some(forecasts));
    assert_refused(
        &ledger,
        &["import", folder.to_str().unwrap()],
        None,
        &[
            "forecast_data.csv",
            "line 3",
            "'Probability Yes' = '1.7' is not a probability",
        ],
    );
}

#[test]
fn metaculus_forecast_on_an_unknown_question() {
    let ledger = Ledger::seeded();
    let forecasts = "Question ID,Forecaster ID,Forecaster Username,Start Time,Forecaster Count,Probability Yes\n999,11,alice,2023-01-10 10:00:00+00:00,,0.3\n";
    let folder = metaculus_folder(&ledger, Some(forecasts));
    assert_refused(
        &ledger,
        &["import", "--from", "metaculus", folder.to_str().unwrap()],
        None,
        &[
            "forecast_data.csv",
            "line 2",
            "'Question ID' = '999' is not in question_data.csv",
        ],
    );
}

#[test]
fn metaculus_without_forecast_data() {
    let ledger = Ledger::seeded();
    let folder = metaculus_folder(&ledger, None);
    assert_refused(
        &ledger,
        &["import", folder.to_str().unwrap()],
        None,
        &["forecast_data.csv is missing", "question_data.csv"],
    );
    let questions = folder.join("question_data.csv");
    assert_refused(
        &ledger,
        &["import", questions.to_str().unwrap()],
        None,
        &["forecast_data.csv is missing"],
    );
}

#[test]
fn metaculus_from_stdin() {
    let ledger = Ledger::seeded();
    assert_refused(
        &ledger,
        &["import", "--from", "metaculus", "-"],
        Some(b"Question ID,Probability Yes\n1,0.5\n"),
        &[
            "Metaculus",
            "question_data.csv",
            "forecast_data.csv",
            "stdin",
        ],
    );
}

#[test]
fn import_of_an_unknown_format_lists_the_formats() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "mystery.csv",
        b"title,chance,when\nA,0.5,2020-01-01\n",
        &[
            "line 1",
            "cannot tell which tool",
            "title, chance, when",
            "--from fledger, fatebook, predictionbook, metaculus",
        ],
    );
}

#[test]
fn import_of_an_ambiguous_header_asks_for_from() {
    let ledger = Ledger::seeded();
    assert_import_refused(
        &ledger,
        "both.csv",
        b"statement,probability,questionTitle,forecast\nA,0.5,A,50\n",
        &[
            "line 1",
            "more than one format",
            "fledger and fatebook",
            "--from",
        ],
    );
}
