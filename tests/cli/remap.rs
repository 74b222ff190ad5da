//! `fledger remap`: the scores as another scale would read the phrases, worked by hand, with the
//! ledger left as it was.

use crate::support::{assert_close, import_file, num, Ledger};

#[test]
fn remap_shows_other_readings_and_writes_nothing() {
    let ledger = Ledger::init();
    // Imported, so counted by default: typed in with `add --made` after their outcomes they
    // would be claimed, which remap, like score, leaves out.
    // "likely" is 0.675 on ICD 203 and 0.75 on Kent's table ("probable", of which it is a synonym).
    import_file(
        &ledger,
        "two.csv",
        b"statement,probability,confidence,forecaster,made_on,outcome,resolved_on\n\
          A happens,,likely,Ana,2022-01-01,yes,2022-06-01\n\
          B happens,0.2,,Ana,2022-01-01,no,2022-06-01\n",
    );
    let before = ledger.snapshot();
    let remap = ledger.json(&["remap", "--scale", "kent", "--json"]);
    assert_eq!(ledger.snapshot(), before);
    assert_eq!(remap["scale"], "kent");
    // Now: ((1 - 0.675)² + 0.2²) / 2; on Kent: ((1 - 0.75)² + 0.2²) / 2.
    let now = (0.325f64.powi(2) + 0.04) / 2.0;
    let kent = (0.25f64.powi(2) + 0.04) / 2.0;
    assert_close("now", num(&remap["overall"]["now"], "brier"), now, 1e-12);
    assert_close(
        "kent",
        num(&remap["overall"]["remapped"], "brier"),
        kent,
        1e-12,
    );
    let phrases = remap["phrases"].as_array().unwrap();
    assert_eq!(phrases.len(), 1);
    assert_eq!(num(&phrases[0], "probability_kent"), 0.75);
}
