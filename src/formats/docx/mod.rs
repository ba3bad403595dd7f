//! DOCX: a Word (Office Open XML) document → one line per paragraph, in order. Read with
//! zip and quick-xml. Tables become rows (cells joined by a tab; label rows and layout
//! cells as in [`super::Lines`]); footnotes, endnotes, comments, deleted text, field codes
//! and the fallback copies of drawings are left out; text boxes are paragraphs of their
//! own. Paragraphs numbered by Word (`w:numPr`, directly or through their style) get the
//! label Word draws for them ([`numbering`]), so "一、" and "（一）" made by automatic
//! numbering read as if typed.

pub mod numbering;

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::Lines;
use crate::decode::DecodedText;
use crate::error::{Error, Result, Source};
use numbering::Numbering;

/// The most one part of the archive may inflate to: a guard against zip bombs.
const MAX_PART_BYTES: u64 = 256 << 20;

/// What a zip archive holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ZipKind {
    Docx,
    Xlsx,
    Pptx,
    Ofd,
    Odt,
    OtherZip,
    Damaged(String),
}

pub(crate) fn zip_kind(bytes: &[u8]) -> ZipKind {
    let archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return ZipKind::Damaged(damage(&e)),
    };
    let has = |name: &str| archive.file_names().any(|n| n.eq_ignore_ascii_case(name));
    if has("word/document.xml") || archive.file_names().any(|n| n.starts_with("word/")) {
        ZipKind::Docx
    } else if has("xl/workbook.xml") {
        ZipKind::Xlsx
    } else if has("ppt/presentation.xml") {
        ZipKind::Pptx
    } else if has("OFD.xml") {
        ZipKind::Ofd
    } else if has("content.xml") && has("mimetype") {
        ZipKind::Odt
    } else {
        ZipKind::OtherZip
    }
}

fn damage(e: &zip::result::ZipError) -> String {
    let text = e.to_string().to_lowercase();
    format!("{text} (truncated or not a complete zip archive?)")
}

/// Reads the text of a Word document.
pub fn read(bytes: &[u8], source: &Source) -> Result<DecodedText> {
    let damaged = |why: String| Error::Damaged {
        source_name: source.clone(),
        format: "docx",
        why,
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(damage(&e)))?;
    let mut part = |name: &str| -> Result<Option<String>> {
        let mut file = match archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(format!("{name}: {}", damage(&e)))),
        };
        let mut data = Vec::new();
        (&mut file)
            .take(MAX_PART_BYTES)
            .read_to_end(&mut data)
            .map_err(|e| damaged(format!("{name}: {}", e.to_string().to_lowercase())))?;
        Ok(Some(String::from_utf8_lossy(&data).into_owned()))
    };
    let main = main_part(part("_rels/.rels")?.as_deref());
    let document =
        part(&main)?.ok_or_else(|| damaged(format!("no {main}: not a Word document")))?;
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    let rels = part(&format!("{dir}/_rels/{}.rels", &main[dir.len() + 1..]))?;
    let target = |kind: &str, fallback: &str| {
        rels.as_deref()
            .and_then(|r| relationship_target(r, kind))
            .map_or_else(|| format!("{dir}/{fallback}"), |t| format!("{dir}/{t}"))
    };
    let numbering_xml = part(&target("numbering", "numbering.xml"))?;
    let styles_xml = part(&target("styles", "styles.xml"))?;
    let mut numbering = Numbering::parse(numbering_xml.as_deref(), styles_xml.as_deref());
    let text = render(&document, &mut numbering).map_err(damaged)?;
    Ok(crate::decode::declared(text, "UTF-8"))
}

/// The main document part named by the package relationships (usually word/document.xml).
fn main_part(rels: Option<&str>) -> String {
    rels.and_then(|r| relationship_target(r, "officeDocument"))
        .map(|t| t.trim_start_matches('/').to_owned())
        .unwrap_or_else(|| "word/document.xml".into())
}

