//! The terminal outline of a parsed document: metadata, then one line per clause indented
//! by level with its source lines, then warnings.

use std::io::{self, Write};

use unicode_segmentation::UnicodeSegmentation;

use crate::model::{Clause, Document};
use crate::output::fit::{truncate, wrap};
use crate::output::style::{Paint, Painter};

/// Where a metadata value starts: `  title       `.
const METADATA_INDENT: &str = "              ";

/// Text shown for a clause without a heading: the start of its text.
const PREVIEW_GRAPHEMES: usize = 24;

/// Prints the outline of one document; with `fit`, in lines of at most that many columns
/// (metadata and warnings wrapped, a clause's line cut with `…`).
pub fn write_document<W: Write>(
    out: &mut W,
    doc: &Document,
    painter: Painter,
    fit: Option<usize>,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        truncate(&painter.paint(Paint::Title, &doc.source), fit)
    )?;
    let encoding = format!("{} ({})", doc.encoding.name, rule_name(doc));
    let fields: [(&str, Option<&str>); 9] = [
        ("title", doc.title.as_deref()),
        ("document", doc.document_title.as_deref()),
        ("number", doc.doc_number.as_deref()),
        ("issuer", doc.issuer.as_deref()),
        ("date", doc.date.as_deref()),
        ("status", doc.status.as_deref()),
        ("recipients", doc.recipients.as_deref()),
        ("encoding", Some(&encoding)),
        ("clauses", Some(&doc.clauses.len().to_string())),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            let value = crate::output::style::sanitize(value);
            let lines = wrap(&format!("  {name:<10}  {value}"), METADATA_INDENT, fit);
            for (k, line) in lines.iter().enumerate() {
                // The name dim, the value bold, as the two are split on the first line.
                let (name_part, value_part) = if k == 0 {
                    line.split_at(METADATA_INDENT.len().min(line.len()))
                } else {
                    ("", line.as_str())
                };
                writeln!(
                    out,
                    "{}{}",
                    painter.paint(Paint::Dim, name_part),
                    painter.paint(Paint::Heading, value_part)
                )?;
            }
        }
    }
    writeln!(out)?;
    let line_width = doc
        .clauses
        .iter()
        .map(|c| line_range(c).len())
        .max()
        .unwrap_or(0);
    for clause in &doc.clauses {
        let indent = "  ".repeat(clause.level - 1);
        let label = clause.labels.last().map(String::as_str).unwrap_or("");
        let title = match &clause.heading {
            Some(h) => painter.paint(Paint::Heading, h),
            None => painter.paint(Paint::Dim, &preview(&clause.text)),
        };
        let line = format!(
            "  {}  {indent}{}{title}",
            painter.paint(Paint::Dim, &format!("{:>line_width$}", line_range(clause))),
            painter.paint(Paint::Label, label),
        );
        writeln!(out, "{}", truncate(&line, fit))?;
    }
    if !doc.warnings.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "  {}",
            painter.paint(Paint::Warning, &format!("{} warnings", doc.warnings.len()))
        )?;
        for w in &doc.warnings {
            let at = w.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let message = crate::output::style::sanitize(&w.message);
            let lines = wrap(&format!("    {at}{message}"), "      ", fit);
            for (k, line) in lines.iter().enumerate() {
                let (at_part, message_part) = if k == 0 {
                    line.split_at((4 + at.len()).min(line.len()))
                } else {
                    ("", line.as_str())
                };
                writeln!(
                    out,
                    "{}{}",
                    painter.paint(Paint::Dim, at_part),
                    painter.paint(Paint::Warning, message_part)
                )?;
            }
        }
    }
    writeln!(out)
}

fn line_range(clause: &Clause) -> String {
    if clause.lines.start == clause.lines.end {
        clause.lines.start.to_string()
    } else {
        format!("{}-{}", clause.lines.start, clause.lines.end)
    }
}

fn rule_name(doc: &Document) -> String {
    serde_json::to_value(doc.encoding.rule)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The first graphemes of a clause's text (a grapheme, not a char, so a combining mark
/// or an emoji sequence is never cut in half).
fn preview(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    let mut graphemes = first.graphemes(true);
    let mut out: String = graphemes.by_ref().take(PREVIEW_GRAPHEMES).collect();
    if graphemes.next().is_some() {
        out.push('…');
    }
    out
}
