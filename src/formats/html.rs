//! HTML: a web page → the text a reader sees, one paragraph per line. Parsed with a real
//! HTML5 parser (html5ever, through scraper), so broken markup, entities and implied tags
//! come out as a browser would show them.
//!
//! The charset comes from `--encoding`, a byte-order mark, a `<meta charset>` or
//! http-equiv declaration in the first bytes, else the same detection as for text (strict
//! UTF-8, then GB18030: many government pages are GBK). A declaration the bytes do not
//! fit is overruled by detection, with a warning.
//!
//! Rendering: block elements and `<br>` end lines, blocks are set apart by a blank line;
//! `script`, `style`, `nav`, forms and hidden elements are dropped; a table row becomes
//! one line of tab-separated cells, except label rows ("发文机关：", value…), whose
//! cells are lines of their own, and layout rows whose cells hold blocks, which are
//! read as blocks. So the State Council library's metadata table comes out as the label
//! line / value line block of its saved text copies, and both go through the same
//! front-matter reader.

use std::sync::LazyLock;

use ego_tree::NodeRef;
use encoding_rs::Encoding;
use regex::bytes::Regex;
use scraper::{Html, Node};

use super::Lines;
use crate::decode::DecodedText;
use crate::error::{Result, Source};

/// A charset declaration in the page's head: `<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`. Read from the
/// raw bytes before decoding, as browsers prescan them (the WHATWG prescan).
static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
        .expect("valid regex")
});

/// How many bytes of the page the charset prescan reads (WHATWG says 1024; long heads
/// of Chinese portals put the declaration later).
const PRESCAN_BYTES: usize = 4096;

/// Elements whose content is not part of the document.
const DROPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "iframe", "object", "embed", "svg",
    "canvas", "form", "button", "select", "textarea", "input", "map", "audio", "video",
];

/// Elements that end the line before and after them.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Tag names whose presence at the start of a file makes it a web page.
const HTML_START_TAGS: &[&str] = &[
    "!doctype", "html", "head", "body", "meta", "title", "div", "p", "table", "span", "br", "link",
    "script", "style", "h1", "h2", "center", "font", "!--",
];

/// Whether `bytes` start like a web page: the first non-blank character is `<` and a
/// known tag name follows. Text that merely mentions a tag later is text.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    let Some(rest) = start.map(|s| &head[s..]) else {
        return false;
    };
    let Some(after) = rest.strip_prefix(b"<") else {
        return false;
    };
    let after = after.strip_prefix(b"?xml").map_or(after, |_| {
        // An XHTML page: skip the XML declaration and look at what follows.
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        let next = rest[end..].iter().position(|&b| b == b'<');
        next.map_or(&[][..], |n| &rest[end + n + 1..])
    });
    HTML_START_TAGS.iter().any(|tag| {
        after.len() > tag.len()
            && after[..tag.len()].eq_ignore_ascii_case(tag.as_bytes())
            && (tag.starts_with("!--") || !after[tag.len()].is_ascii_alphanumeric())
    })
}

/// Decodes and renders a web page.
pub fn read(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    source: &Source,
) -> Result<DecodedText> {
    let declared = if forced.is_none() && Encoding::for_bom(bytes).is_none() {
        declared_charset(bytes)
    } else {
        None
    };
    let mut decoded = match declared {
        Some(encoding) => match crate::decode::decode_declared(bytes, encoding, source)? {
            Some(decoded) => decoded,
            None => {
                let mut decoded = crate::decode::decode(bytes, None, source)?;
                decoded.warnings.push(format!(
                    "the page declares charset {} but is not valid in it; read as {}",
                    encoding.name(),
                    decoded.encoding.name
                ));
                decoded
            }
        },
        None => crate::decode::decode(bytes, forced, source)?,
    };
    decoded.text = render(&decoded.text);
    Ok(decoded)
}

/// The encoding a page declares in its first bytes. UTF-16 declared in bytes that were
/// readable as ASCII means UTF-8, as browsers read it.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    let encoding = Encoding::for_label(label)?;
    Some(
        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            encoding
        },
    )
}

/// The text of a page: blocks and `<br>` as lines, tables as rows.
pub(crate) fn render(page: &str) -> String {
    let document = Html::parse_document(page);
    let mut out = Renderer::default();
    out.walk(document.tree.root());
    out.end_line();
    out.lines.finish()
}

#[derive(Default)]
struct Renderer {
    lines: Lines,
    /// The line being built, whitespace already collapsed.
    line: String,
    /// Inside `<pre>`: whitespace is kept.
    pre: usize,
}

