//! The flag groups several commands share, each with its one conversion into library values:
//! output format, filters, scoring options, and dates as people type them.

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::builder::PossibleValue;
use clap::{Args, ValueEnum};

use crate::model::dates::{parse_user_date, Partial};
use crate::model::evidence::{Evidence, EvidenceSet};
use crate::model::rows::Filter;
use crate::model::today;
use crate::output::Format;
use crate::score::card::{GroupBy, Options, Policy};
use crate::score::BinStyle;

#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format [default: table on a terminal, csv otherwise]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Shorthand for --format json
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

impl OutputArgs {
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            self.format.unwrap_or_else(Format::default_for_stdout)
        }
    }
}

/// Filters shared by list, score and export.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only questions with this tag
    #[arg(long, value_name = "T")]
    pub tag: Option<String>,
    /// Only this forecaster (case-insensitive)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Only predictions from this source id
    #[arg(long, value_name = "ID")]
    pub source: Option<i64>,
    /// Only predictions made on or after DATE (2022 or 2022-06: from its first day; -30d)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only predictions made on or before DATE (2022 or 2022-06: through its last day)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
}

/// Parses an optional date argument as people type it (see [`crate::model::dates`]), naming the flag
/// in the error; `partial` is what a month or a year alone means for this flag.
pub fn date_arg(value: Option<&str>, flag: &str, partial: Partial) -> Result<Option<NaiveDate>> {
    value
        .map(|text| {
            parse_user_date(text, partial, today()).with_context(|| format!("invalid {flag}"))
        })
        .transpose()
}

impl FilterArgs {
    pub fn to_filter(&self) -> Result<Filter> {
        Ok(Filter {
            tag: self.tag.clone(),
            forecaster: self.by.clone(),
            source_id: self.source,
            since: date_arg(self.since.as_deref(), "--since", Partial::Start)?,
            until: date_arg(self.until.as_deref(), "--until", Partial::End)?,
            ..Filter::default()
        })
    }
}

/// `--bin-style`, named and explained for the command line; the bins themselves are
/// [`BinStyle`]'s.
impl ValueEnum for BinStyle {
    fn value_variants<'a>() -> &'a [Self] {
        &[BinStyle::EqualWidth, BinStyle::Centered]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            BinStyle::EqualWidth => PossibleValue::new("equal-width")
                .help("[0, 0.1], (0.1, 0.2], ... as scikit-learn's calibration_curve"),
            BinStyle::Centered => PossibleValue::new("centered")
                .help("Bins centred on 0%, 10%, ..., 100%, as Fatebook draws them"),
        })
    }
}

#[derive(Debug, Clone, Args)]
pub struct ScoreOptionArgs {
    /// Group the accuracy table
    #[arg(long, value_enum)]
    pub group_by: Option<GroupBy>,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// How predictions are binned and which count: shared by score, export and report.
#[derive(Debug, Clone, Args)]
pub struct ScoringArgs {
    /// Number of calibration bins
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub bins: u16,
    #[arg(long, value_enum, default_value_t)]
    pub bin_style: BinStyle,
    /// Which of a forecaster's several predictions on one question count
    #[arg(long, value_enum, default_value_t)]
    pub policy: Policy,
    /// Which evidence classes count, comma-separated, or all [default: registered,sourced,imported]
    #[arg(long, value_enum, value_delimiter = ',', value_name = "CLASS")]
    pub evidence: Vec<EvidenceFlag>,
}

/// A value of `--evidence`: one class, or `all` of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceFlag {
    Class(Evidence),
    All,
}

const EVIDENCE_FLAGS: [EvidenceFlag; 5] = [
    EvidenceFlag::Class(Evidence::Registered),
    EvidenceFlag::Class(Evidence::Sourced),
    EvidenceFlag::Class(Evidence::Imported),
    EvidenceFlag::Class(Evidence::Claimed),
    EvidenceFlag::All,
];

/// `--evidence`, named and explained for the command line; the classes are [`Evidence`]'s.
impl ValueEnum for EvidenceFlag {
    fn value_variants<'a>() -> &'a [Self] {
        &EVIDENCE_FLAGS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (name, help) = match self {
            EvidenceFlag::Class(class) => (
                class.name(),
                match class {
                    Evidence::Registered => {
                        "Recorded by fledger before the outcome (or still open)"
                    }
                    Evidence::Sourced => "Quote verified in an archived text published by made_on",
                    Evidence::Imported => "Brought in by import (file name and SHA-256 journaled)",
                    Evidence::Claimed => "Typed in after the outcome on the user's word alone",
                },
            ),
            EvidenceFlag::All => ("all", "Every class, claimed too"),
        };
        Some(PossibleValue::new(name).help(help))
    }
}

/// The classes `--evidence` names; none named: the default.
fn evidence_set(flags: &[EvidenceFlag]) -> EvidenceSet {
    if flags.is_empty() {
        return EvidenceSet::default();
    }
    if flags.contains(&EvidenceFlag::All) {
        return EvidenceSet::of(&Evidence::ALL);
    }
    let classes: Vec<Evidence> = flags
        .iter()
        .filter_map(|flag| match flag {
            EvidenceFlag::Class(class) => Some(*class),
            EvidenceFlag::All => None,
        })
        .collect();
    EvidenceSet::of(&classes)
}

impl ScoringArgs {
    /// The scorecard's options with these flags, ungrouped.
    pub fn options(&self) -> Options {
        Options {
            group_by: None,
            bins: usize::from(self.bins),
            bin_style: self.bin_style,
            policy: self.policy,
            evidence: evidence_set(&self.evidence),
        }
    }
}

impl ScoreOptionArgs {
    pub fn options(&self) -> Options {
        Options {
            group_by: self.group_by,
            ..self.scoring.options()
        }
    }
}
