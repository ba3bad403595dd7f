//! Issuer and date of the laws and regulations in `../shared/dev-corpus/revisions/`, read
//! from their adoption and amendment notes. The expected values were written by reading
//! each note: the body and date of its latest adoption, amendment, revision or
//! promulgation. The corpus is outside the repository: without it the test says so and
//! passes.

use std::path::Path;

use zhengce::model::{ExcludedReason, HistoryEvent};

const NPC_SC: &str = "全国人民代表大会常务委员会";

/// (file, issuer, date, entries in the note). 01.old and 02.old print no note.
const EXPECTED: [(&str, Option<&str>, Option<&str>, usize); 32] = [
    (
        "01.new.md",
        Some("上海市人民代表大会常务委员会"),
        Some("2024-09-27"),
        4,
    ),
    ("01.old.md", None, None, 0),
    (
        "02.new.md",
        Some("上海市人民代表大会常务委员会"),
        Some("2024-05-10"),
        4,
    ),
    ("02.old.md", None, None, 0),
    (
        "03.new.md",
        Some("北京市人民代表大会常务委员会"),
        Some("2023-11-24"),
        3,
    ),
    (
        "03.old.md",
        Some("北京市人民代表大会常务委员会"),
        Some("2012-07-27"),
        1,
    ),
    ("04.new.md", Some(NPC_SC), Some("2023-12-29"), 7),
    ("04.old.md", Some(NPC_SC), Some("2018-10-26"), 6),
    ("05.new.md", Some(NPC_SC), Some("2024-04-26"), 3),
    ("05.old.md", Some(NPC_SC), Some("2012-08-31"), 2),
    ("06.new.md", Some(NPC_SC), Some("2022-09-02"), 3),
    ("06.old.md", Some(NPC_SC), Some("2018-10-26"), 2),
    ("07.new.md", Some(NPC_SC), Some("2024-09-13"), 4),
    ("07.old.md", Some(NPC_SC), Some("2009-06-27"), 3),
    ("08.new.md", Some(NPC_SC), Some("2024-11-08"), 8),
    ("08.old.md", Some(NPC_SC), Some("2017-11-04"), 7),
    ("09.new.md", Some(NPC_SC), Some("2024-06-28"), 2),
    ("09.old.md", Some(NPC_SC), Some("2007-08-30"), 1),
    ("10.new.md", Some(NPC_SC), Some("2022-04-20"), 2),
    ("10.old.md", Some(NPC_SC), Some("1996-05-15"), 1),
    ("11.new.md", Some("国务院"), Some("2022-03-29"), 3),
    ("11.old.md", Some("国务院"), Some("2009-10-13"), 2),
    ("12.new.md", Some("国务院"), Some("2023-07-20"), 5),
    ("12.old.md", Some("国务院"), Some("2016-02-06"), 3),
    ("13.new.md", Some("国务院"), Some("2023-07-20"), 4),
    ("13.old.md", Some("国务院"), Some("2001-06-20"), 1),
    ("14.new.md", Some("国务院"), Some("2023-12-29"), 3),
    ("14.old.md", Some("国务院"), Some("2010-04-08"), 1),
    ("15.new.md", Some("国务院"), Some("2023-07-20"), 4),
    ("15.old.md", Some("国务院"), Some("2016-02-06"), 2),
    ("16.new.md", Some(NPC_SC), Some("2023-09-01"), 4),
    ("16.old.md", Some(NPC_SC), Some("2017-09-01"), 3),
];

#[test]
fn issuer_and_date_come_from_the_adoption_note() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dev-corpus/revisions");
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    let mut wrong = Vec::new();
    for (file, issuer, date, entries) in EXPECTED {
        let doc = zhengce::parse_file(&dir.join(file), None).unwrap();
        let got = (
            doc.issuer.as_deref(),
            doc.date.as_deref(),
            doc.history.len(),
        );
        if got != (issuer, date, entries) {
            wrong.push(format!(
                "{file}: got {got:?}, expected {:?}",
                (issuer, date, entries)
            ));
        }
        // The note is set apart: never a clause, never the preamble.
        if entries > 0 {
            assert!(doc
                .excluded
                .iter()
                .any(|e| e.reason == ExcludedReason::AdoptionNote));
            assert!(
                doc.preamble.as_deref().is_none_or(|p| !p.contains("会议")),
                "{file}: note in the preamble: {:?}",
                doc.preamble
            );
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn events_of_a_national_law() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dev-corpus/revisions");
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    // 公司法 (2023): adopted 1993, amended 1999, 2004, revised 2005, amended 2013, 2018,
    // revised 2023.
    let doc = zhengce::parse_file(&dir.join("04.new.md"), None).unwrap();
    let events: Vec<(&str, HistoryEvent)> = doc
        .history
        .iter()
        .map(|h| (h.date.as_str(), h.event))
        .collect();
    assert_eq!(
        events,
        [
            ("1993-12-29", HistoryEvent::Adopted),
            ("1999-12-25", HistoryEvent::Amended),
            ("2004-08-28", HistoryEvent::Amended),
            ("2005-10-27", HistoryEvent::Revised),
            ("2013-12-28", HistoryEvent::Amended),
            ("2018-10-26", HistoryEvent::Amended),
            ("2023-12-29", HistoryEvent::Revised),
        ]
    );
    assert_eq!(doc.title.as_deref(), Some("中华人民共和国公司法"));
}
