//! `zhengce show`: one document's clause list, or one clause in full with its agencies and
//! targets, from the index (a document's name, as search prints it) or from a file.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use crate::cli::search::open_index;
use crate::cli::{fail, finish, ColorChoice};
use crate::error::Error;
use crate::exit_code;
use crate::index::{DocumentSummary, Index, StoredClause, KIND_CLAUSE};
use crate::model::Clause;
use crate::output::json;
use crate::output::style::{sanitize, Paint, Painter};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A document's name as search prints it (its file name without extension), or a file.
    #[arg(value_name = "DOCUMENT")]
    pub document: String,
    /// A clause id (3.5) or its labels (三、（五）); none: the list of clauses.
    #[arg(value_name = "CLAUSE")]
    pub clause: Option<String>,
    /// The index folder (see `zhengce search --help`).
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Print JSON Lines: each clause as search stores it, with its document.
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
    let shown: Vec<&StoredClause> = match &args.clause {
        None => clauses.iter().collect(),
        Some(wanted) => {
            let folded = crate::normalize::fold_str(wanted);
            let found: Vec<_> = clauses
                .iter()
                .filter(|c| {
                    c.clause.id == *wanted
                        || crate::normalize::fold_str(&c.clause.labels.concat()) == folded
                })
                .collect();
            if found.is_empty() {
                crate::cli::report(format_args!(
                    "{}: no clause {wanted} (ids run {} … {})",
                    args.document,
                    clauses.first().map_or("", |c| &c.clause.id),
                    clauses.last().map_or("", |c| &c.clause.id)
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
            for c in &shown {
                json::write_line(&mut out, c)?;
            }
        } else if let Some(first) = shown.first() {
            write_document(&mut out, &first.document, painter)?;
            if args.clause.is_some() {
                for c in &shown {
                    write_clause(&mut out, &c.clause, painter)?;
                }
            } else {
                for c in &shown {
                    let indent = "  ".repeat(c.clause.level.saturating_sub(1));
                    let heading = c.clause.heading.as_deref().unwrap_or("");
                    writeln!(
                        out,
                        "{indent}{} {}  {}",
                        painter.paint(
                            Paint::Label,
                            &c.clause.labels.last().cloned().unwrap_or_default()
                        ),
                        painter.paint(Paint::Heading, heading),
                        painter.paint(Paint::Dim, &c.clause.id)
                    )?;
                }
            }
        }
        out.flush()?;
        Ok(false)
    })();
    finish(result, !shown.is_empty())
}

/// The clauses of the document, in document order.
fn load(args: &ShowArgs) -> Result<Vec<StoredClause>, Error> {
    let path = Path::new(&args.document);
    if path.is_file() {
        let doc = crate::parse_file(path, None)?;
        let summary = DocumentSummary::of(&doc);
        return Ok(doc
            .clauses
            .into_iter()
            .map(|clause| StoredClause {
                document: summary.clone(),
                clause,
            })
            .collect());
    }
    let index = open_index(args.index.clone())?;
    let name = resolve_name(&index, &args.document)?;
    let searcher = index.reader()?.searcher();
    let f = index.fields;
    let term = |field, text: &str| -> Box<dyn tantivy::query::Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let of_document =
        BooleanQuery::intersection(vec![term(f.doc, &name), term(f.kind, KIND_CLAUSE)]);
    let found = searcher
        .search(&of_document, &DocSetCollector)
        .map_err(|e| index.error(e))?;
    let mut clauses = Vec::new();
    for address in found {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.error(e))?;
        clauses.push(index.stored(&doc)?);
    }
    clauses.sort_by_key(|c| (c.document.source.clone(), c.clause.span.start));
    Ok(clauses)
}

/// The one indexed document name `wanted` names: itself, or the only name containing it.
fn resolve_name(index: &Index, wanted: &str) -> Result<String, Error> {
    let searcher = index.reader()?.searcher();
    let names = index.terms_of(&searcher, index.fields.doc)?;
    if names.contains(wanted) {
        return Ok(wanted.to_owned());
    }
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
    writeln!(
        out,
        "{}",
        painter.paint(Paint::Title, doc.title.as_deref().unwrap_or(&doc.name))
    )?;
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
    writeln!(out, "{}", painter.paint(Paint::Dim, &facts.join(" · ")))?;
    writeln!(out)
}

fn write_clause<W: Write>(out: &mut W, clause: &Clause, painter: Painter) -> io::Result<()> {
    writeln!(
        out,
        "{}  {}",
        painter.paint(Paint::Label, &clause.labels.concat()),
        painter.paint(Paint::Dim, &format!("[{}]", clause.id))
    )?;
    for paragraph in clause.text.split('\n') {
        writeln!(out, "{}", sanitize(paragraph))?;
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
            writeln!(
                out,
                "  {:<12} {}{}",
                a.role.as_str(),
                sanitize(&a.name),
                canonical
            )?;
        }
    }
    if !clause.targets.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", painter.paint(Paint::Heading, "Targets"))?;
        for t in &clause.targets {
            writeln!(
                out,
                "  {}  {}",
                sanitize(&t.indicator),
                crate::output::target_value(t)
            )?;
        }
    }
    writeln!(out)
}
