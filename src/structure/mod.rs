//! Structure: decoded text → a [`Document`]: metadata, clause tree and diagnostics.
//!
//! The stage runs in four steps, each in its own module:
//! 1. [`paragraphs`]: classify lines (markers, 文号, dates, signatures, noise) and join hard
//!    wraps into paragraphs, keeping every char's source offset; before joining,
//!    `record` claims the lines a publisher or editor added (a metadata block, YAML
//!    front matter, （此件公开发布）, a regulation's adoption note, read by `history`);
//! 2. [`front_matter`]: read the paragraphs before the first clause (cover notice, titles,
//!    文号, recipients, preamble) and settle each field: the printed text, then the
//!    adoption note, then the publisher's record;
//! 3. [`tree`]: nest the clauses by marker style and check their numbering;
//! 4. back matter, here: the signature, attachments, and unrelated material printed after
//!    the document are set apart rather than merged into the last clause.
//!
//! ```
//! use zhengce::structure::parse_text;
//! let doc = parse_text("一、总体要求\n坚持质量第一。\n（一）强化责任。市场主体……\n", "-");
//! assert_eq!(doc.clauses[1].labels, ["一、", "（一）"]);
//! assert_eq!(doc.clauses[1].id, "1.1");
//! assert_eq!(doc.clauses[1].heading.as_deref(), Some("强化责任"));
//! ```

pub(crate) mod front_matter;
pub(crate) mod history;
pub mod markers;
pub mod numerals;
pub(crate) mod paragraphs;
pub(crate) mod record;
pub(crate) mod tree;

use std::sync::LazyLock;

use regex::Regex;

use crate::decode::DecodedText;
use crate::model::{
    Diagnostic, DiagnosticKind, Document, EncodingInfo, EncodingRule, Excluded, ExcludedReason,
    LineEnds, Lines, Span, SCHEMA_VERSION,
};
use paragraphs::{is_headline, Paragraph, ParagraphKind, SourceLine, MAX_HEADLINE_CHARS};
use tree::{OpenClause, TreeBuilder};

/// Start of an attachment list or an attachment: 附件：, 附件1, 附件.
static ATTACHMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^附件\s*(?:[:：0-9一二三四五六七八九十]|$)").unwrap());

/// Parses decoded text into a document.
pub fn parse(decoded: &DecodedText, source: &str) -> Document {
    let mut doc = parse_text(&decoded.text, source);
    doc.encoding = decoded.encoding.clone();
    let encoding_warnings = decoded.warnings.iter().map(|message| Diagnostic {
        kind: DiagnosticKind::Encoding,
        line: None,
        message: message.clone(),
    });
    doc.warnings.splice(0..0, encoding_warnings);
    doc
}

/// Parses text that is already decoded (line ends `\n`), as UTF-8.
pub fn parse_text(text: &str, source: &str) -> Document {
    let lines = paragraphs::split_lines(text);
    let mut kinds = paragraphs::classify(&lines);
    // The publisher's record, release notes and an adoption note are read before
    // joining, and set apart so no paragraph takes them in.
    let record = record::read(&lines, &kinds);
    record.set_apart(&mut kinds);
    let layout = paragraphs::Layout::measure(&lines, &kinds);
    let assembled = paragraphs::assemble(&lines, &kinds, &layout);
    let mut paragraphs = assembled.paragraphs;

    let body_start = paragraphs
        .iter()
        .position(|p| p.marker().is_some())
        .unwrap_or(paragraphs.len());
    let front = front_matter::read(&paragraphs[..body_start]);
    // Read before the body takes the paragraphs' texts.
    let truncated = truncations(&paragraphs, body_start);
    let body = read_body(&mut paragraphs[body_start..], &lines);

    let mut excluded = excluded_lines(&assembled.excluded_lines, &lines);
    excluded.extend(body.excluded);
    excluded.sort_by_key(|e| e.span.start);

    let mut warnings = Vec::new();
    if lines.iter().all(|l| l.content.is_empty()) {
        warnings.push(Diagnostic {
            kind: DiagnosticKind::Empty,
            line: None,
            message: "the file holds no text".into(),
        });
    }
    warnings.extend(body.diagnostics);
    for e in &excluded {
        if !matches!(
            e.reason,
            ExcludedReason::PageNumber
                | ExcludedReason::Signature
                | ExcludedReason::Metadata
                | ExcludedReason::PublicationNote
                | ExcludedReason::AdoptionNote
        ) {
            warnings.push(Diagnostic {
                kind: DiagnosticKind::Excluded,
                line: Some(e.lines.start),
                message: format!(
                    "lines {}-{} set apart ({}): {}",
                    e.lines.start,
                    e.lines.end,
                    reason_name(e.reason),
                    preview(&e.text)
                ),
            });
        }
    }
    warnings.extend(truncated);
    warnings.sort_by_key(|w| w.line.unwrap_or(0));

    let settled = front_matter::settle(
        front_matter::Printed {
            title: front.title,
            doc_number: front.doc_number,
            issuer: front.issuer.or(body.issuer),
            title_issuer: front.title_issuer,
            date: front.date.or(body.date),
        },
        &record,
    );
    warnings.splice(0..0, settled.warnings);
    let status =
        front_matter::draft_status(&[settled.title.as_deref(), front.document_title.as_deref()]);
    Document {
        schema_version: SCHEMA_VERSION,
        source: source.to_string(),
        format: crate::model::Format::Text,
        encoding: EncodingInfo {
            name: "UTF-8".into(),
            rule: EncodingRule::Utf8,
            line_ends: LineEnds::Lf,
        },
        title: settled.title,
        document_title: front.document_title,
        doc_number: settled.doc_number,
        issuer: settled.issuer,
        date: settled.date,
        status,
        recipients: front.recipients,
        notice: front.notice,
        preamble: front.preamble,
        history: record.history,
        excluded,
        warnings,
        clauses: body.clauses,
    }
}

