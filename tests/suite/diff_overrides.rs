//! `zhengce diff` as an analyst drives it on real revisions: manual pairs (`--pairs`),
//! edit types in a reader's words, chapter summaries and `--stat`.

use crate::common;

use std::path::PathBuf;

use common::{run, stderr, stdout};
use serde_json::Value;

fn revision(pair: &str, side: &str) -> String {
    common::fixtures_dir()
        .join("revisions")
        .join(format!("{pair}.{side}.md"))
        .to_string_lossy()
        .into_owned()
}

/// The messages of a run, without the closing `end` (it holds the elapsed time, which two
/// runs do not share).
fn messages(args: &[&str]) -> Vec<Value> {
    let out = run(args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|m| m["type"] != "end")
        .collect()
}

fn path(r: &Value) -> String {
    r["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("/")
}

/// The pair whose old side (or old parts) includes the old clause at `old_path`.
fn pair_of_old<'a>(messages: &'a [Value], old_path: &str) -> &'a Value {
    messages
        .iter()
        .filter(|m| m["type"] == "pair")
        .map(|m| &m["data"])
        .find(|d| {
            let parts = d["old_parts"].as_array().unwrap();
            if parts.is_empty() {
                d["old"].is_object() && path(&d["old"]) == old_path
            } else {
                parts.iter().any(|p| path(p) == old_path)
            }
        })
        .unwrap_or_else(|| panic!("no pair for {old_path}"))
}

fn pairs_file(dir: &tempfile::TempDir, text: &str) -> PathBuf {
    let file = dir.path().join("pairs.txt");
    std::fs::write(&file, text).unwrap();
    file
}

