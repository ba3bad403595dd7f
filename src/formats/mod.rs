//! Formats: which kind of file a document is, and the text its reader produces. Every
//! later stage (structure, extract, index, diff) sees only that text, so offsets and line
//! numbers refer to it, and `zhengce parse --text` prints it for a user to check.
//!
//! The kind is decided by content, never by the name alone: magic bytes (`%PDF-`, a zip
//! holding `word/document.xml`, an OLE2 compound file, `{\rtf`), then HTML markup at the
//! start of the text, else plain text (`markdown` when named `.md`). `--format` overrides
//! detection. A name that promises a binary format the bytes do not have (an error page
//! saved as `.pdf`, a web page saved as `.docx`) is an error rather than a guess, and
//! formats zhengce does not read (.doc, .wps, .rtf, .ofd, spreadsheets) are refused with
//! how to convert them.
//!
//! - [`html`]: a real HTML5 parser; charset from BOM, `<meta>`, else detection;
//! - [`docx`]: paragraphs, tables as rows, automatic numbering drawn as labels;
//! - [`pdf`]: poppler's `pdftotext`, without running headers, footers and page numbers.
//!
//! ```
//! use zhengce::formats::{read, ReadOptions};
//! use zhengce::error::Source;
//! use zhengce::model::Format;
//! let page = "<html><body><p>一、总体要求</p><p>（一）强化责任。</p></body></html>";
//! let read = read(page.as_bytes(), &ReadOptions::default(), &Source::Stdin).unwrap();
//! assert_eq!(read.format, Format::Html);
//! assert_eq!(read.decoded.text, "一、总体要求\n\n（一）强化责任。\n");
//! ```

pub mod docx;
pub mod html;
pub mod pdf;

use std::path::Path;

use encoding_rs::Encoding;

use crate::decode::DecodedText;
use crate::error::{Error, Result, Source};
use crate::model::Format;

/// How to read: `--encoding` and `--format` as given, `None` to detect.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub encoding: Option<&'static Encoding>,
    pub format: Option<Format>,
}

/// The text a format's reader produced, and which format it was.
#[derive(Debug, Clone)]
pub struct ReadText {
    pub format: Format,
    pub decoded: DecodedText,
}

/// File name extensions of the formats zhengce reads; a folder walk picks these up.
pub const READABLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "docx", "pdf",
];

/// Extensions of document formats zhengce refuses with advice; a folder walk lists them
/// too, so that a user learns they were not read rather than missing them silently.
pub const REFUSED_EXTENSIONS: &[&str] = &["doc", "wps", "rtf", "ofd", "odt"];

/// Reads one file's bytes as the format they are (or as `options.format`).
pub fn read(bytes: &[u8], options: &ReadOptions, source: &Source) -> Result<ReadText> {
    let format = match options.format {
        Some(format) => format,
        None => detect(bytes, source)?,
    };
    let decoded = match format {
        Format::Text | Format::Markdown => crate::decode::decode(bytes, options.encoding, source)?,
        Format::Html => html::read(bytes, options.encoding, source)?,
        Format::Docx => docx::read(bytes, source)?,
        Format::Pdf => pdf::read(bytes, source)?,
    };
    if format != Format::Text && format != Format::Markdown && decoded.text.trim().is_empty() {
        return Err(Error::NoText {
            source_name: source.clone(),
            why: match format {
                Format::Html => "no text in this web page",
                Format::Docx => "no text in this Word document",
                _ => "no text layer: scanned PDF?",
            },
        });
    }
    Ok(ReadText { format, decoded })
}

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniffed {
    Pdf,
    Zip,
    Ole2,
    Rtf,
    Html,
    Text,
}

/// The OLE2 compound file signature: legacy .doc, .wps, .xls, .ppt.
const OLE2_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fn sniff(bytes: &[u8]) -> Sniffed {
    // The PDF header may follow some junk; readers accept it within the first KB.
    let head = &bytes[..bytes.len().min(1024)];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Sniffed::Zip
    } else if bytes.starts_with(OLE2_MAGIC) {
        Sniffed::Ole2
    } else if head.windows(5).any(|w| w == b"%PDF-") {
        Sniffed::Pdf
    } else if bytes.starts_with(b"{\\rtf") {
        Sniffed::Rtf
    } else if html::looks_like_html(bytes) {
        Sniffed::Html
    } else {
        Sniffed::Text
    }
}

