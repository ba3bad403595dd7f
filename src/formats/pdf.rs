//! PDF: the text layer, read by poppler's `pdftotext`, without running headers, footers
//! and page numbers. The hard wraps of the printed lines are left for the structure stage,
//! which joins them.
//!
//! Why poppler and not a Rust crate: pdf-extract reads the CJK PDFs LibreOffice writes
//! (ToUnicode maps) as well as pdftotext does, but it panics on a Type0 font whose
//! encoding is a predefined CMap other than Identity-H (`UniGB-UCS2-H`, `GBK-EUC-H`: how
//! many Chinese PDFs with unembedded fonts are written) and has a hundred other panicking
//! paths; lopdf's own text extraction splits runs into separate lines ("粤府〔\n2020\n〕").
//! poppler, with poppler-data, knows every Adobe-GB1 CMap. When `pdftotext` is not
//! installed the error says what to install.
//!
//! Running material is recognized per page: a line at the top or bottom of a page that
//! recurs there on at least half the pages (digits ignored, so "— 3 —" recurs), and any
//! page-number line ("— 3 —", "第 3 页", "3/12", "- 3 -") at the bottom or top.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use regex::Regex;

use crate::decode::DecodedText;
use crate::error::{Error, Result, Source};

/// A line that is only a page number: "3", "- 3 -", "— 3 —", "第 3 页", "第3页 共12页",
/// "3/12", "Page 3", as printed at the foot (or head) of a page.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^[\s\-—–－_·•]*
          (?:page\s*)?(?:第\s*)?\d{1,4}(?:\s*页)?
          (?:\s*(?:[/／]|of|共)\s*\d{1,4}\s*页?)?
          [\s\-—–－_·•]*$",
    )
    .expect("valid regex")
});

/// How many non-blank lines at each end of a page may be running material.
const EDGE_LINES: usize = 3;

/// Reads a PDF's text layer.
pub fn read(bytes: &[u8], source: &Source) -> Result<DecodedText> {
    let text = pdftotext(bytes, source)?;
    let text = strip_running_material(&text);
    if !text.chars().any(|c| c.is_alphanumeric()) {
        return Err(Error::NoText {
            source_name: source.clone(),
            why: "no text layer: scanned PDF?",
        });
    }
    Ok(crate::decode::declared(text, "UTF-8"))
}

/// Runs `pdftotext -enc UTF-8 - -` with the bytes on standard input: pages come out
/// separated by form feeds.
fn pdftotext(bytes: &[u8], source: &Source) -> Result<String> {
    let mut child = match Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-eol", "unix", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::MissingTool {
                source_name: source.clone(),
                detail: None,
            })
        }
        Err(e) => {
            return Err(Error::MissingTool {
                source_name: source.clone(),
                detail: Some(e.to_string()),
            })
        }
    };
    let mut stdin = child.stdin.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let (text, errors) = std::thread::scope(|scope| {
        // Feed and drain concurrently: a large PDF fills either pipe.
        scope.spawn(move || {
            // pdftotext may stop reading early on a damaged file; its exit status says why.
            let _ = stdin.write_all(bytes);
        });
        let errors = scope.spawn(move || {
            let mut errors = String::new();
            let _ = stderr.read_to_string(&mut errors);
            errors
        });
        let mut out = Vec::new();
        let read = child.stdout.take().expect("piped").read_to_end(&mut out);
        (read.map(|_| out), errors.join().unwrap_or_default())
    });
    let status = child.wait();
    let text = text.map_err(|cause| Error::Read {
        source_name: source.clone(),
        cause,
    })?;
    let status = status.map_err(|cause| Error::Read {
        source_name: source.clone(),
        cause,
    })?;
    if !status.success() {
        let first = errors
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("pdftotext failed")
            .to_lowercase();
        if first.contains("password") || (is_encrypted(bytes) && status.code() == Some(1)) {
            return Err(Error::Encrypted {
                source_name: source.clone(),
            });
        }
        if status.code() == Some(3) {
            return Err(Error::NoText {
                source_name: source.clone(),
                why: "the PDF's permissions forbid copying its text (remove them with `qpdf --decrypt`)",
            });
        }
        return Err(Error::Damaged {
            source_name: source.clone(),
            format: "PDF",
            why: first,
        });
    }
    Ok(String::from_utf8_lossy(&text).into_owned())
}

/// Whether the trailer names an encryption dictionary.
fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

