//! Hostile and absurd input (issue: never lose files, never hang, never let a document
//! drive the terminal): arguments that crashed or silently found nothing, control
//! characters in documents and file names, a damaged index.

use crate::common;

use common::*;

#[test]
fn huge_limits_do_not_crash_search() {
    for limit in ["99999999999", "18446744073709551615"] {
        let out = run(&["search", "--limit", limit, "--json", "质量"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "--limit {limit}: {}",
            stderr(&out)
        );
        assert!(!hits(&out).is_empty());
    }
}

#[test]
fn arguments_that_could_only_find_nothing_are_errors() {
    for args in [
        &["search", "--limit", "0", "质量"][..],
        &["search", "--level", "0", "质量"][..],
        &["search", "--regex", ""][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

/// A plan whose target sentence carries an OSC 52 clipboard write, a screen clear, a C1
/// control and a bidi override; its file name (a CSV column) carries a title change.
const HOSTILE_PLAN: &str = "一、主要目标\n到2025年，食品抽检合格率达到98.5%以上\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}2J\u{202e}。\n二、提升食品质量\n加强抽检。（省市场监管局牵头，省卫生健康委参与）\n";

fn has_raw_control(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\r' && c != '\t')
            || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

#[test]
fn csv_and_tables_carry_no_raw_control_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let plan = tmp.path().join("plan\u{1b}]0;title\u{7}.txt");
    std::fs::write(&plan, HOSTILE_PLAN).unwrap();
    let plan = plan.to_str().unwrap();
    for args in [
        &["targets", "--csv", plan][..],
        &["targets", plan][..],
        &["agencies", "--csv", "--clauses", plan][..],
        &["agencies", plan][..],
        &["parse", plan][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
        assert!(!has_raw_control(&out.stdout), "{args:?}: {}", stdout(&out));
    }
    // JSON keeps the exact text, escaped by JSON itself.
    let out = run(&["parse", "--json", plan]);
    assert!(!has_raw_control(&out.stdout));
    assert!(documents(&out)[0].clauses[0].text.contains('\u{1b}'));
}

#[test]
fn file_names_in_messages_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let name = tmp.path().join("evil\u{1b}]0;pwned\u{7}.txt");
    std::fs::write(&name, b"\x00\x01binary").unwrap();
    let name = name.to_str().unwrap();
    let missing = format!("{name}.missing");
    for args in [
        vec!["parse", name],
        vec!["targets", name],
        vec!["agencies", name],
        vec!["parse", &missing],
        vec!["diff", name, name],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!has_raw_control(&out.stderr), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("evil"), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_damaged_segment_is_reported_as_damage_with_the_repair() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    let out = run(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        corpus_dir().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for entry in std::fs::read_dir(&ix).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "term") {
            let mut bytes = std::fs::read(&path).unwrap();
            let at = bytes.len() / 3;
            let end = (at + 4096).min(bytes.len());
            for (i, b) in bytes[at..end].iter_mut().enumerate() {
                *b = (i * 131 % 251) as u8;
            }
            std::fs::write(&path, bytes).unwrap();
        }
    }
    for query in [
        "质量",
        "标准化",
        "认证认可",
        "合格率",
        "品牌",
        "计量",
        "检验检测",
    ] {
        let out = run(&["search", "--index", ix.to_str().unwrap(), "--count", query]);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{query}: {err}");
        if out.status.code() == Some(2) {
            assert!(
                err.contains("damaged") && err.contains("--rebuild"),
                "{err}"
            );
        }
    }
    // Updating checks the files first and refuses to commit on top of the damage.
    let seed = seed_path(SEEDS[0]);
    let out = run(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("checksum"), "{}", stderr(&out));
    let out = run(&[
        "index",
        "--rebuild",
        "--index",
        ix.to_str().unwrap(),
        corpus_dir().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn utf16_without_a_bom_is_named_and_a_wrong_forced_encoding_is_warned() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "一、总体要求\n（一）到2025年，食品抽检合格率达到98%以上。\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes, label) in [("le.txt", le, "utf-16le"), ("be.txt", be, "utf-16be")] {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = run(&["parse", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains(&format!("--encoding {label}")),
            "{}",
            stderr(&out)
        );
        let out = run(&[
            "parse",
            "--json",
            "--encoding",
            label,
            path.to_str().unwrap(),
        ]);
        assert_eq!(documents(&out)[0].clauses.len(), 2, "{label}");
    }
    let utf8 = tmp.path().join("utf8.txt");
    std::fs::write(&utf8, text).unwrap();
    let out = run(&[
        "parse",
        "--json",
        "--encoding",
        "utf-16le",
        utf8.to_str().unwrap(),
    ]);
    let doc = &documents(&out)[0];
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.message.contains("valid UTF-8")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn equal_scores_rank_the_same_in_every_build() {
    // Forty copies of one plan score alike for any query: their order must come from the
    // documents, not from how two indexing threads happened to split them into segments.
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let text = std::fs::read(seed_path(SEEDS[1])).unwrap();
    for i in 0..40 {
        std::fs::write(docs.join(format!("copy-{i:02}.txt")), &text).unwrap();
    }
    let mut orders = Vec::new();
    for build in 0..3 {
        let ix = tmp.path().join(format!("ix{build}"));
        let out = run(&[
            "index",
            "-q",
            "-j",
            "2",
            "--index",
            ix.to_str().unwrap(),
            docs.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let out = run(&[
            "search",
            "--index",
            ix.to_str().unwrap(),
            "--json",
            "-n",
            "40",
            "认证",
        ]);
        let names: Vec<String> = hits(&out).into_iter().map(|h| h.document.name).collect();
        assert_eq!(names.len(), 40);
        orders.push(names);
    }
    assert_eq!(orders[0], orders[1]);
    assert_eq!(orders[0], orders[2]);
}
