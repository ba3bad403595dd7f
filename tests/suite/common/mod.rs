//! Helpers shared by the integration tests: run the real binary with a scrubbed
//! environment, and read its JSON back into test-side types (declared here, not borrowed
//! from the library, so a renamed or retyped field breaks a test).

#![allow(dead_code)] // each test file uses a different part of this module

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde::Deserialize;

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

pub const SEEDS: [&str; 5] = [
    "2015-guangdong-quality-improvement-opinions",
    "2018-guangdong-certification-tqm-plan",
    "2020-guangdong-quality-province-plan",
    "2023-dongguan-quality-power-draft",
    "2023-guangdong-quality-province-outline",
];

/// Every document of the bundled corpus (`corpus/*.txt`), sorted.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

pub fn seed_path(stem: &str) -> PathBuf {
    corpus_dir().join(format!("{stem}.txt"))
}

/// `zhengce ARGS…` in `dir`, with an empty environment but PATH, and stdin from `stdin`.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhengce"));
    command
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("zhengce runs");
    if let Some(bytes) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().expect("zhengce finishes")
}

pub fn run(args: &[&str]) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// One line of a JSON Lines stream: `{"type": …, "data": …}`.
#[derive(Debug, Deserialize)]
pub struct Message {
    #[serde(rename = "type")]
    pub kind: String,
    pub data: serde_json::Value,
}

/// Every message of a JSON Lines stream, checked to be framed by `begin` (with the schema
/// version and command) and `end` (whose counts agree with the messages between).
pub fn messages(output: &Output) -> Vec<Message> {
    let all: Vec<Message> = stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let (first, last) = (all.first().expect("a begin"), all.last().expect("an end"));
    assert_eq!(first.kind, "begin");
    assert_eq!(first.data["schema_version"], 2);
    assert_eq!(last.kind, "end");
    let errors = all.iter().filter(|m| m.kind == "error").count();
    assert_eq!(last.data["errors"], errors);
    assert_eq!(last.data["messages"], all.len() - 2 - errors);
    all
}

/// The data of every message of type `kind`, read into `T`.
pub fn data_of<T: serde::de::DeserializeOwned>(output: &Output, kind: &str) -> Vec<T> {
    messages(output)
        .into_iter()
        .filter(|m| m.kind == kind)
        .map(|m| serde_json::from_value(m.data).unwrap_or_else(|e| panic!("{kind}: {e}")))
        .collect()
}

/// The documents of `parse --json` output.
pub fn documents(output: &Output) -> Vec<Document> {
    data_of(output, "document")
}

/// Runs `parse --json` on one file and returns its one document.
pub fn parse_json(path: &Path) -> Document {
    let output = run(&["parse", "--json", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut docs = documents(&output);
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct Document {
    pub schema_version: u32,
    pub source: String,
    /// `text`, `markdown`, `html`, `docx` or `pdf`.
    pub format: String,
    pub encoding: Encoding,
    pub title: Option<String>,
    pub document_title: Option<String>,
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub status: Option<String>,
    pub recipients: Option<String>,
    pub notice: Option<String>,
    pub preamble: Option<String>,
    pub excluded: Vec<Excluded>,
    pub warnings: Vec<Warning>,
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct Encoding {
    pub name: String,
    pub rule: String,
    pub line_ends: String,
}

#[derive(Debug, Deserialize, PartialEq, Clone, Copy)]
pub struct Lines {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize, PartialEq, Clone)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub unit: String,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct Excluded {
    pub lines: Lines,
    pub span: Span,
    pub reason: String,
    pub text: String,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct Warning {
    pub kind: String,
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Deserialize, PartialEq, Clone)]
pub struct Clause {
    pub id: String,
    pub parent: Option<String>,
    pub labels: Vec<String>,
    pub numbers: Vec<u32>,
    pub level: usize,
    pub style: String,
    pub heading: Option<String>,
    pub text: String,
    pub lines: Lines,
    pub span: Span,
    pub agencies: Vec<Agency>,
    pub quantities: Vec<Quantity>,
    pub targets: Vec<Target>,
}

#[derive(Debug, Deserialize, PartialEq, Clone)]
pub struct Agency {
    pub name: String,
    pub canonical: Option<String>,
    pub successor: Option<String>,
    pub role: String,
    pub generic: bool,
    pub span: Span,
}

#[derive(Debug, Deserialize, PartialEq, Clone)]
pub struct Quantity {
    pub text: String,
    pub value: f64,
    pub max: Option<f64>,
    pub unit: String,
    pub bound: String,
    pub span: Span,
}

#[derive(Debug, Deserialize, PartialEq, Clone)]
pub struct Target {
    pub text: String,
    pub indicator: String,
    pub value: f64,
    pub max: Option<f64>,
    pub unit: String,
    pub comparator: String,
    pub year: Option<i32>,
    pub year_implied: bool,
    pub binding: bool,
    pub span: Span,
}

/// One line of `quantities --json`.
#[derive(Debug, Deserialize)]
pub struct LineQuantities {
    pub source: String,
    pub line: usize,
    pub text: String,
    pub quantities: Vec<LineQuantity>,
}

#[derive(Debug, Deserialize)]
pub struct LineQuantity {
    pub text: String,
    pub value: f64,
    pub max: Option<f64>,
    pub unit: String,
    pub bound: String,
    pub kind: String,
    pub approximate: bool,
    pub start: usize,
    pub end: usize,
}

/// One line of `search --json`.
#[derive(Debug, Deserialize, Clone)]
pub struct SearchHit {
    pub schema_version: u32,
    pub document: HitDocument,
    pub clause: HitClause,
    pub score: Option<f32>,
    pub text: String,
    pub matches: Vec<CharRange>,
    pub unit: String,
    pub snippet: HitSnippet,
    pub agencies: Vec<Agency>,
    pub targets: Vec<Target>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct HitDocument {
    pub source: String,
    pub name: String,
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub year: Option<i32>,
    pub year_from: Option<String>,
    pub status: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct HitClause {
    pub id: String,
    pub parent: Option<String>,
    pub labels: Vec<String>,
    pub heading: Option<String>,
    pub level: usize,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
pub struct CharRange {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize, Clone)]
pub struct HitSnippet {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub matches: Vec<CharRange>,
    pub unit: String,
}

/// Parses `search --json` output.
pub fn hits(output: &Output) -> Vec<SearchHit> {
    data_of(output, "hit")
}

/// A value as the fixtures write it: 80, 1.5, 8000000.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// The file name of a `source` path as printed (`fixtures/govcn/002.txt` → `002.txt`).
pub fn file_name(source: &str) -> String {
    source
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(source)
        .to_owned()
}

/// One row of `zhengce targets --json`, the fields the tests read.
#[derive(Debug, Deserialize)]
pub struct TargetRow {
    pub document: TargetRowDocument,
    pub clause: TargetRowClause,
    pub text: String,
    pub indicator: String,
    pub value: f64,
    pub unit: String,
    pub year: Option<i32>,
}

#[derive(Debug, Deserialize)]
pub struct TargetRowDocument {
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct TargetRowClause {
    pub id: String,
}

/// Runs `targets --json` with `args` and reads its rows.
pub fn target_rows(args: &[&str]) -> Vec<TargetRow> {
    let mut all = vec!["targets", "--json"];
    all.extend_from_slice(args);
    let output = run(&all);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    data_of(&output, "target")
}
