//! Scoring: pure functions over (probability, outcome) slices, and over (question,
//! forecaster, probability, outcome) ones for peer comparison. No I/O, no storage.
//!
//! Every sum is compensated (see [`neumaier_sum`]) and a score over no forecasts is
//! `None`, never NaN.

pub mod bootstrap;
mod calibration;
pub mod card;
pub mod corp;
mod decomposition;
mod discrimination;
mod metrics;
pub mod paired;
mod peers;
pub mod periods;
mod sum;
#[cfg(test)]
mod testing;

use serde::Serialize;

pub use calibration::{
    bin_index, calibration, expected_calibration_error, BinStyle, CalibrationBin,
};
pub use decomposition::{decomposition, Decomposition};
pub use discrimination::{auc, right_side_of_maybe};
pub use metrics::{
    base_rate, brier, brier_skill_base_rate, brier_skill_half, log_loss, mean_probability,
    sharpness, wilson_interval, LOG_LOSS_EPSILON, WILSON_Z,
};
pub use peers::{peer_scores, PeerForecast, PeerScore};
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
    /// Expected calibration error over the same bins as the decomposition.
    pub ece: Option<f64>,
    /// ROC AUC; `None` unless both outcomes occur.
    pub auc: Option<f64>,
    /// Population variance of the forecasts.
    pub sharpness: Option<f64>,
    /// 1 − Brier / ō(1 − ō); `None` when every question went the same way.
    pub brier_skill_base_rate: Option<f64>,
    /// 1 − Brier / 0.25.
    pub brier_skill_half: Option<f64>,
    pub mean_probability: Option<f64>,
    /// Wilson 95% interval of the base rate.
    pub wilson_low: Option<f64>,
    pub wilson_high: Option<f64>,
    /// Seeded bootstrap 95% intervals of the Brier score and log loss ([`bootstrap`]).
    pub brier_low: Option<f64>,
    pub brier_high: Option<f64>,
    pub log_loss_low: Option<f64>,
    pub log_loss_high: Option<f64>,
    /// CORP miscalibration, discrimination and uncertainty ([`corp`]) of the Brier score
    /// and of the log score: brier = mcb − dsc + unc, and so for log loss.
    pub corp_brier_mcb: Option<f64>,
    pub corp_brier_dsc: Option<f64>,
    pub corp_brier_unc: Option<f64>,
    pub corp_log_mcb: Option<f64>,
    pub corp_log_dsc: Option<f64>,
    pub corp_log_unc: Option<f64>,
    /// Share of forecasts other than ½ on the side of ½ that came true.
    pub right_side_of_maybe: Option<f64>,
}

/// Brier, log loss, base rate, the decomposition and ECE over the given calibration
/// bins, discrimination, sharpness and skill.
///
/// # Panics
/// If `bins` is 0.
pub fn summarize(forecasts: &[Forecast], bins: usize, style: BinStyle) -> Summary {
    summarize_with_calibration(forecasts, bins, style).0
}

