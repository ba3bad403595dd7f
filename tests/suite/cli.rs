//! The command line as a user meets it: the outline, colour only when asked or on a
//! terminal, and help.

use crate::common;

use common::{documents, run, run_in, seed_path, stderr, stdout};

#[test]
fn outline_shows_metadata_and_indented_clauses() {
    let seed = seed_path("2018-guangdong-certification-tqm-plan");
    let output = run(&["parse", "--color", "never", seed.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(!text.contains('\x1b'), "no colour when not asked");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.contains(&"  number      粤府办〔2018〕38号"),
        "{text}"
    );
    assert!(lines.contains(&"  date        2018-08-23"), "{text}");
    // Level 1, 2 and 3, each indented two more spaces, with their source lines.
    // The line column is as wide as the widest range (7: "100-104").
    assert!(lines.contains(&"       74  二、重点任务"), "{text}");
    assert!(
        lines.contains(&"       76    （一）大力推广质量管理先进标准和方法"),
        "{text}"
    );
    assert!(
        lines.contains(&"    78-90      1．创新质量管理工具"),
        "{text}"
    );
}

#[test]
fn outline_lists_warnings_with_lines() {
    let seed = seed_path("2023-guangdong-quality-province-outline");
    let text = stdout(&run(&["parse", "--color", "never", seed.to_str().unwrap()]));
    assert!(
        text.contains("line 33: lines 33-33 set apart (editorial insert)"),
        "{text}"
    );
    assert!(
        text.contains("line 105: lines 105-166 set apart (material after the document)"),
        "{text}"
    );
}

#[test]
fn colour_only_when_asked_and_never_in_json() {
    let seed = seed_path("2020-guangdong-quality-province-plan");
    let seed = seed.to_str().unwrap();
    assert!(stdout(&run(&["parse", "--color", "always", seed])).contains("\x1b["));
    // Not a terminal: auto means no colour.
    assert!(!stdout(&run(&["parse", seed])).contains('\x1b'));
    assert!(!stdout(&run(&["parse", "--json", "--color", "always", seed])).contains('\x1b'));
}

#[test]
fn terminal_output_escapes_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.txt"),
        "一、总体\u{202E}要求\u{1b}[2J\n",
    )
    .unwrap();
    let output = run_in(dir.path(), &["parse", "--color", "never", "evil.txt"], None);
    let text = stdout(&output);
    assert!(
        !text.contains('\u{202E}') && !text.contains('\u{1b}'),
        "{text:?}"
    );
    assert!(text.contains("\\u{202e}"), "{text}");
    // JSON keeps the exact text.
    let json = stdout(&run_in(dir.path(), &["parse", "--json", "evil.txt"], None));
    assert!(
        json.contains("\\u202e") || json.contains('\u{202E}'),
        "{json}"
    );
}

#[test]
fn help_names_the_subcommand_and_options() {
    let text = stdout(&run(&["parse", "--help"]));
    for word in ["--json", "--encoding", "--color", "standard input"] {
        assert!(text.contains(word), "{word} missing from help:\n{text}");
    }
}

#[test]
fn no_subcommand_is_a_usage_error() {
    let output = run(&[]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["parse", "--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn threads_take_one_or_more_in_every_command() {
    // `-j` means the same in every command that has it: zero threads is a usage error
    // before any input is read, not one thread in one command and an error in another.
    let missing = "no-such-file.txt";
    for command in [
        &["diff", "-j", "0", missing, missing][..],
        &["lineage", "-j", "0", missing],
        &["index", "-j", "0", "--index", missing, missing],
        &["export", "--format", "jsonl", "-j", "0", missing],
    ] {
        let output = run(command);
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        let err = stderr(&output);
        assert!(
            err.contains("'0'") && err.contains("--threads"),
            "{command:?}: {err}"
        );
        assert!(!err.contains(missing), "{command:?} read its input: {err}");
    }
    let one = run(&[
        "diff",
        "-j",
        "1",
        "--stat",
        "2018-guobanfa-128",
        "2019-guofa-4",
    ]);
    assert_eq!(one.status.code(), Some(1), "{}", stderr(&one));
}

#[test]
fn no_path_reads_the_bundled_corpus() {
    let output = run_in(
        tempfile::tempdir().unwrap().path(),
        &["parse", "--json"],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
    let docs = documents(&output);
    assert_eq!(docs.len(), common::corpus_files().len());
    assert!(docs.iter().all(|d| d.source.starts_with("corpus/")));
}

#[test]
fn completions_and_man_page_cover_every_subcommand() {
    let subcommands = [
        "parse",
        "agencies",
        "targets",
        "quantities",
        "index",
        "search",
        "show",
        "diff",
    ];
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for sub in subcommands {
            assert!(script.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    let out = run(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(
        page.starts_with(".ie") || page.contains(".TH zhengce 1"),
        "{}",
        &page[..200]
    );
    for sub in subcommands {
        assert!(
            page.contains(&format!(".TH zhengce-{sub} 1")),
            "no page for {sub}"
        );
    }
}
