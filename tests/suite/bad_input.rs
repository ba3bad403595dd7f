//! Bad input: a one-line error naming the file and the cause, exit code 2, never a panic;
//! in a batch the other files are still parsed and printed.

use crate::common;

use std::time::{Duration, Instant};

use common::{documents, run_in, seed_path, stderr, stdout};

fn in_temp(files: &[(&str, &[u8])], args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    run_in(dir.path(), args, None)
}

fn assert_one_line_error(output: &std::process::Output, file: &str, cause: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains(file))
        .unwrap_or_else(|| panic!("no error naming {file}: {err}"));
    assert!(line.starts_with("zhengce: "), "{line}");
    assert!(line.contains(cause), "{line}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn missing_file() {
    let output = in_temp(&[], &["parse", "nope.txt"]);
    assert_one_line_error(&output, "nope.txt", "cannot read");
}

#[test]
fn folder_without_documents() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    std::fs::write(dir.path().join("folder/logo.png"), b"\x89PNG\r\n").unwrap();
    let output = run_in(dir.path(), &["parse", "folder"], None);
    assert_one_line_error(&output, "folder", "no documents in this folder");
}

#[test]
fn binary_file() {
    let output = in_temp(
        &[("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")],
        &["parse", "logo.png"],
    );
    assert_one_line_error(&output, "logo.png", "binary file (NUL byte at byte 8)");
}

#[test]
fn undecodable_file() {
    let bytes: Vec<u8> = std::iter::repeat_n([0x81u8, 0x20, 0xFF, 0x80], 50)
        .flatten()
        .collect();
    let output = in_temp(&[("bad.txt", &bytes)], &["parse", "bad.txt"]);
    assert_one_line_error(&output, "bad.txt", "decode: not UTF-8 and not GB18030");
}