/// [`summarize`] and [`calibration`] of one set together: the forecasts are binned once
/// for the table, ECE and the decomposition, and each score shared by others (Brier,
/// base rate, mean) is worked out once.
///
/// # Panics
/// If `bins` is 0.
pub fn summarize_with_calibration(
    forecasts: &[Forecast],
    bins: usize,
    style: BinStyle,
) -> (Summary, Vec<CalibrationBin>) {
    let binned = calibration::Binned::new(forecasts, bins, style);
    let table = binned.table();
    let parts = decomposition::decomposition_of(forecasts, &binned);
    let yes = binned.yes();
    let wilson = wilson_interval(yes, forecasts.len());
    let metrics::Means {
        brier,
        log_loss,
        mean_probability: mean,
    } = metrics::means(forecasts);
    let base_rate = metrics::share(yes, forecasts.len());
    let (brier_interval, log_interval) =
        bootstrap::score_intervals(forecasts, bootstrap::RESAMPLES, bootstrap::SEED);
    let corp = corp::corp(forecasts);
    let summary = Summary {
        n: forecasts.len(),
        brier,
        log_loss,
        base_rate,
        reliability: parts.map(|d| d.reliability),
        resolution: parts.map(|d| d.resolution),
        uncertainty: parts.map(|d| d.uncertainty),
        within_bin_variance: parts.map(|d| d.within_bin_variance),
        within_bin_covariance: parts.map(|d| d.within_bin_covariance),
        ece: calibration::table_calibration_error(&table),
        auc: auc(forecasts),
        sharpness: mean.and_then(|mean| metrics::spread_around(forecasts, mean)),
        brier_skill_base_rate: brier
            .zip(base_rate)
            .and_then(|(brier, rate)| metrics::skill_over_base_rate(brier, rate)),
        brier_skill_half: brier.map(metrics::skill_over_half),
        mean_probability: mean,
        wilson_low: wilson.map(|(low, _)| low),
        wilson_high: wilson.map(|(_, high)| high),
        brier_low: brier_interval.map(|i| i.low),
        brier_high: brier_interval.map(|i| i.high),
        log_loss_low: log_interval.map(|i| i.low),
        log_loss_high: log_interval.map(|i| i.high),
        corp_brier_mcb: corp.as_ref().map(|c| c.brier.mcb),
        corp_brier_dsc: corp.as_ref().map(|c| c.brier.dsc),
        corp_brier_unc: corp.as_ref().map(|c| c.brier.unc),
        corp_log_mcb: corp.as_ref().map(|c| c.log.mcb),
        corp_log_dsc: corp.as_ref().map(|c| c.log.dsc),
        corp_log_unc: corp.as_ref().map(|c| c.log.unc),
        right_side_of_maybe: right_side_of_maybe(forecasts),
    };
    (summary, table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::testing::forecast;
    use serde_json::json;
    use std::f64::consts::LN_2;

    #[test]
    fn summary_of_nothing_is_all_null() {
        let summary = summarize(&[], 10, BinStyle::EqualWidth);
        assert_eq!(
            serde_json::to_value(&summary).unwrap(),
            json!({
                "n": 0, "brier": null, "log_loss": null, "base_rate": null,
                "reliability": null, "resolution": null, "uncertainty": null,
                "within_bin_variance": null, "within_bin_covariance": null,
                "ece": null, "auc": null, "sharpness": null, "brier_skill_base_rate": null,
                "brier_skill_half": null, "mean_probability": null,
                "wilson_low": null, "wilson_high": null,
                "brier_low": null, "brier_high": null, "log_loss_low": null, "log_loss_high": null,
                "corp_brier_mcb": null, "corp_brier_dsc": null, "corp_brier_unc": null,
                "corp_log_mcb": null, "corp_log_dsc": null, "corp_log_unc": null,
                "right_side_of_maybe": null
            })
        );
    }

    #[test]
    fn summary_keys_come_in_contract_order() {
        let set = [forecast(1.0, true), forecast(0.0, false)];
        let text = serde_json::to_string(&summarize(&set, 10, BinStyle::EqualWidth)).unwrap();
        let (low, high) = wilson_interval(1, 2).unwrap();
        // Log loss of two clipped certainties: -ln(1 - 2^-52) = 2^-52 + 2^-105 + …,
        // which rounds to the double just above f64::EPSILON.
        assert_eq!(
            text,
            format!(
                concat!(
                    r#"{{"n":2,"brier":0.0,"log_loss":2.2204460492503136e-16,"base_rate":0.5,"#,
                    r#""reliability":0.0,"resolution":0.25,"uncertainty":0.25,"#,
                    r#""within_bin_variance":0.0,"within_bin_covariance":0.0,"#,
                    r#""ece":0.0,"auc":1.0,"sharpness":0.25,"brier_skill_base_rate":1.0,"#,
                    r#""brier_skill_half":1.0,"mean_probability":0.5,"#,
                    r#""wilson_low":{},"wilson_high":{},"#,
                    r#""brier_low":0.0,"brier_high":0.0,"#,
                    r#""log_loss_low":2.2204460492503136e-16,"log_loss_high":2.2204460492503136e-16,"#,
                    r#""corp_brier_mcb":0.0,"corp_brier_dsc":0.25,"corp_brier_unc":0.25,"#,
                    r#""corp_log_mcb":0.0,"corp_log_dsc":{},"corp_log_unc":{},"#,
                    r#""right_side_of_maybe":1.0}}"#
                ),
                serde_json::to_string(&low).unwrap(),
                serde_json::to_string(&high).unwrap(),
                // Recalibrated 0 and 1 clip like the forecasts, so DSC is ln 2 less that ε.
                serde_json::to_string(&(LN_2 - 2.2204460492503136e-16)).unwrap(),
                serde_json::to_string(&LN_2).unwrap()
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
        // One bin: |0.575 − 0.5|. Pairs (yes, no): 0.9 beats 0.7 and 0.2, 0.5 beats 0.2
        // only: 3 of 4. Sharpness is the within-bin variance of a single bin.
        assert!(close(summary.ece, 0.075));
        assert!(close(summary.auc, 0.75));
        assert!(close(summary.sharpness, 0.066875));
        // Base rate ½, so both references score 0.25: 1 − 0.1975 / 0.25.
        assert!(close(summary.brier_skill_base_rate, 0.21));
        assert!(close(summary.brier_skill_half, 0.21));
        assert!(close(summary.mean_probability, 0.575));
        let (low, high) = wilson_interval(2, 4).unwrap();
        assert_eq!(
            (summary.wilson_low, summary.wilson_high),
            (Some(low), Some(high))
        );
    }

    #[test]
    fn one_sided_sets_have_no_auc_nor_base_rate_skill() {
        let set = [forecast(0.8, true), forecast(0.6, true)];
        let summary = summarize(&set, 10, BinStyle::EqualWidth);
        assert_eq!(summary.auc, None);
        assert_eq!(summary.brier_skill_base_rate, None);
        // (0.04 + 0.16) / 2 = 0.1 against 0.25.
        assert!((summary.brier_skill_half.unwrap() - 0.6).abs() < 1e-12);
        // 2 of 2: the interval still has width, its top at exactly 1.
        assert_eq!(summary.wilson_high, Some(1.0));
        assert!(summary.wilson_low.unwrap() > 0.3);
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
