//! `targets` and `agencies` over an index (`--index`, the default index, `--query`): the
//! same rows as from the files, read back into types that name every field; `--query`
//! keeping the clauses a search finds, with expected rows read from the documents.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use common::{corpus_dir, data_of, run, stderr};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// One index of the bundled corpus's folder, shared by the tests of this module.
fn index() -> &'static Path {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
            let index = dir.path().join("index");
            let out = run(&[
                "index",
                "-q",
                "--index",
                index.to_str().unwrap(),
                corpus_dir().to_str().unwrap(),
            ]);
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            (dir, index)
        })
        .1
}

#[derive(Debug, Deserialize, PartialEq, Clone)]
#[serde(deny_unknown_fields)]
struct Document {
    source: String,
    name: String,
    title: Option<String>,
    doc_number: Option<String>,
    issuer: Option<String>,
    date: Option<String>,
    year: Option<i32>,
    year_from: Option<String>,
    status: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq, Clone)]
#[serde(deny_unknown_fields)]
struct ClauseRef {
    id: String,
    labels: Vec<String>,
    heading: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq, Clone)]
#[serde(deny_unknown_fields)]
struct Span {
    start: usize,
    end: usize,
    unit: String,
}

/// A `target` message, every field.
#[derive(Debug, Deserialize, PartialEq, Clone)]
#[serde(deny_unknown_fields)]
struct TargetRow {
    document: Document,
    clause: ClauseRef,
    text: String,
    indicator: String,
    value: f64,
    max: Option<f64>,
    unit: String,
    comparator: String,
    year: Option<i32>,
    year_implied: bool,
    binding: bool,
    span: Span,
}

/// An `agency` message, every field.
#[derive(Debug, Deserialize, PartialEq, Clone)]
#[serde(deny_unknown_fields)]
struct AgencyCount {
    document: Option<Document>,
    documents: usize,
    agency: String,
    names: Vec<String>,
    generic: bool,
    lead: usize,
    participant: usize,
    responsible: usize,
    mentioned: usize,
    clauses: usize,
}

/// An `agency_clause` message, every field.
#[derive(Debug, Deserialize, PartialEq, Clone)]
#[serde(deny_unknown_fields)]
struct AgencyInClause {
    document: Document,
    clause: ClauseRef,
    name: String,
    canonical: Option<String>,
    successor: Option<String>,
    role: String,
    generic: bool,
    span: Span,
}

/// Rows name their document by the path it was read from: the folder as given for files,
/// the absolute path for an index. Both are cut to the file name to compare the rest.
trait Sourced {
    fn document(&mut self) -> Option<&mut Document>;
}

impl Sourced for TargetRow {
    fn document(&mut self) -> Option<&mut Document> {
        Some(&mut self.document)
    }
}

impl Sourced for AgencyCount {
    fn document(&mut self) -> Option<&mut Document> {
        self.document.as_mut()
    }
}

impl Sourced for AgencyInClause {
    fn document(&mut self) -> Option<&mut Document> {
        Some(&mut self.document)
    }
}

fn rows_of<T: DeserializeOwned + Sourced>(output: &Output, kind: &str) -> Vec<T> {
    let mut rows: Vec<T> = data_of(output, kind);
    for row in &mut rows {
        if let Some(d) = row.document() {
            d.source = common::file_name(&d.source);
        }
    }
    rows
}

fn index_arg() -> &'static str {
    index().to_str().unwrap()
}

/// The rows of `args` read from the corpus folder's files and from its index.
fn both<T: DeserializeOwned + Sourced>(args: &[&str], kind: &str) -> (Vec<T>, Vec<T>) {
    let corpus = corpus_dir();
    let mut from_files = args.to_vec();
    from_files.extend(["--json", corpus.to_str().unwrap()]);
    let mut from_index = args.to_vec();
    from_index.extend(["--json", "--index", index_arg()]);
    let (files, indexed) = (run(&from_files), run(&from_index));
    assert_eq!(files.status.code(), indexed.status.code(), "{args:?}");
    assert!(stderr(&indexed).is_empty(), "{}", stderr(&indexed));
    (rows_of(&files, kind), rows_of(&indexed, kind))
}

#[test]
fn rows_from_the_index_are_the_rows_from_the_files() {
    for args in [
        &["targets"][..],
        &["targets", "--indicator", "合格率"],
        &["targets", "--agency", "市场监管", "--year", "2020"],
        &["targets", "--query", "质量 -标准"],
    ] {
        let (files, indexed) = both::<TargetRow>(args, "target");
        assert!(!files.is_empty(), "{args:?} finds targets in the corpus");
        assert_eq!(files, indexed, "{args:?}");
    }
    for args in [
        &["agencies"][..],
        &["agencies", "--total"],
        &[
            "agencies",
            "--total",
            "--no-generic",
            "--year",
            "2018..2020",
        ],
        &["agencies", "--role", "lead"],
        &["agencies", "--query", "认证 OR 检验检测"],
    ] {
        let (files, indexed) = both::<AgencyCount>(args, "agency");
        assert!(!files.is_empty(), "{args:?} finds agencies in the corpus");
        assert_eq!(files, indexed, "{args:?}");
    }
    for args in [
        &["agencies", "--clauses"][..],
        &["agencies", "--clauses", "--agency", "市场监督管理局"],
    ] {
        let (files, indexed) = both::<AgencyInClause>(args, "agency_clause");
        assert!(!files.is_empty(), "{args:?} finds agencies in the corpus");
        assert_eq!(files, indexed, "{args:?}");
    }
}

