//! Formats: web pages, Word files and PDFs read as their printed text would be.
//!
//! - every State Council page in fixtures/govcn-html/ gives the clause tree and metadata
//!   of its saved text twin in fixtures/govcn/;
//! - Word and PDF copies of the seeds (fixtures/formats/, made by make.sh with LibreOffice
//!   and pandoc, and by numbered.py with labels only as Word automatic numbering) give the
//!   seed's clause tree;
//! - bad files of each format give one line and exit 2 without stopping the batch;
//! - a folder walk picks up every format, `--glob` narrows it, and link loops are entered
//!   once.
//!
//! The PDF tests need poppler's `pdftotext` (Debian: poppler-utils), which .ci/run installs.

use crate::common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use common::*;

fn fixture(rel: &str) -> PathBuf {
    fixtures_dir().join(rel)
}

/// `parse --json` over several files in one run, one document per file, in order.
fn parse_all(paths: &[PathBuf]) -> Vec<Document> {
    let mut args = vec!["parse".to_owned(), "--json".to_owned()];
    args.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let docs = documents(&output);
    assert_eq!(docs.len(), paths.len());
    docs
}

/// What a reader checks of a clause tree: each clause's place, style and heading.
fn tree(doc: &Document) -> Vec<(String, String, Option<String>)> {
    doc.clauses
        .iter()
        .map(|c| (c.id.clone(), c.style.clone(), c.heading.clone()))
        .collect()
}

fn metadata(doc: &Document) -> [Option<String>; 4] {
    [
        doc.title.clone(),
        doc.doc_number.clone(),
        doc.date.clone(),
        doc.issuer.clone(),
    ]
}

