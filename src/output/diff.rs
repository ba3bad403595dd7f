//! Printers for a [`DocumentDiff`]: the terminal report, JSON Lines messages, and one
//! self-contained HTML page with the two documents side by side.

use std::io::{self, Write};

use serde::Serialize;

use crate::diff::{AgencyChange, DocumentDiff, Edit, Pair, Status, TargetChange};
use crate::model::{Clause, Document, SCHEMA_VERSION};
use crate::output::style::{sanitize, Paint, Painter};

/// A document as the `begin` message names it.
#[derive(Debug, Serialize)]
pub struct DocumentRef<'a> {
    pub source: &'a str,
    pub title: Option<&'a str>,
    pub clauses: usize,
}

impl<'a> DocumentRef<'a> {
    pub fn of(d: &'a Document) -> DocumentRef<'a> {
        DocumentRef {
            source: &d.source,
            title: d.document_title.as_deref().or(d.title.as_deref()),
            clauses: d.clauses.len(),
        }
    }
}

/// One line of `diff --json`: `{"type": …, "data": …}`.
#[derive(Debug, Serialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum Message<'a> {
    Begin {
        schema_version: u32,
        command: &'static str,
        zhengce: &'static str,
        old: DocumentRef<'a>,
        new: DocumentRef<'a>,
    },
    Pair(&'a Pair),
    Chapter(&'a crate::diff::ChapterSummary),
    TargetChange(&'a TargetChange),
    AgencyChange(&'a AgencyChange),
    Summary(&'a crate::diff::Summary),
}

/// `diff --json`: `begin` (with both documents), pairs, chapters, target and agency
/// changes, the summary, and `end` (the messages between, time since `started`), the
/// envelope of every command.
pub fn write_json<W: Write>(
    out: &mut W,
    old: &Document,
    new: &Document,
    d: &DocumentDiff,
    started: std::time::Instant,
) -> io::Result<()> {
    let mut sent = 0usize;
    let mut line = |out: &mut W, m: &Message| {
        sent += 1;
        crate::output::json::write_line(out, m)
    };
    line(
        out,
        &Message::Begin {
            schema_version: SCHEMA_VERSION,
            command: "diff",
            zhengce: env!("CARGO_PKG_VERSION"),
            old: DocumentRef::of(old),
            new: DocumentRef::of(new),
        },
    )?;
    for p in &d.pairs {
        line(out, &Message::Pair(p))?;
    }
    for c in &d.chapters {
        line(out, &Message::Chapter(c))?;
    }
    for t in &d.target_changes {
        line(out, &Message::TargetChange(t))?;
    }
    for a in &d.agency_changes {
        line(out, &Message::AgencyChange(a))?;
    }
    line(out, &Message::Summary(&d.summary))?;
    // `begin` is not counted.
    crate::output::json::write_end(out, "diff", sent - 1, 0, started)
}

fn labels(c: Option<&crate::diff::ClauseRef>) -> String {
    c.map_or_else(|| "—".to_owned(), |c| c.labels.concat())
}

fn counts(map: &std::collections::BTreeMap<&'static str, usize>) -> String {
    map.iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A chapter as a reader names it: its labels and heading, old → new when they differ.
fn chapter_name(c: &crate::diff::ChapterSummary) -> String {
    let name = |r: Option<&crate::diff::ClauseRef>| r.map(|r| r.labels.concat());
    let labels = match (name(c.old.as_ref()), name(c.new.as_ref())) {
        (Some(o), Some(n)) if o != n => format!("{o} → {n}"),
        (Some(o), None) => format!("{o} → —"),
        (None, Some(n)) => format!("— → {n}"),
        (o, n) => n.or(o).unwrap_or_default(),
    };
    match &c.heading {
        Some(h) => format!("{labels} {h}"),
        None => labels,
    }
}

/// Pairs by edit type as a line: `修改 3, 条文新增 1`, unchanged left out.
fn edit_counts(map: &std::collections::BTreeMap<&'static str, usize>) -> String {
    let order = ["条文新增", "条文删除", "修改", "合并", "拆分", "顺序调整"];
    let parts: Vec<String> = order
        .iter()
        .filter_map(|k| map.get(k).map(|n| format!("{k} {n}")))
        .collect();
    if parts.is_empty() {
        "未变".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Pads `s` with spaces to `width` terminal columns (a Chinese char takes two).
fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// `--stat`: a line per chapter (or one for the document) with the number of clauses
/// that changed and a bar of chars inserted (+) and deleted (-), like `git diff --stat`.
pub fn write_stat<W: Write>(
    out: &mut W,
    new: &Document,
    d: &DocumentDiff,
    painter: Painter,
    fit: Option<usize>,
) -> io::Result<()> {
    struct Row {
        name: String,
        changed: usize,
        inserted: usize,
        deleted: usize,
    }
    let changed = |m: &std::collections::BTreeMap<&'static str, usize>| -> usize {
        m.iter()
            .filter(|(k, _)| **k != "未变")
            .map(|(_, n)| n)
            .sum()
    };
    let rows: Vec<Row> = if d.chapters.is_empty() {
        let mut row = Row {
            name: crate::index::short_name(&new.source),
            changed: 0,
            inserted: 0,
            deleted: 0,
        };
        for (p, &(i, del)) in d.pairs.iter().zip(&d.churns) {
            if p.status != Status::Unchanged {
                row.changed += 1;
            }
            row.inserted += i;
            row.deleted += del;
        }
        vec![row]
    } else {
        d.chapters
            .iter()
            .map(|c| Row {
                name: chapter_name(c),
                changed: changed(&c.edit_types),
                inserted: c.inserted,
                deleted: c.deleted,
            })
            .collect()
    };
    let mut name_width = rows
        .iter()
        .map(|r| unicode_width::UnicodeWidthStr::width(sanitize(&r.name).as_str()))
        .max()
        .unwrap_or(0)
        .min(40);
    let mut bar = 40;
    if let Some(limit) = fit {
        // " NAME | 1234 +++---": the name gets at most half of what the frame leaves.
        let room = limit.saturating_sub(" ".len() + " | ".len() + 4 + " ".len());
        name_width = name_width.min(room / 2).max(1);
        bar = bar.min(room.saturating_sub(name_width)).max(1);
    }
    let most = rows
        .iter()
        .map(|r| r.inserted + r.deleted)
        .max()
        .unwrap_or(0);
    for r in &rows {
        let (plus, minus) = if most <= bar {
            (r.inserted, r.deleted)
        } else {
            // Both parts rounded up, so the bar may be one longer: cut the longer part.
            let scale = |n: usize| (n * bar).div_ceil(most);
            let (mut plus, mut minus) = (scale(r.inserted), scale(r.deleted));
            while plus + minus > bar {
                if plus >= minus {
                    plus -= 1;
                } else {
                    minus -= 1;
                }
            }
            (plus, minus)
        };
        let name = crate::output::fit::truncate(&sanitize(&r.name), Some(name_width));
        writeln!(
            out,
            " {} | {:>4} {}{}",
            pad(&name, name_width),
            r.changed,
            painter.paint(Paint::Title, &"+".repeat(plus)),
            painter.paint(Paint::Error, &"-".repeat(minus)),
        )?;
    }
    let (inserted, deleted) = rows
        .iter()
        .fold((0, 0), |(i, d), r| (i + r.inserted, d + r.deleted));
    let mut by_type = std::collections::BTreeMap::new();
    for p in &d.pairs {
        *by_type.entry(p.edit_type).or_insert(0usize) += 1;
    }
    let summary = format!(
        " {} clauses changed ({}), {inserted} chars inserted(+), {deleted} deleted(-)",
        changed(&by_type),
        edit_counts(&by_type)
    );
    for line in crate::output::fit::wrap(&summary, "   ", fit) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The old text with deletions marked `[-…-]` and insertions `{+…+}` where they go, as
/// `git diff --word-diff` does; in colour too when colour is on, so the marks never
/// depend on telling red from green.
pub(crate) fn inline(old_text: &str, edits: &[Edit], painter: Painter) -> String {
    let chars: Vec<char> = old_text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    let take = |s: usize, e: usize| sanitize(&chars[s..e].iter().collect::<String>());
    for e in edits {
        out.push_str(&take(at, e.old.start));
        if !e.old_text.is_empty() {
            let marked = format!("[-{}-]", sanitize(&e.old_text));
            out.push_str(&painter.paint(Paint::Error, &marked));
        }
        if !e.new_text.is_empty() {
            let marked = format!("{{+{}+}}", sanitize(&e.new_text));
            out.push_str(&painter.paint(Paint::Title, &marked));
        }
        at = e.old.end;
    }
    out.push_str(&take(at, chars.len()));
    out.replace('\n', " ")
}

/// What a pair's line says after its labels: the status, how similar the texts are where
/// that means something (not for an added or removed clause, which has nothing to be
/// compared with), and whether a modified clause also moved or was renumbered.
fn pair_detail(p: &crate::diff::Pair) -> String {
    let mut detail = match p.status {
        Status::Added | Status::Removed => p.status.as_str().to_owned(),
        _ => format!("{} {:.2}", p.status.as_str(), p.similarity),
    };
    if p.status == Status::Modified {
        for (flag, name) in [(p.renumbered, "renumbered"), (p.moved, "moved")] {
            if flag {
                detail.push_str(", ");
                detail.push_str(name);
            }
        }
    }
    detail
}

/// Writes `text` wrapped to `fit`, lines after the first indented by `indent`.
fn write_wrapped<W: Write>(
    out: &mut W,
    text: &str,
    indent: &str,
    fit: Option<usize>,
) -> io::Result<()> {
    for line in crate::output::fit::wrap(text, indent, fit) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The terminal report: summary, target and agency changes, then the changed clauses in
/// the new document's order, unchanged ones collapsed unless `all`. With `fit`, every
/// line is wrapped to that many columns.
pub fn write_terminal<W: Write>(
    out: &mut W,
    old: &Document,
    new: &Document,
    d: &DocumentDiff,
    all: bool,
    painter: Painter,
    fit: Option<usize>,
) -> io::Result<()> {
    let name = |doc: &Document| crate::index::short_name(&doc.source);
    let sides = [
        (painter.paint(Paint::Error, "---"), old),
        (painter.paint(Paint::Title, "+++"), new),
    ];
    for (mark, doc) in sides {
        let line = format!(
            "{mark} {}  ({} clauses)",
            sanitize(&name(doc)),
            doc.clauses.len()
        );
        write_wrapped(out, &line, "    ", fit)?;
    }
    write_wrapped(
        out,
        &format!("clauses: {}", counts(&d.summary.statuses)),
        "  ",
        fit,
    )?;
    let mut by_type = std::collections::BTreeMap::new();
    for p in &d.pairs {
        *by_type.entry(p.edit_type).or_insert(0usize) += 1;
    }
    write_wrapped(out, &format!("edits: {}", edit_counts(&by_type)), "  ", fit)?;
    if !d.chapters.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", painter.paint(Paint::Heading, "Chapters"))?;
        for c in &d.chapters {
            let line = format!(
                "  {}: {}",
                sanitize(&chapter_name(c)),
                edit_counts(&c.edit_types)
            );
            write_wrapped(out, &line, "    ", fit)?;
        }
    }
    if !d.summary.targets.is_empty() {
        write_wrapped(
            out,
            &format!("targets: {}", counts(&d.summary.targets)),
            "  ",
            fit,
        )?;
    }
    if !d.summary.agencies.is_empty() {
        write_wrapped(
            out,
            &format!("agencies: {}", counts(&d.summary.agencies)),
            "  ",
            fit,
        )?;
    }
    if !d.target_changes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", painter.paint(Paint::Heading, "Target changes"))?;
        for t in &d.target_changes {
            let old_value = t
                .old
                .as_ref()
                .map_or("—".into(), crate::output::target_value);
            let new_value = t
                .new
                .as_ref()
                .map_or("—".into(), crate::output::target_value);
            let line = format!(
                "  {:<8} {}  {} → {}  ({} → {})",
                t.change,
                sanitize(&t.indicator),
                old_value,
                new_value,
                sanitize(&labels(t.old_clause.as_ref())),
                sanitize(&labels(t.new_clause.as_ref()))
            );
            write_wrapped(out, &line, "           ", fit)?;
        }
    }
    if !d.agency_changes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", painter.paint(Paint::Heading, "Agency changes"))?;
        for a in &d.agency_changes {
            let role = |r: Option<crate::model::AgencyRole>| r.map_or("—", |r| r.as_str());
            let line = format!(
                "  {:<8} {}  {} → {}  ({} → {})",
                a.change,
                sanitize(&a.agency),
                role(a.old_role),
                role(a.new_role),
                sanitize(&labels(a.old_clause.as_ref())),
                sanitize(&labels(a.new_clause.as_ref()))
            );
            write_wrapped(out, &line, "           ", fit)?;
        }
    }
    writeln!(out)?;
    let mut collapsed = 0;
    let flush = |out: &mut W, collapsed: &mut usize| -> io::Result<()> {
        if *collapsed > 0 {
            writeln!(
                out,
                "{}",
                painter.paint(Paint::Dim, &format!("  … {collapsed} unchanged"))
            )?;
            *collapsed = 0;
        }
        Ok(())
    };
    for p in &d.pairs {
        if p.status == Status::Unchanged && !all {
            collapsed += 1;
            continue;
        }
        flush(out, &mut collapsed)?;
        let (mark, paint) = match p.status {
            Status::Added => ("+", Paint::Title),
            Status::Removed => ("-", Paint::Error),
            Status::Unchanged => ("=", Paint::Dim),
            _ => ("~", Paint::Warning),
        };
        let old_labels = side_labels(p.old.as_ref(), &p.old_parts);
        let new_labels = side_labels(p.new.as_ref(), &p.new_parts);
        let line = format!(
            "{} {} {} → {}  {}",
            painter.paint(paint, mark),
            pad(p.edit_type, 8),
            painter.paint(Paint::Label, &sanitize(&old_labels)),
            painter.paint(Paint::Label, &sanitize(&new_labels)),
            painter.paint(Paint::Dim, &format!("({})", pair_detail(p)))
        );
        write_wrapped(out, &line, "    ", fit)?;
        let text = |doc: &Document, i: &[usize]| -> String {
            i.iter()
                .map(|&k| doc.clauses[k].text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let body = match p.status {
            Status::Modified => inline(&old.clauses[p.old_index[0]].text, &p.edits, painter),
            Status::Removed => sanitize(&text(old, &p.old_index)),
            _ => sanitize(&text(new, &p.new_index)),
        };
        write_wrapped(
            out,
            &format!("    {}", body.replace('\n', " ")),
            "    ",
            fit,
        )?;
    }
    flush(out, &mut collapsed)
}

/// HTML text: markup characters as entities, and control, bidi and invisible characters
/// shown as a visible `\u{…}` mark, so a document cannot reorder or hide what the page says.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\t' => out.push(c),
            c if crate::output::style::is_hidden(c) => {
                out.push_str(&format!(
                    "<span class=\"hidden\">\\u{{{:x}}}</span>",
                    c as u32
                ));
            }
            c => out.push(c),
        }
    }
    out
}

/// A clause's text as HTML, with the given char ranges wrapped in `tag`.
fn marked(text: &str, ranges: &[(usize, usize)], tag: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    let mut sorted = ranges.to_vec();
    sorted.sort_unstable();
    for (s, e) in sorted {
        if s < at || s == e {
            continue;
        }
        out.push_str(&escape(&chars[at..s].iter().collect::<String>()));
        out.push_str(&format!(
            "<{tag}>{}</{tag}>",
            escape(&chars[s..e].iter().collect::<String>())
        ));
        at = e;
    }
    out.push_str(&escape(&chars[at..].iter().collect::<String>()));
    out.replace('\n', "<br>")
}

fn cell(doc: &Document, indices: &[usize], ranges: &[(usize, usize)], tag: &str) -> String {
    indices
        .iter()
        .map(|&i| {
            let c: &Clause = &doc.clauses[i];
            let r: &[(usize, usize)] = if indices.len() == 1 { ranges } else { &[] };
            format!(
                "<b>{}</b> {}",
                escape(&c.labels.concat()),
                marked(&c.text, r, tag)
            )
        })
        .collect::<Vec<_>>()
        .join("<hr>")
}

/// The labels of a pair's side, joined parts included.
fn side_labels(one: Option<&crate::diff::ClauseRef>, parts: &[crate::diff::ClauseRef]) -> String {
    if parts.is_empty() {
        labels(one)
    } else {
        parts
            .iter()
            .map(|c| c.labels.concat())
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

/// Which pair (index) opens each chapter summary, to link to it.
fn chapter_rows(d: &DocumentDiff) -> Vec<Option<usize>> {
    d.chapters
        .iter()
        .map(|c| {
            d.pairs.iter().position(|p| {
                let id = |r: Option<&crate::diff::ClauseRef>| r.map(|r| r.id.clone());
                match (&c.new, &c.old) {
                    (Some(n), _) => id(p.new.as_ref()).as_ref() == Some(&n.id),
                    (None, Some(o)) => id(p.old.as_ref()).as_ref() == Some(&o.id),
                    _ => false,
                }
            })
        })
        .collect()
}

const HTML_STYLE: &str = "\
body{font-family:'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif;margin:0;line-height:1.7;color:#222}\
header,section{margin:0 1.5em}\
h1{font-size:1.4em;margin:.8em 0 .2em}h2{font-size:1.15em;margin:1.2em 0 .4em}\
nav{position:sticky;top:0;background:#f7f7f7;border-bottom:1px solid #ccc;padding:.4em 1.5em;font-size:.9em;z-index:1}\
nav a{margin-right:1em;white-space:nowrap}\
table{border-collapse:collapse;width:100%}\
td,th{padding:.35em .6em;vertical-align:top;text-align:left}\
table.facts td,table.facts th{border:1px solid #ddd}\
table.compare{table-layout:fixed}\
table.compare col.kind{width:5.5em}\
table.compare td{border-bottom:1px solid #eee}\
table.compare td.old{border-right:1px solid #ccc}\
table.compare th{position:sticky;top:2.2em;background:#fff;border-bottom:2px solid #999}\
tr.chapter td{background:#eef2f7;font-weight:bold;border-top:2px solid #99a}\
td.kind{font-size:.8em;white-space:nowrap;color:#555}\
td.kind a{color:#999;text-decoration:none}\
tr.未变 td.old,tr.未变 td.new{color:#666}\
tr.条文新增 td.new{background:#eefbe9}tr.条文删除 td.old{background:#fdeeee}\
tr.修改 td.kind,tr.合并 td.kind,tr.拆分 td.kind{color:#a15c00;font-weight:bold}\
tr.条文新增 td.kind{color:#237a1b;font-weight:bold}tr.条文删除 td.kind{color:#a11;font-weight:bold}\
del{background:#fcc;text-decoration:line-through}ins{background:#cfc;text-decoration:none}\
b.label{color:#345}\
.sum{color:#555;font-size:.9em}\
.hidden{color:#a00;background:#fee;font-family:monospace;font-size:.8em}\
@media print{nav,td.kind a{display:none}body{font-size:10pt}table.compare th{position:static}\
tr{break-inside:avoid}header,section{margin:0}}\
@media (max-width:800px){header,section,nav{margin-left:.5em;margin-right:.5em}table.compare col.kind{width:4.2em}td.kind{font-size:.7em}td,th{padding:.25em .3em}}";

/// One self-contained page to send to a colleague: the summary, target and agency changes
/// and a chapter table of contents on top; then both documents in full as two continuous
/// columns (every clause, unchanged ones included, in the new document's order), each row
/// a pair with its edit type, deletions and insertions marked. A bar of links jumps to the
/// chapters; each changed row links to the next change. No scripts, fonts or links
/// outside the page; prints as a plain table.
pub fn write_html<W: Write>(
    out: &mut W,
    old: &Document,
    new: &Document,
    d: &DocumentDiff,
) -> io::Result<()> {
    // A document without a title is named by its file name, not its whole path.
    let title = |doc: &Document| {
        escape(
            &doc.document_title
                .clone()
                .or(doc.title.clone())
                .unwrap_or_else(|| crate::index::short_name(&doc.source)),
        )
    };
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} → {}</title><style>{HTML_STYLE}</style></head><body>",
        title(old),
        title(new)
    )?;
    let rows = chapter_rows(d);
    // The bar of links: summary, changes of substance, chapters.
    write!(out, "<nav><a href=\"#summary\">摘要 summary</a>")?;
    if !d.target_changes.is_empty() || !d.agency_changes.is_empty() {
        write!(
            out,
            "<a href=\"#substance\">目标与部门 targets &amp; agencies</a>"
        )?;
    }
    let changed: Vec<usize> = (0..d.pairs.len())
        .filter(|&k| d.pairs[k].status != Status::Unchanged)
        .collect();
    if let Some(first) = changed.first() {
        write!(out, "<a href=\"#p{first}\">第一处变化 first change</a>")?;
    }
    for (c, row) in d.chapters.iter().zip(&rows) {
        if let Some(k) = row {
            let name = c
                .new
                .as_ref()
                .or(c.old.as_ref())
                .map(|r| r.labels.concat())
                .unwrap_or_default();
            write!(out, "<a href=\"#p{k}\">{}</a>", escape(&name))?;
        }
    }
    writeln!(out, "</nav>")?;

    writeln!(
        out,
        "<header id=\"summary\"><h1>{} → {}</h1>",
        title(old),
        title(new)
    )?;
    writeln!(
        out,
        "<p class=\"sum\">{} ({} clauses) → {} ({} clauses)</p>",
        escape(&old.source),
        old.clauses.len(),
        escape(&new.source),
        new.clauses.len()
    )?;
    let mut by_type = std::collections::BTreeMap::new();
    for p in &d.pairs {
        *by_type.entry(p.edit_type).or_insert(0usize) += 1;
    }
    writeln!(out, "<p>{}.", escape(&edit_counts(&by_type)))?;
    if !d.summary.targets.is_empty() {
        write!(out, " Targets: {}.", escape(&counts(&d.summary.targets)))?;
    }
    if !d.summary.agencies.is_empty() {
        write!(out, " Agencies: {}.", escape(&counts(&d.summary.agencies)))?;
    }
    writeln!(out, "</p></header>")?;

    if !d.target_changes.is_empty() || !d.agency_changes.is_empty() {
        writeln!(out, "<section id=\"substance\">")?;
    }
    if !d.target_changes.is_empty() {
        writeln!(out, "<h2>目标变化 Target changes</h2><table class=\"facts\"><tr><th>change</th><th>indicator</th><th>old</th><th>new</th><th>clauses</th></tr>")?;
        for t in &d.target_changes {
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} → {}</td></tr>",
                t.change,
                escape(&t.indicator),
                escape(
                    &t.old
                        .as_ref()
                        .map_or("—".into(), crate::output::target_value)
                ),
                escape(
                    &t.new
                        .as_ref()
                        .map_or("—".into(), crate::output::target_value)
                ),
                escape(&labels(t.old_clause.as_ref())),
                escape(&labels(t.new_clause.as_ref()))
            )?;
        }
        writeln!(out, "</table>")?;
    }
    if !d.agency_changes.is_empty() {
        writeln!(out, "<h2>部门变化 Agency changes</h2><table class=\"facts\"><tr><th>change</th><th>agency</th><th>old role</th><th>new role</th><th>clauses</th></tr>")?;
        for a in &d.agency_changes {
            let role = |r: Option<crate::model::AgencyRole>| r.map_or("—", |r| r.as_str());
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} → {}</td></tr>",
                a.change,
                escape(&a.agency),
                role(a.old_role),
                role(a.new_role),
                escape(&labels(a.old_clause.as_ref())),
                escape(&labels(a.new_clause.as_ref()))
            )?;
        }
        writeln!(out, "</table>")?;
    }
    if !d.target_changes.is_empty() || !d.agency_changes.is_empty() {
        writeln!(out, "</section>")?;
    }

    if !d.chapters.is_empty() {
        writeln!(
            out,
            "<section><h2>各章 Chapters</h2><table class=\"facts\">"
        )?;
        for (c, row) in d.chapters.iter().zip(&rows) {
            let name = escape(&chapter_name(c));
            let name = match row {
                Some(k) => format!("<a href=\"#p{k}\">{name}</a>"),
                None => name,
            };
            writeln!(
                out,
                "<tr><td>{name}</td><td>{}</td><td class=\"sum\">+{} −{}</td></tr>",
                escape(&edit_counts(&c.edit_types)),
                c.inserted,
                c.deleted
            )?;
        }
        writeln!(out, "</table></section>")?;
    }

    writeln!(
        out,
        "<section><h2>条文对照 Side by side</h2><table class=\"compare\"><colgroup><col class=\"kind\"><col><col></colgroup>\
<thead><tr><th></th><th>{}</th><th>{}</th></tr></thead><tbody>",
        title(old),
        title(new)
    )?;
    let chapter_pairs: std::collections::HashSet<usize> = rows.iter().flatten().copied().collect();
    let mut next_change = changed.iter().copied().peekable();
    for (k, p) in d.pairs.iter().enumerate() {
        while next_change.peek().is_some_and(|&c| c <= k) {
            next_change.next();
        }
        let deleted: Vec<(usize, usize)> =
            p.edits.iter().map(|e| (e.old.start, e.old.end)).collect();
        let inserted: Vec<(usize, usize)> =
            p.edits.iter().map(|e| (e.new.start, e.new.end)).collect();
        let mut kind = escape(p.edit_type);
        if p.status == Status::Modified && (p.renumbered || p.moved) {
            kind.push_str("<br>顺序调整");
        }
        if p.status != Status::Unchanged {
            if let Some(n) = next_change.peek() {
                kind.push_str(&format!(" <a href=\"#p{n}\" title=\"next change\">↓</a>"));
            }
        }
        let class = if chapter_pairs.contains(&k) {
            format!("{} chapter", p.edit_type)
        } else {
            p.edit_type.to_owned()
        };
        writeln!(
            out,
            "<tr id=\"p{k}\" class=\"{class}\" title=\"{}\"><td class=\"kind\">{kind}</td><td class=\"old\">{}</td><td class=\"new\">{}</td></tr>",
            escape(&format!(
                "{} → {}",
                side_labels(p.old.as_ref(), &p.old_parts),
                side_labels(p.new.as_ref(), &p.new_parts)
            )),
            cell(old, &p.old_index, &deleted, "del"),
            cell(new, &p.new_index, &inserted, "ins"),
        )?;
    }
    writeln!(out, "</tbody></table></section></body></html>")
}

/// A Markdown report for notes: the summary, chapters, target and agency changes, then
/// each change with the old text, deletions as ~~struck~~ and insertions in **bold**.
pub fn write_markdown<W: Write>(
    out: &mut W,
    old: &Document,
    new: &Document,
    d: &DocumentDiff,
) -> io::Result<()> {
    // Markdown punctuation in a document's text is kept literal.
    let md = |s: &str| -> String {
        let mut o = String::new();
        for c in sanitize(s).chars() {
            if matches!(
                c,
                '\\' | '*' | '_' | '~' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
            ) {
                o.push('\\');
            }
            o.push(c);
        }
        o.replace('\n', " ")
    };
    let title = |doc: &Document| {
        md(doc
            .document_title
            .as_deref()
            .or(doc.title.as_deref())
            .unwrap_or(&doc.source))
    };
    writeln!(out, "# {} → {}\n", title(old), title(new))?;
    writeln!(
        out,
        "`{}` ({} clauses) → `{}` ({} clauses)\n",
        old.source.replace('`', "'"),
        old.clauses.len(),
        new.source.replace('`', "'"),
        new.clauses.len()
    )?;
    let mut by_type = std::collections::BTreeMap::new();
    for p in &d.pairs {
        *by_type.entry(p.edit_type).or_insert(0usize) += 1;
    }
    writeln!(out, "**{}**\n", edit_counts(&by_type))?;
    if !d.chapters.is_empty() {
        writeln!(out, "## Chapters\n")?;
        for c in &d.chapters {
            writeln!(
                out,
                "- {}: {} (+{} −{} chars)",
                md(&chapter_name(c)),
                edit_counts(&c.edit_types),
                c.inserted,
                c.deleted
            )?;
        }
        writeln!(out)?;
    }
    if !d.target_changes.is_empty() {
        writeln!(out, "## Target changes\n")?;
        for t in &d.target_changes {
            writeln!(
                out,
                "- {} {}: {} → {} ({} → {})",
                t.change,
                md(&t.indicator),
                md(&t
                    .old
                    .as_ref()
                    .map_or("—".into(), crate::output::target_value)),
                md(&t
                    .new
                    .as_ref()
                    .map_or("—".into(), crate::output::target_value)),
                md(&labels(t.old_clause.as_ref())),
                md(&labels(t.new_clause.as_ref()))
            )?;
        }
        writeln!(out)?;
    }
    if !d.agency_changes.is_empty() {
        writeln!(out, "## Agency changes\n")?;
        for a in &d.agency_changes {
            let role = |r: Option<crate::model::AgencyRole>| r.map_or("—", |r| r.as_str());
            writeln!(
                out,
                "- {} {}: {} → {}",
                a.change,
                md(&a.agency),
                role(a.old_role),
                role(a.new_role)
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out, "## Changes\n")?;
    let text = |doc: &Document, i: &[usize]| -> String {
        i.iter()
            .map(|&k| doc.clauses[k].text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for p in d.pairs.iter().filter(|p| p.status != Status::Unchanged) {
        writeln!(
            out,
            "### {} {} → {}\n",
            p.edit_type,
            md(&side_labels(p.old.as_ref(), &p.old_parts)),
            md(&side_labels(p.new.as_ref(), &p.new_parts))
        )?;
        let body = match p.status {
            Status::Modified => {
                let chars: Vec<char> = old.clauses[p.old_index[0]].text.chars().collect();
                let mut s = String::new();
                let mut at = 0;
                for e in &p.edits {
                    s.push_str(&md(&chars[at..e.old.start].iter().collect::<String>()));
                    if !e.old_text.trim().is_empty() {
                        s.push_str(&format!("~~{}~~", md(e.old_text.trim())));
                    }
                    if !e.new_text.trim().is_empty() {
                        s.push_str(&format!("**{}**", md(e.new_text.trim())));
                    }
                    at = e.old.end;
                }
                s.push_str(&md(&chars[at..].iter().collect::<String>()));
                s
            }
            Status::Removed => format!("~~{}~~", md(text(old, &p.old_index).trim())),
            Status::Added => format!("**{}**", md(text(new, &p.new_index).trim())),
            Status::Split | Status::Merged => format!(
                "> {}\n\n{}",
                md(&text(old, &p.old_index)),
                md(&text(new, &p.new_index))
            ),
            _ => md(&text(new, &p.new_index)),
        };
        writeln!(out, "{body}\n")?;
    }
    Ok(())
}
