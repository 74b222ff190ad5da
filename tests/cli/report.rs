//! `fledger report`: the HTML is parsed (strictly, as XML) and its content checked, so a
//! broken tag or a missing section fails here rather than in a reader's browser.

use crate::support;

const LEDGER: &str = "\
statement,probability,confidence,forecaster,made_on,outcome,resolved_on,evidence,quote
Alpha happens,0.9,,Ana,2022-01-01,yes,2022-06-01,It did,\"Alpha <surely> & soon\"
Beta happens,0.2,,Ana,2022-01-01,no,2022-06-01,It did not,
Gamma happens,0.7,likely,Ben,2022-01-01,no,2022-06-01,No gamma,Gamma is likely
Delta happens,0.4,,Ben,2022-01-01,ambiguous,2022-06-01,Criteria unclear,
Epsilon happens,0.5,,Ben,2022-01-01,,,,
";

fn report() -> String {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let csv = dir.path().join("ledger.csv");
    std::fs::write(&csv, LEDGER).unwrap();
    let fledger = || {
        let mut command = support::fledger_in(dir.path());
        command.env("FLEDGER_USER", "tester").arg("--db").arg(&db);
        command
    };
    fledger().arg("import").arg(&csv).assert().success();
    let out = dir.path().join("report.html");
    fledger()
        .args(["report", "--title", "Test & report", "-o"])
        .arg(&out)
        .assert()
        .success();
    std::fs::read_to_string(out).unwrap()
}

fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn the_report_is_well_formed_self_contained_and_complete() {
    let html = report();
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("the report parses as XML");
    let elements: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.is_element()).collect();
    let named = |tag: &'static str| {
        elements
            .iter()
            .copied()
            .filter(move |n| n.tag_name().name() == tag)
    };

    assert_eq!(text_of(named("title").next().unwrap()), "Test & report");
    // Self-contained: no scripts, nothing loaded from elsewhere.
    assert_eq!(named("script").count(), 0);
    assert_eq!(named("link").count(), 0);
    assert!(elements.iter().all(|n| n.attribute("src").is_none()));

    let sections: Vec<&str> = named("h2").filter_map(|h| h.attribute("id")).collect();
    assert_eq!(
        sections,
        [
            "forecasters",
            "phrases",
            "calibration",
            "authors",
            "excluded"
        ]
    );
    // Calibration by forecaster and for everyone.
    assert_eq!(named("svg").count(), 2);

    // The accuracy table: Ana's Brier = ((0.9-1)² + (0.2-0)²)/2 = 0.025; Ben's = (0.7-0)² = 0.49.
    let table = named("table").next().unwrap();
    let rows: Vec<Vec<String>> = table
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .map(|tr| {
            tr.children()
                .filter(|c| c.is_element())
                .map(text_of)
                .collect()
        })
        .collect();
    assert_eq!(rows[1][..3], ["Ana", "2", "0.025"]);
    assert_eq!(rows[2][..3], ["Ben", "1", "0.49"]);
    // All: (0.01 + 0.04 + 0.49) / 3 = 0.18.
    assert_eq!(rows[3][..3], ["(all)", "3", "0.18"]);

    // Quotes are shown as written, markup in them escaped rather than interpreted.
    let quotes: Vec<String> = named("blockquote").map(text_of).collect();
    assert!(
        quotes.contains(&"Alpha <surely> & soon".to_string()),
        "{quotes:?}"
    );
    assert!(quotes.contains(&"Gamma is likely".to_string()));

    // Every forecaster has a section; everything left out is listed with its reason.
    let authors: Vec<String> = named("h3").map(text_of).collect();
    assert_eq!(authors, ["Ana", "Ben"]);
    let excluded = named("table").next_back().unwrap();
    let reasons: Vec<String> = excluded
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .skip(1)
        .map(|tr| text_of(tr.children().find(|c| c.is_element()).unwrap()))
        .collect();
    assert_eq!(reasons, ["ambiguous", "unresolved"]);
}
