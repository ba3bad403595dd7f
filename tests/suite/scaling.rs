//! Parsing time grows linearly with the document, whatever its numbering. A file of
//! thousands of repeated labels ("一、甲" on every line) once took minutes: every clause
//! searched for a free id by trying "1~2", "1~3", … in turn. These tests time the whole
//! library pipeline (decode, structure, extract) in the dev profile; the bound is generous
//! for a slow shared machine, and still far below what quadratic work takes at this size.

use std::time::{Duration, Instant};

/// Labels per document: enough that quadratic work (2×10⁸ id probes) takes minutes.
const CLAUSES: usize = 20_000;
/// Linear work on 20,000 short lines takes well under a second in the dev profile.
const BOUND: Duration = Duration::from_secs(8);

fn time_parse(text: &str) -> (Duration, zhengce::model::Document) {
    let start = Instant::now();
    let doc = zhengce::parse_bytes(text.as_bytes(), None, "repeated.txt").unwrap();
    (start.elapsed(), doc)
}

#[test]
fn repeated_top_level_labels_parse_in_linear_time() {
    let text = "一、甲\n".repeat(CLAUSES);
    let (elapsed, doc) = time_parse(&text);
    assert_eq!(doc.clauses.len(), CLAUSES);
    assert!(elapsed < BOUND, "{CLAUSES} clauses took {elapsed:?}");
    // Every clause keeps a distinct id.
    let mut ids: Vec<&str> = doc.clauses.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), CLAUSES);
    assert_eq!(doc.clauses[0].id, "1");
    assert_eq!(doc.clauses[1].id, "1~2");
    assert_eq!(doc.clauses[CLAUSES - 1].id, format!("1~{CLAUSES}"));
}

#[test]
fn repeated_nested_labels_parse_in_linear_time() {
    // One chapter holding thousands of （一） items, each with a 1． item under it: the
    // same ids repeat at two levels, and siblings sit far apart in document order.
    let mut text = String::from("一、总体要求\n");
    for _ in 0..CLAUSES / 2 {
        text.push_str("（一）加强领导。各地要落实责任。\n1．细化措施。\n");
    }
    let (elapsed, doc) = time_parse(&text);
    assert_eq!(doc.clauses.len(), 1 + CLAUSES / 2 * 2);
    assert!(
        elapsed < BOUND,
        "{} clauses took {elapsed:?}",
        doc.clauses.len()
    );
    assert_eq!(doc.clauses[3].id, "1.1~2");
    assert_eq!(doc.clauses[4].id, "1.1.1~2");
}

#[test]
fn long_runs_of_articles_parse_in_linear_time() {
    // A numbered run far past the usual sizes (the Civil Code has 1,260 articles), with
    // numbering that restarts every 1,000 articles so ids collide across runs.
    let mut text = String::from("第一章　总则\n");
    for i in 0..CLAUSES {
        let n = i % 1000 + 1;
        text.push_str(&format!(
            "第{n}条　本条例所称质量，是指产品、工程和服务的质量。\n"
        ));
    }
    let (elapsed, doc) = time_parse(&text);
    assert_eq!(doc.clauses.len(), 1 + CLAUSES);
    assert!(
        elapsed < BOUND,
        "{} clauses took {elapsed:?}",
        doc.clauses.len()
    );
}

#[test]
fn a_clause_with_no_sentence_end_and_many_numbers_parses_in_linear_time() {
    // Found by fuzzing: every marker style nested six deep and repeated, with one item
    // numbered （0）. Lines with no sentence end join into paragraphs tens of thousands of
    // chars long, and the target reader looked back from every number to the paragraph
    // start: 1.8 s in a release build for 36,000 lines, 0.07 s once a sentence is bounded.
    let mut lines: Vec<String> = Vec::new();
    for i in 0..CLAUSES / 3 {
        for line in [
            "第{}章 丙",
            "第一条 丁",
            "（一）戊",
            "1．己",
            "（1）庚",
            "①辛",
        ] {
            lines.push(line.replace("{}", &(i % 9 + 1).to_string()));
        }
    }
    lines[1780] = "（0）庚".into();
    let text = lines.join("\n");
    let (elapsed, _) = time_parse(&text);
    assert!(elapsed < BOUND, "{} lines took {elapsed:?}", lines.len());
}
