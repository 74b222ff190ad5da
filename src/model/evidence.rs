//! Evidence classes: what shows that a prediction was made before its outcome was known.
//! Derived from what fledger recorded, never typed (README, "Evidence classes").

use serde::Serialize;

/// Strongest first: the order of precedence when several apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// Recorded by fledger before its outcome's day began anywhere, and before the outcome
    /// was recorded; or not resolved yet.
    Registered,
    /// Its quote is verified in an archived text published on or before `made_on`.
    Sourced,
    /// Brought in by `import`, from a file whose name and SHA-256 are journaled.
    Imported,
    /// Typed in after the outcome, on the user's word alone.
    Claimed,
}

impl Evidence {
    pub const ALL: [Evidence; 4] = [
        Evidence::Registered,
        Evidence::Sourced,
        Evidence::Imported,
        Evidence::Claimed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Evidence::Registered => "registered",
            Evidence::Sourced => "sourced",
            Evidence::Imported => "imported",
            Evidence::Claimed => "claimed",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// What fledger knows of a prediction that tells its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts<'a> {
    /// When fledger recorded it (RFC 3339 UTC).
    pub created_at: &'a str,
    pub made_on: &'a str,
    pub imported: bool,
    /// Its quote was found in its source's archived text.
    pub quote_verified: bool,
    pub source_published: Option<&'a str>,
    /// The current resolution: its outcome date, and when it was recorded (RFC 3339 UTC).
    pub resolution: Option<(&'a str, &'a str)>,
}

/// The class of a prediction, the strongest that applies.
pub fn classify(facts: &Facts<'_>) -> Evidence {
    if registered(facts) {
        Evidence::Registered
    } else if facts.quote_verified
        && facts
            .source_published
            .is_some_and(|published| published <= facts.made_on)
    {
        Evidence::Sourced
    } else if facts.imported {
        Evidence::Imported
    } else {
        Evidence::Claimed
    }
}

/// Recorded before the outcome could have been known: before the outcome was recorded and
/// before the outcome's day began in the earliest time zone (UTC+14, 10:00 UTC the day
/// before), so neither a same-day entry nor one typed where the date has already turned
/// passes. Timestamps are RFC 3339 UTC with a `Z`, so they compare as text.
fn registered(facts: &Facts<'_>) -> bool {
    let Some((resolved_on, recorded_at)) = facts.resolution else {
        return true;
    };
    let Ok(day) = chrono::NaiveDate::parse_from_str(resolved_on, "%Y-%m-%d") else {
        return false;
    };
    let Some(day_before) = day.pred_opt() else {
        return false;
    };
    let outcome_day_begins = format!("{}T10:00:00Z", day_before.format("%Y-%m-%d"));
    facts.created_at < recorded_at && facts.created_at < outcome_day_begins.as_str()
}

/// A set of classes: which count in a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceSet(u8);

impl EvidenceSet {
    pub fn of(classes: &[Evidence]) -> Self {
        Self(classes.iter().fold(0, |bits, class| bits | class.bit()))
    }

    pub fn contains(self, class: Evidence) -> bool {
        self.0 & class.bit() != 0
    }
}

impl Default for EvidenceSet {
    /// Every class but claimed: an after-the-fact entry on the user's word alone improves no
    /// score unless asked for.
    fn default() -> Self {
        Self::of(&[Evidence::Registered, Evidence::Sourced, Evidence::Imported])
    }
}

/// How many predictions are of each class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EvidenceCounts {
    pub registered: usize,
    pub sourced: usize,
    pub imported: usize,
    pub claimed: usize,
}

impl EvidenceCounts {
    pub fn add(&mut self, class: Evidence) {
        *self.get_mut(class) += 1;
    }

    pub fn get(&self, class: Evidence) -> usize {
        match class {
            Evidence::Registered => self.registered,
            Evidence::Sourced => self.sourced,
            Evidence::Imported => self.imported,
            Evidence::Claimed => self.claimed,
        }
    }

    fn get_mut(&mut self, class: Evidence) -> &mut usize {
        match class {
            Evidence::Registered => &mut self.registered,
            Evidence::Sourced => &mut self.sourced,
            Evidence::Imported => &mut self.imported,
            Evidence::Claimed => &mut self.claimed,
        }
    }

    pub fn total(&self) -> usize {
        Evidence::ALL.iter().map(|&class| self.get(class)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(created_at: &'a str, resolution: Option<(&'a str, &'a str)>) -> Facts<'a> {
        Facts {
            created_at,
            made_on: "2022-01-01",
            imported: false,
            quote_verified: false,
            source_published: None,
            resolution,
        }
    }

    #[test]
    fn unresolved_is_registered() {
        assert_eq!(
            classify(&facts("2026-12-03T11:00:00Z", None)),
            Evidence::Registered
        );
    }

    #[test]
    fn recorded_well_before_the_outcome_is_registered() {
        let f = facts(
            "2022-01-05T09:00:00Z",
            Some(("2022-02-24", "2022-02-25T08:00:00Z")),
        );
        assert_eq!(classify(&f), Evidence::Registered);
    }

    #[test]
    fn back_dated_and_same_day_entries_are_claimed() {
        // Typed in today about 2022: made_on says January, the clock says otherwise.
        let back_dated = facts(
            "2026-12-03T11:00:00Z",
            Some(("2022-02-24", "2026-12-03T10:00:00Z")),
        );
        assert_eq!(classify(&back_dated), Evidence::Claimed);
        // Before the outcome was recorded, but on its day (where the day had begun).
        let same_day = facts(
            "2022-02-23T23:00:00Z",
            Some(("2022-02-24", "2022-02-25T08:00:00Z")),
        );
        assert_eq!(classify(&same_day), Evidence::Claimed);
        // Before the outcome's day, but after the outcome was recorded.
        let after_recorded = facts(
            "2022-02-20T08:00:00Z",
            Some(("2022-02-24", "2022-02-20T08:00:00Z")),
        );
        assert_eq!(classify(&after_recorded), Evidence::Claimed);
    }

    #[test]
    fn precedence_is_registered_sourced_imported_claimed() {
        let late = Some(("2022-02-24", "2026-01-01T00:00:00Z"));
        let mut f = facts("2026-12-03T11:00:00Z", late);
        f.imported = true;
        assert_eq!(classify(&f), Evidence::Imported);
        f.quote_verified = true;
        f.source_published = Some("2022-01-01");
        assert_eq!(classify(&f), Evidence::Sourced);
        // Published after the claimed date: the text cannot vouch for it.
        f.source_published = Some("2022-01-02");
        assert_eq!(classify(&f), Evidence::Imported);
        let early = facts("2021-12-01T00:00:00Z", late);
        assert_eq!(
            classify(&Facts {
                imported: true,
                ..early
            }),
            Evidence::Registered
        );
    }

    #[test]
    fn a_set_holds_what_it_was_given() {
        let set = EvidenceSet::of(&[Evidence::Registered]);
        assert!(set.contains(Evidence::Registered));
        assert!(!set.contains(Evidence::Imported));
        assert!(!EvidenceSet::default().contains(Evidence::Claimed));
        assert!(EvidenceSet::default().contains(Evidence::Sourced));
    }
}