#[test]
fn unknown_encoding_label() {
    let output = in_temp(
        &[("a.txt", "一、甲".as_bytes())],
        &["parse", "--encoding", "klingon", "a.txt"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown encoding label 'klingon'"));
}

#[test]
fn a_bad_file_does_not_stop_the_batch() {
    let good = std::fs::read(seed_path("2020-guangdong-quality-province-plan")).unwrap();
    let output = in_temp(
        &[
            ("good.txt", &good),
            ("bad.bin", b"\x00\x01\x02"),
            ("also-good.txt", "一、甲\n二、乙\n".as_bytes()),
        ],
        &[
            "parse",
            "--json",
            "good.txt",
            "missing.txt",
            "bad.bin",
            "also-good.txt",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let docs = documents(&output);
    assert_eq!(
        docs.iter().map(|d| d.source.as_str()).collect::<Vec<_>>(),
        ["good.txt", "also-good.txt"]
    );
    assert_eq!(docs[0].clauses.len(), 31);
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 2, "{err}");
}

#[test]
fn empty_and_whitespace_only_files() {
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", "\n \u{3000}\n\t\r\n".as_bytes()),
    ] {
        let output = in_temp(&[(name, bytes)], &["parse", "--json", name]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let doc = documents(&output).remove(0);
        assert!(doc.clauses.is_empty());
        assert!(doc.warnings.iter().any(|w| w.kind == "empty"), "{name}");
    }
}

#[test]
fn long_text_without_line_breaks() {
    // 4 MB here (debug build); the benchmark runs 35 MB in release.
    let sentence = "（一）强化质量责任。到2025年合格率达到98.5%以上，";
    let text = sentence.repeat(4 * 1024 * 1024 / sentence.len());
    let started = Instant::now();
    let output = in_temp(
        &[("long.txt", text.as_bytes())],
        &["parse", "--json", "long.txt"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let doc = documents(&output).remove(0);
    assert_eq!(doc.clauses.len(), 1);
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn thousands_of_clauses() {
    let mut text = String::new();
    for chapter in 1..=50 {
        text.push_str(&format!("第{chapter}章 总则\n"));
        for article in 1..=100 {
            text.push_str(&format!(
                "第{}条 为了规范质量工作，制定本办法。\n",
                (chapter - 1) * 100 + article
            ));
        }
    }
    let output = in_temp(
        &[("big.txt", text.as_bytes())],
        &["parse", "--json", "big.txt"],
    );
    assert_eq!(output.status.code(), Some(0));
    let doc = documents(&output).remove(0);
    assert_eq!(doc.clauses.len(), 50 * 101);
    assert!(
        doc.warnings.is_empty(),
        "{:?}",
        &doc.warnings[..3.min(doc.warnings.len())]
    );
    assert_eq!(doc.clauses[1].id, "1.1");
    assert_eq!(doc.clauses.last().unwrap().labels, ["第50章", "第5000条"]);
}

#[test]
fn unbalanced_brackets_and_mixed_width_markers() {
    let text = "一、总体要求（未闭合\n(一)甲。（\n（二）乙。)))\n3．丙\n(三)丁（（（\n";
    let output = in_temp(
        &[("odd.txt", text.as_bytes())],
        &["parse", "--json", "odd.txt"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let doc = documents(&output).remove(0);
    let labels: Vec<Vec<String>> = doc.clauses.iter().map(|c| c.labels.clone()).collect();
    assert_eq!(labels[1], ["一、", "(一)"]);
    assert_eq!(labels[2], ["一、", "（二）"]);
    assert_eq!(labels[4], ["一、", "(三)"]);
}

#[test]
fn closed_pipe_is_quiet() {
    // `zhengce parse … | head -1`: the reader leaves early; no error, exit 0.
    let seed = seed_path("2020-guangdong-quality-province-plan");
    let script = format!(
        "'{}' parse '{}' '{}' '{}' | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}",
        env!("CARGO_BIN_EXE_zhengce"),
        seed.display(),
        seed.display(),
        seed.display()
    );
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .output()
        .unwrap();
    assert_eq!(stdout(&output).trim(), "0");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

/// A file bigger than one document may be is refused before it is read, by name, and
/// the batch goes on; standard input is read only up to the limit.
#[test]
fn file_too_large_for_one_document() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "（一）加强质量基础设施建设，提升计量、标准、认证认可、检验检测水平。\n";
    let big = format!("一、总体要求\n{}", paragraph.repeat(20_000));
    assert!(big.len() > 1 << 20);
    std::fs::write(dir.path().join("big.txt"), &big).unwrap();
    std::fs::write(
        dir.path().join("small.txt"),
        format!("一、总体要求\n{paragraph}"),
    )
    .unwrap();
    let run = |args: &[&str], stdin: Option<&[u8]>| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .args(args)
            .current_dir(dir.path())
            .env("ZHENGCE_MAX_DOCUMENT_MB", "1")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(bytes) = stdin {
            // zhengce stops reading at the limit: the rest of the write may fail.
            let _ = child.stdin.take().unwrap().write_all(bytes);
        }
        child.wait_with_output().unwrap()
    };

    let output = run(&["parse", "--json", "big.txt", "small.txt"], None);
    let size = format!("{:.1} MB", big.len() as f64 / (1 << 20) as f64);
    assert_one_line_error(
        &output,
        "big.txt",
        &format!("too large for one document ({size}, the limit is 1.0 MB)"),
    );
    let docs = documents(&output);
    assert_eq!(docs.len(), 1);
    assert!(docs[0].source.ends_with("small.txt"));

    let output = run(&["parse", "--json", "-"], Some(big.as_bytes()));
    assert_one_line_error(
        &output,
        "<stdin>",
        "too large for one document (over the limit of 1.0 MB)",
    );

    // The same bytes under the limit are read.
    let under = format!("一、总体要求\n{}", paragraph.repeat(5_000));
    assert!(under.len() < 1 << 20);
    let output = run(&["parse", "--json", "-"], Some(under.as_bytes()));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}
