//! The first ledger: predictions from the two seed texts, resolved (examples/russia-west-2022.csv),
//! with the texts archived first so that every quote is verified in them.

use anyhow::Result;
use chrono::NaiveDate;

use super::digest::ReadDigest;
use super::{foreign, import, ImportSummary, Origin};
use crate::ledger::{sources, Ledger, NewSource};

pub const RUSSIA_WEST_2022_CSV: &str = include_str!("../../examples/russia-west-2022.csv");

/// The name the seed ledger's import is recorded under.
pub const FILE_NAME: &str = "examples/russia-west-2022.csv";

/// The seed texts as the CSV names them (title and url are how an import finds a source).
fn seed_sources() -> [NewSource; 2] {
    [
        NewSource {
            title: "What To Expect From Russia-U.S. Relations In 2022".into(),
            author: Some("Vladislav Inozemtsev".into()),
            outlet: Some("MEMRI Daily Brief (Middle East Media Research Institute)".into()),
            url: Some("https://www.memri.org/reports/what-expect-russia-us-relations-2022".into()),
            published: NaiveDate::from_ymd_opt(2022, 1, 19),
            text: Some(
                include_str!("../../examples/sources/inozemtsev-memri-2022-01-19.txt").into(),
            ),
        },
        NewSource {
            title: "Russia-West Negotiations Start".into(),
            author: Some("Ali Tuygan".into()),
            outlet: Some("Diplomatic Opinion (Ali Tuygan's blog)".into()),
            url: None,
            published: NaiveDate::from_ymd_opt(2022, 1, 10),
            text: Some(include_str!("../../examples/sources/tuygan-2022-01-10.txt").into()),
        },
    ]
}

/// Archives the seed texts and imports the seed ledger into `ledger`, resolved by `user`.
/// The summary counts the archived texts among its sources.
pub fn load(ledger: &mut Ledger, user: &str) -> Result<ImportSummary> {
    let digest = ReadDigest::default();
    let input = foreign::from_reader(
        Box::new(std::io::BufReader::new(
            digest.reader(RUSSIA_WEST_2022_CSV.as_bytes()),
        )),
        None,
    )?;
    let scale = crate::confidence::scale(crate::confidence::DEFAULT_SCALE)?;
    let origin = Origin {
        name: FILE_NAME,
        digest: &digest,
    };
    let imported = ledger.write(|tx| {
        let mut archived = 0;
        for source in &seed_sources() {
            archived += usize::from(!sources::insert(tx, source)?.already_archived);
        }
        let mut imported = import(tx, input, &origin, scale, user, &mut |_| {})?;
        imported.summary.sources += archived;
        Ok(imported)
    })?;
    Ok(imported.summary)
}
