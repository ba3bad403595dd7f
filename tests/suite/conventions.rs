//! One table of every subcommand and the conventions it keeps (docs/cli.md, docs/json.md):
//! what it reads (a file, a folder, `-`, standard input when no input is given and it is
//! not a terminal), its JSON Lines envelope read back into types, a closed pipe under
//! `set -o pipefail`, a missing file reported in one line naming it with exit code 2,
//! `-` as an output path meaning standard output, and a name that fits two documents
//! refused with the candidates listed. A new subcommand gets a row; a row that says a
//! command supports something is checked, and one that says it does not is checked too
//! (refused in one line with exit code 2, not silently doing something else).

use crate::common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{run_in, seed_path, stderr, stdout};
use serde::Deserialize;

/// How a subcommand takes its documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Takes {
    /// Any number of files and folders, `-` for standard input, standard input when
    /// none is given and it is not a terminal (else the bundled corpus).
    Documents,
    /// Files and folders only: `-` and piped standard input are refused.
    FilesOnly,
    /// One document: a file, `-`, or a name (from the index or the bundled corpus).
    One,
    /// Two documents, OLD and NEW, each a file, `-` or a bundled name.
    Two,
    /// No documents: it reads the index.
    Index,
    /// No documents at all (completions, man).
    Nothing,
}

/// Reads one JSON row into its test-side type, panicking if it does not fit.
type ReadRow = fn(serde_json::Value);

/// A way to give a command its input: what it is, the arguments, standard input.
type Case<'a> = (&'a str, Vec<&'a str>, Option<&'a [u8]>);

/// One subcommand and what it supports.
struct Row {
    command: &'static str,
    takes: Takes,
    /// Arguments always given (`--format jsonl` for export).
    base: &'static [&'static str],
    /// The message type `--json` sends its rows as, and the check that reads one into its
    /// test-side type; `None`: no `--json`.
    json: Option<(&'static str, ReadRow)>,
    /// Arguments (after `base`) that print more than a pipe holds, for `| head -1`.
    long: &'static [&'static str],
    /// The exit code of `long` run to the end.
    long_code: i32,
    /// An option whose value is an output path, where `-` means standard output, and
    /// how that output starts.
    output_dash: Option<(&'static str, &'static str)>,
}

fn read<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{e}: {value}"))
}