/// 首席质量官 is written in four documents (2015 三、（三）, 2018 二、（一）2．, the
/// Dongguan draft's （二十七） and the 2023 outline's (二十)); only the 2018 clause ends
/// in an attribution: "（省经济和信息化委、国资委、质监局等分工负责）", a list without a
/// lead, the 省 written once for the three.
#[test]
fn query_keeps_the_clauses_a_search_finds() {
    let output = run(&[
        "agencies",
        "--clauses",
        "--json",
        "--index",
        index_arg(),
        "--query",
        "首席质量官",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let rows: Vec<AgencyInClause> = rows_of(&output, "agency_clause");
    let read: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r.document.name.as_str(),
                r.clause.id.as_str(),
                r.name.as_str(),
                r.role.as_str(),
            )
        })
        .collect();
    let plan = "2018-guangdong-certification-tqm-plan";
    assert_eq!(
        read,
        [
            (plan, "2.1.2", "省经济和信息化委", "responsible"),
            (plan, "2.1.2", "省国资委", "responsible"),
            (plan, "2.1.2", "省质监局", "responsible"),
        ]
    );
    // The same clause holds 国资委: leaving it out leaves nothing, and nothing exits 1.
    let output = run(&[
        "agencies",
        "--clauses",
        "--index",
        index_arg(),
        "--query",
        "首席质量官 -国资委",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

/// An ASCII word is matched as a word on the stored text, as search does: ISO9001 is in
/// the 2018 plan's 一、 (a goal, no attribution) and 二、（二）1．, which ends
/// "（省质监局牵头，各行业主管部门分工负责）".
#[test]
fn query_of_an_ascii_word() {
    let output = run(&[
        "agencies",
        "--clauses",
        "--json",
        "--index",
        index_arg(),
        "--query",
        "ISO9001",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let rows: Vec<AgencyInClause> = rows_of(&output, "agency_clause");
    let read: Vec<(&str, &str, &str, bool)> = rows
        .iter()
        .map(|r| {
            (
                r.clause.id.as_str(),
                r.name.as_str(),
                r.role.as_str(),
                r.generic,
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("2.2.1", "省质监局", "lead", false),
            ("2.2.1", "各行业主管部门", "participant", true),
        ]
    );
}

/// 一次验收合格率 is written once, in the 2015 opinions' 三、工作目标: "到2020年，…制造业
/// 产品质量合格率稳定在93%以上；主要农产品质量安全监测合格率达到96%以上；…大中型工程一次
/// 验收合格率达100%，其他工程一次验收合格率达98%以上。" Every target row is of that clause,
/// and the clause's goals are among them.
#[test]
fn targets_of_the_clauses_a_query_finds() {
    let output = run(&[
        "targets",
        "--json",
        "--index",
        index_arg(),
        "--query",
        "一次验收合格率",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let rows: Vec<TargetRow> = rows_of(&output, "target");
    assert!(rows.iter().all(
        |r| r.document.name == "2015-guangdong-quality-improvement-opinions"
            && r.clause.labels == ["三、"]
            && r.year == Some(2020)
    ));
    for (indicator, value, comparator) in [
        ("制造业产品质量合格率", 93.0, ">="),
        ("主要农产品质量安全监测合格率", 96.0, ">="),
        ("大中型工程一次验收合格率", 100.0, "="),
        ("其他工程一次验收合格率", 98.0, ">="),
    ] {
        assert!(
            rows.iter().any(|r| r.indicator == indicator
                && r.value == value
                && r.unit == "%"
                && r.comparator == comparator),
            "{indicator}: {rows:#?}"
        );
    }
    // --indicator narrows the same clauses to its indicators.
    let output = run(&[
        "targets",
        "--json",
        "--index",
        index_arg(),
        "--query",
        "一次验收合格率",
        "--indicator",
        "验收",
    ]);
    let rows: Vec<TargetRow> = rows_of(&output, "target");
    let mut indicators: Vec<&str> = rows.iter().map(|r| r.indicator.as_str()).collect();
    indicators.sort();
    assert_eq!(
        indicators,
        ["其他工程一次验收合格率", "大中型工程一次验收合格率"]
    );
}

/// `zhengce targets` with no PATH reads the default index once `zhengce index` has made
/// it (its rows name absolute paths), and the bundled corpus before (`corpus/…`).
#[test]
fn the_default_index_is_read_when_it_exists() {
    let home = tempfile::tempdir().unwrap();
    let targets = |data: &Path| -> Vec<TargetRow> {
        let output = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .args(["targets", "--json", "--indicator", "食品抽检合格率"])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("XDG_DATA_HOME", data)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        data_of(&output, "target")
    };
    let before = targets(home.path());
    assert!(before
        .iter()
        .all(|r| r.document.source.starts_with("corpus/")));
    let default: PathBuf = home.path().join("zhengce").join("index");
    let seed = common::seed_path("2023-guangdong-quality-province-outline");
    let out = run(&[
        "index",
        "-q",
        "--index",
        default.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = targets(home.path());
    assert_eq!(after.len(), 1, "only the indexed outline's 98.5%");
    assert_eq!(after[0].value, 98.5);
    assert!(Path::new(&after[0].document.source).is_absolute());
}

#[test]
fn index_and_files_do_not_mix() {
    let corpus = corpus_dir();
    let output = run(&["targets", "--index", index_arg(), corpus.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["agencies", "--index", index_arg(), "--names", "x.tsv"]);
    assert_eq!(output.status.code(), Some(2));
    // A query that cannot be read is an error before anything is printed.
    let output = run(&["targets", "--index", index_arg(), "--query", "\"质量"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
}