fn extension(source: &Source) -> Option<String> {
    match source {
        Source::Path(path) => path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase()),
        Source::Stdin => None,
    }
}

/// Decides the format of `bytes`, or refuses them with the reason.
pub fn detect(bytes: &[u8], source: &Source) -> Result<Format> {
    let ext = extension(source);
    let unsupported = |what: &'static str, how: String| Error::UnsupportedFormat {
        source_name: source.clone(),
        what,
        how,
    };
    let convert = |to: &str| {
        let name = match source {
            Source::Path(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            Source::Stdin => "FILE".into(),
        };
        format!("convert it with `soffice --headless --convert-to {to} {name}`")
    };
    let sniffed = sniff(bytes);
    match sniffed {
        Sniffed::Pdf => return Ok(Format::Pdf),
        Sniffed::Zip => {
            return match docx::zip_kind(bytes) {
                docx::ZipKind::Docx => Ok(Format::Docx),
                docx::ZipKind::Xlsx => Err(unsupported(
                    "is an Excel workbook (.xlsx), not a document",
                    "save the sheet as text or CSV if it holds the document's text".into(),
                )),
                docx::ZipKind::Pptx => Err(unsupported(
                    "is a PowerPoint presentation (.pptx)",
                    convert("pdf"),
                )),
                docx::ZipKind::Ofd => Err(unsupported(
                    "is an OFD document (GB/T 33190), which zhengce does not read",
                    "export it to PDF with an OFD reader (e.g. 数科OFD阅读器 or 福昕OFD), then read the PDF".into(),
                )),
                docx::ZipKind::Odt => Err(unsupported(
                    "is an OpenDocument text (.odt)",
                    convert("docx"),
                )),
                docx::ZipKind::OtherZip => Err(unsupported(
                    "is a zip archive, not a Word document",
                    "unpack it and read the documents inside".into(),
                )),
                docx::ZipKind::Damaged(why) => Err(Error::Damaged {
                    source_name: source.clone(),
                    format: "zip (.docx)",
                    why,
                }),
            };
        }
        Sniffed::Ole2 => {
            let (what, to) = match ext.as_deref() {
                Some("wps") => ("is a WPS Writer .wps file", "docx"),
                Some("xls") | Some("et") => ("is a legacy Excel .xls spreadsheet", "xlsx"),
                Some("ppt") | Some("dps") => ("is a legacy PowerPoint .ppt file", "pdf"),
                _ if contains_utf16(bytes, "Workbook") => {
                    ("is a legacy Excel .xls spreadsheet", "xlsx")
                }
                _ if contains_utf16(bytes, "WordDocument") => {
                    ("is a legacy Word .doc file", "docx")
                }
                _ => ("is a legacy Office file (.doc, .wps, .xls or .ppt)", "docx"),
            };
            return Err(unsupported(what, convert(to)));
        }
        Sniffed::Rtf => return Err(unsupported("is an RTF file", convert("docx"))),
        Sniffed::Html | Sniffed::Text => {}
    }
    // Text-like content under a binary format's name: a saved error page, a renamed file.
    if let Some(named) = ext.as_deref().filter(|e| {
        matches!(
            *e,
            "docx" | "pdf" | "doc" | "wps" | "ofd" | "xls" | "xlsx" | "ppt" | "pptx" | "odt"
        )
    }) {
        let found = if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            "empty"
        } else if sniffed == Sniffed::Html {
            "an HTML page"
        } else {
            "plain text"
        };
        return Err(Error::FormatMismatch {
            source_name: source.clone(),
            extension: named.to_owned(),
            found,
        });
    }
    Ok(match (sniffed, ext.as_deref()) {
        (Sniffed::Html, _) => Format::Html,
        (_, Some("md" | "markdown")) => Format::Markdown,
        _ => Format::Text,
    })
}

/// Whether an OLE2 file names a stream (`WordDocument`, `Workbook`) in its directory,
/// whose entries are UTF-16LE.
fn contains_utf16(bytes: &[u8], name: &str) -> bool {
    let wanted: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

/// Whether a folder walk reads a file of this name (a readable or refused format).
pub fn is_document_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        let e = e.to_string_lossy().to_ascii_lowercase();
        READABLE_EXTENSIONS.contains(&e.as_str()) || REFUSED_EXTENSIONS.contains(&e.as_str())
    })
}