/// The target of the first relationship whose type ends with `/kind`.
fn relationship_target(rels: &str, kind: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let get = |key: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                if get(b"Type").is_some_and(|t| t.ends_with(&format!("/{kind}"))) {
                    return get(b"Target");
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// A paragraph being read.
#[derive(Default)]
struct Paragraph {
    text: String,
    num_id: Option<String>,
    level: Option<u8>,
    style: Option<String>,
}

/// A table being read: its rows of cells, each cell its paragraphs.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<String>>>,
}

/// Elements whose whole content is not document text.
const SKIPPED: &[&[u8]] = &[
    b"delText",
    b"instrText",
    b"del",
    b"Fallback",
    b"pPrChange",
    b"rPrChange",
    b"sectPrChange",
    b"tblPrChange",
    b"footnoteReference",
    b"endnoteReference",
    b"commentReference",
    b"moveFrom",
];

fn attr_val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.as_ref();
        let local = key.rsplit(|&b| b == b':').next().unwrap_or(key);
        (local == b"val").then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// The document's text, one line per paragraph.
fn render(xml: &str, numbering: &mut Numbering) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Lines::default();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    // Depth inside an element whose content is skipped, and inside w:pPr, w:t.
    let mut skip = 0usize;
    let mut in_ppr = 0usize;
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("word/document.xml: {}", e.to_string().to_lowercase()))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_vec();
                if skip > 0 || SKIPPED.contains(&name.as_slice()) {
                    skip += 1;
                    continue;
                }
                match name.as_slice() {
                    b"p" => paragraphs.push(Paragraph::default()),
                    b"pPr" => in_ppr += 1,
                    b"t" => in_text = true,
                    b"tbl" => tables.push(Table::default()),
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    b"tc" => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            row.push(Vec::new());
                        }
                    }
                    _ => empty_element(&e, in_ppr > 0, paragraphs.last_mut()),
                }
            }
            Event::Empty(e) if skip == 0 => {
                empty_element(&e, in_ppr > 0, paragraphs.last_mut());
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let Some(p) = paragraphs.last_mut() {
                    let text = t.unescape().map_err(|e| {
                        format!("word/document.xml: {}", e.to_string().to_lowercase())
                    })?;
                    p.text.push_str(&text);
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    b"pPr" => in_ppr = in_ppr.saturating_sub(1),
                    b"t" => in_text = false,
                    b"p" => {
                        let Some(p) = paragraphs.pop() else { continue };
                        let label = numbering
                            .resolve(p.num_id.as_deref(), p.level, p.style.as_deref())
                            .and_then(|(id, level)| numbering.next_label(&id, level));
                        let line = match label {
                            Some(label) if !p.text.trim().is_empty() => {
                                format!("{label}{}", p.text.trim_start())
                            }
                            _ => p.text,
                        };
                        match tables
                            .last_mut()
                            .and_then(|t| t.rows.last_mut())
                            .and_then(|r| r.last_mut())
                        {
                            Some(cell) => cell.push(line),
                            _ => out.push(&line),
                        }
                    }
                    b"tbl" => {
                        let Some(table) = tables.pop() else { continue };
                        let mut lines = Lines::default();
                        for row in &table.rows {
                            let layout = row.iter().any(|cell| {
                                cell.iter().filter(|p| !p.trim().is_empty()).count() > 1
                            });
                            if layout {
                                for cell in row {
                                    for p in cell {
                                        lines.push(p);
                                    }
                                }
                            } else {
                                let cells: Vec<String> =
                                    row.iter().map(|cell| cell.join(" ")).collect();
                                lines.push_row(&cells);
                            }
                        }
                        let text = lines.finish();
                        match tables
                            .last_mut()
                            .and_then(|t| t.rows.last_mut())
                            .and_then(|r| r.last_mut())
                        {
                            Some(cell) => cell.extend(text.lines().map(str::to_owned)),
                            None => out.push(text.trim_end()),
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(out.finish())
}

/// An element without text content: numbering properties in w:pPr, tabs and breaks in runs.
fn empty_element(e: &BytesStart<'_>, in_ppr: bool, paragraph: Option<&mut Paragraph>) {
    let Some(p) = paragraph else { return };
    match e.local_name().as_ref() {
        b"numId" if in_ppr => p.num_id = attr_val(e),
        b"ilvl" if in_ppr => p.level = attr_val(e).and_then(|v| v.parse().ok()),
        b"pStyle" if in_ppr => p.style = attr_val(e),
        b"tab" if !in_ppr => p.text.push('\t'),
        b"br" | b"cr" if !in_ppr => p.text.push('\n'),
        b"noBreakHyphen" => p.text.push('-'),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn text_of(body: &str) -> String {
        let xml =
            format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
        render(&xml, &mut Numbering::default()).unwrap()
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let body = r#"<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space="preserve">总体要求</w:t></w:r></w:p>
            <w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙&amp;丙</w:t></w:r></w:p>"#;
        assert_eq!(text_of(body), "一、总体要求\n甲\n乙&丙\n");
    }

    #[test]
    fn footnotes_deletions_and_field_codes_are_dropped() {
        let body = r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r>
            <w:del><w:r><w:delText>删去的</w:delText></w:r></w:del>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
        assert_eq!(text_of(body), "正文3\n");
    }

    #[test]
    fn tables_are_rows() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let body = format!(
            "<w:p><w:r><w:t>前</w:t></w:r></w:p><w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl><w:p><w:r><w:t>后</w:t></w:r></w:p>",
            cell("序号"),
            cell("任务"),
            cell("1"),
            cell("加强监管")
        );
        assert_eq!(text_of(&body), "前\n序号\t任务\n1\t加强监管\n后\n");
    }

    #[test]
    fn automatic_numbering_is_drawn() {
        let numbering = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            </w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        );
        let p = |level: u8, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let body = [
            p(0, "总体要求"),
            p(1, "指导思想。"),
            p(1, "基本原则。"),
            p(0, "主要任务"),
        ]
        .concat();
        let xml = format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
        let mut n = Numbering::parse(Some(&numbering), None);
        assert_eq!(
            render(&xml, &mut n).unwrap(),
            "一、总体要求\n（一）指导思想。\n（二）基本原则。\n二、主要任务\n"
        );
    }
}
