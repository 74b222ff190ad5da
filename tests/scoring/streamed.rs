//! `score` streams a narrow query into `score::card::Builder`; report, demo and remap build from
//! full `PredictionRow`s. Both must give the same scorecard, for every grouping, policy and
//! filter.

use fledger::confidence;
use fledger::interchange::digest::ReadDigest;
use fledger::interchange::foreign::Input;
use fledger::interchange::{self, Origin};
use fledger::ledger::{query, Ledger};
use fledger::model::parse_date;
use fledger::model::rows::{Filter, Status};
use fledger::score::card::{self, GroupBy, Options, Policy};
use fledger::score::BinStyle;

/// A few hundred rows with shared questions, repeated forecasts, phrases, sources, tags and
/// every kind of outcome.
fn csv() -> String {
    let mut text = String::from(
        "statement,probability,confidence,forecaster,made_on,outcome,resolved_on,source_title,source_outlet,tags\n",
    );
    let phrases = [
        "very unlikely",
        "likely",
        "roughly even chance",
        "almost certain",
    ];
    let outcomes = ["yes", "no", "", "ambiguous", "no", "annulled", "yes"];
    for q in 0..120u32 {
        let outcome = outcomes[(q % 7) as usize];
        let resolved_on = if outcome.is_empty() { "" } else { "2023-06-30" };
        let tags = ["", "war", "war;nato", "economy;war;nato"][(q % 4) as usize];
        for k in 0..(1 + q % 3) {
            let forecaster = ["ana", "ben", "cy", "dee"][((q + k) % 4) as usize];
            let (probability, phrase) = if (q + k) % 5 == 0 {
                (String::new(), phrases[(q % 4) as usize].to_string())
            } else {
                (
                    format!("{}", f64::from((q * 7 + k * 13) % 101) / 100.0),
                    String::new(),
                )
            };
            let made_on = format!("202{}-0{}-1{}", 1 + q % 2, 1 + k, q % 10);
            let (source, outlet) = match q % 3 {
                0 => (String::new(), String::new()),
                n => (format!("Brief {}", q % 11), format!("Outlet {n}")),
            };
            text.push_str(&format!(
                "Question {q} happens,{probability},{phrase},{forecaster},{made_on},{outcome},{resolved_on},{source},{outlet},{tags}\n"
            ));
        }
    }
    text
}

#[test]
fn the_streamed_scorecard_is_the_built_one() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let scale = confidence::load_scale(confidence::DEFAULT_SCALE).unwrap();
    let text = csv();
    ledger
        .write(|tx| {
            let digest = ReadDigest::default();
            let origin = Origin {
                name: "streamed.csv",
                digest: &digest,
            };
            let input = Input::Fledger(Box::new(std::io::Cursor::new(text.into_bytes())));
            interchange::import(tx, input, &origin, &scale, "tester", &mut |_| {})
        })
        .unwrap();
    let filters = [
        Filter::default(),
        Filter {
            forecaster: Some("ANA".into()),
            ..Filter::default()
        },
        Filter {
            tag: Some("Nato".into()),
            ..Filter::default()
        },
        Filter {
            since: Some(parse_date("2021-02-01").unwrap()),
            until: Some(parse_date("2022-02-15").unwrap()),
            ..Filter::default()
        },
        Filter {
            source_id: Some(2),
            status: Some(Status::Resolved),
            ..Filter::default()
        },
    ];
    let groupings = [
        None,
        Some(GroupBy::Forecaster),
        Some(GroupBy::Source),
        Some(GroupBy::Outlet),
        Some(GroupBy::Tag),
        Some(GroupBy::Phrase),
        Some(GroupBy::Year),
    ];
    let mut scored = 0;
    for filter in &filters {
        let rows = query::predictions(ledger.conn(), filter).unwrap();
        for group_by in groupings {
            for policy in [Policy::All, Policy::First, Policy::Latest] {
                let options = Options {
                    group_by,
                    bins: 10,
                    bin_style: BinStyle::EqualWidth,
                    policy,
                    ..Options::default()
                };
                let built = card::build(&rows, &options);
                let mut builder = card::Builder::new(&options);
                query::for_each_scored(ledger.conn(), filter, GroupBy::column(group_by), |row| {
                    builder.push(row)
                })
                .unwrap();
                let streamed = builder.finish();
                assert_eq!(streamed, built, "{filter:?} {group_by:?} {policy:?}");
                scored += built.overall.n;
            }
        }
    }
    assert!(scored > 0);
}
