//! Scoring: pure functions over (probability, outcome) slices. No I/O, no storage.
//!
//! Every sum is compensated (see [`neumaier_sum`]) and a score over no forecasts is
//! `None`, never NaN.

mod calibration;
mod decomposition;
mod metrics;
mod sum;

use serde::Serialize;

pub use calibration::{bin_index, calibration, BinStyle, CalibrationBin};
pub use decomposition::{decomposition, Decomposition};
pub use metrics::{base_rate, brier, log_loss, wilson_interval, LOG_LOSS_EPSILON, WILSON_Z};
pub use sum::neumaier_sum;

/// One resolved prediction: the probability it gave YES (already validated to 0..=1)
/// and whether the question resolved YES.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Forecast {
    pub probability: f64,
    pub outcome: bool,
}

impl Forecast {
    /// The outcome as the 0/1 number the scores are defined on.
    pub(crate) fn observed(&self) -> f64 {
        if self.outcome {
            1.0
        } else {
            0.0
        }
    }
}

/// The headline scores of one set of forecasts (overall, or one group).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub n: usize,
    pub brier: Option<f64>,
    pub log_loss: Option<f64>,
    pub base_rate: Option<f64>,
    pub reliability: Option<f64>,
    pub resolution: Option<f64>,
    pub uncertainty: Option<f64>,
    pub within_bin_variance: Option<f64>,
    pub within_bin_covariance: Option<f64>,
}

/// Brier, log loss, base rate and the decomposition over the given calibration bins.
///
/// # Panics
/// If `bins` is 0.
pub fn summarize(forecasts: &[Forecast], bins: usize, style: BinStyle) -> Summary {
    let parts = decomposition(forecasts, bins, style);
    Summary {
        n: forecasts.len(),
        brier: brier(forecasts),
        log_loss: log_loss(forecasts),
        base_rate: base_rate(forecasts),
        reliability: parts.map(|d| d.reliability),
        resolution: parts.map(|d| d.resolution),
        uncertainty: parts.map(|d| d.uncertainty),
        within_bin_variance: parts.map(|d| d.within_bin_variance),
        within_bin_covariance: parts.map(|d| d.within_bin_covariance),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn forecast(probability: f64, outcome: bool) -> Forecast {
        Forecast {
            probability,
            outcome,
        }
    }

    #[test]
    fn summary_of_nothing_is_all_null() {
        let summary = summarize(&[], 10, BinStyle::EqualWidth);
        assert_eq!(
            serde_json::to_value(&summary).unwrap(),
            json!({
                "n": 0, "brier": null, "log_loss": null, "base_rate": null,
                "reliability": null, "resolution": null, "uncertainty": null,
                "within_bin_variance": null, "within_bin_covariance": null
            })
        );
    }

    #[test]
    fn summary_keys_come_in_contract_order() {
        let set = [forecast(1.0, true), forecast(0.0, false)];
        let text = serde_json::to_string(&summarize(&set, 10, BinStyle::EqualWidth)).unwrap();
        // Log loss of two clipped certainties: -ln(1 - 2^-52) = 2^-52 + 2^-105 + …,
        // which rounds to the double just above f64::EPSILON.
        assert_eq!(
            text,
            concat!(
                r#"{"n":2,"brier":0.0,"log_loss":2.2204460492503136e-16,"base_rate":0.5,"#,
                r#""reliability":0.0,"resolution":0.25,"uncertainty":0.25,"#,
                r#""within_bin_variance":0.0,"within_bin_covariance":0.0}"#
            )
        );
    }

    #[test]
    fn summary_of_the_hand_set() {
        // (0.9, yes), (0.7, no), (0.2, no), (0.5, yes): see metrics and decomposition.
        let set = [
            forecast(0.9, true),
            forecast(0.7, false),
            forecast(0.2, false),
            forecast(0.5, true),
        ];
        let summary = summarize(&set, 1, BinStyle::EqualWidth);
        assert_eq!(summary.n, 4);
        let close = |a: Option<f64>, b: f64| (a.unwrap() - b).abs() < 1e-12;
        assert!(close(summary.brier, 0.1975));
        assert!(close(summary.log_loss, 0.5564060129644793));
        assert!(close(summary.base_rate, 0.5));
        assert!(close(summary.reliability, 0.005625));
        assert!(close(summary.resolution, 0.0));
        assert!(close(summary.uncertainty, 0.25));
        assert!(close(summary.within_bin_variance, 0.066875));
        assert!(close(summary.within_bin_covariance, 0.125));
    }

    #[test]
    fn calibration_bins_serialise_in_contract_order() {
        let bins = calibration(&[forecast(0.05, true)], 2, BinStyle::EqualWidth);
        let text = serde_json::to_string(&bins).unwrap();
        let (low, high) = wilson_interval(1, 1).unwrap();
        assert_eq!(
            text,
            format!(
                concat!(
                    r#"[{{"bin_low":0.0,"bin_high":0.5,"n":1,"mean_probability":0.05,"#,
                    r#""observed_frequency":1.0,"wilson_low":{},"wilson_high":{}}},"#,
                    r#"{{"bin_low":0.5,"bin_high":1.0,"n":0,"mean_probability":null,"#,
                    r#""observed_frequency":null,"wilson_low":null,"wilson_high":null}}]"#
                ),
                serde_json::to_string(&low).unwrap(),
                serde_json::to_string(&high).unwrap()
            )
        );
    }
}