/// What the body yields besides clauses.
struct Body {
    clauses: Vec<crate::model::Clause>,
    diagnostics: Vec<Diagnostic>,
    excluded: Vec<Excluded>,
    issuer: Option<String>,
    date: Option<String>,
}

/// Where the reader is after the clauses.
#[derive(PartialEq)]
enum BackMatter {
    Clauses,
    Signed,
}

/// Builds the clause tree from the first clause on, and sets apart what follows the
/// document: the signature, attachments, and unrelated material (a headline after the
/// last clause starts it). The texts of paragraphs that go into clauses are taken, so a
/// long document's text is not held twice.
fn read_body(paragraphs: &mut [Paragraph], lines: &[SourceLine<'_>]) -> Body {
    let mut builder = TreeBuilder::default();
    let mut open: Option<OpenClause> = None;
    let mut excluded = Vec::new();
    let mut issuer = None;
    let mut date = None;
    let mut state = BackMatter::Clauses;
    let last_marker = paragraphs.iter().rposition(|p| p.marker().is_some());

    let mut i = 0;
    while i < paragraphs.len() {
        let p = &paragraphs[i];
        let after_last_clause = last_marker.is_some_and(|last| i > last);
        let set_apart =
            |reason, from: usize, to: usize| set_apart(&paragraphs[from..to], reason, lines);
        // A signed and dated block followed by attachments ends the document even when
        // the attachments hold numbered items of their own.
        let closes_document = p.kind == ParagraphKind::Signature && {
            let (names, signed_on, taken) = front_matter::signature_block(&paragraphs[i..]);
            names.is_some()
                && signed_on.is_some()
                && attachment_follows(paragraphs, i + taken, lines)
        };
        match &p.kind {
            ParagraphKind::Signature | ParagraphKind::Date(_)
                if after_last_clause || closes_document =>
            {
                let (names, signed_on, taken) = front_matter::signature_block(&paragraphs[i..]);
                let taken = taken.max(1);
                if issuer.is_none() {
                    issuer = names;
                    date = signed_on;
                }
                excluded.push(set_apart(ExcludedReason::Signature, i, i + taken));
                state = BackMatter::Signed;
                i += taken;
                continue;
            }
            ParagraphKind::Text
                if (after_last_clause || state == BackMatter::Signed) && starts_attachment(p) =>
            {
                excluded.push(set_apart(ExcludedReason::Attachment, i, paragraphs.len()));
                break;
            }
            _ if state == BackMatter::Signed => {
                excluded.push(set_apart(
                    ExcludedReason::TrailingMaterial,
                    i,
                    paragraphs.len(),
                ));
                break;
            }
            ParagraphKind::Text
                if after_last_clause && is_headline(p.text.text()) && p.started_after_statement =>
            {
                excluded.push(set_apart(
                    ExcludedReason::TrailingMaterial,
                    i,
                    paragraphs.len(),
                ));
                break;
            }
            ParagraphKind::Marker(marker) => {
                let marker = marker.clone();
                if let Some(done) = open.take() {
                    builder.push(done);
                }
                let p = &mut paragraphs[i];
                let label_chars = marker.label.chars().count();
                open = Some(OpenClause {
                    marker,
                    text: std::mem::take(&mut p.text).split_off_chars(label_chars),
                    lines: p.lines,
                    start: p.start,
                    end: p.end,
                });
            }
            _ => {
                let p = &mut paragraphs[i];
                let text = std::mem::take(&mut p.text);
                // In a law, items (项) hold one paragraph each: a paragraph after a
                // finished item is the article's next paragraph (款, "前款规定……").
                let item_done = open.as_ref().is_some_and(|item| {
                    builder.article_above(item.marker.style).is_some()
                        && item.text.text().ends_with(['。', '；', ';'])
                });
                if item_done {
                    builder.push(open.take().expect("an open item"));
                }
                match open.as_mut() {
                    Some(clause) => {
                        clause.text.push_paragraph(&text);
                        clause.lines.end = p.lines.end;
                        clause.end = p.end;
                    }
                    None => {
                        builder.continue_article(&text, p.lines.end, p.end);
                    }
                }
            }
        }
        i += 1;
    }
    if let Some(done) = open.take() {
        builder.push(done);
    }
    let (clauses, diagnostics) = builder.finish();
    Body {
        clauses,
        diagnostics,
        excluded,
        issuer,
        date,
    }
}

/// Whether a paragraph opens an attachment. Its first line is read alone: "附件" may
/// have been joined with the attachment's title on the next line.
fn starts_attachment(p: &Paragraph) -> bool {
    let first_line = p.raw.split('\n').next().unwrap_or("");
    ATTACHMENT.is_match(first_line.trim()) || ATTACHMENT.is_match(p.text.text())
}

/// Whether nothing but attachments follows from paragraph `next` on: no paragraph, one
/// that opens an attachment, or an attachment heading among the lines set apart before it.
fn attachment_follows(paragraphs: &[Paragraph], next: usize, lines: &[SourceLine<'_>]) -> bool {
    let Some(p) = paragraphs.get(next) else {
        return true;
    };
    let from = paragraphs[next - 1].lines.end; // 1-based end = index of the line after it
    let to = p.lines.start - 1;
    starts_attachment(p)
        || lines[from..to]
            .iter()
            .any(|l| ATTACHMENT.is_match(l.content))
}

/// Set-apart paragraphs as one excluded range.
fn set_apart(
    paragraphs: &[Paragraph],
    reason: ExcludedReason,
    lines: &[SourceLine<'_>],
) -> Excluded {
    let first = paragraphs.first().expect("a range to set apart");
    let last = paragraphs.last().expect("a range to set apart");
    excluded_range(first.lines.start, last.lines.end, reason, lines)
}

/// Consecutive excluded lines with one reason (blank lines between them allowed) as ranges.
fn excluded_lines(marks: &[(usize, ExcludedReason)], lines: &[SourceLine<'_>]) -> Vec<Excluded> {
    let mut ranges: Vec<(usize, usize, ExcludedReason)> = Vec::new();
    for &(line, reason) in marks {
        match ranges.last_mut() {
            Some((_, end, r))
                if *r == reason && lines[*end..line - 1].iter().all(|l| l.content.is_empty()) =>
            {
                *end = line;
            }
            _ => ranges.push((line, line, reason)),
        }
    }
    ranges
        .into_iter()
        .map(|(start, end, reason)| excluded_range(start, end, reason, lines))
        .collect()
}

fn excluded_range(
    start: usize,
    end: usize,
    reason: ExcludedReason,
    lines: &[SourceLine<'_>],
) -> Excluded {
    let range = &lines[start - 1..end];
    let text = range
        .iter()
        .map(|l| l.content)
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let first = &range[0];
    let last = &range[range.len() - 1];
    Excluded {
        lines: Lines { start, end },
        span: Span::chars(
            first.content_start,
            last.content_start + last.content.chars().count(),
        ),
        reason,
        text,
    }
}

/// Paragraphs that stop mid-sentence right before a clause: likely cut off in copying.
fn truncations(paragraphs: &[Paragraph], body_start: usize) -> Vec<Diagnostic> {
    paragraphs
        .windows(2)
        .enumerate()
        .filter(|(i, pair)| {
            let (before, next) = (&pair[0], &pair[1]);
            *i + 1 >= body_start
                && before.kind == ParagraphKind::Text
                && before.open
                && next.marker().is_some()
                && before.text.text().chars().count() > MAX_HEADLINE_CHARS
        })
        .map(|(_, pair)| Diagnostic {
            kind: DiagnosticKind::Truncated,
            line: Some(pair[0].lines.end),
            message: format!(
                "paragraph ends mid-sentence: …{}",
                tail(pair[0].text.text())
            ),
        })
        .collect()
}

fn reason_name(reason: ExcludedReason) -> &'static str {
    match reason {
        ExcludedReason::SourceNote => "source note",
        ExcludedReason::WebNoise => "web page furniture",
        ExcludedReason::PageNumber => "page number",
        ExcludedReason::EditorialInsert => "editorial insert",
        ExcludedReason::TrailingMaterial => "material after the document",
        ExcludedReason::Signature => "signature",
        ExcludedReason::Attachment => "attachment",
        ExcludedReason::Metadata => "publisher's record",
        ExcludedReason::PublicationNote => "release note",
        ExcludedReason::AdoptionNote => "adoption note",
    }
}

fn preview(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("");
    let mut out: String = first_line.chars().take(30).collect();
    if first_line.chars().count() > 30 || text.contains('\n') {
        out.push('…');
    }
    out
}

fn tail(text: &str) -> String {
    let n = text.chars().count();
    text.chars().skip(n.saturating_sub(20)).collect()
}
