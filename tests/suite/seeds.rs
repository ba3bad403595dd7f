//! The five seed documents, parsed by the real binary, against the expected reading in
//! `fixtures/seeds/` (written by reading the documents).

use crate::common;

use common::{fixtures_dir, parse_json, seed_path, Clause, Document, SEEDS};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct ExpectedMeta {
    title: Option<String>,
    document_title: Option<String>,
    doc_number: Option<String>,
    issuer: Option<String>,
    date: Option<String>,
    status: Option<String>,
    recipients: Option<String>,
    excluded: Vec<(String, String)>,
}

struct ExpectedClause {
    lines: (usize, usize),
    labels: Vec<String>,
    heading: String,
}

fn expected_clauses(stem: &str) -> Vec<ExpectedClause> {
    let path = fixtures_dir()
        .join("seeds")
        .join(format!("{stem}.clauses.tsv"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let (start, end) = fields[0].split_once('-').unwrap();
            ExpectedClause {
                lines: (start.parse().unwrap(), end.parse().unwrap()),
                labels: fields[1].split(' ').map(str::to_string).collect(),
                heading: fields[2].to_string(),
            }
        })
        .collect()
}

fn expected_meta(stem: &str) -> ExpectedMeta {
    let path = fixtures_dir()
        .join("seeds")
        .join(format!("{stem}.meta.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn check_clauses(stem: &str, doc: &Document) {
    let expected = expected_clauses(stem);
    let got: Vec<(Vec<String>, Option<String>)> = doc
        .clauses
        .iter()
        .map(|c| (c.labels.clone(), c.heading.clone()))
        .collect();
    let want: Vec<(Vec<String>, Option<String>)> = expected
        .iter()
        .map(|c| (c.labels.clone(), Some(c.heading.clone())))
        .collect();
    assert_eq!(got, want, "{stem}: labels and headings");
    for (clause, want) in doc.clauses.iter().zip(&expected) {
        assert_eq!(
            (clause.lines.start, clause.lines.end),
            want.lines,
            "{stem}: lines of {:?}",
            clause.labels
        );
    }
}

fn check_meta(stem: &str, doc: &Document) {
    let want = expected_meta(stem);
    assert_eq!(doc.title, want.title, "{stem}: title");
    assert_eq!(
        doc.document_title, want.document_title,
        "{stem}: document_title"
    );
    assert_eq!(doc.doc_number, want.doc_number, "{stem}: doc_number");
    assert_eq!(doc.issuer, want.issuer, "{stem}: issuer");
    assert_eq!(doc.date, want.date, "{stem}: date");
    assert_eq!(doc.status, want.status, "{stem}: status");
    assert_eq!(doc.recipients, want.recipients, "{stem}: recipients");
    let excluded: Vec<(String, String)> = doc
        .excluded
        .iter()
        .map(|e| {
            (
                format!("{}-{}", e.lines.start, e.lines.end),
                e.reason.clone(),
            )
        })
        .collect();
    assert_eq!(excluded, want.excluded, "{stem}: excluded");
}

/// Every clause's span starts at its label in the source, and its lines hold the span.
fn check_spans(stem: &str, doc: &Document) {
    let source = std::fs::read_to_string(seed_path(stem)).unwrap();
    let chars: Vec<char> = source.chars().collect();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(
            chars
                .iter()
                .enumerate()
                .filter(|(_, &c)| c == '\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
    for clause in &doc.clauses {
        assert_eq!(clause.span.unit, "char");
        let label = clause.labels.last().unwrap();
        let at: String = chars[clause.span.start..]
            .iter()
            .take(label.chars().count())
            .collect();
        assert_eq!(&at, label, "{stem}: span of {}", clause.id);
        assert_eq!(
            line_of(clause.span.start),
            clause.lines.start,
            "{stem}: {}",
            clause.id
        );
        assert_eq!(
            line_of(clause.span.end - 1),
            clause.lines.end,
            "{stem}: {}",
            clause.id
        );
    }
}

fn check_tree(stem: &str, clauses: &[Clause]) {
    for clause in clauses {
        assert_eq!(clause.labels.len(), clause.level, "{stem}: {}", clause.id);
        assert_eq!(clause.numbers.len(), clause.level, "{stem}: {}", clause.id);
        match &clause.parent {
            None => assert_eq!(clause.level, 1),
            Some(parent) => {
                let parent = clauses
                    .iter()
                    .find(|c| &c.id == parent)
                    .expect("parent exists");
                assert_eq!(parent.level + 1, clause.level);
                assert_eq!(parent.labels[..], clause.labels[..clause.level - 1]);
            }
        }
    }
}

#[test]
fn seeds_parse_to_their_expected_reading() {
    for stem in SEEDS {
        let doc = parse_json(&seed_path(stem));
        assert_eq!(doc.schema_version, 2);
        check_clauses(stem, &doc);
        check_meta(stem, &doc);
        check_spans(stem, &doc);
        check_tree(stem, &doc.clauses);
    }
}

#[test]
fn ids_follow_the_numbers() {
    let doc = parse_json(&seed_path("2020-guangdong-quality-province-plan"));
    let clause = doc
        .clauses
        .iter()
        .find(|c| c.labels == ["三、", "（五）"])
        .unwrap();
    assert_eq!(clause.id, "3.5");
    assert_eq!(clause.parent.as_deref(), Some("3"));
    assert_eq!(clause.style, "paren-chinese");
    // （一）…（二十三） run on across chapters: 四、 starts with （六）.
    let clause = doc
        .clauses
        .iter()
        .find(|c| c.labels == ["四、", "（六）"])
        .unwrap();
    assert_eq!(clause.id, "4.6");
}

#[test]
fn clause_text_joins_hard_wraps_and_excludes_children() {
    let doc = parse_json(&seed_path("2020-guangdong-quality-province-plan"));
    let first = doc.clauses.iter().find(|c| c.id == "3.1").unwrap();
    // "（省市\n\n场监管局" in the source is one word in the text.
    assert!(
        first
            .text
            .ends_with("（省市场监管局、住房城乡建设厅、商务厅按照职责分工负责）"),
        "{}",
        first.text
    );
    assert!(first
        .text
        .starts_with("强化市场主体责任。市场主体法定代表人"));
    let chapter = doc.clauses.iter().find(|c| c.id == "3").unwrap();
    assert_eq!(chapter.text, "完善质量治理体系");
}

#[test]
fn inserted_newspaper_sentence_is_not_in_the_clause() {
    let doc = parse_json(&seed_path("2023-guangdong-quality-province-outline"));
    let clause = doc
        .clauses
        .iter()
        .find(|c| c.labels == ["三、", "(八)"])
        .unwrap();
    assert!(!clause.text.contains("全文如下"));
    assert!(
        clause
            .text
            .contains("培育发展一批引领性强的战略性新兴产业集群"),
        "{}",
        clause.text
    );
    let last = doc.clauses.last().unwrap();
    assert!(!last.text.contains("羊城晚报"));
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.kind == "excluded" && w.line == Some(33)));
}

#[test]
fn cover_notice_and_preamble_are_told_apart() {
    let doc = parse_json(&seed_path("2020-guangdong-quality-province-plan"));
    assert_eq!(
        doc.notice.as_deref(),
        Some("现将《关于加快推进质量强省建设的实施方案》印发给你们，请认真贯彻执行。执行中遇到的问题，请径向省市场监管局反映。")
    );
    assert!(doc
        .preamble
        .as_deref()
        .unwrap()
        .starts_with("为全面实施质量强省战略"));
    assert!(doc
        .preamble
        .as_deref()
        .unwrap()
        .ends_with("制定本实施方案。"));
}

#[test]
fn truncated_preamble_is_reported() {
    let doc = parse_json(&seed_path("2023-guangdong-quality-province-outline"));
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.kind == "truncated" && w.line == Some(7)),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn dash_bullets_are_not_clauses() {
    let doc = parse_json(&seed_path("2015-guangdong-quality-improvement-opinions"));
    let principles = doc.clauses.iter().find(|c| c.id == "2").unwrap();
    assert_eq!(principles.text.lines().count(), 4, "{}", principles.text);
    assert!(principles.text.contains("--企业主体、市场导向。"));
}
