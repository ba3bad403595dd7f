//! Markdown read as structure: laws and regulations in the Markdown of the public law-text
//! collections (`# 标题`, `## 第一章　总则`, `### 第一节`, articles as `第一条 …`
//! paragraphs, `<!-- INFO END -->`), and policy documents converted to Markdown (bold
//! labels, list items). The 32 files of `fixtures/revisions/` are real; the expected tree
//! of each is read from the file itself, line by line, by the plain rules below, never
//! from the program's output.

use crate::common;

use std::collections::HashMap;
use std::path::PathBuf;

use common::{documents, fixtures_dir, run, run_in, stderr, Clause, Document};

fn revision_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join("revisions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.ends_with(".old.md") || name.ends_with(".new.md")
        })
        .collect();
    files.sort();
    files
}

fn parse_all(files: &[PathBuf]) -> Vec<Document> {
    let mut args = vec!["parse", "--json"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let docs = documents(&output);
    assert_eq!(docs.len(), files.len());
    docs
}

/// Whether `s` is a Chinese numeral as labels write it.
fn is_numeral(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| "〇零一二两三四五六七八九十百千".contains(c))
}

/// `第…X` at the start of `s` (X one of 章节条), with 之一 for articles: the label.
fn di_label(s: &str, kind: char) -> Option<String> {
    let rest = s.strip_prefix('第')?;
    let end = rest.find(kind)?;
    if !is_numeral(&rest[..end]) {
        return None;
    }
    let mut label = format!("第{}{kind}", &rest[..end]);
    let after = &rest[end + kind.len_utf8()..];
    if kind == '条' {
        if let Some(sub) = after.strip_prefix('之') {
            let n: String = sub
                .chars()
                .take_while(|c| is_numeral(&c.to_string()))
                .collect();
            if !n.is_empty() {
                label = format!("{label}之{n}");
            }
        }
    }
    Some(label)
}

/// The tree as a reader of the file sees it: a `#` line holding 第X章 opens a chapter,
/// one holding 第X节 a section of that chapter; a line that starts with 第X条 and a space
/// is an article of the chapter and section open above it. Returns (line, labels).
fn expected_articles(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut chapter: Option<String> = None;
    let mut section: Option<String> = None;
    let mut articles = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(heading) = line.strip_prefix('#') {
            let heading = heading.trim_start_matches('#').trim();
            if let Some(label) = di_label(heading, '章') {
                chapter = Some(label);
                section = None;
            } else if let Some(label) = di_label(heading, '节') {
                section = Some(label);
            }
            continue;
        }
        if let Some(label) = di_label(line, '条') {
            let after = line[label.len()..].chars().next();
            if after.is_some_and(|c| c == ' ' || c == '\u{3000}') {
                let labels = chapter
                    .iter()
                    .chain(section.iter())
                    .cloned()
                    .chain([label])
                    .collect();
                articles.push((i + 1, labels));
            }
        }
    }
    articles
}

#[test]
fn every_revision_nests_its_articles_under_their_chapters() {
    let files = revision_files();
    assert_eq!(files.len(), 32, "fixtures/revisions holds 16 pairs");
    let docs = parse_all(&files);
    for (path, doc) in files.iter().zip(&docs) {
        let name = path.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let expected = expected_articles(&text);
        let chapters = text
            .lines()
            .filter(|l| l.starts_with('#'))
            .filter(|l| di_label(l.trim_start_matches('#').trim(), '章').is_some())
            .count();
        assert!(
            chapters > 0 && expected.len() > 20,
            "{name}: reading found no law"
        );

        let parsed_chapters = doc.clauses.iter().filter(|c| c.style == "zhang").count();
        assert_eq!(parsed_chapters, chapters, "{name}: chapters");
        assert!(
            doc.clauses
                .iter()
                .filter(|c| c.style == "zhang")
                .all(|c| c.level == 1),
            "{name}: chapters are top-level"
        );
        let articles: HashMap<usize, &Clause> = doc
            .clauses
            .iter()
            .filter(|c| c.style == "tiao")
            .map(|c| (c.lines.start, c))
            .collect();
        assert_eq!(articles.len(), expected.len(), "{name}: articles");
        for (line, labels) in &expected {
            let clause = articles
                .get(line)
                .unwrap_or_else(|| panic!("{name}: no article at line {line}"));
            assert_eq!(&clause.labels, labels, "{name}: line {line}");
        }
    }
}

