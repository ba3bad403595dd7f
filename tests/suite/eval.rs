//! The shared scorer (`../shared/eval/score_parse.py`) over two hand readings: the five
//! seeds (`../shared/eval/seed_gold/`) and twelve State Council documents read for this
//! project (`fixtures/dev-gold/`). The bars are the issue's; the readings were written
//! from the documents, never from the program's output.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn scorer() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/score_parse.py");
    path.is_file().then_some(path)
}

/// The scorer's last line, a JSON summary.
fn score(docs: &Path, gold: &Path) -> serde_json::Value {
    let scorer = scorer().expect("checked by the caller");
    // The scorer reads every entry of the gold folder as JSON: give it only the readings.
    let only_json = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(gold).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::copy(&path, only_json.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let out = Command::new("python3")
        .arg(&scorer)
        .arg(env!("CARGO_BIN_EXE_zhengce"))
        .arg("--docs")
        .arg(docs)
        .arg("--gold")
        .arg(only_json.path())
        .arg("--verbose")
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    println!("{text}");
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(text.lines().last().unwrap()).unwrap()
}

fn at_least(summary: &serde_json::Value, bars: &[(&str, f64)]) {
    let mut below = Vec::new();
    for &(key, bar) in bars {
        let got = summary[key].as_f64().unwrap();
        if got < bar {
            below.push(format!("{key} {got:.3} < {bar}"));
        }
    }
    assert!(below.is_empty(), "below the bar: {}", below.join(", "));
}

#[test]
fn seeds_score_perfectly() {
    if scorer().is_none() {
        eprintln!("skipped: ../shared/eval/score_parse.py is not beside this checkout");
        return;
    }
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/seed_gold");
    let summary = score(&corpus_dir(), &gold);
    at_least(
        &summary,
        &[
            ("clause_f1", 1.0),
            ("heading", 1.0),
            ("agency_role_f1", 1.0),
            ("target_f1", 1.0),
            ("target_strict_f1", 1.0),
        ],
    );
}

#[test]
fn twelve_state_council_documents_score_above_the_bars() {
    if scorer().is_none() {
        eprintln!("skipped: ../shared/eval/score_parse.py is not beside this checkout");
        return;
    }
    let gold = fixtures_dir().join("dev-gold");
    let summary = score(&gold.join("docs"), &gold);
    at_least(
        &summary,
        &[
            ("clause_f1", 0.99),
            ("heading", 0.97),
            ("metadata", 0.95),
            ("agency_role_f1", 0.97),
            ("target_strict_f1", 0.92),
        ],
    );
}
