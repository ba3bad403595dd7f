//! `zhengce show`: one document's units (titles, notice and preamble paragraphs, clauses,
//! set-apart text, …) as a list, or one unit in full (a clause with its agencies and
//! targets), from the index (a document's name, as search prints it) or from a file.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::search::open_index;
use crate::cli::{fail, finish, ColorChoice};
use crate::error::{Error, Source};
use crate::exit_code;
use crate::index::{DocumentSummary, Index, StoredUnit, Unit, UnitKind};
use crate::output::fit::{truncate, wrap};
use crate::output::json;
use crate::output::style::{sanitize, Paint, Painter};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A document's name as search prints it (its file name without extension), a file,
    /// or `-` for standard input.
    #[arg(value_name = "DOCUMENT")]
    pub document: String,
    /// A unit's id as search prints it (a clause's 3.5, notice.2, preamble.1, title) or a
    /// clause's labels (三、（五）); none: the list of units.
    #[arg(value_name = "ID")]
    pub clause: Option<String>,
    /// The index folder (see `zhengce search --help`).
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Print JSON Lines: each unit as search stores it, with its document.
    #[arg(long)]
    pub json: bool,
    /// When to colour.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
}

pub fn run(args: ShowArgs) -> i32 {
    let clauses = match load(&args) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let shown: Vec<&StoredUnit> = match &args.clause {
        None => clauses.iter().collect(),
        Some(wanted) => {
            let folded = crate::normalize::fold_str(wanted);
            let found: Vec<_> = clauses
                .iter()
                .filter(|c| {
                    c.unit.id == *wanted
                        || (!c.unit.labels.is_empty()
                            && crate::normalize::fold_str(&c.unit.labels.concat()) == folded)
                })
                .collect();
            if found.is_empty() {
                crate::cli::report(format_args!(
                    "{}: no unit {wanted} (ids run {} … {})",
                    args.document,
                    clauses.first().map_or("", |c| &c.unit.id),
                    clauses.last().map_or("", |c| &c.unit.id)
                ));
                return exit_code::NO_MATCH;
            }
            found
        }
    };
    let painter = Painter {
        color: !args.json && args.color.use_color(),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let result = (|| {
        if args.json {
            let started = std::time::Instant::now();
            json::write_begin(&mut out, "show")?;
            for c in &shown {
                json::write_message(&mut out, "unit", c)?;
            }
            json::write_end(&mut out, "show", shown.len(), 0, started)?;
        } else if let Some(first) = shown.first() {
            write_document(&mut out, &first.document, painter)?;
            if args.clause.is_some() {
                for c in &shown {
                    write_unit(&mut out, &c.unit, painter)?;
                }
            } else {
                for c in &shown {
                    write_list_line(&mut out, &c.unit, painter)?;
                }
            }
        }
        out.flush()?;
        Ok(false)
    })();
    finish(result, !shown.is_empty())
}

/// The units of the document, in reading order: a file (or `-`, standard input) is read
/// and cut into units as `index` does; a name is looked up in the index. An argument
/// that names no indexed document and looks like a path (a `/` or an extension) is
/// reported as the file it names.
fn load(args: &ShowArgs) -> Result<Vec<StoredUnit>, Error> {
    let path = Path::new(&args.document);
    let source = if args.document == "-" {
        Some(Source::Stdin)
    } else if path.is_file() {
        Some(Source::Path(path.to_path_buf()))
    } else {
        None
    };
    if let Some(source) = source {
        let (doc, units) = crate::index::units_of_source(&source, None)?;
        let summary = DocumentSummary::of(&doc);
        return Ok(units
            .into_iter()
            .map(|unit| StoredUnit {
                document: summary.clone(),
                unit,
            })
            .collect());
    }
    let index = open_index(args.index.clone())?;
    let name = match resolve_name(&index, &args.document) {
        Err(Error::Query(_)) if looks_like_a_path(&args.document) => {
            // Not a name: the file it names is missing (or a folder).
            return crate::read_source(&Source::Path(path.to_path_buf())).and(Err(Error::Query(
                format!("{}: not a document", args.document),
            )));
        }
        other => other?,
    };
    index.guard(|| {
        let searcher = index.reader()?.searcher();
        let units = index.document_units(&searcher, &name)?;
        // Two files of one name (a/plan.txt, b/plan.txt) are two documents: say which,
        // never show one of them, or both mixed, as if it were the one asked for.
        let mut sources: Vec<&str> = units.iter().map(|u| u.document.source.as_str()).collect();
        sources.dedup();
        if sources.len() > 1 {
            return Err(Error::Query(format!(
                "'{name}' names {} documents: {}; give the file's path instead",
                sources.len(),
                sources.join(", ")
            )));
        }
        Ok(units)
    })
}

/// Whether a DOCUMENT argument is written as a path rather than a name: it has a `/` or
/// an extension (`plan.txt`).
fn looks_like_a_path(argument: &str) -> bool {
    let path = Path::new(argument);
    argument.contains(std::path::MAIN_SEPARATOR)
        || argument.contains('/')
        || path.extension().is_some()
}

/// The one indexed document name `wanted` names: itself, or the only name containing it.
pub(crate) fn resolve_name(index: &Index, wanted: &str) -> Result<String, Error> {
    let searcher = index.reader()?.searcher();
    // The exact name is one term to look up; listing every name (a sorted set of 80,000
    // at 1 GB) was two thirds of `similar DOC ID`'s time.
    let exact = tantivy::Term::from_field_text(index.fields.doc, wanted);
    if searcher.doc_freq(&exact).map_err(|e| index.error(e))? > 0 {
        return Ok(wanted.to_owned());
    }
    let names = index.terms_of(&searcher, index.fields.doc)?;
    let lower = wanted.to_lowercase();
    let close: Vec<&String> = names
        .iter()
        .filter(|n| n.to_lowercase().contains(&lower))
        .collect();
    match close.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::Query(format!(
            "no indexed document is named '{wanted}' (`zhengce search` prints the names)"
        ))),
        many => Err(Error::Query(format!(
            "'{wanted}' names {} documents: {}",
            many.len(),
            many.iter()
                .take(5)
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn write_document<W: Write>(
    out: &mut W,
    doc: &DocumentSummary,
    painter: Painter,
) -> io::Result<()> {
    let fit = crate::output::terminal_width();
    let title = sanitize(doc.title.as_deref().unwrap_or(&doc.name));
    for line in wrap(&title, "", fit) {
        writeln!(out, "{}", painter.paint(Paint::Title, &line))?;
    }
    let facts: Vec<String> = [
        Some(doc.name.clone()),
        doc.doc_number.clone(),
        doc.issuer.clone(),
        doc.date.clone(),
        doc.status.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    for line in wrap(&sanitize(&facts.join(" · ")), "", fit) {
        writeln!(out, "{}", painter.paint(Paint::Dim, &line))?;
    }
    writeln!(out)
}

/// One line of a document's list of units: a clause by its label, heading and id
/// (indented by level), another unit by its id and the start of its text.
fn write_list_line<W: Write>(out: &mut W, unit: &Unit, painter: Painter) -> io::Result<()> {
    if unit.kind == UnitKind::Clause {
        let indent = "  ".repeat(unit.level.saturating_sub(1));
        let heading = unit.heading.as_deref().unwrap_or("");
        let line = format!(
            "{indent}{} {}  {}",
            painter.paint(
                Paint::Label,
                &sanitize(&unit.labels.last().cloned().unwrap_or_default())
            ),
            painter.paint(Paint::Heading, &sanitize(heading)),
            painter.paint(Paint::Dim, &unit.id)
        );
        return writeln!(out, "{}", truncate(&line, crate::output::terminal_width()));
    }
    const PREVIEW_CHARS: usize = 30;
    let mut preview: String = unit.text.chars().take(PREVIEW_CHARS).collect();
    if unit.text.chars().count() > PREVIEW_CHARS {
        preview.push('…');
    }
    let line = format!(
        "{} {}",
        painter.paint(Paint::Dim, &format!("[{}]", place(unit))),
        sanitize(&preview.replace('\n', " "))
    );
    writeln!(out, "{}", truncate(&line, crate::output::terminal_width()))
}

/// A unit's id, with why it was set apart for excluded text.
fn place(unit: &Unit) -> String {
    match unit.reason {
        Some(r) => format!("{} {}", unit.id, crate::cli::search::excluded_reason(r)),
        None => unit.id.clone(),
    }
}

fn write_unit<W: Write>(out: &mut W, clause: &Unit, painter: Painter) -> io::Result<()> {
    let fit = crate::output::terminal_width();
    if clause.kind == UnitKind::Clause {
        writeln!(
            out,
            "{}  {}",
            painter.paint(Paint::Label, &sanitize(&clause.labels.concat())),
            painter.paint(Paint::Dim, &format!("[{}]", clause.id))
        )?;
    } else {
        writeln!(
            out,
            "{}",
            painter.paint(Paint::Dim, &format!("[{}]", place(clause)))
        )?;
    }
    for paragraph in clause.text.split('\n') {
        for line in wrap(&sanitize(paragraph), "", fit) {
            writeln!(out, "{line}")?;
        }
    }
    if !clause.agencies.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", painter.paint(Paint::Heading, "Agencies"))?;
        for a in &clause.agencies {
            let canonical = a
                .successor
                .as_ref()
                .or(a.canonical.as_ref())
                .filter(|c| **c != a.name)
                .map(|c| format!(" → {c}"))
                .unwrap_or_default();
            let line = format!(
                "  {:<12} {}{}",
                a.role.as_str(),
                sanitize(&a.name),
                sanitize(&canonical)
            );
            for line in wrap(&line, "                ", fit) {
                writeln!(out, "{line}")?;
            }
        }
    }
    if !clause.targets.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", painter.paint(Paint::Heading, "Targets"))?;
        for t in &clause.targets {
            let line = format!(
                "  {}  {}",
                sanitize(&t.indicator),
                crate::output::target_value(t)
            );
            for line in wrap(&line, "    ", fit) {
                writeln!(out, "{line}")?;
            }
        }
    }
    writeln!(out)
}
