//! A reader that stops early (`zhengce … | head -1`) is normal: every command ends quietly
//! with exit code 0, in every output mode, so `set -o pipefail` scripts do not fail.

use crate::common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::*;

/// Runs `args`, reads the first line of its output, closes the pipe, and returns the exit
/// code and standard error.
fn first_line_then_close(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {}
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    let corpus: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    let mut parse_all = vec!["parse", "--json"];
    parse_all.extend(corpus.iter().map(String::as_str));
    let commands: Vec<Vec<&str>> = vec![
        parse_all,
        vec!["targets", "--json"],
        vec!["targets", "--csv"],
        vec!["agencies", "--json", "--clauses"],
        vec!["search", "--json", "-n", "200", "质量"],
        vec!["search", "-n", "200", "质量"],
        vec!["quantities", "--json", corpus[0].as_str()],
    ];
    for args in commands {
        let (code, err) = first_line_then_close(&args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}
