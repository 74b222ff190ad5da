//! The published verbal probability scales, as data: adding a scale is adding a table here.

use super::{Scale, Term};

/// Every scale `scale()` can return.
pub(super) static SCALES: &[&Scale] = &[&ICD203];

/// US Intelligence Community Directive 203, *Analytic Standards* (2 January 2015), section
/// D.6.e(2)(a): seven likelihood terms, each with an alternative, over fixed percentage ranges.
/// The directive itself gives the adverbs "almost certainly", "improbably" and "probably";
/// the other adverbs are the ones analysts write in the same sense.
static ICD203: Scale = Scale {
    name: "icd203",
    title: "ICD 203 (US Intelligence Community Directive 203, Analytic Standards, 2015)",
    terms: &[
        Term {
            phrases: &["almost no chance", "remote"],
            low: 1.0,
            high: 5.0,
        },
        Term {
            phrases: &["very unlikely", "highly improbable", "highly improbably"],
            low: 5.0,
            high: 20.0,
        },
        Term {
            phrases: &["unlikely", "improbable", "improbably"],
            low: 20.0,
            high: 45.0,
        },
        Term {
            phrases: &["roughly even chance", "roughly even odds"],
            low: 45.0,
            high: 55.0,
        },
        Term {
            phrases: &["likely", "probable", "probably"],
            low: 55.0,
            high: 80.0,
        },
        Term {
            phrases: &[
                "very likely",
                "highly probable",
                "very probably",
                "highly probably",
            ],
            low: 80.0,
            high: 95.0,
        },
        Term {
            phrases: &[
                "almost certain",
                "almost certainly",
                "nearly certain",
                "nearly certainly",
            ],
            low: 95.0,
            high: 99.0,
        },
    ],
};