#[test]
fn govcn_pages_parse_like_their_saved_text() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(fixture("govcn-html"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 55);
    let twins: Vec<PathBuf> = pages
        .iter()
        .map(|p| fixture("govcn").join(p.with_extension("txt").file_name().unwrap()))
        .collect();
    let html = parse_all(&pages);
    let text = parse_all(&twins);
    let mut differ = Vec::new();
    for ((page, h), t) in pages.iter().zip(&html).zip(&text) {
        assert_eq!(h.format, "html");
        assert_eq!(t.format, "text");
        if tree(h) != tree(t) || metadata(h) != metadata(t) {
            differ.push(page.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(
        differ.is_empty(),
        "pages that differ from their text: {differ:?}"
    );
}

/// Clause F1 of `got` against `want` by (id, style), and the share of matched clauses
/// whose heading agrees.
fn scores(got: &Document, want: &Document) -> (f64, f64) {
    let key = |d: &Document| -> HashSet<(String, String)> {
        d.clauses
            .iter()
            .map(|c| (c.id.clone(), c.style.clone()))
            .collect()
    };
    let (g, w) = (key(got), key(want));
    let tp = g.intersection(&w).count() as f64;
    let f1 = if g.is_empty() && w.is_empty() {
        1.0
    } else {
        2.0 * tp / (g.len() + w.len()) as f64
    };
    let headings = |d: &Document| -> std::collections::HashMap<String, Option<String>> {
        d.clauses
            .iter()
            .map(|c| (c.id.clone(), c.heading.clone()))
            .collect()
    };
    let (gh, wh) = (headings(got), headings(want));
    let matched: Vec<&String> = gh.keys().filter(|k| wh.contains_key(*k)).collect();
    let same = matched.iter().filter(|k| gh[**k] == wh[**k]).count() as f64;
    (f1, same / matched.len().max(1) as f64)
}

fn copies_match_seeds(folder: &str, extension: &str, format: &str) {
    let copies: Vec<PathBuf> = SEEDS
        .iter()
        .map(|s| fixture(&format!("formats/{folder}/{s}.{extension}")))
        .collect();
    let seeds: Vec<PathBuf> = SEEDS.iter().map(|s| seed_path(s)).collect();
    let got = parse_all(&copies);
    let want = parse_all(&seeds);
    for ((name, g), w) in SEEDS.iter().zip(&got).zip(&want) {
        assert_eq!(g.format, format);
        let (f1, headings) = scores(g, w);
        eprintln!("{folder}/{name}.{extension}: clause F1 {f1:.3}, headings {headings:.3}");
        assert!(
            f1 >= 0.98 && headings >= 0.98,
            "{folder}/{name}.{extension}: clause F1 {f1:.3}, headings {headings:.3}"
        );
    }
}

#[test]
fn word_files_written_by_libreoffice_give_the_seed_tree() {
    copies_match_seeds("libreoffice", "docx", "docx");
}

#[test]
fn word_files_written_by_pandoc_give_the_seed_tree() {
    copies_match_seeds("pandoc", "docx", "docx");
}

#[test]
fn word_automatic_numbering_gives_the_seed_labels() {
    // In these files no label is in the text: each is drawn by numbering.xml.
    for seed in SEEDS {
        let docx = std::fs::File::open(fixture(&format!("formats/numbered/{seed}.docx"))).unwrap();
        let mut archive = zip::ZipArchive::new(docx).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        assert!(xml.contains("<w:numPr>"), "{seed}");
        for label in ["一、", "（一）", "(一)", "1．"] {
            assert!(
                !xml.contains(&format!(">{label}")),
                "{seed}: {label} is typed"
            );
        }
    }
    copies_match_seeds("numbered", "docx", "docx");
}

fn require_pdftotext() {
    let found = std::process::Command::new("which")
        .arg("pdftotext")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "the PDF tests need pdftotext: install poppler-utils (.ci/run does)"
    );
}

#[test]
fn pdfs_printed_from_text_give_the_seed_tree() {
    require_pdftotext();
    copies_match_seeds("libreoffice", "pdf", "pdf");
}

#[test]
fn pdfs_with_running_headers_and_page_numbers_give_the_seed_tree() {
    require_pdftotext();
    copies_match_seeds("numbered", "pdf", "pdf");
    // The running header (the notice title) and "— N —" are gone from the text.
    let output = run(&[
        "parse",
        "--text",
        fixture("formats/numbered/2020-guangdong-quality-province-plan.pdf")
            .to_str()
            .unwrap(),
    ]);
    let text = stdout(&output);
    assert!(!text.contains("— 2 —"), "{text}");
    assert_eq!(text.matches("案》的通知").count(), 1, "{text}");
}

/// Real documents, not seeds, printed to PDF (fixtures/formats/make.sh): a regulation
/// whose 第X条 and 第一章　总则 carry wide spaces, a table of one number per line, a long
/// title that wraps in the publisher's record, paragraphs running over page breaks. Each
/// must give the clause tree and metadata of its text.
#[test]
fn state_council_texts_printed_to_pdf_parse_like_their_text() {
    require_pdftotext();
    let names = ["016", "032", "052", "058"];
    let pdfs: Vec<PathBuf> = names
        .iter()
        .map(|n| fixture(&format!("formats/govcn-pdf/{n}.pdf")))
        .collect();
    let texts: Vec<PathBuf> = names
        .iter()
        .map(|n| fixture(&format!("govcn/{n}.txt")))
        .collect();
    let pdf = parse_all(&pdfs);
    let text = parse_all(&texts);
    for ((name, p), t) in names.iter().zip(&pdf).zip(&text) {
        assert_eq!(p.format, "pdf");
        assert_eq!(tree(p), tree(t), "{name}.pdf: clause tree");
        assert_eq!(metadata(p), metadata(t), "{name}.pdf: metadata");
    }
}

#[test]
fn bad_files_of_each_format_are_one_line_each_and_the_batch_goes_on() {
    require_pdftotext();
    let bad = [
        ("truncated.docx", "damaged zip (.docx) file"),
        ("really-html.docx", "named .docx but is an HTML page"),
        ("empty.html", "no text in this web page"),
        ("encrypted.pdf", "encrypted PDF"),
        ("scanned.pdf", "no text layer: scanned PDF?"),
        ("legacy.doc", "is a legacy Word .doc file: convert it with `soffice --headless --convert-to docx legacy.doc`"),
        ("legacy.wps", "is a WPS Writer .wps file: convert it with"),
        ("legacy.rtf", "is an RTF file: convert it with"),
        ("legacy.ofd", "is an OFD document"),
    ];
    let mut args = vec!["parse".to_owned(), "--json".to_owned()];
    for (name, _) in &bad {
        args.push(format!("fixtures/formats/bad/{name}"));
    }
    args.push("fixtures/formats/numbered/2015-guangdong-quality-improvement-opinions.docx".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&args);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), bad.len(), "{err}");
    for (line, (name, cause)) in lines.iter().zip(bad) {
        let expected = format!("zhengce: fixtures/formats/bad/{name}: {cause}");
        assert!(line.starts_with(&expected), "{line}\nexpected: {expected}");
    }
    // The good file after them is still read.
    let docs = documents(&output);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].format, "docx");
}

