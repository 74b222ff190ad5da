//! What the score module's tests share: building forecasts, the hand-worked set, and a
//! strategy for random sets that favours the values bins and clipping care about.

use proptest::prelude::*;

use super::{Forecast, PeerForecast};

pub fn forecast(probability: f64, outcome: bool) -> Forecast {
    Forecast {
        probability,
        outcome,
    }
}

pub fn peer(question: i64, forecaster: usize, probability: f64, outcome: bool) -> PeerForecast {
    PeerForecast {
        question,
        forecaster,
        probability,
        outcome,
    }
}

/// Four forecasts whose scores the module docs and tests work by hand.
pub fn hand_set() -> Vec<Forecast> {
    vec![
        forecast(0.9, true),
        forecast(0.7, false),
        forecast(0.2, false),
        forecast(0.5, true),
    ]
}

/// Random sets of `len` forecasts, rich in exact 0, 1 and round twentieths (every bin edge for
/// 10 and 20 bins) besides any value in between.
pub fn forecasts(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Forecast>> {
    let probability = prop_oneof![
        0.0f64..=1.0,
        Just(0.0),
        Just(1.0),
        (0u32..=20).prop_map(|k| f64::from(k) / 20.0),
    ];
    prop::collection::vec(
        (probability, any::<bool>()).prop_map(|(p, o)| forecast(p, o)),
        len,
    )
}
