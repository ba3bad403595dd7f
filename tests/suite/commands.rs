//! `zhengce agencies` and `zhengce targets` as a user runs them: the bundled corpus by
//! default, folders, filters, JSON Lines read back into types, CSV, exit codes, and a bad
//! file in a batch.

use crate::common;

use std::path::Path;

use common::{corpus_dir, messages, run, run_in, stderr, stdout, HitDocument as DocumentInfo};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct ClauseRef {
    id: String,
    labels: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct TargetRow {
    document: DocumentInfo,
    clause: ClauseRef,
    indicator: String,
    value: f64,
    unit: String,
    comparator: String,
    year: Option<i32>,
    binding: bool,
}

#[derive(Debug, Deserialize)]
struct AgencyCount {
    document: Option<DocumentInfo>,
    documents: usize,
    agency: String,
    names: Vec<String>,
    lead: usize,
    participant: usize,
    responsible: usize,
    clauses: usize,
}

#[derive(Debug, Deserialize)]
struct AgencyInClause {
    document: DocumentInfo,
    clause: ClauseRef,
    name: String,
    canonical: Option<String>,
    role: String,
}

/// The rows of a `targets`/`agencies` JSON stream: every message but begin, end and errors.
fn json_lines<T: for<'de> Deserialize<'de>>(output: &std::process::Output) -> Vec<T> {
    messages(output)
        .into_iter()
        .filter(|m| !matches!(m.kind.as_str(), "begin" | "end" | "error"))
        .map(|m| serde_json::from_value(m.data).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

#[test]
fn targets_read_as_a_timeline_of_one_indicator() {
    // From a directory that is not the repository: the bundled corpus is built in.
    let elsewhere = tempfile::tempdir().unwrap();
    let output = run_in(
        elsewhere.path(),
        &["targets", "--indicator", "食品抽检合格率", "--json"],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let rows: Vec<TargetRow> = json_lines(&output);
    let read: Vec<(f64, &str, Option<i32>, &str)> = rows
        .iter()
        .map(|r| {
            (
                r.value,
                r.comparator.as_str(),
                r.year,
                r.document.source.as_str(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                98.0,
                ">=",
                Some(2025),
                "corpus/2023-dongguan-quality-power-draft.txt"
            ),
            (
                98.5,
                ">=",
                Some(2025),
                "corpus/2023-guangdong-quality-province-outline.txt"
            ),
        ]
    );
    assert!(rows.iter().all(|r| r.unit == "%" && r.binding));
    assert_eq!(rows[1].clause.labels, ["一、", "(二)"]);
    assert_eq!(rows[1].clause.id, "1.2");
    // The outline prints no date: its year comes from the file name, and says so.
    assert_eq!(rows[1].document.year, Some(2023));
    assert_eq!(rows[1].document.year_from.as_deref(), Some("file-name"));
    assert!(rows[1]
        .document
        .title
        .as_deref()
        .unwrap()
        .contains("质量强省建设纲要"));
    assert!(rows.iter().all(|r| r.indicator.contains("食品抽检合格率")));
}

#[test]
fn targets_filter_by_year_and_agency() {
    let output = run(&["targets", "--year", "2022", "--json"]);
    let rows: Vec<TargetRow> = json_lines(&output);
    assert_eq!(rows.len(), 9, "the nine 2022 targets of the 2018 plan");
    let output = run(&["targets", "--year", "2026..", "--json"]);
    assert_eq!(output.status.code(), Some(1), "nothing found exits 1");
    assert!(json_lines::<TargetRow>(&output).is_empty());
    // Targets of clauses that name an agency: the 2018 plan's attributions hold no targets.
    let output = run(&["targets", "--agency", "质监局"]);
    assert_eq!(output.status.code(), Some(1));
    let output = run(&["targets", "--year", "20x5"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not a year"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn agencies_add_up_across_the_2018_reform() {
    let output = run(&["agencies", "--total", "--json", "--no-generic"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let counts: Vec<AgencyCount> = json_lines(&output);
    let market = counts
        .iter()
        .find(|c| c.agency == "广东省市场监督管理局")
        .unwrap();
    // 2018: 质监局 in 22 clauses (with 工商局, 食品药品监管局 beside it in one);
    // 2020: 市场监管局 in 20 of the 23 clauses.
    assert_eq!(market.documents, 2);
    assert_eq!(market.clauses, 42);
    assert_eq!(
        market.lead + market.participant + market.responsible,
        market.clauses
    );
    assert_eq!(market.lead, 4);
    for name in ["省质监局", "省市场监管局", "省工商局", "省食品药品监管局"] {
        assert!(market.names.iter().any(|n| n == name), "{name}");
    }
    assert!(counts.iter().all(|c| c.document.is_none()));
    // Most clauses first.
    assert!(counts.windows(2).all(|w| w[0].clauses >= w[1].clauses));
}

#[test]
fn agencies_per_clause_with_filters() {
    let path = corpus_dir().join("2018-guangdong-certification-tqm-plan.txt");
    let output = run(&[
        "agencies",
        "--clauses",
        "--role",
        "lead",
        "--json",
        path.to_str().unwrap(),
    ]);
    let rows: Vec<AgencyInClause> = json_lines(&output);
    let ids: Vec<&str> = rows.iter().map(|r| r.clause.id.as_str()).collect();
    assert_eq!(ids, ["2.1.1", "2.1.3", "2.2.1", "2.4.2"]);
    assert!(rows
        .iter()
        .all(|r| r.name == "省质监局" && r.role == "lead"));
    assert!(rows
        .iter()
        .all(|r| r.canonical.as_deref() == Some("广东省质量技术监督局")));
    assert_eq!(rows[0].document.year, Some(2018));
    // --agency matches the canonical name and the successor, not only the name written.
    let output = run(&[
        "agencies",
        "--clauses",
        "--agency",
        "市场监督管理局",
        "--json",
    ]);
    let rows: Vec<AgencyInClause> = json_lines(&output);
    assert!(rows.iter().any(|r| r.name == "省质监局"));
    assert!(rows.iter().any(|r| r.name == "省市场监管局"));
}

#[test]
fn csv_and_tables() {
    let output = run(&["agencies", "--csv"]);
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("document,source,document_year,agency,generic,clauses,lead,participant,responsible,names")
    );
    assert!(lines.all(|l| l.split(',').count() == 10), "{text}");
    let output = run(&["targets", "--csv"]);
    let text = stdout(&output);
    let json_rows = json_lines::<TargetRow>(&run(&["targets", "--json"])).len();
    assert_eq!(
        text.lines().count(),
        1 + json_rows,
        "a header and a line per target"
    );
    // The terminal table lines up by display width: every row of the agencies table has
    // its CLAUSES column ending at the same column.
    let output = run(&["agencies", "--color", "never"]);
    let text = stdout(&output);
    let header = text.lines().next().unwrap();
    let end = unicode_width(&header[..header.find("CLAUSES").unwrap() + "CLAUSES".len()]);
    for line in text.lines().skip(1) {
        // Cells with their end offsets: runs separated by two or more spaces.
        let mut cells: Vec<(&str, usize)> = Vec::new();
        let mut from = 0;
        while from < line.len() {
            let rest = &line[from..];
            let skip = rest.len() - rest.trim_start().len();
            let cell_start = from + skip;
            let cell_len = line[cell_start..]
                .find("  ")
                .unwrap_or(line.len() - cell_start);
            cells.push((
                &line[cell_start..cell_start + cell_len],
                cell_start + cell_len,
            ));
            from = cell_start + cell_len;
        }
        // YEAR is the first number in a row, CLAUSES the second.
        let (_, upto) = cells
            .iter()
            .filter(|(c, _)| c.parse::<usize>().is_ok())
            .nth(1)
            .unwrap();
        assert_eq!(unicode_width(&line[..*upto]), end, "{line}");
    }
}

/// Display width with the East Asian wide rule, independent of the crate under test.
fn unicode_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if ('\u{1100}'..='\u{FFDC}').contains(&c) && !c.is_ascii() {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn a_bad_file_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus_dir().join("2023-dongguan-quality-power-draft.txt"),
        dir.path().join("a.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), [0u8, 159, 146, 150]).unwrap();
    std::fs::create_dir(dir.path().join("nested")).unwrap();
    std::fs::copy(
        corpus_dir().join("2023-guangdong-quality-province-outline.txt"),
        dir.path().join("nested/c.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("nested/notes.pdf"), b"%PDF").unwrap();
    let output = run_in(dir.path(), &["targets", "--json", "."], None);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    // Folders are walked for PDFs too: a 4-byte "%PDF" is no PDF, and says so.
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.contains("b.txt") && err.contains("binary"), "{err}");
    assert!(
        err.contains("notes.pdf: named .pdf but is plain text"),
        "{err}"
    );
    let rows: Vec<TargetRow> = json_lines(&output);
    assert_eq!(rows.len(), 17, "13 targets of a.txt and 4 of nested/c.txt");
    assert!(rows
        .iter()
        .all(|r| !Path::new(&r.document.source).ends_with("notes.pdf")));
}

#[test]
fn names_file_of_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.tsv"),
        "# mine\n广东省质量技术监督局（测试）\t{P}质监局\t-\t-\t-\n",
    )
    .unwrap();
    let path = corpus_dir().join("2018-guangdong-certification-tqm-plan.txt");
    let output = run_in(
        dir.path(),
        &[
            "agencies",
            "--clauses",
            "--json",
            "--names",
            "mine.tsv",
            path.to_str().unwrap(),
        ],
        None,
    );
    let rows: Vec<AgencyInClause> = json_lines(&output);
    let zhijian = rows.iter().find(|r| r.name == "省质监局").unwrap();
    assert_eq!(
        zhijian.canonical.as_deref(),
        Some("广东省质量技术监督局（测试）")
    );
    std::fs::write(dir.path().join("bad.tsv"), "只有一列\n").unwrap();
    let output = run_in(dir.path(), &["agencies", "--names", "bad.tsv"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("zhengce: bad.tsv: line 1:"),
        "{}",
        stderr(&output)
    );
}
