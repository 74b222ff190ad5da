//! Rendering what it is given: scorecards as accuracy, calibration and peer tables, the SVG
//! calibration chart, and the self-contained HTML report. It reads no ledger and scores nothing.

pub mod chart;
mod discrimination;
pub mod html;
mod score_tables;

pub use score_tables::{render_scorecard, scorecard_svg, Part};