/// The pages' text, joined, without lines that recur at page edges or number the pages.
pub(crate) fn strip_running_material(text: &str) -> String {
    let pages: Vec<Vec<&str>> = text
        .split('\u{c}')
        .map(|page| page.lines().map(str::trim_end).collect())
        .filter(|lines: &Vec<&str>| lines.iter().any(|l| !l.trim().is_empty()))
        .collect();
    // How many pages have a line (digits ignored) among their edge lines.
    let mut edge_counts: std::collections::HashMap<String, usize> = Default::default();
    for page in &pages {
        let mut seen = std::collections::HashSet::new();
        for line in edges(page) {
            let key = edge_key(page[line]);
            if seen.insert(key.clone()) {
                *edge_counts.entry(key).or_default() += 1;
            }
        }
    }
    let threshold = (pages.len().div_ceil(2)).max(2);
    let running = |line: &str| edge_counts.get(&edge_key(line)).copied().unwrap_or(0) >= threshold;
    let mut out = String::new();
    for page in &pages {
        let mut keep = vec![true; page.len()];
        let nonblank: Vec<usize> = (0..page.len())
            .filter(|&i| !page[i].trim().is_empty())
            .collect();
        // From each edge inwards, drop running lines and page numbers; each recurring
        // line at most once per edge, so a title printed under an identical running
        // header stays.
        for order in [
            nonblank
                .iter()
                .take(EDGE_LINES)
                .copied()
                .collect::<Vec<_>>(),
            nonblank.iter().rev().take(EDGE_LINES).copied().collect(),
        ] {
            let mut dropped = std::collections::HashSet::new();
            for i in order {
                let line = page[i].trim();
                let key = edge_key(line);
                if PAGE_NUMBER.is_match(line) || (running(line) && dropped.insert(key)) {
                    keep[i] = false;
                } else {
                    break;
                }
            }
        }
        // The blank lines pdftotext leaves at a page's edges are not paragraph breaks: a
        // paragraph running on to the next page must stay one, for the wrap joining.
        let kept: Vec<&str> = page
            .iter()
            .zip(keep)
            .filter_map(|(line, keep)| keep.then_some(*line))
            .collect();
        let first = kept.iter().position(|l| !l.trim().is_empty());
        let last = kept.iter().rposition(|l| !l.trim().is_empty());
        if let (Some(first), Some(last)) = (first, last) {
            for line in &kept[first..=last] {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Indexes of the first and last non-blank lines of a page.
fn edges(page: &[&str]) -> Vec<usize> {
    let nonblank: Vec<usize> = (0..page.len())
        .filter(|&i| !page[i].trim().is_empty())
        .collect();
    let mut edges: Vec<usize> = nonblank.iter().take(EDGE_LINES).copied().collect();
    edges.extend(nonblank.iter().rev().take(EDGE_LINES));
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// A line compared across pages: no spaces, every digit the same.
fn edge_key(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognized() {
        for line in [
            "3",
            "— 3 —",
            "- 12 -",
            "第 3 页",
            "第3页 共12页",
            "3/12",
            "Page 3",
        ] {
            assert!(PAGE_NUMBER.is_match(line), "{line}");
        }
        for line in ["3．加强监管", "2025 年", "一、总体要求", "（3）"] {
            assert!(!PAGE_NUMBER.is_match(line), "{line}");
        }
    }

    #[test]
    fn running_headers_go_but_a_title_under_them_stays() {
        let page = |n: usize, body: &str| format!("关于某事的通知\n{body}\n— {n} —\n");
        let text = [
            page(1, "关于某事的通知\n一、总体要求"),
            page(2, "（一）强化责任。"),
            page(3, "二、主要目标"),
        ]
        .join("\u{c}");
        assert_eq!(
            strip_running_material(&text),
            "关于某事的通知\n一、总体要求\n（一）强化责任。\n二、主要目标\n"
        );
    }

    #[test]
    fn a_paragraph_runs_on_over_a_page_break() {
        // pdftotext ends a page with a blank line before the form feed; a blank page
        // edge is not a paragraph break (a State Council text printed by LibreOffice).
        let text = "（一）扩大招生规模，以1995年实招人数1445名为基数，从1996年开始逐年扩招，\n\n\u{c}分3年落实，至1998年达到2000名的招生规模。\n\n二、保证必要的办学条件\n\n\u{c}";
        assert_eq!(
            strip_running_material(text),
            "（一）扩大招生规模，以1995年实招人数1445名为基数，从1996年开始逐年扩招，\n分3年落实，至1998年达到2000名的招生规模。\n\n二、保证必要的办学条件\n"
        );
    }

    #[test]
    fn a_single_page_keeps_its_first_line() {
        assert_eq!(
            strip_running_material("关于某事的通知\n一、总体要求\n1\n\u{c}"),
            "关于某事的通知\n一、总体要求\n"
        );
    }
}