/// A paragraph that refers back to "前款" (the paragraph before, with its list of items)
/// is the article's next paragraph (款), never part of its last item (项): in every
/// revision, each such source paragraph that follows an item is found in an article's own
/// text and in no item's.
#[test]
fn a_paragraph_after_an_articles_items_belongs_to_the_article() {
    let files = revision_files();
    let docs = parse_all(&files);
    let mut checked = 0;
    for (path, doc) in files.iter().zip(&docs) {
        let name = path.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let paragraphs: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        for pair in paragraphs.windows(2) {
            let (before, paragraph) = (pair[0], pair[1]);
            let after_item = before.starts_with('（') || before.starts_with('(');
            let refers_back = paragraph
                .chars()
                .take(6)
                .collect::<String>()
                .contains("前款");
            if !after_item || !refers_back || paragraph.starts_with('第') {
                continue;
            }
            let holders: Vec<&Clause> = doc
                .clauses
                .iter()
                .filter(|c| c.text.split('\n').any(|t| t == paragraph))
                .collect();
            assert!(
                !holders.is_empty() && holders.iter().all(|c| c.style == "tiao"),
                "{name}: {paragraph} is held by {:?}",
                holders.iter().map(|c| &c.labels).collect::<Vec<_>>()
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 10,
        "only {checked} such paragraphs in the revisions"
    );
}

#[test]
fn markdown_clause_spans_point_into_the_source() {
    let files = revision_files();
    let docs = parse_all(&files);
    for (path, doc) in files.iter().zip(&docs) {
        let name = path.file_name().unwrap().to_str().unwrap();
        let source = std::fs::read_to_string(path).unwrap();
        let chars: Vec<char> = source.chars().collect();
        let lines: Vec<&str> = source.split('\n').collect();
        for clause in &doc.clauses {
            // The span starts at the line's first char ('#' of a heading), and the label
            // is on that line as written.
            let label = clause.labels.last().unwrap();
            let line = lines[clause.lines.start - 1];
            let start: String = chars[clause.span.start..]
                .iter()
                .take(line.chars().count())
                .collect();
            assert_eq!(start, line.trim_start(), "{name}: {label} span");
            assert!(line.contains(label.as_str()), "{name}: {label} on its line");
            // Markup is not text.
            assert!(
                !clause.text.contains('#'),
                "{name}: {label}: {}",
                clause.text
            );
            assert!(!clause.text.contains("<!--"), "{name}: {label}");
        }
        for text in [&doc.preamble, &doc.notice].into_iter().flatten() {
            assert!(!text.contains("INFO END"), "{name}: {text}");
        }
    }
}

#[test]
fn chapter_and_section_headings_are_their_titles() {
    // 公司法 (2023): "## 第三章 有限责任公司的设立和组织机构", "### 第一节 设 立".
    let path = fixtures_dir().join("revisions/04.new.md");
    let doc = &parse_all(&[path])[0];
    let heading = |labels: &[&str]| {
        doc.clauses
            .iter()
            .find(|c| c.labels == labels)
            .and_then(|c| c.heading.clone())
    };
    assert_eq!(heading(&["第一章"]).as_deref(), Some("总则"));
    assert_eq!(
        heading(&["第三章"]).as_deref(),
        Some("有限责任公司的设立和组织机构")
    );
    assert_eq!(heading(&["第三章", "第一节"]).as_deref(), Some("设立"));
    // 第四十二条 opens 第三章 第一节.
    assert!(doc
        .clauses
        .iter()
        .any(|c| c.labels == ["第三章", "第一节", "第四十二条"]));
}

fn parse_markdown(text: &str) -> Document {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.md"), text).unwrap();
    let output = run_in(dir.path(), &["parse", "--json", "doc.md"], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    documents(&output).remove(0)
}

/// A policy document converted to Markdown, as converters write it: `#` headings for the
/// numbered parts, bold run-in labels, list items. Sentences from State Council documents
/// of the dev corpus and published plans.
const CONVERTED_PLAN: &str = "\
# 关于推进质量提升的实施意见

<!-- 来源：政府网站 -->

## 一、总体要求

以习近平新时代中国特色社会主义思想为指导，坚持以人民为中心的发展思想。

- 坚持创新驱动。把创新摆在质量发展全局的核心位置。
- 坚持系统推进。统筹各方力量，形成工作合力。

## 二、重点任务

**（一）加强组织领导。**各地区各部门要把质量工作摆上重要日程，
加强统筹协调。

**（二）坚持系统推进，重点突破**

1. 完善标准体系。到2025年，制修订国家标准300项以上。
2. 强化监督检查。

### 三、强化协同联动，形成工作合力

各有关部门要按照职责分工，密切配合。
";

#[test]
fn converted_plan_reads_its_markup() {
    let doc = parse_markdown(CONVERTED_PLAN);
    let labels: Vec<String> = doc.clauses.iter().map(|c| c.labels.join("/")).collect();
    assert_eq!(
        labels,
        [
            "一、",
            "二、",
            "二、/（一）",
            "二、/（二）",
            "二、/（二）/1.",
            "二、/（二）/2.",
            "三、"
        ]
    );
    let headings: Vec<Option<&str>> = doc.clauses.iter().map(|c| c.heading.as_deref()).collect();
    assert_eq!(
        headings,
        [
            Some("总体要求"),
            Some("重点任务"),
            Some("加强组织领导"),
            Some("坚持系统推进，重点突破"),
            Some("完善标准体系"),
            Some("强化监督检查"),
            Some("强化协同联动，形成工作合力"),
        ]
    );
    // Bullets belong to 一、 without their "- "; bold marks and the comment are gone.
    let first = &doc.clauses[0];
    assert!(first
        .text
        .contains("\n坚持创新驱动。把创新摆在质量发展全局的核心位置。"));
    assert!(!first.text.contains("- "));
    assert_eq!(
        doc.clauses[2].text,
        "加强组织领导。各地区各部门要把质量工作摆上重要日程，加强统筹协调。"
    );
    assert!(doc.preamble.iter().all(|p| !p.contains("来源")));
    assert!(doc.clauses.iter().all(|c| !c.text.contains("**")));
}