/// The `document` object rows refer to: the same fields in every command, no more.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read to check its shape
struct DocumentObject {
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

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct AgencyRow {
    document: Option<DocumentObject>,
    agency: String,
    clauses: usize,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct TargetRow {
    document: DocumentObject,
    clause: common::TargetRowClause,
    indicator: String,
    value: f64,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct ShowUnit {
    document: DocumentObject,
    clause: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct HitRow {
    document: DocumentObject,
    clause: common::HitClause,
    text: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct DiffPair {
    status: String,
    similarity: f64,
    old: Option<serde_json::Value>,
    new: Option<serde_json::Value>,
}

const ROWS: &[Row] = &[
    Row {
        command: "parse",
        takes: Takes::Documents,
        base: &[],
        json: Some(("document", |v| drop(read::<common::Document>(v)))),
        long: &["--json"],
        long_code: 0,
        output_dash: None,
    },
    Row {
        command: "agencies",
        takes: Takes::Documents,
        base: &[],
        json: Some(("agency", |v| drop(read::<AgencyRow>(v)))),
        long: &["--clauses", "--json"],
        long_code: 0,
        output_dash: None,
    },
    Row {
        command: "targets",
        takes: Takes::Documents,
        base: &[],
        json: Some(("target", |v| drop(read::<TargetRow>(v)))),
        long: &["--json"],
        long_code: 0,
        output_dash: None,
    },
    Row {
        command: "quantities",
        takes: Takes::Documents,
        base: &[],
        json: Some(("line", |v| drop(read::<common::LineQuantities>(v)))),
        long: &["--json"],
        long_code: 0,
        output_dash: None,
    },
    Row {
        command: "index",
        takes: Takes::FilesOnly,
        base: &[],
        json: None,
        long: &[],
        long_code: 0,
        output_dash: None,
    },
    Row {
        command: "search",
        takes: Takes::Index,
        base: &["质量"],
        json: Some(("hit", |v| drop(read::<HitRow>(v)))),
        long: &["-n", "300"],
        long_code: 0,
        output_dash: None,
    },
    Row {
        command: "show",
        takes: Takes::One,
        base: &[],
        json: Some(("unit", |v| drop(read::<ShowUnit>(v)))),
        long: &["--json", "2023-guangdong-quality-province-outline"],
        long_code: 0,
        output_dash: None,
    },
    Row {
        command: "diff",
        takes: Takes::Two,
        base: &[],
        json: Some(("pair", |v| drop(read::<DiffPair>(v)))),
        // A document with itself, every clause shown: long, and no differences.
        long: &[
            "--all",
            "2023-guangdong-quality-province-outline",
            "2023-guangdong-quality-province-outline",
        ],
        long_code: 0,
        output_dash: Some(("--html", "<!DOCTYPE html>")),
    },
    Row {
        command: "export",
        takes: Takes::Documents,
        base: &["--format", "jsonl"],
        // Its JSON Lines are tables, one `table` key a row (docs/export.md), not the
        // envelope of --json.
        json: None,
        long: &[],
        long_code: 0,
        output_dash: Some(("--out", "{\"table\":\"documents\"")),
    },
    Row {
        command: "completions",
        takes: Takes::Nothing,
        base: &["bash"],
        json: None,
        long: &[],
        long_code: 0,
        output_dash: None,
    },
    Row {
        command: "man",
        takes: Takes::Nothing,
        base: &[],
        json: None,
        long: &[],
        long_code: 0,
        output_dash: None,
    },
];

/// Every subcommand `zhengce --help` lists has a row.
#[test]
fn every_subcommand_has_a_row() {
    let help = stdout(&common::run(&["--help"]));
    let listed: Vec<&str> = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(listed.len() >= 11, "{listed:?}");
    for command in &listed {
        assert!(
            ROWS.iter().any(|r| r.command == *command),
            "no row for `{command}`"
        );
    }
}

/// A folder with what the checks read: `plan.txt` (a plan with targets and agencies),
/// `folder/` (two State Council documents that have both too), `a/plan.txt`
/// and `b/plan.txt` (two documents of one name) indexed in `ab-index/`.
fn workspace() -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let copy = |stem: &str, to: &str| {
        let to = dir.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(seed_path(stem), to).unwrap();
    };
    copy("2018-guangdong-certification-tqm-plan", "plan.txt");
    copy("2018-guobanfa-128", "folder/guobanfa.txt");
    copy("2019-guofa-4", "folder/guofa.txt");
    copy("2020-guangdong-quality-province-plan", "a/plan.txt");
    copy("2015-guangdong-quality-improvement-opinions", "b/plan.txt");
    let indexed = run_in(dir, &["index", "--index", "ab-index", "a", "b"], None);
    assert_eq!(indexed.status.code(), Some(0), "{}", stderr(&indexed));
    work
}

/// `zhengce ARGS` in `dir` with standard input `stdin`, as `run_in`, the bundled
/// corpus's index cached for all the checks.
fn zhengce(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhengce"));
    command
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir.join("home"))
        .env(
            "XDG_CACHE_HOME",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("terminal-cache"),
        )
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    if let Some(bytes) = stdin {
        use std::io::Write;
        // A command that refuses standard input may close it unread.
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    child.wait_with_output().unwrap()
}

fn args<'a>(row: &'a Row, more: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec![row.command];
    all.extend_from_slice(row.base);
    all.extend_from_slice(more);
    all
}

/// The error of a run that must fail: exit code 2, one line on standard error, naming
/// `name`.
fn assert_one_line_error(output: &Output, name: &str, what: &str) {
    assert_eq!(output.status.code(), Some(2), "{what}: {}", stderr(output));
    let err = stderr(output);
    assert_eq!(err.lines().count(), 1, "{what}: {err}");
    assert!(err.starts_with("zhengce: "), "{what}: {err}");
    assert!(
        err.contains(name),
        "{what}: the error does not name {name}: {err}"
    );
}

/// Asserts that `output` is one JSON envelope (begin … end, counts agreeing), and reads
/// every row of type `kind` with `check`; returns how many rows there were.
fn assert_envelope(output: &Output, row: &Row, what: &str) -> usize {
    let (kind, check) = row.json.unwrap();
    let messages = common::messages(output);
    assert_eq!(messages[0].data["command"], row.command, "{what}");
    let rows: Vec<_> = messages.into_iter().filter(|m| m.kind == kind).collect();
    for m in &rows {
        check(m.data.clone());
    }
    rows.len()
}

#[test]
fn every_subcommand_keeps_the_conventions() {
    let work = workspace();
    let dir = work.path();
    let plan = std::fs::read(dir.join("plan.txt")).unwrap();
    for row in ROWS {
        let name = row.command;
        let json = |more: &[&'static str]| -> Vec<&'static str> {
            let mut all: Vec<&'static str> = more.to_vec();
            if row.json.is_some() {
                all.push("--json");
            }
            all
        };
        match row.takes {
            Takes::Documents => {
                // A file, a folder, `-`, and standard input when no input is given.
                let cases: [Case; 4] = [
                    ("a file", json(&["plan.txt"]), None),
                    ("a folder", json(&["folder"]), None),
                    ("-", json(&["-"]), Some(&plan)),
                    ("no input, standard input a pipe", json(&[]), Some(&plan)),
                ];
                for (what, more, stdin) in cases {
                    let what = format!("{name}: {what}");
                    let output = zhengce(dir, &args(row, &more), stdin);
                    assert_eq!(output.status.code(), Some(0), "{what}: {}", stderr(&output));
                    let text = stdout(&output);
                    assert!(!text.is_empty(), "{what}: nothing printed");
                    if row.json.is_some() {
                        assert!(assert_envelope(&output, row, &what) > 0, "{what}: no rows");
                    }
                    // Standard input is called <stdin>; a folder's documents are both read.
                    if stdin.is_some() {
                        assert!(text.contains("<stdin>"), "{what}: <stdin> not named");
                    }
                    if what.ends_with("a folder") {
                        for file in ["guobanfa", "guofa"] {
                            assert!(text.contains(file), "{what}: {file} not read");
                        }
                    }
                }
                // A missing file: one line naming it, the other input still read, exit 2.
                let output = zhengce(dir, &args(row, &json(&["missing.txt", "plan.txt"])), None);
                assert_one_line_error(&output, "missing.txt", name);
                assert!(
                    !output.stdout.is_empty(),
                    "{name}: plan.txt not read after the error"
                );
            }
            Takes::FilesOnly => {
                for (what, more) in [("a file", ["plan.txt"]), ("a folder", ["folder"])] {
                    let index = format!("index-{}", what.replace(' ', "-"));
                    let mut all = args(row, &["--index", &index]);
                    all.extend(more);
                    let output = zhengce(dir, &all, None);
                    assert_eq!(
                        output.status.code(),
                        Some(0),
                        "{name}: {what}: {}",
                        stderr(&output)
                    );
                    assert!(stdout(&output).starts_with("indexed "), "{name}: {what}");
                }
                // Standard input cannot be indexed: refused in one line, whether as `-`
                // or piped with no input.
                let output = zhengce(dir, &args(row, &["--index", "x", "-"]), Some(&plan));
                assert_one_line_error(&output, "<stdin>", "index -");
                let output = zhengce(dir, &args(row, &["--index", "x"]), Some(&plan));
                assert_one_line_error(&output, "<stdin>", "index with standard input");
                assert!(
                    !dir.join("x").exists(),
                    "index: refused, yet a folder was made"
                );
                // A missing file among others: reported in one line, the others indexed.
                let all = args(row, &["--index", "y", "missing.txt", "plan.txt"]);
                let output = zhengce(dir, &all, None);
                assert_one_line_error(&output, "missing.txt", "index missing.txt");
                assert!(
                    stdout(&output).starts_with("indexed 1 files"),
                    "{}",
                    stdout(&output)
                );
            }
            Takes::One => {
                for (what, input, id, stdin) in [
                    ("a file", "plan.txt", "2.1", None),
                    ("-", "-", "2.1", Some(&plan[..])),
                    (
                        "a bundled name",
                        "2020-guangdong-quality-province-plan",
                        "3.5",
                        None,
                    ),
                ] {
                    let output = zhengce(dir, &args(row, &json(&[input, id])), stdin);
                    let what = format!("{name}: {what}");
                    assert_eq!(output.status.code(), Some(0), "{what}: {}", stderr(&output));
                    assert_eq!(assert_envelope(&output, row, &what), 1, "{what}");
                }
                let output = zhengce(dir, &args(row, &["missing.txt"]), None);
                assert_one_line_error(&output, "missing.txt", "show missing.txt");
                // Two indexed documents named plan: an error listing both.
                let output = zhengce(dir, &args(row, &["--index", "ab-index", "plan", "1"]), None);
                assert_one_line_error(&output, "plan", "show, an ambiguous name");
                let err = stderr(&output);
                for candidate in ["a/plan.txt", "b/plan.txt"] {
                    assert!(
                        err.contains(candidate),
                        "show: {candidate} not listed: {err}"
                    );
                }
                // A part of names that fits several: the same.
                let output = zhengce(dir, &args(row, &["2018-guo", "1"]), None);
                assert_one_line_error(&output, "2018-guo", "show, a part of several names");
                assert!(
                    stderr(&output).contains("2018-guobanfa-108"),
                    "{}",
                    stderr(&output)
                );
            }
            Takes::Two => {
                let other = "folder/guofa.txt";
                for (what, old, stdin) in [
                    ("files", "plan.txt", None),
                    ("-", "-", Some(&plan[..])),
                    (
                        "a bundled name",
                        "2020-guangdong-quality-province-plan",
                        None,
                    ),
                ] {
                    let output = zhengce(dir, &args(row, &json(&[old, other])), stdin);
                    let what = format!("{name}: {what}");
                    // 1: the documents differ.
                    assert_eq!(output.status.code(), Some(1), "{what}: {}", stderr(&output));
                    assert!(assert_envelope(&output, row, &what) > 0, "{what}");
                }
                let output = zhengce(dir, &args(row, &["missing.txt", "plan.txt"]), None);
                assert_one_line_error(&output, "missing.txt", "diff missing.txt");
                let output = zhengce(dir, &args(row, &["-", "-"]), Some(&plan));
                assert_one_line_error(&output, "-", "diff - -");
                // A part of several bundled names: an error listing them.
                let output = zhengce(dir, &args(row, &["2018-guo", "plan.txt"]), None);
                assert_one_line_error(&output, "2018-guo", "diff, a part of several names");
                assert!(
                    stderr(&output).contains("2018-guobanfa-108"),
                    "{}",
                    stderr(&output)
                );
            }
            Takes::Index => {
                let output = zhengce(dir, &args(row, &json(&[])), None);
                assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
                assert!(assert_envelope(&output, row, name) > 0);
                let output = zhengce(dir, &args(row, &["--index", "missing-index"]), None);
                assert_one_line_error(&output, "missing-index", "search --index missing-index");
            }
            Takes::Nothing => {
                let output = zhengce(dir, &args(row, &[]), None);
                assert_eq!(output.status.code(), Some(0), "{name}");
                assert!(!output.stdout.is_empty());
            }
        }
        // `-` as an output path is standard output, never a file named `-`.
        if let Some((option, starts)) = row.output_dash {
            let inputs: &[&str] = match row.takes {
                Takes::Two => &["plan.txt", "folder/guofa.txt"],
                _ => &["plan.txt"],
            };
            let mut all = args(row, &[option, "-"]);
            all.extend_from_slice(inputs);
            let output = zhengce(dir, &all, None);
            assert!(
                matches!(output.status.code(), Some(0 | 1)),
                "{name} {option} -: {}",
                stderr(&output)
            );
            assert!(stdout(&output).starts_with(starts), "{name} {option} -");
            assert!(
                !dir.join("-").exists(),
                "{name} {option} - wrote a file named -"
            );
        }
    }
}

/// `zhengce … | head -1` in a `set -o pipefail` script: exit 0, nothing on standard
/// error, in every output mode that prints more than a pipe holds.
#[test]
fn a_closed_pipe_ends_every_subcommand_quietly() {
    let work = tempfile::tempdir().unwrap();
    let corpus = common::corpus_dir();
    for row in ROWS {
        let mut modes: Vec<Vec<&str>> = vec![];
        if !row.long.is_empty() {
            modes.push(row.long.to_vec());
            // The same for people, where a row has a JSON mode.
            let human: Vec<&str> = row
                .long
                .iter()
                .copied()
                .filter(|a| *a != "--json")
                .collect();
            if human.len() != row.long.len() {
                modes.push(human);
            }
        } else if row.takes == Takes::Documents {
            modes.push(vec![corpus.to_str().unwrap()]);
        } else if row.takes == Takes::Nothing {
            modes.push(vec![]);
        }
        for mode in modes {
            let all = args(row, &mode);
            let line = std::iter::once(env!("CARGO_BIN_EXE_zhengce").to_owned())
                .chain(all.iter().map(|a| format!("'{a}'")))
                .collect::<Vec<_>>()
                .join(" ");
            let output = Command::new("bash")
                .args([
                    "-c",
                    &format!("set -o pipefail; {line} | head -1 > /dev/null"),
                ])
                .current_dir(work.path())
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env(
                    "XDG_CACHE_HOME",
                    Path::new(env!("CARGO_TARGET_TMPDIR")).join("terminal-cache"),
                )
                .stdin(Stdio::null())
                .output()
                .unwrap();
            assert_eq!(
                output.status.code(),
                Some(row.long_code),
                "{all:?} | head -1: {}",
                stderr(&output)
            );
            assert!(output.stderr.is_empty(), "{all:?}: {}", stderr(&output));
        }
    }
}