/// Text whose lines are paragraphs, built line by line: the shared output of the HTML
/// and DOCX readers. Blank lines are kept single; lines are trimmed at the end.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    text: String,
}

impl Lines {
    /// Adds one line (a paragraph); text with `\n` in it adds several.
    pub(crate) fn push(&mut self, line: &str) {
        for part in line.split('\n') {
            let part = part.trim_end();
            if part.is_empty() {
                self.blank();
            } else {
                self.text.push_str(part);
                self.text.push('\n');
            }
        }
    }

    /// Ends a block with one blank line, unless there is one already (or nothing yet).
    pub(crate) fn blank(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// One table row: cells of a label row ("发文机关：" then its value, as the State
    /// Council library pages lay out their metadata) each on a line of their own, so the
    /// front-matter reader sees label and value as in a saved text copy; the cells of any
    /// other row joined by a tab on one line.
    pub(crate) fn push_row(&mut self, cells: &[String]) {
        let cells: Vec<&str> = cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        if cells.is_empty() {
            return;
        }
        let labelled = cells.iter().any(|c| is_field_label(c));
        if labelled {
            for cell in &cells {
                self.push(cell);
            }
        } else {
            self.push(&cells.join("\t"));
        }
    }

    pub(crate) fn finish(self) -> String {
        let mut text = self.text.trim_end_matches('\n').to_owned();
        let start = text.len() - text.trim_start_matches('\n').len();
        text.drain(..start);
        if !text.is_empty() {
            text.push('\n');
        }
        text
    }
}

/// A table cell that is a field's label: a short text ending with a colon ("索 引 号：",
/// "发文机关:"), the layout of metadata tables on government pages.
fn is_field_label(cell: &str) -> bool {
    let trimmed = cell.trim_end();
    (trimmed.ends_with('：') || trimmed.ends_with(':')) && trimmed.chars().count() <= 12
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn named(name: &str) -> Source {
        Source::Path(PathBuf::from(name))
    }

    #[test]
    fn content_decides_not_the_name() {
        let html = b"<!DOCTYPE html><html><body><p>x</p></body></html>";
        assert_eq!(detect(html, &named("a.txt")).unwrap(), Format::Html);
        assert_eq!(detect(b"%PDF-1.7\n", &named("a.txt")).unwrap(), Format::Pdf);
        assert_eq!(
            detect("一、总体".as_bytes(), &named("a.html")).unwrap(),
            Format::Text
        );
        assert_eq!(
            detect("# 标题".as_bytes(), &named("a.md")).unwrap(),
            Format::Markdown
        );
        assert_eq!(
            detect("一、总体".as_bytes(), &Source::Stdin).unwrap(),
            Format::Text
        );
    }

    #[test]
    fn a_web_page_named_docx_is_refused_with_what_it_is() {
        let err = detect(b"<html><body>404</body></html>", &named("a.docx")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.docx: named .docx but is an HTML page (use --format to read it as that)"
        );
    }

    #[test]
    fn legacy_formats_say_how_to_convert() {
        let mut doc = OLE2_MAGIC.to_vec();
        doc.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let err = detect(&doc, &named("dir/通知.doc"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "dir/通知.doc: is a legacy Word .doc file: convert it with `soffice --headless --convert-to docx 通知.doc`"
        );
        let err = detect(&doc, &named("a.wps")).unwrap_err().to_string();
        assert!(
            err.starts_with("a.wps: is a WPS Writer .wps file: convert it"),
            "{err}"
        );
        let err = detect(b"{\\rtf1\\ansi", &named("a.rtf"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("a.rtf: is an RTF file: convert it"),
            "{err}"
        );
    }

    #[test]
    fn label_rows_become_label_and_value_lines() {
        let mut lines = Lines::default();
        lines.push_row(&["发文机关：".into(), "国务院".into(), "".into()]);
        lines.blank();
        lines.push_row(&["序号".into(), "任务".into(), "牵头单位".into()]);
        assert_eq!(
            lines.finish(),
            "发文机关：\n国务院\n\n序号\t任务\t牵头单位\n"
        );
    }
}