#[test]
fn text_prints_what_the_reader_produced() {
    let page = fixture("govcn-html/001.html");
    let output = run(&["parse", "--text", page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    // The metadata table as label and value lines, then the body without markup.
    assert!(
        text.starts_with("索 引 号：\n000014349/2019-00007\n主题分类：\n"),
        "{text}"
    );
    assert!(text.contains("\n一、总体要求\n"), "{text}");
    assert!(!text.contains('<'), "{text}");
    // The same page read as text (forced) keeps its markup, and JSON says so.
    let output = run(&[
        "parse",
        "--json",
        "--format",
        "text",
        page.to_str().unwrap(),
    ]);
    let docs = documents(&output);
    assert_eq!(docs[0].format, "text");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn folders_are_walked_for_every_format_and_glob_narrows() {
    let dir = tempfile::tempdir().unwrap();
    let docx = std::fs::read(fixture(
        "formats/numbered/2015-guangdong-quality-improvement-opinions.docx",
    ))
    .unwrap();
    write(dir.path(), "docs/a.txt", "一、总体要求\n".as_bytes());
    write(dir.path(), "docs/b.docx", &docx);
    write(dir.path(), "docs/c.html", "<p>一、总体要求</p>".as_bytes());
    write(
        dir.path(),
        "docs/sub/d.md",
        "# 标题\n\n一、总体要求\n".as_bytes(),
    );
    write(dir.path(), "docs/notes.json", b"{}");
    let output = run_in(dir.path(), &["parse", "--json", "docs"], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let formats: Vec<String> = documents(&output).into_iter().map(|d| d.format).collect();
    assert_eq!(formats, ["text", "docx", "html", "markdown"]);
    let output = run_in(
        dir.path(),
        &[
            "parse", "--json", "--glob", "*.docx", "--glob", "sub/*", "docs",
        ],
        None,
    );
    let sources: Vec<String> = documents(&output).into_iter().map(|d| d.source).collect();
    assert_eq!(sources, ["docs/b.docx", "docs/sub/d.md"]);
}

#[cfg(unix)]
#[test]
fn link_loops_are_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "docs/a.txt",
        "一、总体要求\n（一）强化责任。\n".as_bytes(),
    );
    write(dir.path(), "docs/sub/b.txt", "一、主要目标\n".as_bytes());
    // Two self-links (a loop that once hung the walk) and a link back to the top.
    std::os::unix::fs::symlink(".", dir.path().join("docs/self")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("docs/again")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("docs/sub/up")).unwrap();
    let output = run_in(dir.path(), &["parse", "--json", "docs"], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let sources: Vec<String> = documents(&output).into_iter().map(|d| d.source).collect();
    assert_eq!(sources, ["docs/a.txt", "docs/sub/b.txt"]);
}