/// 职业教育法 1996 → 2022: old 第二十条 (enterprises train their staff; enterprises may run
/// schools) became new 第二十四条 and 第二十五条. Told so, the diff reports the split; told
/// that old 第九条 was dropped, it reports it removed; the rest stays aligned.
#[test]
fn manual_pairs_are_respected() {
    let (old, new) = (revision("10", "old"), revision("10", "new"));
    let dir = tempfile::tempdir().unwrap();
    let file = pairs_file(
        &dir,
        "# fixed by hand after reading both versions\n\
         第三章/第二十条\t第三章/第二十四条\n\
         第三章/第二十条  第三章/第二十五条   # the second paragraph\n\
         第一章/第九条 -\n",
    );
    let got = messages(&[
        "diff",
        "--json",
        &old,
        &new,
        "--pairs",
        file.to_str().unwrap(),
    ]);
    let split = pair_of_old(&got, "第三章/第二十条");
    assert_eq!(split["status"], "split", "{split}");
    assert_eq!(split["edit_type"], "拆分");
    let parts: Vec<String> = split["new_parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(path)
        .collect();
    assert_eq!(parts, ["第三章/第二十四条", "第三章/第二十五条"]);
    let removed = pair_of_old(&got, "第一章/第九条");
    assert_eq!(removed["status"], "removed", "{removed}");
    assert_eq!(removed["edit_type"], "条文删除");
    // The same run twice gives the same pairs: a fixed file reproduces a reading.
    let again = messages(&[
        "diff",
        "--json",
        &old,
        &new,
        "--pairs",
        file.to_str().unwrap(),
    ]);
    assert_eq!(got, again);

    // Ids work as well as paths: 统计法's old 第三十九条 is id 6.39.
    let file = pairs_file(&dir, "6.39 第六章/第四十一条\n");
    let got = messages(&[
        "diff",
        "--json",
        &revision("07", "old"),
        &revision("07", "new"),
        "--pairs",
        file.to_str().unwrap(),
    ]);
    let forced = pair_of_old(&got, "第六章/第三十九条");
    assert_eq!(path(&forced["new"]), "第六章/第四十一条", "{forced}");
}

#[test]
fn a_bad_pairs_file_is_a_clear_error() {
    let (old, new) = (revision("07", "old"), revision("07", "new"));
    let dir = tempfile::tempdir().unwrap();
    for (text, why) in [
        (
            "第一章/第一条 第一章/第一条\n第九十九条 第一条\n",
            "line 2: no clause '第九十九条' in the old document",
        ),
        ("第一条\n", "line 1: expected two fields"),
        ("- -\n", "line 1: '- -' pairs nothing"),
    ] {
        let file = pairs_file(&dir, text);
        let out = run(&["diff", &old, &new, "--pairs", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = stderr(&out);
        assert!(
            err.contains("pairs.txt") && err.contains(why) && err.lines().count() == 1,
            "{err}"
        );
    }
    let out = run(&["diff", &old, &new, "--pairs", "no-such-pairs.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-pairs.txt"));
}

/// Every pair names its edit as a reader does, and every chapter of 统计法 gets a summary.
#[test]
fn edit_types_and_chapter_summaries() {
    let got = messages(&[
        "diff",
        "--json",
        &revision("07", "old"),
        &revision("07", "new"),
    ]);
    for m in got.iter().filter(|m| m["type"] == "pair") {
        let d = &m["data"];
        let expected = match d["status"].as_str().unwrap() {
            "unchanged" => "未变",
            "renumbered" | "moved" => "顺序调整",
            "modified" => "修改",
            "split" => "拆分",
            "merged" => "合并",
            "added" => "条文新增",
            "removed" => "条文删除",
            other => panic!("status {other}"),
        };
        assert_eq!(d["edit_type"], expected, "{d}");
    }
    // 统计法 2024 inserted 第六条 and 第九条 into 第一章 (fixtures/revisions/07.pairs.tsv).
    let chapters: Vec<&Value> = got
        .iter()
        .filter(|m| m["type"] == "chapter")
        .map(|m| &m["data"])
        .collect();
    assert_eq!(chapters.len(), 7);
    assert_eq!(chapters[0]["heading"], "总则");
    assert_eq!(chapters[0]["edit_types"]["条文新增"], 2);
    assert!(chapters[0]["inserted"].as_u64().unwrap() > 100);
    assert_eq!(chapters[6]["heading"], "附则");
    assert!(chapters[6]["edit_types"].get("修改").is_none());
}

#[test]
fn stat_is_a_line_per_chapter() {
    let out = run(&[
        "diff",
        "--stat",
        "--color",
        "never",
        &revision("07", "old"),
        &revision("07", "new"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 8, "{text}");
    assert!(lines[0].starts_with(" 第一章 总则") && lines[0].contains('|'));
    // The liability chapter was rewritten most: its line has the most changed clauses.
    let count = |l: &str| -> usize {
        l.split('|')
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let most = lines[..7].iter().max_by_key(|l| count(l)).unwrap();
    assert!(most.contains("法律责任"), "{most}");
    assert!(lines[7].contains("clauses changed") && lines[7].contains("修改"));
    // --stat and --json do not mix.
    let out = run(&[
        "diff",
        "--stat",
        "--json",
        &revision("07", "old"),
        &revision("07", "new"),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// The HTML report shows both documents in full, side by side, with a link per chapter
/// and from each change to the next.
#[test]
fn html_report_is_both_documents_with_navigation() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("07.html");
    let (old, new) = (revision("07", "old"), revision("07", "new"));
    let out = run(&["diff", &old, &new, "--html", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    // Every article of both versions is on the page, unchanged ones too.
    for (file, first, last) in [
        (
            &old,
            "为了科学、有效地组织统计工作",
            "本法自2010年1月1日起施行",
        ),
        (
            &new,
            "统计工作坚持中国共产党的领导",
            "本法自2010年1月1日起施行",
        ),
    ] {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains(first) && text.contains(last));
        assert!(html.contains(first) && html.contains(last), "{file}");
    }
    // Unchanged 第二条 is on the page once per side, in a row marked 未变.
    assert!(html.contains("class=\"未变\""));
    // The navigation bar links to the 7 chapters, and changes link to the next one.
    let nav = &html[html.find("<nav>").unwrap()..html.find("</nav>").unwrap()];
    for chapter in ["第一章", "第四章", "第七章"] {
        assert!(nav.contains(chapter), "{nav}");
    }
    assert!(html.contains("title=\"next change\""));
    assert!(html.contains("<del>") && html.contains("<ins>"));
    assert!(html.contains("@media print"));
}

#[test]
fn markdown_report_for_notes() {
    let out = run(&[
        "diff",
        "--markdown",
        &revision("07", "old"),
        &revision("07", "new"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("# "));
    assert!(md.contains("## Chapters") && md.contains("## Changes"));
    // 第十条 → 第十二条: 职务晋升 → 职务职级等晋升, an insertion in bold.
    assert!(md.contains("**职级等**"), "{md}");
    assert!(md.contains("### 条文新增"));
}