impl Renderer {
    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        let line = line.trim_matches(|c: char| c == ' ' || c == '\t');
        if !line.is_empty() {
            self.lines.push(line);
        }
    }

    fn end_block(&mut self) {
        self.end_line();
        self.lines.blank();
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            for (i, part) in text.split('\n').enumerate() {
                if i > 0 {
                    self.end_line();
                }
                self.line.push_str(part);
            }
            return;
        }
        // HTML collapses runs of ASCII whitespace and no-break spaces to one space; the
        // ideographic space (U+3000) is text and stays.
        for c in text.chars() {
            if c.is_ascii_whitespace() || c == '\u{a0}' {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
            } else {
                self.line.push(c);
            }
        }
    }

    fn walk(&mut self, node: NodeRef<'_, Node>) {
        match node.value() {
            Node::Text(text) => self.text(text),
            Node::Element(element) => {
                let name = element.name();
                if DROPPED.contains(&name) || is_hidden(element) {
                    return;
                }
                match name {
                    "br" => self.end_line(),
                    "table" => {
                        self.end_block();
                        self.table(node);
                        self.end_block();
                    }
                    "pre" => {
                        self.end_block();
                        self.pre += 1;
                        self.children(node);
                        self.pre -= 1;
                        self.end_block();
                    }
                    _ if BLOCKS.contains(&name) => {
                        self.end_block();
                        self.children(node);
                        self.end_block();
                    }
                    _ => self.children(node),
                }
            }
            Node::Document | Node::Fragment => self.children(node),
            _ => {}
        }
    }

    fn children(&mut self, node: NodeRef<'_, Node>) {
        for child in node.children() {
            self.walk(child);
        }
    }

    /// The rows of a table (not of tables nested in its cells).
    fn table(&mut self, table: NodeRef<'_, Node>) {
        for child in table.children() {
            match element_name(child) {
                Some("thead" | "tbody" | "tfoot") => {
                    for row in child.children() {
                        if element_name(row) == Some("tr") {
                            self.row(row);
                        }
                    }
                }
                Some("tr") => self.row(child),
                Some(_) => self.walk(child),
                None => {}
            }
        }
    }

    fn row(&mut self, row: NodeRef<'_, Node>) {
        let cells: Vec<NodeRef<'_, Node>> = row
            .children()
            .filter(|c| matches!(element_name(*c), Some("td" | "th")))
            .collect();
        // A layout cell (paragraphs, line breaks, a nested table) is read as blocks.
        if cells.iter().any(|c| has_blocks(*c)) {
            for cell in cells {
                self.end_block();
                self.children(cell);
                self.end_block();
            }
            return;
        }
        let texts: Vec<String> = cells
            .into_iter()
            .map(|cell| {
                let mut inner = Renderer::default();
                inner.children(cell);
                inner.end_line();
                inner.lines.finish().trim().replace('\n', " ")
            })
            .collect();
        self.end_line();
        self.lines.push_row(&texts);
        self.lines.blank();
    }
}

fn element_name<'a>(node: NodeRef<'a, Node>) -> Option<&'a str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// Whether a cell holds block content (then it is layout, not a data cell).
fn has_blocks(cell: NodeRef<'_, Node>) -> bool {
    cell.descendants().skip(1).any(|d| {
        element_name(d)
            .is_some_and(|n| n == "br" || (n != "td" && n != "th" && BLOCKS.contains(&n)))
    })
}

/// `hidden`, or an inline style that hides the element (`display:none`).
fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_and_dropped_elements() {
        let page = "<html><head><title>标题_中国政府网</title><style>p{}</style></head>\
            <body><nav>首页 | 政策</nav><p>国务院关于<br>某事的意见</p>\
            <script>var x=1;</script><p>  一、总体要求&nbsp;</p><div style=\"display: none\">隐藏</div></body></html>";
        assert_eq!(render(page), "国务院关于\n某事的意见\n\n一、总体要求\n");
    }

    #[test]
    fn data_rows_are_lines_and_layout_cells_are_blocks() {
        let page = "<table><tr><td>序号</td><td>任务</td></tr><tr><td>1</td><td>加强监管</td></tr></table>\
            <table><tr><td><p>第一段</p><p>第二段</p></td></tr></table>";
        assert_eq!(
            render(page),
            "序号\t任务\n\n1\t加强监管\n\n第一段\n\n第二段\n"
        );
    }

    #[test]
    fn metadata_table_renders_like_the_saved_text() {
        let page = "<table><tbody><tr><td><b>索 引 号：</b></td><td>000014349/2019-00007</td>\
            <td><b>主题分类：</b></td><td>市场监管</td></tr>\
            <tr><td><b>发文字号：</b></td><td>国发〔2019〕5号</td></tr></tbody></table>";
        assert_eq!(
            render(page),
            "索 引 号：\n000014349/2019-00007\n主题分类：\n市场监管\n\n发文字号：\n国发〔2019〕5号\n"
        );
    }

    #[test]
    fn charset_from_meta_then_detection() {
        let body = "<p>一、总体要求</p>";
        let (gbk, _, _) = encoding_rs::GBK.encode(body);
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>".to_vec();
        page.extend_from_slice(&gbk);
        let read = read(&page, None, &Source::Stdin).unwrap();
        assert_eq!(read.text, "一、总体要求\n");
        assert_eq!(read.encoding.rule, crate::model::EncodingRule::Declared);
        assert_eq!(read.encoding.name, "GBK");
        // No declaration: GBK is found by detection, as for text.
        let mut page = b"<html><body>".to_vec();
        page.extend_from_slice(&gbk);
        let read = super::read(&page, None, &Source::Stdin).unwrap();
        assert_eq!(read.text, "一、总体要求\n");
        assert_eq!(read.encoding.rule, crate::model::EncodingRule::Gb18030);
        // A page that says UTF-8 but is GBK is read by detection, with a warning.
        let mut page = b"<meta charset=\"utf-8\"><p>".to_vec();
        page.extend_from_slice(&gbk);
        let read = super::read(&page, None, &Source::Stdin).unwrap();
        assert_eq!(read.text, "一、总体要求\n");
        assert_eq!(read.warnings.len(), 1);
    }

    #[test]
    fn html_is_recognized_by_its_first_tag() {
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<div class=\"wrap\">"));
        assert!(looks_like_html(b"\xEF\xBB\xBF<html>"));
        assert!(looks_like_html(
            b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"
        ));
        assert!(!looks_like_html("<<中华人民共和国>>".as_bytes()));
        assert!(!looks_like_html(b"<2020> plan"));
        assert!(!looks_like_html("一、<p>".as_bytes()));
    }
}
